import type { KubeObject, Service } from '../model/k8s.ts';
import type { ClusterState } from '../model/state.ts';
import { keyOf } from '../model/state.ts';
import { endpointsLine } from '../printers/describe/config.ts';
import { describeEvents } from '../printers/describe/events.ts';
import type { Related } from '../printers/describe/types.ts';
import { describeWith, printAnnotations, printLabels } from '../printers/describe/writer.ts';
import { ageColumn, col, nameColumn, objectEvents, objectTable, RW } from './common.ts';
import { serviceEndpoints } from './endpointslice.ts';
import type { KindDef } from './types.ts';

/** An Ingress backend: a Service and one of its ports (by number or name). */
export interface IngressBackend { service?: { name: string; port: { number?: number; name?: string } } }

/** networking.k8s.io/v1 Ingress. */
export interface Ingress extends KubeObject {
  kind: 'Ingress';
  spec: {
    ingressClassName?: string;
    defaultBackend?: IngressBackend;
    tls?: { hosts?: string[]; secretName?: string }[];
    rules?: { host?: string; http?: { paths: { path?: string; pathType: string; backend: IngressBackend }[] } }[];
  };
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } };
}

/** kube-apiserver's ADDRESS cell: the load balancer's IPs or host names, sorted, clipped to 16 bytes unless wide. */
function address(ing: Ingress, wide: boolean): string {
  const all = [...new Set((ing.status?.loadBalancer?.ingress ?? []).map((i) => i.ip || i.hostname || '').filter(Boolean))].sort();
  const text = all.join(',');
  return !wide && text.length > 16 ? `${text.slice(0, 13)}...` : text;
}

/** HOSTS: the rules' hosts, at most three then `+ N more...` (counting every rule), `*` when none names one. */
function hosts(ing: Ingress): string {
  const rules = ing.spec.rules ?? [];
  const named = rules.map((r) => r.host).filter((h): h is string => !!h).slice(0, 3);
  if (!named.length) return '*';
  return rules.length > 3 ? `${named.join(',')} + ${rules.length - 3} more...` : named.join(',');
}

const backendName = (b: IngressBackend) => (b.service ? `${b.service.name}:${b.service.port.number ?? b.service.port.name}` : '');

/** What `kubectl describe ingress` prints for one backend: the Service's ready endpoints on the port, or the error it met. */
function describeBackend(state: ClusterState, ns: string, b: IngressBackend): string {
  const name = b.service?.name ?? '';
  const key = keyOf(ns, name);
  const svc: Service | undefined = Object.hasOwn(state.services, key) ? state.services[key] : undefined;
  if (!svc) return `${backendName(b)} (<error: services "${name}" not found>)`;
  const port = (svc.spec.ports ?? []).find((p) => (b.service!.port.number ? p.port === b.service!.port.number : p.name === b.service!.port.name));
  const slice = serviceEndpoints(state, svc);
  const target = slice?.ports.find((p) => p.name === (port?.name ?? ''));
  const ready = (slice?.endpoints ?? []).map((e) => ({ ip: e.addresses[0], ready: e.conditions.ready }));
  const line = target ? endpointsLine(ready, target.port) : '';
  return `${backendName(b)} (${line || '<none>'})`;
}

/** `kubectl describe ingress` (networking.k8s.io/v1), as kubectl 1.33 prints it. */
function describeIngress(ing: Ingress, related: Related, now: number): string {
  const look = (b: IngressBackend) => related.lookups?.[backendName(b)] ?? backendName(b);
  return describeWith((w) => {
    w.write(0, `Name:\t${ing.metadata.name}\n`);
    printLabels(w, 'Labels', ing.metadata.labels);
    w.write(0, `Namespace:\t${ing.metadata.namespace ?? ''}\n`);
    w.write(0, `Address:\t${address(ing, true)}\n`);
    w.write(0, `Ingress Class:\t${ing.spec.ingressClassName ?? '<none>'}\n`);
    const fallback = ing.spec.defaultBackend ? look(ing.spec.defaultBackend) : '<default>';
    w.write(0, `Default backend:\t${fallback}\n`);
    if (ing.spec.tls?.length) {
      w.write(0, 'TLS:\n');
      for (const t of ing.spec.tls) w.write(1, t.secretName ? `${t.secretName} terminates ${(t.hosts ?? []).join(',')}\n` : `SNI routes ${(t.hosts ?? []).join(',')}\n`);
    }
    w.write(0, 'Rules:\n  Host\tPath\tBackends\n');
    w.write(1, '----\t----\t--------\n');
    const withHttp = (ing.spec.rules ?? []).filter((r) => r.http);
    for (const r of withHttp) {
      w.write(1, `${r.host || '*'}\t\n`);
      for (const p of r.http!.paths) w.write(2, `\t${p.path ?? ''} \t${look(p.backend)}\n`);
    }
    if (!withHttp.length) w.write(1, `*\t*\t${fallback}\n`);
    printAnnotations(w, 'Annotations', ing.metadata.annotations);
    if (related.events) describeEvents(w, related.events, now);
  });
}

/** networking.k8s.io/v1 Ingress: routes HTTP hosts and paths to Services (no controller modelled: its address is as written). */
export const ingress: KindDef<Ingress> = {
  kind: 'Ingress', plural: 'ingresses', singular: 'ingress', shortNames: ['ing'], group: 'networking.k8s.io', version: 'v1', namespaced: true, verbs: RW,
  table: objectTable<Ingress>('ingresses'),
  columns: [
    nameColumn,
    col<Ingress>('CLASS', (i) => i.spec.ingressClassName ?? '<none>'),
    col<Ingress>('HOSTS', hosts),
    col<Ingress>('ADDRESS', (i) => address(i, false)),
    col<Ingress>('PORTS', (i) => (i.spec.tls?.length ? '80, 443' : '80')),
    ageColumn,
  ],
  related: (state, ing, showEvents) => {
    const backends = [ing.spec.defaultBackend, ...(ing.spec.rules ?? []).flatMap((r) => r.http?.paths.map((p) => p.backend) ?? [])].filter((b): b is IngressBackend => !!b?.service);
    return { events: objectEvents(state, ing, showEvents), lookups: Object.fromEntries(backends.map((b) => [backendName(b), describeBackend(state, ing.metadata.namespace ?? 'default', b)])) };
  },
  describe: describeIngress,
  writable: { patch: true, delete: true },
};
