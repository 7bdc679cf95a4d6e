import { CLUSTER_DNS, resolveServiceName, searchCandidates, type ContainerView } from '../../container/view.ts';
import type { ClusterState } from '../../model/state.ts';
import type { Command, CommandResult } from '../types.ts';
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
 * Whether a TCP connection to ip:port is accepted, as the pod's network sees it: localhost is the
 * pod itself (the application's ports while it runs), a ClusterIP forwards to ready endpoints of
 * its Service, the DNS service answers on 53.
 */
function connects(state: ClusterState, view: ContainerView, ip: string, port: number): boolean {
  if (ip === '127.0.0.1' || ip === view.pod.status.podIP) return !!view.app && (view.app.container.ports ?? []).some((p) => p.containerPort === port);
  if (ip === CLUSTER_DNS) return port === 53;
  if (ip === '10.96.0.1') return port === 443;
  const svc = Object.values(state.services).find((s) => s.spec.clusterIP === ip);
  if (!svc || !svc.spec.ports.some((p) => p.port === port)) return false;
  const sel = svc.spec.selector;
  if (!sel) return true; // endpoints managed outside the cluster (an external database)
  return Object.values(state.pods).some((p) => p.metadata.namespace === svc.metadata.namespace && Object.entries(sel).every(([k, v]) => p.metadata.labels?.[k] === v)
    && p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
}

/**
 * busybox `nslookup NAME [SERVER]`: asks the cluster DNS (10.96.0.10 from resolv.conf), trying the
 * search list as the pod's resolver does. Found: `Name:` / `Address:`; not found: one
 * `** server can't find …: NXDOMAIN` per name tried, exit 1.
 */
export const bbNslookup: Command = {
  name: 'nslookup',
  places: ['debug'],
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
    if (serverIp !== CLUSTER_DNS) return { stdout: out, stderr: ';; connection timed out; no servers could be reached\n\n', exitCode: 1 };
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

/** The body an HTTP endpoint returns in this cluster: health paths answer `ok`, anything else 404. */
function httpGet(path: string): { status: number; body: string } {
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
    const ip = lookupHost(ctx.state, view, host);
    if (!ip) return { stdout: '', stderr: `wget: bad address '${host}${portText ? `:${portText}` : ''}'\n`, exitCode: 1 };
    const connecting = quiet ? '' : `Connecting to ${host}${portText ? `:${portText}` : ''} (${ip}:${port})\n`;
    if (!connects(ctx.state, view, ip, port)) return { stdout: '', stderr: `${connecting}wget: can't connect to remote host (${ip}): Connection refused\n`, exitCode: 1 };
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
  summary: 'Open a TCP connection',
  run(ctx): CommandResult {
    const usage = bbUsage('nc', '[OPTIONS] HOST PORT  - connect\nnc [OPTIONS] -l -p PORT [HOST] [PORT]  - listen', '\t-e PROG\tRun PROG after connect (must be last)\n\t-l\tListen mode, for inbound connects\n\t-lk\tWith -e, provides persistent server\n\t-p PORT\tLocal port\n\t-s ADDR\tLocal address\n\t-w SEC\tTimeout for connects and final net reads\n\t-i SEC\tDelay interval for lines sent\n\t-n\tDon\'t do DNS resolution\n\t-u\tUDP mode\n\t-b\tAllow broadcasts\n\t-v\tVerbose\n\t-o FILE\tHex dump traffic\n\t-z\tZero-I/O mode (scanning)');
    const p = bbArgs('nc', usage, ctx.argv.slice(1), 'zvnulkbw:p:s:i:o:e:');
    if (!p.ok) return p.result;
    if (p.operands.length !== 2 || !/^\d+$/.test(p.operands[1])) return { stdout: '', stderr: usage, exitCode: 1 };
    const view = viewOf(ctx);
    if (!view) return noView('nc');
    const [host, portText] = p.operands;
    const ip = lookupHost(ctx.state, view, host);
    if (!ip) return { stdout: '', stderr: `nc: bad address '${host}'\n`, exitCode: 1 };
    const port = Number(portText);
    if (!connects(ctx.state, view, ip, port)) return { stdout: '', stderr: `nc: ${ip} (${ip}:${port}): Connection refused\n`, exitCode: 1 };
    if (p.flags.has('z')) return { stdout: '', stderr: p.flags.has('v') ? `${host} (${ip}:${port}) open\n` : '', exitCode: 0 };
    // A Redis server answers an inline PING; other servers say nothing to what we send.
    const reply = port === 6379 && /PING/i.test(ctx.stdin) ? '+PONG\r\n' : '';
    return { stdout: reply, stderr: '', exitCode: 0 };
  },
};
