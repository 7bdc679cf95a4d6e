import { CLUSTER_DNS, resolveServiceName, searchCandidates, type ContainerView } from '../../container/view.ts';
import type { ClusterState } from '../../model/state.ts';
import type { Command, CommandContext, CommandResult } from '../types.ts';
import { dial, dnsReachable, type DialResult } from '../../sim/network.ts';
import { bbArgs, bbUsage, noView, viewOf } from './common.ts';

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** Resolves a host name as the pod's libc resolver would (search list, ndots:5); undefined = NXDOMAIN. */
export function lookupHost(state: ClusterState, view: ContainerView, host: string): string | undefined {
  if (IPV4.test(host)) return host;
  if (host === 'localhost') return '127.0.0.1';
  if (host === view.pod.metadata.name) return view.pod.status.podIP;
  for (const c of searchCandidates(view.pod.metadata.namespace ?? 'default', host)) {
    const ip = resolveServiceName(state, c);
    if (ip) return ip;
  }
  return undefined;
}

/**
 * What a TCP connection to ip:port meets from the pod: localhost is the pod itself (the
 * application's ports while it runs); anything else goes through the pod network (sim/network.ts:
 * Services to their ready endpoints, NetworkPolicies dropping what they do not allow).
 */
export function connects(state: ClusterState, view: ContainerView, ip: string, port: number): DialResult['outcome'] {
  if (ip === '127.0.0.1' || ip === view.pod.status.podIP) return view.app && (view.app.container.ports ?? []).some((p) => p.containerPort === port) ? 'open' : 'refused';
  if (ip === '10.96.0.1' && port === 443) return 'open';
  return dial(state, podEnd(view), ip, port).outcome;
}

/** The pod as one end of a connection. */
const podEnd = (view: ContainerView) => ({ ip: view.pod.status.podIP ?? '', pod: view.pod });

/**
 * How long a lookup waits when no DNS server answers: resolv.conf's defaults (timeout:5,
 * attempts:2) for the query, before the resolver gives up and the tool says the name is bad.
 */
export const RESOLVER_GIVE_UP_MS = 10_000;

/** Whether the pod's queries reach the cluster DNS; when they do not, the lookup costs RESOLVER_GIVE_UP_MS. */
function dnsAnswers(ctx: CommandContext, view: ContainerView): boolean {
  if (dnsReachable(ctx.state, podEnd(view), CLUSTER_DNS)) return true;
  ctx.wait(RESOLVER_GIVE_UP_MS, true);
  return false;
}

/** Resolves like `lookupHost`, but a name (not an IP) needs the cluster DNS to answer (else undefined, after the resolver's wait). */
export function resolve(ctx: CommandContext, view: ContainerView, host: string): string | undefined {
  if (IPV4.test(host) || host === 'localhost' || host === view.pod.metadata.name) return lookupHost(ctx.state, view, host);
  return dnsAnswers(ctx, view) ? lookupHost(ctx.state, view, host) : undefined;
}

/**
 * busybox `nslookup NAME [SERVER]`: asks the cluster DNS (10.96.0.10 from resolv.conf), trying the
 * search list as the pod's resolver does. Found: `Name:` / `Address:`; not found: one
 * `** server can't find …: NXDOMAIN` per name tried, exit 1.
 */
export const bbNslookup: Command = {
  name: 'nslookup',
  places: ['debug'],
  toolsets: ['busybox'],
  summary: 'Query the nameserver for the IP address of the given HOST',
  run(ctx) {
    const usage = bbUsage('nslookup', '[-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]', 'Query DNS about HOST\n\nQUERY_TYPE: soa,ns,a,aaaa,cname,mx,txt,ptr,srv,any');
    const args = ctx.argv.slice(1).filter((a) => !/^-(type|query|debug)/.test(a));
    if (args.length === 0 || args.length > 2 || args.some((a) => a.startsWith('-'))) return { stdout: '', stderr: usage, exitCode: 1 };
    const view = viewOf(ctx);
    if (!view) return noView('nslookup');
    const server = args[1] ?? CLUSTER_DNS;
    if (!IPV4.test(server) && !lookupHost(ctx.state, view, server)) return { stdout: '', stderr: `nslookup: bad address '${server}'\n`, exitCode: 1 };
    const serverIp = IPV4.test(server) ? server : lookupHost(ctx.state, view, server)!;
    let out = `Server:\t\t${serverIp}\nAddress:\t${serverIp}:53\n\n`;
    if (serverIp !== CLUSTER_DNS || !dnsAnswers(ctx, view)) return { stdout: out, stderr: ';; connection timed out; no servers could be reached\n\n', exitCode: 1 };
    const name = args[0];
    if (IPV4.test(name)) return { stdout: out, stderr: `** server can't find ${name.split('.').reverse().join('.')}.in-addr.arpa: NXDOMAIN\n\n`, exitCode: 1 };
    const tried = name.includes('.') && !name.endsWith('.') ? searchCandidates(view.pod.metadata.namespace ?? 'default', name) : searchCandidates(view.pod.metadata.namespace ?? 'default', name);
    for (const c of tried) {
      const ip = resolveServiceName(ctx.state, c);
      if (ip) return { stdout: `${out}Name:\t${c}\nAddress: ${ip}\n\n`, stderr: '', exitCode: 0 };
    }
    out += tried.map((c) => `** server can't find ${c}: NXDOMAIN\n\n`).join('');
    return { stdout: out, stderr: '', exitCode: 1 };
  },
};

/** A timeout option's seconds (`-w 3`, `-T 3`), or the tool's default when absent or not a number. */
const seconds = (v: string | true | undefined, fallback: number) => (typeof v === 'string' && /^\d+$/.test(v) && Number(v) > 0 ? Number(v) : fallback);

/** The body an HTTP endpoint returns in this cluster: health paths answer `ok`, anything else 404. */
export function httpGet(path: string): { status: number; body: string } {
  return ['/healthz', '/readyz', '/livez', '/health', '/ready'].includes(path) ? { status: 200, body: 'ok' } : { status: 404, body: '404 page not found\n' };
}

/**
 * busybox `wget [-q] [-O FILE] [-T SEC] [--spider] URL` against the pod's network. Errors as
 * busybox prints them: `wget: bad address 'host:port'`, `wget: can't connect to remote host (ip):
 * Connection refused`, `wget: server returned error: HTTP/1.1 404 Not Found`.
 */
export const bbWget: Command = {
  name: 'wget',
  places: ['debug'],
  summary: 'Retrieve files via HTTP or FTP',
  run(ctx): CommandResult {
    const usage = bbUsage('wget', '[-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...', 'Retrieve files via HTTP or FTP');
    const p = bbArgs('wget', usage, ctx.argv.slice(1), 'cqSO:o:P:U:T:Y:', ['spider', 'header', 'post-data', 'post-file', 'timeout', 'quiet', 'output-document']);
    if (!p.ok) return p.result;
    if (!p.operands.length) return { stdout: '', stderr: usage, exitCode: 1 };
    const view = viewOf(ctx);
    if (!view) return noView('wget');
    const m = /^(?:http:\/\/)?([^/:]+)(?::(\d+))?(\/.*)?$/.exec(p.operands[0]);
    if (!m) return { stdout: '', stderr: `wget: bad address '${p.operands[0]}'\n`, exitCode: 1 };
    const [, host, portText, path = '/'] = m;
    const port = Number(portText ?? 80);
    const quiet = p.flags.has('q') || p.flags.has('quiet');
    const ip = resolve(ctx, view, host);
    if (!ip) return { stdout: '', stderr: `wget: bad address '${host}${portText ? `:${portText}` : ''}'\n`, exitCode: 1 };
    const connecting = quiet ? '' : `Connecting to ${host}${portText ? `:${portText}` : ''} (${ip}:${port})\n`;
    const reached = connects(ctx.state, view, ip, port);
    if (reached === 'refused') return { stdout: '', stderr: `${connecting}wget: can't connect to remote host (${ip}): Connection refused\n`, exitCode: 1 };
    if (reached === 'dropped') {
      // -T (default 900 s) arms an alarm around the connect; its handler dies with this message.
      ctx.wait(seconds(p.flags.get('T') ?? p.flags.get('timeout'), 900) * 1000, true);
      return { stdout: '', stderr: `${connecting}wget: download timed out\n`, exitCode: 1 };
    }
    const r = httpGet(path);
    if (r.status !== 200) return { stdout: '', stderr: `${connecting}wget: server returned error: HTTP/1.1 404 Not Found\n`, exitCode: 1 };
    if (p.flags.has('spider')) return { stdout: '', stderr: `${connecting}${quiet ? '' : 'remote file exists\n'}`, exitCode: 0 };
    const out = p.flags.get('O') ?? p.flags.get('output-document');
    if (out === '-') return { stdout: r.body, stderr: quiet ? '' : `${connecting}writing to stdout\n-                    100% |********************************|     ${r.body.length}  0:00:00 ETA\nwritten to stdout\n`, exitCode: 0 };
    const file = typeof out === 'string' ? out : path.split('/').pop() || 'index.html';
    return { stdout: '', stderr: quiet ? '' : `${connecting}saving to '${file}'\n${file.padEnd(20).slice(0, 20)} 100% |********************************|     ${r.body.length}  0:00:00 ETA\n'${file}' saved\n`, exitCode: 0 };
  },
};

/** busybox `nc [-z] [-v] [-w SEC] HOST PORT`: a TCP connect test (with -z) against the pod's network. */
export const bbNc: Command = {
  name: 'nc',
  places: ['debug'],
  toolsets: ['busybox'],
  summary: 'Open a TCP connection',
  run(ctx): CommandResult {
    const usage = bbUsage('nc', '[OPTIONS] HOST PORT  - connect\nnc [OPTIONS] -l -p PORT [HOST] [PORT]  - listen', '\t-e PROG\tRun PROG after connect (must be last)\n\t-l\tListen mode, for inbound connects\n\t-lk\tWith -e, provides persistent server\n\t-p PORT\tLocal port\n\t-s ADDR\tLocal address\n\t-w SEC\tTimeout for connects and final net reads\n\t-i SEC\tDelay interval for lines sent\n\t-n\tDon\'t do DNS resolution\n\t-u\tUDP mode\n\t-b\tAllow broadcasts\n\t-v\tVerbose\n\t-o FILE\tHex dump traffic\n\t-z\tZero-I/O mode (scanning)');
    const p = bbArgs('nc', usage, ctx.argv.slice(1), 'zvnulkbw:p:s:i:o:e:');
    if (!p.ok) return p.result;
    if (p.operands.length !== 2 || !/^\d+$/.test(p.operands[1])) return { stdout: '', stderr: usage, exitCode: 1 };
    const view = viewOf(ctx);
    if (!view) return noView('nc');
    const [host, portText] = p.operands;
    const ip = resolve(ctx, view, host);
    if (!ip) return { stdout: '', stderr: `nc: bad address '${host}'\n`, exitCode: 1 };
    const port = Number(portText);
    const reached = connects(ctx.state, view, ip, port);
    if (reached === 'refused') return { stdout: '', stderr: `nc: ${ip} (${ip}:${port}): Connection refused\n`, exitCode: 1 };
    if (reached === 'dropped') {
      // -w arms an alarm around connect(); without it the kernel gives up after its SYN retries (~127 s).
      ctx.wait(seconds(p.flags.get('w'), 127) * 1000, true);
      return { stdout: '', stderr: p.flags.has('v') ? `nc: ${host} (${ip}:${port}): Connection timed out\n` : '', exitCode: 1 };
    }
    if (p.flags.has('z')) return { stdout: '', stderr: p.flags.has('v') ? `${host} (${ip}:${port}) open\n` : '', exitCode: 0 };
    // A Redis server answers an inline PING; other servers say nothing to what we send.
    const reply = port === 6379 && /PING/i.test(ctx.stdin) ? '+PONG\r\n' : '';
    return { stdout: reply, stderr: '', exitCode: 0 };
  },
};
