import type { ContainerView } from '../../../../container/view.ts';
import type { CommandContext, CommandResult } from '../../../types.ts';
import { connects, httpGet, resolve } from '../../../busybox/net.ts';

const TRY = "curl: try 'curl --help' or 'curl --manual' for more information\n";
/** curl's options that take a value, by every spelling we accept. */
const TAKES_VALUE = new Set(['-m', '--max-time', '--connect-timeout', '-o', '--output', '-H', '--header', '-X', '--request', '-w', '--write-out', '-u', '--user', '-d', '--data']);
/** Long spellings stored under the short one. */
const LONG_TO_SHORT: Record<string, string> = { '--max-time': '-m', '--output': '-o', '--write-out': '-w', '--header': '-H', '--request': '-X', '--user': '-u', '--data': '-d' };
/** The kernel's give-up time for an unanswered SYN (tcp_syn_retries=6: 1+2+4+…+64 s). */
const SYN_GIVE_UP_MS = 127_000;

/**
 * Where a curl connects: how names resolve (waiting as the resolver would), whether a connect to
 * `ip:port` is answered, refused or dropped, and what the server answers once connected.
 */
export interface CurlNetwork {
  /** The address for `host`, or undefined when the lookup fails; `waitedMs` is the resolver's wait, charged by the caller. */
  resolve(host: string): { ip?: string; waitedMs: number };
  connect(ip: string, port: number): 'open' | 'refused' | 'dropped';
  /** The server's answer to `GET path` on `ip:port` (the HTTP status and body), or a dropped reply (`(52) Empty reply from server`). */
  get(ip: string, port: number, path: string): { status: number; body: string } | { empty: true };
}

/** The pod's network as `kubectl exec … curl` sees it: cluster DNS, Services, NetworkPolicy, the pod's own loopback. */
function podNetwork(ctx: CommandContext, view: ContainerView): CurlNetwork {
  return {
    resolve(host) {
      let waitedMs = 0;
      const ip = resolve({ ...ctx, wait: (ms) => { waitedMs += ms; } }, view, host);
      return { ip, waitedMs };
    },
    connect: (ip, port) => connects(ctx.state, view, ip, port),
    get: (_ip, _port, path) => httpGet(path || '/'),
  };
}

/**
 * `curl` (7.81, as in Ubuntu 22.04 based images) run by `kubectl exec` in an application
 * container, over the pod's network (see `curl` below for the behaviour).
 */
export function podCurl(ctx: CommandContext, view: ContainerView, args: readonly string[], wording: { refused: string } = { refused: 'Connection refused' }): CommandResult {
  return curl(ctx, args, podNetwork(ctx, view), wording);
}

/**
 * curl's command line over a network: a failed lookup fails after the resolver's wait (`(6)
 * Could not resolve host`, or `(28) Resolving timed out` when `-m` is shorter), a dropped connect
 * times out (`(28) Connection timed out after 3001 milliseconds` with `-m 3`), a refused one is
 * `(7)`, a reply the server drops is `(52)`. `-s` hides errors unless `-S`; `-f` turns an HTTP
 * error into exit 22; `-o FILE` (only /dev/null is kept) and `-w '%{http_code}'` as curl does.
 * `wording.refused` is the reason after a refused connect (7.81 prints the errno's text; curl 8
 * its own, which differs between 8.x releases).
 */
export function curl(ctx: CommandContext, args: readonly string[], net: CurlNetwork, wording: { refused: string }): CommandResult {
  const flags = new Set<string>();
  const values = new Map<string, string>();
  const urls: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const name = eq > 0 ? a.slice(0, eq) : a;
    if (TAKES_VALUE.has(name)) {
      const v = eq > 0 ? a.slice(eq + 1) : args[++i];
      if (v === undefined) return { stdout: '', stderr: `curl: option ${a}: requires parameter\n${TRY}`, exitCode: 2 };
      values.set(LONG_TO_SHORT[name] ?? name, v);
    } else if (/^-[sSfkvLi]+$/.test(a)) for (const c of a.slice(1)) flags.add(c);
    else if (['--silent', '--show-error', '--fail', '--insecure', '--verbose', '--location', '--include'].includes(a)) flags.add(a === '--show-error' ? 'S' : a[2]);
    else if (a.startsWith('-') && a.length > 1) return { stdout: '', stderr: `curl: option ${a}: is unknown\n${TRY}`, exitCode: 2 };
    else urls.push(a);
  }
  if (!urls.length) return { stdout: '', stderr: `curl: no URL specified!\n${TRY}`, exitCode: 2 };
  const showErrors = !flags.has('s') || flags.has('S');
  const limitMs = (() => {
    const t = [values.get('-m'), values.get('--connect-timeout')].map(Number).filter((n) => n > 0);
    return t.length ? Math.min(...t) * 1000 : undefined;
  })();
  const writeOut = (code: number) => (values.has('-w') ? writeOutText(values.get('-w')!, code) : '');
  const failed = (code: number, message: string, httpCode = 0): CommandResult => ({ stdout: writeOut(httpCode), stderr: showErrors ? `curl: (${code}) ${message}\n` : '', exitCode: code });

  const m = /^(?:(https?):\/\/)?(\[[^\]]+\]|[^/:?#]+)(?::(\d+))?([^#]*)/.exec(urls[0]);
  if (!m) return failed(3, 'URL using bad/illegal format or missing URL');
  const [, scheme = 'http', host, portText, path] = m;
  const port = Number(portText ?? (scheme === 'https' ? 443 : 80));
  // The -m budget covers the lookup: a resolver waiting longer runs it out.
  const found = net.resolve(host);
  if (found.ip === undefined) {
    if (limitMs !== undefined && limitMs < found.waitedMs) { ctx.wait(limitMs + 1, true); return failed(28, `Resolving timed out after ${limitMs + 1} milliseconds`); }
    ctx.wait(found.waitedMs, true);
    return failed(6, `Could not resolve host: ${host}`);
  }
  ctx.wait(found.waitedMs, true);
  const reached = net.connect(found.ip, port);
  if (reached === 'refused') return failed(7, `Failed to connect to ${host} port ${port} after 0 ms: ${wording.refused}`);
  if (reached === 'dropped') {
    if (limitMs !== undefined && limitMs < SYN_GIVE_UP_MS) { ctx.wait(limitMs + 1, true); return failed(28, `Connection timed out after ${limitMs + 1} milliseconds`); }
    ctx.wait(SYN_GIVE_UP_MS, true);
    return failed(28, `Failed to connect to ${host} port ${port} after ${SYN_GIVE_UP_MS} ms: Connection timed out`);
  }
  const r = net.get(found.ip, port, path || '/');
  if ('empty' in r) return failed(52, 'Empty reply from server');
  if (r.status >= 400 && flags.has('f')) return failed(22, `The requested URL returned error: ${r.status}`, r.status);
  const output = values.get('-o');
  return { stdout: (output === '/dev/null' ? '' : r.body) + writeOut(r.status), stderr: '', exitCode: 0 };
}

/** `-w FORMAT`: `%{http_code}` (000 when no reply) and the backslash escapes curl expands. */
function writeOutText(format: string, code: number): string {
  return format.replace(/%\{(http_code|response_code)\}/g, String(code).padStart(3, '0')).replace(/\\n/g, '\n').replace(/\\t/g, '\t');
}
