import type { ClusterState } from '../../../../model/state.ts';
import type { CommandResult } from '../../../types.ts';
import { apiRequest, commitLatencyMs } from '../../../../sim/etcd/latency.ts';
import { apiVersionOf, getObject, KINDS, listObjects } from '../../../../kinds/registry.ts';
import type { KindDef } from '../../../../kinds/types.ts';

/** kube-apiserver's post-start hooks, in the order its /readyz?verbose lists them (1.31). */
const POST_START_HOOKS = [
  'start-apiserver-admission-initializer', 'generic-apiserver-start-informers', 'priority-and-fairness-config-consumer',
  'priority-and-fairness-filter', 'storage-object-count-tracker-hook', 'start-apiextensions-informers', 'start-apiextensions-controllers',
  'crd-informer-synced', 'start-service-ip-repair-controllers', 'rbac/bootstrap-roles', 'scheduling/bootstrap-system-priority-classes',
  'priority-and-fairness-config-producer', 'start-system-namespaces-controller', 'bootstrap-controller',
  'start-cluster-authentication-info-controller', 'start-kube-apiserver-identity-lease-controller',
  'start-kube-apiserver-identity-lease-garbage-collector', 'start-legacy-token-tracking-controller', 'aggregator-reload-proxy-client-cert',
  'start-kube-aggregator-informers', 'apiservice-status-local-available-controller', 'apiservice-status-remote-available-controller',
  'apiservice-registration-controller', 'apiservice-discovery-controller', 'kube-apiserver-autoregistration',
];

/** The checks of one health endpoint, in the API server's order; `etcd` fails while etcd does not answer. */
function healthChecks(endpoint: 'healthz' | 'livez' | 'readyz'): string[] {
  const hooks = POST_START_HOOKS.map((h) => `poststarthook/${h}`);
  const tail = ['autoregister-completion', 'poststarthook/apiservice-openapi-controller', 'poststarthook/apiservice-openapiv3-controller'];
  if (endpoint === 'readyz') return ['ping', 'log', 'etcd', 'etcd-readiness', 'informer-sync', ...hooks, ...tail, 'shutdown'];
  return ['ping', 'log', 'etcd', ...hooks, ...tail];
}

/** A URL query as the API server reads it: each `key[=value]` pair, in order (values not needed beyond `exclude`). */
interface Query { has(key: string): boolean; getAll(key: string): string[] }
function parseQuery(text: string): Query {
  const pairs = text.split('&').filter((p) => p !== '').map((p) => {
    const eq = p.indexOf('=');
    const dec = (s: string) => { try { return decodeURIComponent(s.replace(/\+/g, ' ')); } catch { return s; } };
    return eq < 0 ? [dec(p), ''] : [dec(p.slice(0, eq)), dec(p.slice(eq + 1))];
  });
  return { has: (k) => pairs.some(([x]) => x === k), getAll: (k) => pairs.filter(([x]) => x === k).map(([, v]) => v) };
}

const notFound = (): CommandResult => ({ stdout: '', stderr: 'Error from server (NotFound): the server could not find the requested resource\n', exitCode: 1 });

/**
 * The body of a health endpoint as k8s.io/apiserver's healthz handler writes it: `ok`, or with
 * `?verbose` one `[+]check ok` line per check and `NAME check passed`. A failing check (etcd
 * not answering) is a 500, which kubectl reports as an InternalError quoting the body.
 */
function health(state: ClusterState, endpoint: 'healthz' | 'livez' | 'readyz', query: Query): CommandResult {
  const etcdDown = apiRequest(state, 'read').error !== undefined;
  const excluded = new Set(query.getAll('exclude'));
  const checks = healthChecks(endpoint).filter((c) => !excluded.has(c));
  const failed = checks.filter((c) => etcdDown && (c === 'etcd' || c === 'etcd-readiness'));
  const verbose = query.has('verbose');
  if (failed.length === 0) {
    if (!verbose) return { stdout: 'ok', stderr: '', exitCode: 0 };
    return { stdout: checks.map((c) => `[+]${c} ok\n`).join('') + `${endpoint} check passed\n`, stderr: '', exitCode: 0 };
  }
  // The handler always lists the checks in the error body; the reason stays withheld from clients.
  const body = checks.map((c) => (failed.includes(c) ? `[-]${c} failed: reason withheld\n` : `[+]${c} ok\n`)).join('') + `${endpoint} check failed`;
  return { stdout: '', stderr: `Error from server (InternalError): an error on the server (${JSON.stringify(body)}) has prevented the request from succeeding\n`, exitCode: 1 };
}

/** Prometheus bucket bounds of etcd_request_duration_seconds (apiserver, 1.31), seconds. */
const ETCD_BUCKETS = [0.005, 0.025, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 1, 1.25, 1.5, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30, 45, 60];

/**
 * A slice of kube-apiserver's /metrics in the Prometheus text format: stored objects per resource,
 * and etcd request latency whose buckets show the commit latency the simulated etcd has now.
 */
function metrics(state: ClusterState): string {
  const lines: string[] = [
    '# HELP apiserver_storage_objects [STABLE] Number of stored objects at the time of last check split by kind. In case of a fetching error, the value will be -1.',
    '# TYPE apiserver_storage_objects gauge',
  ];
  for (const k of [...KINDS].filter((t) => t.table).sort((a, b) => (a.plural < b.plural ? -1 : 1))) {
    const resource = k.group ? `${k.plural}.${k.group}` : k.plural;
    lines.push(`apiserver_storage_objects{resource="${resource}"} ${listObjects(state, k, undefined).length}`);
  }
  const commit = commitLatencyMs(state);
  const latencyS = (commit === undefined ? 7000 : commit) / 1000;
  const count = 1000 + (Math.floor(state.now / 1000) % 100000);
  lines.push(
    '# HELP etcd_request_duration_seconds [ALPHA] Etcd request latency in seconds for each operation and object type.',
    '# TYPE etcd_request_duration_seconds histogram',
  );
  for (const op of ['get', 'list', 'update']) {
    const type = '/registry/pods';
    // Most requests take about the commit latency; the bucket counts are cumulative.
    for (const le of ETCD_BUCKETS) lines.push(`etcd_request_duration_seconds_bucket{operation="${op}",type="${type}",le="${le}"} ${le >= latencyS ? count : Math.floor(count * (le / latencyS) ** 4)}`);
    lines.push(`etcd_request_duration_seconds_bucket{operation="${op}",type="${type}",le="+Inf"} ${count}`);
    lines.push(`etcd_request_duration_seconds_sum{operation="${op}",type="${type}"} ${(count * latencyS).toFixed(6).replace(/\.?0+$/, '')}`);
    lines.push(`etcd_request_duration_seconds_count{operation="${op}",type="${type}"} ${count}`);
  }
  return lines.join('\n') + '\n';
}

/** An object without its kind/apiVersion (list items carry none; a single object gets them first). */
function withoutTypeMeta(o: object): object {
  const { kind: _k, apiVersion: _v, ...rest } = o as { kind?: string; apiVersion?: string };
  return rest;
}

/** A `Status` failure body as the API server writes it (metav1.Status). */
function status(code: number, reason: string, message: string, details: Record<string, string> = {}): { code: number; body: unknown } {
  return { code, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, details, code } };
}

/**
 * A GET of a REST path of the API (`/api/v1/namespaces/NS/pods[/NAME]`, `/apis/apps/v1/…`): the
 * object or its typed list (`PodList`, items without kind/apiVersion) as the API server encodes
 * it, or a NotFound Status; undefined when the path is not a resource path.
 */
export function apiObjectGet(state: ClusterState, route: string): { code: number; body: unknown } | undefined {
  const m = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))(?:\/namespaces\/([^/]+))?\/([^/]+)(?:\/([^/]+))?$/.exec(route);
  if (!m) return undefined;
  const [, coreVersion, group, groupVersion, namespace, plural, name] = m;
  const type: KindDef | undefined = KINDS.find((k) => k.plural === plural && (coreVersion ? !k.group : k.group === group && k.version === groupVersion));
  if (!type || (namespace !== undefined && !type.namespaced)) return status(404, 'NotFound', 'the server could not find the requested resource');
  if (name !== undefined) {
    const obj = getObject(state, type, namespace ?? '', name);
    if (!obj) return status(404, 'NotFound', `${type.group ? `${plural}.${type.group}` : plural} "${name}" not found`, { name, ...(type.group ? { group: type.group } : {}), kind: plural });
    return { code: 200, body: { kind: type.kind, apiVersion: apiVersionOf(type), ...withoutTypeMeta(obj) } };
  }
  const items = listObjects(state, type, namespace).map(withoutTypeMeta);
  return { code: 200, body: { kind: `${type.kind}List`, apiVersion: apiVersionOf(type), metadata: { resourceVersion: String(state.serial) }, items } };
}

/**
 * The API server's JSON encoding (apimachinery's json serializer): compact with a newline, or
 * indented by two spaces without one when the client asked for it pretty (`?pretty`, or a
 * User-Agent of curl, Wget or a browser); `<`, `>` and `&` escaped as Go's encoder does.
 */
export function goJson(value: unknown, pretty: boolean): string {
  const text = pretty ? JSON.stringify(value, null, 2) : `${JSON.stringify(value)}\n`;
  return text.replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

/**
 * `kubectl get --raw PATH`: the API server's answer to a GET of that path, printed as received.
 * Health endpoints, /version and /metrics are modelled; other paths are the API server's 404.
 */
export function rawGet(state: ClusterState, path: string): CommandResult {
  const q = path.indexOf('?');
  const route = (q < 0 ? path : path.slice(0, q)).replace(/\/+$/, '') || '/';
  const query = parseQuery(q < 0 ? '' : path.slice(q + 1));
  const m = /^\/(healthz|livez|readyz)$/.exec(route);
  if (m) return health(state, m[1] as 'healthz' | 'livez' | 'readyz', query);
  if (/^\/(healthz|livez|readyz)\/(.+)$/.test(route)) {
    const [, endpoint, check] = /^\/(healthz|livez|readyz)\/(.+)$/.exec(route)!;
    if (!healthChecks(endpoint as 'livez').includes(check)) return notFound();
    const down = (check === 'etcd' || check === 'etcd-readiness') && apiRequest(state, 'read').error !== undefined;
    return down
      ? { stdout: '', stderr: `Error from server (InternalError): an error on the server ("internal server error: ${check} failed") has prevented the request from succeeding\n`, exitCode: 1 }
      : { stdout: 'ok', stderr: '', exitCode: 0 };
  }
  const api = apiObjectGet(state, route);
  if (api) {
    if (api.code === 200) return { stdout: goJson(api.body, false), stderr: '', exitCode: 0 };
    return { stdout: '', stderr: `Error from server (NotFound): ${(api.body as { message: string }).message}\n`, exitCode: 1 };
  }
  if (route === '/metrics') return { stdout: metrics(state), stderr: '', exitCode: 0 };
  if (route === '/version') {
    const v = state.serverVersion;
    const [major, minor] = v.replace(/^v/, '').split('.');
    const body = { major, minor, gitVersion: v, gitTreeState: 'clean', goVersion: 'go1.22.5', compiler: 'gc', platform: 'linux/amd64' };
    return { stdout: JSON.stringify(body, null, 2), stderr: '', exitCode: 0 };
  }
  return notFound();
}
