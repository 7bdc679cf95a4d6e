import type { Service } from '../model/k8s.ts';
import { describeService } from '../printers/describe/config.ts';
import { ageColumn, col, namespacePods, nameColumn, objectEvents, RW_NO_COLLECTION } from './common.ts';
import type { KindDef } from './types.ts';
import { formatLabelMap } from '../k8s/labels.ts';

const ports = (s: Service) =>
  ((s.spec?.ports ?? []) as { port: number; protocol?: string; nodePort?: number }[]).map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`).join(',') || '<none>';


/** core/v1 Service. */
export const service: KindDef<Service> = {
  kind: 'Service', plural: 'services', singular: 'service', shortNames: ['svc'], categories: ['all'], group: '', version: 'v1', namespaced: true, verbs: RW_NO_COLLECTION,
  table: (s) => s.services,
  columns: [
    nameColumn,
    col<Service>('TYPE', (s) => s.spec?.type ?? 'ClusterIP'),
    col<Service>('CLUSTER-IP', (s) => s.spec?.clusterIP || '<none>'),
    col<Service>('EXTERNAL-IP', () => '<none>'),
    col<Service>('PORT(S)', ports),
    ageColumn,
    col<Service>('SELECTOR', (s) => formatLabelMap(s.spec?.selector) || '<none>', true),
  ],
  related: (s, svc, showEvents) => ({ events: objectEvents(s, svc, showEvents), pods: namespacePods(s, svc) }),
  describe: describeService,
};
