import type { Command, CommandResult } from '../types.ts';
import { connects, lookupHost } from '../busybox/net.ts';
import { noView, viewOf } from '../busybox/common.ts';
import { dnsAnswersQuietly, SERVICES } from './common.ts';

const USAGE = 'usage: nc [-46CDdFhklNnrStUuvZz] [-I length] [-i interval][-M ttl]\n\t  [-m minttl] [-O length] [-P proxy_username] [-p source_port]\n\t  [-q seconds] [-s sourceaddr] [-T keyword] [-V rtable][-W recvlimit]\n\t  [-w timeout] [-X proxy_protocol] [-x proxy_address[:port]]\n\t  [destination] [port]\n';
/** Flags that take a value (OpenBSD nc's getopt string, Debian/Alpine build). */
const TAKES = new Set(['I', 'i', 'M', 'm', 'O', 'P', 'p', 'q', 's', 'T', 'V', 'W', 'w', 'X', 'x']);
const BOOL = new Set([...'46CDdFhklNnrStUuvZz']);
/** The kernel's give-up time for an unanswered SYN when no -w limits the connect (tcp_syn_retries=6). */
const SYN_GIVE_UP_MS = 127_000;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * OpenBSD netcat as netshoot ships it (Alpine's netcat-openbsd, musl): `nc [-zvn] [-w SEC] HOST
 * PORT` over the pod's network. Wordings from netcat.c (connection_info, remote_connect's warn,
 * errx on getaddrinfo) with musl's strerror/gai_strerror:
 * - `-v` and open: `Connection to HOST (IP) PORT port [tcp/SERVICE] succeeded!` (`*` for a port
 *   /etc/services does not name; no `(IP)` when HOST is the address);
 * - `-v` and refused: `nc: connect to HOST (IP) port PORT (tcp) failed: Connection refused`;
 * - `-v` and dropped: with `-w`, `… (tcp) timed out: Operation now in progress` after the
 *   timeout; without, the kernel gives up: `… (tcp) failed: Connection timed out`;
 * - a name that does not resolve: `nc: getaddrinfo for host "NAME" port PORT: Name does not
 *   resolve` (`Try again` when no DNS server answers), with or without `-v`.
 * Failures exit 1.
 */
export const obsdNc: Command = {
  name: 'nc',
  places: ['debug'],
  toolsets: ['netshoot'],
  summary: 'arbitrary TCP and UDP connections and listens',
  run(ctx): CommandResult {
    const flags = new Map<string, string | true>();
    const operands: string[] = [];
    const args = ctx.argv.slice(1);
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === '--') { operands.push(...args.slice(i + 1)); break; }
      if (!a.startsWith('-') || a === '-') { operands.push(a); continue; }
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        if (TAKES.has(c)) {
          const v = a.slice(j + 1) || args[++i];
          if (v === undefined) return { stdout: '', stderr: `nc: option requires an argument -- '${c}'\n${USAGE}`, exitCode: 1 };
          flags.set(c, v);
          break;
        }
        if (!BOOL.has(c)) return { stdout: '', stderr: `nc: invalid option -- '${c}'\n${USAGE}`, exitCode: 1 };
        flags.set(c, true);
      }
    }
    if (flags.has('h')) return { stdout: '', stderr: USAGE, exitCode: 0 };
    if (operands.length === 0) return { stdout: '', stderr: USAGE, exitCode: 1 };
    if (operands.length === 1) return { stdout: '', stderr: 'nc: missing port number\n', exitCode: 1 };
    const [host, portText] = operands;
    const w = flags.get('w');
    if (typeof w === 'string' && !/^\d+$/.test(w)) return { stdout: '', stderr: `nc: timeout ${w}: invalid\n`, exitCode: 1 };
    if (!/^\d+$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535) return { stdout: '', stderr: `nc: port number invalid: ${portText}\n`, exitCode: 1 };
    const view = viewOf(ctx);
    if (!view) return noView('nc');
    const verbose = flags.has('v');
    const numeric = flags.has('n');
    const proto = flags.has('u') ? 'udp' : 'tcp';
    const port = Number(portText);
    let ip: string | undefined;
    if (IPV4.test(host)) ip = host;
    else if (numeric) return { stdout: '', stderr: `nc: getaddrinfo for host "${host}" port ${portText}: Name does not resolve\n`, exitCode: 1 };
    else if (!dnsAnswersQuietly(ctx, view, host)) return { stdout: '', stderr: `nc: getaddrinfo for host "${host}" port ${portText}: Try again\n`, exitCode: 1 };
    else ip = lookupHost(ctx.state, view, host);
    if (!ip) return { stdout: '', stderr: `nc: getaddrinfo for host "${host}" port ${portText}: Name does not resolve\n`, exitCode: 1 };
    const who = numeric || host === ip ? `${host}` : `${host} (${ip})`;
    const reached = connects(ctx.state, view, ip, port);
    if (reached !== 'open') {
      let why = 'failed: Connection refused';
      if (reached === 'dropped') {
        const seconds = typeof w === 'string' && Number(w) > 0 ? Number(w) : undefined;
        ctx.wait(seconds !== undefined ? seconds * 1000 : SYN_GIVE_UP_MS, true);
        why = seconds !== undefined ? 'timed out: Operation now in progress' : 'failed: Connection timed out';
      }
      return { stdout: '', stderr: verbose ? `nc: connect to ${who} port ${port} (${proto}) ${why}\n` : '', exitCode: 1 };
    }
    const service = numeric ? '*' : (SERVICES[proto]?.[port] ?? '*');
    const info = verbose ? `Connection to ${who} ${port} port [${proto}/${service}] succeeded!\n` : '';
    if (flags.has('z')) return { stdout: '', stderr: info, exitCode: 0 };
    // A Redis server answers an inline PING; other servers say nothing to what we send.
    const reply = port === 6379 && /PING/i.test(ctx.stdin) ? '+PONG\r\n' : '';
    return { stdout: reply, stderr: info, exitCode: 0 };
  },
};
