import type { ClusterState } from '../../../model/state.ts';
import type { CommandResult, ParsedCommand } from '../../types.ts';
import { qualifiedPlural, resolveKind } from '../../../kinds/registry.ts';
import type { ApiRequest } from './requests.ts';
import { hashString } from '../../../sim/rng.ts';
import { KUBECONFIG_PATH } from '../../../kubeconfig.ts';

/** client-go's feature gates kubectl 1.33 logs at start-up, in the order it printed them here. */
const FEATURE_GATES: readonly [string, boolean][] = [
  ['ClientsAllowCBOR', false], ['ClientsPreferCBOR', false], ['InformerResourceVersion', false], ['InOrderInformers', true], ['WatchListClient', false],
];

/** klog's header: `I1206 22:42:17.417777   15489 `, from the virtual clock (UTC) with a stable pid. */
function header(ms: number, pid: number, line = 0): string {
  const iso = new Date(ms).toISOString();
  // Lines logged in the same millisecond still move on by some microseconds.
  const micros = String(Math.min(999999, Math.floor(ms % 1000) * 1000 + (hashString(`us/${ms}`) % 200) + line * 13)).padStart(6, '0');
  return `I${iso.slice(5, 7)}${iso.slice(8, 10)} ${iso.slice(11, 19)}.${micros}   ${pid} `;
}

/** The URL a read of `resource` asks for, as client-go builds it (a list with kubectl's chunking `?limit=500`). */
function readURL(server: string, resource: string, name: string | undefined, namespace: string | undefined): string | undefined {
  const t = resolveKind(resource);
  if (!t) return undefined;
  const base = t.group ? `/apis/${t.group}/${t.version}` : `/api/${t.version}`;
  const ns = t.namespaced && namespace && namespace !== '*' ? `/namespaces/${namespace}` : '';
  return `${server}${base}${ns}/${t.plural}${name ? `/${name}` : '?limit=500'}`;
}

/**
 * kubectl's `-v=6` and above for reads (get, describe…): the kubeconfig load, client-go's feature
 * gate lines and one `"Response"` line per request with its latency (what the API server and etcd
 * took), written to stderr before the output, as kubectl 1.33's klog prints them (discovery cached).
 */
export function withRequestLog(result: CommandResult, state: ClusterState, record: ParsedCommand, server: string, latencyMs: number): CommandResult {
  const pid = 10000 + (hashString(`kubectl/${state.now}`) % 50000);
  const start = state.now - latencyMs;
  let log = `${header(start, pid, 0)}loader.go:402] Config loaded from file:  ${KUBECONFIG_PATH}\n`;
  FEATURE_GATES.forEach(([gate, on], i) => { log += `${header(start, pid, i + 1)}envvar.go:172] "Feature gate default state" feature="${gate}" enabled=${on}\n`; });
  const resources = record.resources ?? [];
  const missing = /NotFound/.test(result.stderr);
  resources.forEach((r, i) => {
    const url = readURL(server, r.resource, r.name, record.namespace);
    if (!url) return;
    const notFound = missing && r.name !== undefined && result.stderr.includes(`"${r.name}" not found`);
    const ms = Math.max(1, Math.round(latencyMs / Math.max(1, resources.length)));
    log += `${header(start + ms * (i + 1), pid)}round_trippers.go:632] "Response" verb="GET" url="${url}" status="${notFound ? '404 Not Found' : '200 OK'}" milliseconds=${ms}\n`;
  });
  return { ...result, stderr: log + result.stderr, interleaved: log + (result.interleaved ?? result.stdout + result.stderr) };
}

/** The field manager a write verb names in its query (`?fieldManager=kubectl-label`); verbs absent here send none. */
const FIELD_MANAGERS: Record<string, string> = {
  label: 'kubectl-label', annotate: 'kubectl-annotate', patch: 'kubectl-patch', set: 'kubectl-set', rollout: 'kubectl-rollout', taint: 'kubectl-taint',
  expose: 'kubectl-expose', autoscale: 'kubectl-autoscale', run: 'kubectl-run',
};

/** One API request behind a write, as the request log shows it. */
interface LoggedRequest { verb: string; url: string; status: string }

const HTTP_VERB: Record<string, string> = { get: 'GET', list: 'GET', create: 'POST', patch: 'PATCH', update: 'PUT', delete: 'DELETE' };

/** The URL of one API request (authz attributes) as client-go builds it, with the verb's query. */
function requestURL(server: string, r: ApiRequest, cmd: string): string | undefined {
  const t = resolveKind(r.resource);
  if (!t) return undefined;
  const base = r.group ? `/apis/${r.group}/${r.group === 'autoscaling' ? 'v2' : t.version}` : `/api/${t.version}`;
  const ns = t.namespaced && r.namespace ? `/namespaces/${r.namespace}` : '';
  const path = `${server}${base}${ns}/${t.plural}${r.name && r.verb !== 'create' ? `/${r.name}` : ''}${r.subresource ? `/${r.subresource}` : ''}`;
  const manager = FIELD_MANAGERS[cmd] ?? (cmd === 'create' ? 'kubectl-create' : undefined);
  if (r.verb === 'list') return `${path}?limit=500`;
  if ((r.verb === 'create' || r.verb === 'patch') && manager && !r.subresource) return `${path}?fieldManager=${manager}${cmd === 'create' ? '&fieldValidation=Strict' : ''}`;
  return path;
}

/** client-go's dump of a failed request's Status object at -v=6 (helpers.go), as kubectl 1.33 prints it. */
function statusDump(r: ApiRequest, ms: number, pid: number): string {
  const t = resolveKind(r.resource)!;
  const details = t.group ? `    "name": "${r.name}",\n    "group": "${t.group}",\n    "kind": "${t.plural}"` : `    "name": "${r.name}",\n    "kind": "${t.plural}"`;
  return `${header(ms, pid)}helpers.go:246] server response object: %s[{\n  "kind": "Status",\n  "apiVersion": "v1",\n  "metadata": {},\n  "status": "Failure",\n  "message": "${qualifiedPlural(t)} \\"${r.name}\\" not found",\n  "reason": "NotFound",\n  "details": {\n${details}\n  },\n  "code": 404\n}]\n`;
}

/**
 * kubectl's `-v=6` and above for writes (delete, scale, label, patch, expose, autoscale…): the same
 * start-up lines as reads, then one `"Response"` line per request the command sent — the GET of the
 * object, then its PATCH, POST (`201 Created`) or DELETE — with the API server's latency; a missing
 * object answers `404 Not Found` with client-go's Status dump. `requests` are the command line's
 * requests as authorized before it ran (root/requests.ts); `alive` says whether a deleted object
 * is still there once the command ends (delete's closing GET); `sentAt` the virtual time (ms) the
 * requests were answered, before the verb waited on anything. kubectl 1.33's klog format.
 */
export function withWriteLog(result: CommandResult, state: ClusterState, record: ParsedCommand, server: string, latencyMs: number, requests: readonly ApiRequest[], alive: (r: ApiRequest) => boolean, sentAt: number): CommandResult {
  const pid = 10000 + (hashString(`kubectl/${sentAt}`) % 50000);
  const start = sentAt - latencyMs;
  let before = `${header(start, pid, 0)}loader.go:402] Config loaded from file:  ${KUBECONFIG_PATH}\n`;
  FEATURE_GATES.forEach(([gate, on], i) => { before += `${header(start, pid, i + 1)}envvar.go:172] "Feature gate default state" feature="${gate}" enabled=${on}\n`; });
  const cmd = record.verb[0];
  const ms = Math.max(1, Math.round(latencyMs / Math.max(1, requests.length)));
  const missing = (r: ApiRequest) => r.name !== undefined && /NotFound/.test(result.stderr) && result.stderr.includes(`"${r.name}" not found`);
  const logged: LoggedRequest[] = [];
  let at = start;
  let failed = false;
  for (const r of requests) {
    const url = requestURL(server, r, cmd);
    if (!url) continue;
    at += ms;
    const notFound = (r.verb === 'get' || r.verb === 'delete') && missing(r);
    // A create the server refused: 409 for a name taken, 422 for an invalid object.
    const refusedCreate = r.verb === 'create' && result.exitCode !== 0 ? (/ already exists\n/.test(result.stderr) ? '409 Conflict' : / is invalid: /.test(result.stderr) ? '422 Unprocessable Entity' : undefined) : undefined;
    const status = notFound ? '404 Not Found' : refusedCreate ?? (r.verb === 'create' ? '201 Created' : '200 OK');
    before += `${header(at, pid)}round_trippers.go:632] "Response" verb="${HTTP_VERB[r.verb] ?? 'GET'}" url="${url}" status="${status}" milliseconds=${ms}\n`;
    logged.push({ verb: r.verb, url, status });
    // client-go dumps the Status of a failed request; kubectl stops at the first one.
    if (notFound) { before += statusDump(r, at, pid); failed = true; break; }
  }
  // delete --wait: one GET of each deleted object after the DELETEs (404 once it is gone).
  let after = '';
  if (cmd === 'delete' && !failed && record.flags.wait?.at(-1) !== 'false') {
    for (const r of requests.filter((x) => x.verb === 'delete')) {
      const url = requestURL(server, { ...r, verb: 'get' }, cmd);
      if (url) after += `${header(state.now, pid)}round_trippers.go:632] "Response" verb="GET" url="${url}" status="${alive(r) ? '200 OK' : '404 Not Found'}" milliseconds=1\n`;
    }
  }
  const shown = result.interleaved ?? result.stdout + result.stderr;
  return { ...result, stderr: before + after + result.stderr, interleaved: before + (after ? result.stdout + after + result.stderr : shown) };
}
