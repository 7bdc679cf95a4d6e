import type { ConfigMap } from '../model/k8s.ts';
import { describeConfigMap } from '../printers/describe/config.ts';
import { ageColumn, col, eventsOnly, nameColumn, RW } from './common.ts';
import type { KindDef } from './types.ts';

/** DATA: the number of keys in data and binaryData (ConfigMap and Secret). */
export const dataCount = (o: { data?: Record<string, string>; binaryData?: Record<string, string> }) =>
  String(Object.keys(o.data ?? {}).length + Object.keys(o.binaryData ?? {}).length);

/** core/v1 ConfigMap. */
export const configMap: KindDef<ConfigMap> = {
  kind: 'ConfigMap', plural: 'configmaps', singular: 'configmap', shortNames: ['cm'], group: '', version: 'v1', namespaced: true, verbs: RW,
  table: (s) => s.configMaps,
  columns: [nameColumn, col<ConfigMap>('DATA', dataCount), ageColumn],
  related: eventsOnly,
  describe: describeConfigMap,
  writable: { patch: true },
};
