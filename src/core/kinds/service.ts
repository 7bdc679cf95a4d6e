import type { Service } from '../model/k8s.ts';
import { describeService } from '../printers/describe/config.ts';
import { ageColumn, col, namespacePods, nameColumn, objectEvents, RW_NO_COLLECTION } from './common.ts';
import type { KindDef } from './types.ts';
import { formatLabelMap } from '../k8s/labels.ts';
import type { ClusterState } from '../model/state.ts';
import { hashString } from '../sim/rng.ts';

const ports = (s: Service) =>
  ((s.spec?.ports ?? []) as { port: number; protocol?: string; nodePort?: number }[]).map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`).join(',') || '<none>';


/**
 * The EXTERNAL-IP column as kubectl's printer fills it (getServiceExternalIP, 1.33): the
 * ExternalName for an alias, the load balancer's ingress addresses (`<pending>` until one is
 * assigned) plus any externalIPs, else the externalIPs or `<none>`.
 */
function externalIP(s: Service): string {
  const spec = (s.spec ?? {}) as Service['spec'] & { externalName?: string; externalIPs?: string[] };
  const ips = spec.externalIPs ?? [];
  if ((spec.type as string) === 'ExternalName') return spec.externalName ?? '<none>';
  if (spec.type === 'LoadBalancer') {
    const ingress = ((s.status as { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } } | undefined)?.loadBalancer?.ingress ?? []).map((i) => i.ip || i.hostname || '');
    const all = [...ingress.filter(Boolean), ...ips];
    return all.length ? all.join(',') : '<pending>';
  }
  return ips.length ? ips.join(',') : '<none>';
}

/** core/v1 Service. */
export const service: KindDef<Service> = {
  kind: 'Service', plural: 'services', singular: 'service', shortNames: ['svc'], categories: ['all'], group: '', version: 'v1', namespaced: true, verbs: RW_NO_COLLECTION,
  table: (s) => s.services,
  columns: [
    nameColumn,
    col<Service>('TYPE', (s) => s.spec?.type ?? 'ClusterIP'),
    col<Service>('CLUSTER-IP', (s) => s.spec?.clusterIP || '<none>'),
    col<Service>('EXTERNAL-IP', externalIP),
    col<Service>('PORT(S)', ports),
    ageColumn,
    col<Service>('SELECTOR', (s) => formatLabelMap(s.spec?.selector) || '<none>', true),
  ],
  related: (s, svc, showEvents) => ({ events: objectEvents(s, svc, showEvents), pods: namespacePods(s, svc) }),
  describe: describeService,
  writable: { patch: true, delete: true },
  admit: admitService,
};

/** A free address in kube-apiserver's default service CIDR 10.96.0.0/12, drawn from the Service's name (the allocator picks at random). */
function allocateClusterIP(state: ClusterState, seed: string): string {
  const used = new Set(Object.values(state.services).map((s) => s.spec?.clusterIP));
  for (let i = 0; ; i++) {
    const h = hashString(`${seed}#${i}`);
    // Skip .0 and the first ten addresses (10.96.0.1 and 10.96.0.10 are the kubernetes and DNS Services).
    const offset = 16 + (h % ((1 << 20) - 32));
    const ip = `10.${96 + (offset >> 16)}.${(offset >> 8) & 255}.${offset & 255}`;
    if (!used.has(ip) && (offset & 255) !== 0 && (offset & 255) !== 255) return ip;
  }
}

/** A free port in the default NodePort range 30000-32767. */
function allocateNodePort(state: ClusterState, seed: string): number {
  const used = new Set(Object.values(state.services).flatMap((s) => (s.spec?.ports ?? []).map((p) => (p as { nodePort?: number }).nodePort)));
  for (let i = 0; ; i++) {
    const port = 30000 + (hashString(`${seed}#${i}`) % 2768);
    if (!used.has(port)) return port;
  }
}

/**
 * What the API server fills in on a new core/v1 Service (SetDefaults_Service and the IP and port
 * allocators, 1.33): type ClusterIP, a cluster IP from the service CIDR (unless headless `None` or ExternalName),
 * single-stack IPv4, sessionAffinity None, internalTrafficPolicy Cluster, each port's protocol TCP
 * and targetPort its port; NodePort and LoadBalancer Services get node ports and
 * externalTrafficPolicy Cluster.
 */
function admitService(svc: Service, state: ClusterState): void {
  const spec = (svc.spec ??= { type: 'ClusterIP', clusterIP: '', ports: [] }) as Service['spec'] & Record<string, unknown>;
  spec.type ??= 'ClusterIP';
  const seed = `service/${svc.metadata.namespace}/${svc.metadata.name}`;
  // An ExternalName Service is a DNS alias: no cluster IP, no IP families, no traffic policy.
  const alias = (spec.type as string) === 'ExternalName';
  if (!alias) {
    if (!spec.clusterIP) spec.clusterIP = allocateClusterIP(state, seed);
    spec.clusterIPs ??= [spec.clusterIP];
    spec.ipFamilies ??= ['IPv4'];
    spec.ipFamilyPolicy ??= 'SingleStack';
  }
  spec.sessionAffinity ??= 'None';
  if (!alias) spec.internalTrafficPolicy ??= 'Cluster';
  if (spec.ports) spec.ports = spec.ports.map((p, i) => {
    const port: Service['spec']['ports'][number] & { nodePort?: number } = { ...p, protocol: p.protocol ?? 'TCP', targetPort: p.targetPort ?? p.port };
    if ((spec.type === 'NodePort' || spec.type === 'LoadBalancer') && port.nodePort === undefined) port.nodePort = allocateNodePort(state, `${seed}/${i}`);
    return port;
  });
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') spec.externalTrafficPolicy ??= 'Cluster';
  if (spec.type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts ??= true;
  (svc as { status?: unknown }).status ??= { loadBalancer: {} };
}
