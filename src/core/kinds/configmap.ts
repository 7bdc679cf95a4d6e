import type { ConfigMap } from '../model/k8s.ts';
import type { ClusterState } from '../model/state.ts';
import { nextRandom, seeded } from '../sim/rng.ts';
import { peekValues } from '../sim/peek.ts';
import { describeConfigMap } from '../printers/describe/config.ts';
import { ageColumn, col, ensureDefault, eventsOnly, nameColumn, RW } from './common.ts';
import { BOOL, mapOf, objectFields, STRING } from './fields.ts';
import type { KindDef } from './types.ts';

/** DATA: the number of keys in data and binaryData (ConfigMap and Secret). */
export const dataCount = (o: { data?: Record<string, string>; binaryData?: Record<string, string> }) =>
  String(Object.keys(o.data ?? {}).length + Object.keys(o.binaryData ?? {}).length);

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

// The controller runs on every reconcile for every namespace; the PEM depends on the name alone.
const caPems = new Map<string, string>();

/** The cluster CA as a PEM block: a stable stand-in per cluster (the bytes are never parsed). */
function clusterCaPem(clusterName: string): string {
  const known = caPems.get(clusterName);
  if (known) return known;
  const r = seeded(`ca/${clusterName}`);
  let body = 'MIIDBTCCAe2gAwIBAgI';
  while (body.length < 1068) body += B64[Math.floor(nextRandom(r) * 64)];
  body += '=';
  const lines = body.match(/.{1,64}/g)!;
  const pem = `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
  caPems.set(clusterName, pem);
  return pem;
}

/** The root-ca-cert-publisher: every namespace gets `kube-root-ca.crt` with the cluster CA, as service account token volumes mount it. */
function publishRootCa(state: ClusterState): void {
  // Read as stored (no draft per namespace): this runs after every change.
  for (const ns of peekValues(state.namespaces)) {
    if (Object.hasOwn(state.configMaps, `${ns.metadata.name}/kube-root-ca.crt`)) continue;
    ensureDefault(state, configMap, {
      apiVersion: 'v1', kind: 'ConfigMap',
      metadata: {
        name: 'kube-root-ca.crt', namespace: ns.metadata.name, uid: '', creationTimestamp: ns.metadata.creationTimestamp,
        annotations: { 'kubernetes.io/description': 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.' },
      },
      data: { 'ca.crt': clusterCaPem(state.clusterName) },
    });
  }
}

/** core/v1 ConfigMap. */
export const configMap: KindDef<ConfigMap> = {
  kind: 'ConfigMap', plural: 'configmaps', singular: 'configmap', shortNames: ['cm'], group: '', version: 'v1', namespaced: true, verbs: RW,
  table: (s) => s.configMaps,
  columns: [nameColumn, col<ConfigMap>('DATA', dataCount), ageColumn],
  related: eventsOnly,
  describe: describeConfigMap,
  writable: { patch: true },
  fields: objectFields('ConfigMap', { data: mapOf(STRING), binaryData: mapOf(STRING), immutable: BOOL }),
  reconcile: publishRootCa,
};
