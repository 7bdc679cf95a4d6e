import type { ClusterState } from '../../../model/state.ts';
import type { CommandResult, ParsedCommand } from '../../types.ts';
import { getObject, qualifiedPlural, resolveKind } from '../../../kinds/registry.ts';
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

/**
 * A request a write sends; `answer` (`404 Not Found`, `403 Forbidden`) is the server's status when
 * it was decided as the verb ran (the objects of `-f` files), else the log works it out.
 */
export type SentRequest = ApiRequest & { answer?: string };

/** HTTP reason phrases of the statuses the API server answers with (net/http's StatusText). */
const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict', 422: 'Unprocessable Entity', 429: 'Too Many Requests', 500: 'Internal Server Error',
};

/**
 * The status of a request decided while the verb ran (`refusal` from authorization and admission):
 * the refusal's code, a 404 for a GET or PUT of an object not in the store, else undefined (the
 * log decides from the verb's output).
 */
export function answerOf(state: ClusterState, r: ApiRequest, refusal: { code: number } | undefined): string | undefined {
  if (refusal) return `${refusal.code} ${STATUS_TEXT[refusal.code] ?? ''}`.trim();
  if ((r.verb !== 'get' && r.verb !== 'update') || r.name === undefined) return undefined;
  const t = resolveKind(r.resource);
  return t && getObject(state, t, r.namespace ?? 'default', r.name) ? undefined : '404 Not Found';
}

const HTTP_VERB: Record<string, string> = { get: 'GET', list: 'GET', create: 'POST', patch: 'PATCH', update: 'PUT', delete: 'DELETE' };

/** kubectl's field manager for a write of `record` (`--field-manager` when typed; `kubectl` for server-side apply). */
function fieldManager(record: ParsedCommand): string | undefined {
  const cmd = record.verb[0];
  if (cmd === 'apply') return record.flags['field-manager']?.at(-1) ?? (record.flags['server-side']?.at(-1) === 'true' ? 'kubectl' : 'kubectl-client-side-apply');
  if (cmd === 'replace') return 'kubectl-replace';
  if (cmd === 'create') return 'kubectl-create';
  return FIELD_MANAGERS[cmd];
}

/** `fieldValidation=` as `--validate` maps it (strict by default), for the verbs that send one. */
function fieldValidation(record: ParsedCommand): string | undefined {
  if (!['create', 'apply', 'replace'].includes(record.verb[0])) return undefined;
  const v = record.flags.validate?.at(-1);
  return v === 'ignore' || v === 'false' ? 'Ignore' : v === 'warn' ? 'Warn' : 'Strict';
}

/** The URL of one API request (authz attributes) as client-go builds it, with the verb's query. */
function requestURL(server: string, r: ApiRequest, record: ParsedCommand): string | undefined {
  const t = resolveKind(r.resource);
  if (!t) return undefined;
  const base = r.group ? `/apis/${r.group}/${r.group === 'autoscaling' ? 'v2' : t.version}` : `/api/${t.version}`;
  const ns = t.namespaced && r.namespace ? `/namespaces/${r.namespace}` : '';
  const path = `${server}${base}${ns}/${t.plural}${r.name && r.verb !== 'create' ? `/${r.name}` : ''}${r.subresource ? `/${r.subresource}` : ''}`;
  if (r.verb === 'list') return `${path}?limit=500`;
  const manager = fieldManager(record);
  if (!['create', 'patch', 'update'].includes(r.verb) || !manager || r.subresource) return path;
  const validation = fieldValidation(record);
  const force = record.verb[0] === 'apply' && r.verb === 'patch' && record.flags['server-side']?.at(-1) === 'true' ? `&force=${record.flags['force-conflicts']?.at(-1) === 'true'}` : '';
  return `${path}?fieldManager=${manager}${validation ? `&fieldValidation=${validation}` : ''}${force}`;
}

/**
 * The OpenAPI v3 documents client-side apply reads to build its strategic merge patch: the root,
 * then the object's group version by its content hash (served from kubectl's HTTP cache after).
 */
function openAPIRequests(server: string, r: ApiRequest): string[] {
  const t = resolveKind(r.resource);
  if (!t) return [];
  const gv = t.group ? `apis/${t.group}/${t.version}` : `api/${t.version}`;
  // A SHA-512 in hex as the server names it; here a stable stand-in chained from the group version.
  let hash = '';
  for (let word = gv; hash.length < 128; word = hash) hash += (hashString(`openapi/${word}`) >>> 0).toString(16).toUpperCase().padStart(8, '0');
  return [`${server}/openapi/v3?timeout=32s`, `${server}/openapi/v3/${gv}?hash=${hash}&timeout=32s`];
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
export function withWriteLog(result: CommandResult, state: ClusterState, record: ParsedCommand, server: string, latencyMs: number, requests: readonly SentRequest[], alive: (r: ApiRequest) => boolean, sentAt: number): CommandResult {
  const pid = 10000 + (hashString(`kubectl/${sentAt}`) % 50000);
  const start = sentAt - latencyMs;
  let before = `${header(start, pid, 0)}loader.go:402] Config loaded from file:  ${KUBECONFIG_PATH}\n`;
  FEATURE_GATES.forEach(([gate, on], i) => { before += `${header(start, pid, i + 1)}envvar.go:172] "Feature gate default state" feature="${gate}" enabled=${on}\n`; });
  const cmd = record.verb[0];
  const serverSide = cmd === 'apply' && record.flags['server-side']?.at(-1) === 'true';
  // Server-side apply sends one PATCH per object, without reading it first; it creates the
  // objects that were missing (201), named as the GET before them named them.
  const sent: readonly (SentRequest & { creates?: boolean })[] = serverSide
    ? requests.flatMap((r, i) => (r.verb === 'get' ? [] : r.verb === 'create' ? [{ ...r, verb: 'patch', name: requests[i - 1]?.name, answer: undefined, creates: true }] : [r]))
    : requests;
  const ms = Math.max(1, Math.round(latencyMs / Math.max(1, sent.length)));
  const missing = (r: ApiRequest) => r.name !== undefined && /NotFound/.test(result.stderr) && result.stderr.includes(`"${r.name}" not found`);
  let at = start;
  let failed = false;
  const line = (verb: string, url: string, status: string) => {
    at += ms;
    before += `${header(at, pid)}round_trippers.go:632] "Response" verb="${verb}" url="${url}" status="${status}" milliseconds=${ms}\n`;
  };
  for (const [i, r] of sent.entries()) {
    const url = requestURL(server, r, record);
    if (!url) continue;
    // replace reads the object for its resourceVersion before the PUT; a missing one ends there.
    if (r.verb === 'update') {
      line('GET', url.replace(/\?.*$/, ''), r.answer ?? '200 OK');
      if (r.answer) continue;
    }
    // An answer decided as the verb ran: a refusal, or apply's expected 404 for an object the file creates.
    if (r.answer) { line(HTTP_VERB[r.verb] ?? 'GET', url, r.answer); continue; }
    if (cmd === 'apply' && r.verb === 'patch' && !serverSide && sent[i - 1]?.verb === 'get') {
      for (const doc of openAPIRequests(server, r)) line('GET', doc, '200 OK');
      // An empty patch is not sent: kubectl prints `unchanged`.
      if (result.stdout.includes(`/${r.name} unchanged`)) continue;
    }
    const notFound = (r.verb === 'get' || r.verb === 'delete') && missing(r);
    // A create the server refused: 409 for a name taken, 422 for an invalid object.
    const refusedCreate = r.verb === 'create' && result.exitCode !== 0 ? (/ already exists\n/.test(result.stderr) ? '409 Conflict' : / is invalid: /.test(result.stderr) ? '422 Unprocessable Entity' : undefined) : undefined;
    const created = r.verb === 'create' || ('creates' in r && r.creates === true);
    line(HTTP_VERB[r.verb] ?? 'GET', url, notFound ? '404 Not Found' : refusedCreate ?? (created ? '201 Created' : '200 OK'));
    // client-go dumps the Status of a failed request; kubectl stops at the first one.
    if (notFound) { before += statusDump(r, at, pid); failed = true; break; }
  }
  // delete --wait: one GET of each deleted object after the DELETEs (404 once it is gone).
  let after = '';
  if (cmd === 'delete' && !failed && record.flags.wait?.at(-1) !== 'false') {
    for (const r of requests.filter((x) => x.verb === 'delete')) {
      const url = requestURL(server, { ...r, verb: 'get' }, record);
      if (url) after += `${header(state.now, pid)}round_trippers.go:632] "Response" verb="GET" url="${url}" status="${alive(r) ? '200 OK' : '404 Not Found'}" milliseconds=1\n`;
    }
  }
  // apply ends with its post-processor (printing, and pruning when asked) once every object went through.
  if (cmd === 'apply' && result.exitCode === 0) after += `${header(Math.max(at, state.now), pid, 1)}apply.go:548] Running apply post-processor function\n`;
  const shown = result.interleaved ?? result.stdout + result.stderr;
  return { ...result, stderr: before + after + result.stderr, interleaved: before + (after ? result.stdout + after + result.stderr : shown) };
}
