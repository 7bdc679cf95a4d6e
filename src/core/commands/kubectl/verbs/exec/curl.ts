import type { ContainerView } from '../../../../container/view.ts';
import type { CommandContext, CommandResult } from '../../../types.ts';
import { connects, httpGet, resolve, RESOLVER_GIVE_UP_MS } from '../../../busybox/net.ts';

const TRY = "curl: try 'curl --help' or 'curl --manual' for more information\n";
/** curl's options that take a value, by every spelling we accept. */
const TAKES_VALUE = new Set(['-m', '--max-time', '--connect-timeout', '-o', '--output', '-H', '--header', '-X', '--request', '-w', '--write-out', '-u', '--user', '-d', '--data']);
/** The kernel's give-up time for an unanswered SYN (tcp_syn_retries=6: 1+2+4+…+64 s). */
const SYN_GIVE_UP_MS = 127_000;

/**
 * `curl` (7.81, as in Ubuntu 22.04 based images) run by `kubectl exec` in an application
 * container, over the pod's network: names resolve through the cluster DNS (a lookup the network
 * drops fails after the resolver's wait: `(6) Could not resolve host`, or `(28) Resolving timed
 * out` when `-m` is shorter), Services forward to their ready pods, a dropped connect times out
 * (`(28) Connection timed out after 3001 milliseconds` with `-m 3`), a refused one is `(7)`.
 * `-s` hides errors unless `-S`; `-f` turns an HTTP error into exit 22. `wording.refused` is the
 * reason after a refused connect (7.81 prints the errno's text; curl 8 its own).
 */
export function podCurl(ctx: CommandContext, view: ContainerView, args: readonly string[], wording: { refused: string } = { refused: 'Connection refused' }): CommandResult {
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
      values.set(name === '--max-time' ? '-m' : name, v);
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
  const failed = (code: number, message: string): CommandResult => ({ stdout: '', stderr: showErrors ? `curl: (${code}) ${message}\n` : '', exitCode: code });

  const m = /^(?:(https?):\/\/)?([^/:?#]+)(?::(\d+))?([^?#]*)/.exec(urls[0]);
  if (!m) return failed(3, 'URL using bad/illegal format or missing URL');
  const [, scheme = 'http', host, portText, path] = m;
  const port = Number(portText ?? (scheme === 'https' ? 443 : 80));
  // The -m budget covers the lookup: a resolver waiting longer runs it out, so the wait is ours to charge.
  const ip = resolve({ ...ctx, wait: () => undefined }, view, host);
  if (ip === undefined) {
    if (limitMs !== undefined && limitMs < RESOLVER_GIVE_UP_MS) { ctx.wait(limitMs + 1, true); return failed(28, `Resolving timed out after ${limitMs + 1} milliseconds`); }
    ctx.wait(RESOLVER_GIVE_UP_MS, true);
    return failed(6, `Could not resolve host: ${host}`);
  }
  const reached = connects(ctx.state, view, ip, port);
  if (reached === 'refused') return failed(7, `Failed to connect to ${host} port ${port} after 0 ms: ${wording.refused}`);
  if (reached === 'dropped') {
    if (limitMs !== undefined && limitMs < SYN_GIVE_UP_MS) { ctx.wait(limitMs + 1, true); return failed(28, `Connection timed out after ${limitMs + 1} milliseconds`); }
    ctx.wait(SYN_GIVE_UP_MS, true);
    return failed(28, `Failed to connect to ${host} port ${port} after ${SYN_GIVE_UP_MS} ms: Connection timed out`);
  }
  const r = httpGet(path || '/');
  if (r.status >= 400 && flags.has('f')) return failed(22, `The requested URL returned error: ${r.status}`);
  const output = values.get('-o') ?? values.get('--output');
  return { stdout: output === '/dev/null' ? '' : r.body, stderr: '', exitCode: 0 };
}
