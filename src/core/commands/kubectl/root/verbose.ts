import type { ClusterState } from '../../../model/state.ts';
import type { CommandResult, ParsedCommand } from '../../types.ts';
import { resolveKind } from '../../../kinds/registry.ts';
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
