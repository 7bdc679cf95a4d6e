import { socketTable, type HostSocket } from '../../../host/sockets.ts';
import { processTable } from '../../../host/processes.ts';
import type { FlagSpec } from '../../flags.ts';
import type { Command, CommandContext } from '../../types.ts';
import { matching, parseTool } from '../args.ts';
import { sessionProcesses } from '../ps/index.ts';

const USAGE = `Usage: ss [ OPTIONS ]
       ss [ OPTIONS ] [ FILTER ]
   -h, --help          this message
   -V, --version       output version information
   -n, --numeric       don't resolve service names
   -r, --resolve       resolve host names
   -a, --all           display all sockets
   -l, --listening     display listening sockets
   -p, --processes     show process using socket
   -s, --summary       show socket usage summary
   -H, --no-header     Suppress header line
   -4, --ipv4          display only IP version 4 sockets
   -6, --ipv6          display only IP version 6 sockets
   -t, --tcp           display only TCP sockets
   -u, --udp           display only UDP sockets
   -x, --unix          display only Unix domain sockets
`;

const SPECS: FlagSpec[] = ['numeric:n', 'resolve:r', 'all:a', 'listening:l', 'processes:p', 'summary:s', 'no-header:H', 'ipv4:4', 'ipv6:6', 'tcp:t', 'udp:u', 'unix:x', 'extended:e', 'options:o', 'info:i', 'memory:m', 'version:V']
  .map((x) => ({ name: x.split(':')[0], short: x.split(':')[1], type: 'bool' as const, help: '' }));

/** /etc/services names ss prints without -n (netbase 6.4 knows none of Kubernetes' ports). */
const SERVICES: Record<string, string> = { 22: 'ssh', 53: 'domain' };

/** The sockets `ctx`'s host has, with the pids `ps` shows (the session's sshd included). */
export function hostSockets(ctx: CommandContext): HostSocket[] {
  const procs = [...processTable(ctx.state, ctx.host), ...sessionProcesses(ctx)];
  return socketTable(ctx.state, ctx.host, procs);
}

/** A port filter (`sport = :10250`, `dport == :6443`, `( sport = :a or sport = :b )`); undefined when the expression is not one ss would accept. */
function parseFilter(words: string[]): ((s: HostSocket) => boolean) | undefined | 'none' {
  const text = words.join(' ').replace(/[()]/g, ' ').trim();
  if (!text) return 'none';
  const terms = text.split(/\s+or\s+|\s*\|\|\s*/);
  const tests: ((s: HostSocket) => boolean)[] = [];
  for (const t of terms) {
    const m = /^(sport|dport|src|dst)\s*(=|==|eq)\s*(\S*?):?(\w+)$/.exec(t.trim());
    if (!m) return undefined;
    const port = m[4] === 'ssh' ? '22' : m[4];
    tests.push(m[1] === 'sport' || m[1] === 'src' ? (s) => String(s.local.port) === port : (s) => String(s.peer.port) === port);
  }
  return (s) => tests.some((f) => f(s));
}

/** ss joins an address and its port with `:`, a unix socket's path and its inode with a space. */
const sep = (s: HostSocket) => (s.proto === 'unix' ? ' ' : ':');

/** ` users:(("kubelet",pid=1899,fd=20))` — the process column of `-p` (ss prints it with its leading space). */
const users = (s: HostSocket) => ` users:(("${s.comm}",pid=${s.pid},fd=${s.fd}))`;

/** What `renderSs` shows besides the sockets: the optional columns and ss's switches that change cells. */
export interface SsLayout { netid: boolean; state: boolean; processes: boolean; numeric: boolean; header: boolean }

/**
 * The table as ss lays it out: each column as wide as its widest cell (header included when
 * printed), addresses right-aligned up to their separator and ports left-aligned after it,
 * Recv-Q and Send-Q printed `%-6d`, the last column padded too.
 */
export function renderSs(rows: readonly HostSocket[], o: SsLayout): string {
  const port = (x: number | string) => (o.numeric || !Object.hasOwn(SERVICES, String(x)) ? String(x) : SERVICES[String(x)]);
  const header = ['Netid', 'State', 'Recv-Q', 'Send-Q', 'Local Address:', 'Port', 'Peer Address:', 'Port', 'Process'];
  const cells = rows.map((s) => [s.proto === 'unix' ? 'u_str' : s.proto, s.state, '0'.padEnd(6), String(s.state === 'LISTEN' ? s.backlog : 0).padEnd(6), `${s.local.ip}${sep(s)}`, port(s.local.port), `${s.peer.ip}${sep(s)}`, port(s.peer.port), o.processes ? users(s) : '']);
  const keep = header.map((_, i) => (i === 0 ? o.netid : i === 1 ? o.state : true));
  const widths = header.map((h, i) => Math.max(o.header ? h.length : 0, ...cells.map((r) => r[i].length)));
  const right = (i: number) => i === 4 || i === 6;
  // The delimiter before a column: none before Netid, the ports and Process; one space elsewhere.
  const delim = (i: number) => (i === 0 || i === 5 || i === 7 || i === 8 ? '' : ' ');
  const line = (r: string[]) => {
    let out = '';
    let first = true;
    r.forEach((c, i) => {
      if (!keep[i]) return;
      out += (first ? '' : delim(i)) + (right(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]));
      first = false;
    });
    return out + '\n';
  };
  return (o.header ? line(header) : '') + cells.map(line).join('');
}

/**
 * `ss` (iproute2 6.1): `-t/-u/-x`, `-l/-a`, `-n`, `-p`, `-H`, `-s` and a port filter, over the
 * node's socket table (host/sockets.ts). Columns as ss lays them out: each as wide as its widest
 * cell (header included), addresses right-aligned up to their colon and ports left-aligned after
 * it, Recv-Q and Send-Q printed `%-6d`; the Netid column only when more than one socket table is
 * asked for, the State column only when more than one state is.
 */
export const ss: Command = {
  name: 'ss',
  places: ['node'],
  summary: 'another utility to investigate sockets',
  flags: SPECS,
  run(ctx) {
    const p = parseTool('ss', ctx.argv.slice(1), SPECS, USAGE);
    if (!p.ok) return p.result;
    const v = p.flags.values;
    if (v.version === true) return { stdout: 'ss utility, iproute2-6.1.0\n', stderr: '', exitCode: 0 };
    const all = hostSockets(ctx);
    if (v.summary === true) return { stdout: summary(all, new Set(all.map((s) => s.pid)).size), stderr: '', exitCode: 0 };
    // `state established` / `state listening` pick one state (and ss then drops the State column).
    const words = [...p.flags.positionals];
    let onlyState: HostSocket['state'] | undefined;
    const si = words.indexOf('state');
    if (si >= 0) {
      const named = ({ established: 'ESTAB', listening: 'LISTEN', unconnected: 'UNCONN' } as const)[words[si + 1] as 'established'];
      if (!named) return { stdout: '', stderr: `ss: wrong state name: ${words[si + 1] ?? ''}\n`, exitCode: 255 };
      onlyState = named;
      words.splice(si, 2);
    }
    const filter = parseFilter(words);
    if (filter === undefined) return { stdout: '', stderr: 'ss: bison bailing out of an error in the filter\n', exitCode: 255 };
    let tcp = v.tcp === true; let udp = v.udp === true; const unix = v.unix === true;
    if (!tcp && !udp && !unix) { tcp = true; udp = true; }
    const dbs = (tcp ? 1 : 0) + (udp ? 1 : 0) + (unix ? 3 : 0);
    const listening = v.listening === true;
    const everything = v.all === true;
    // ss's default state filter is "connected" (ESTAB and the like); -l: LISTEN and UNCONN; -a: all.
    let rows = all.filter((s) => (s.proto === 'tcp' ? tcp : s.proto === 'udp' ? udp : unix)
      && (onlyState ? s.state === onlyState : everything || (listening ? s.state !== 'ESTAB' : s.state === 'ESTAB'))
      && (v.ipv4 !== true || !s.v6 || s.local.ip.startsWith('[::ffff:')) && (v.ipv6 !== true || s.v6));
    if (filter !== 'none') rows = rows.filter(filter);
    return { stdout: renderSs(rows, { netid: dbs > 1, state: !onlyState, processes: v.processes === true, numeric: v.numeric === true, header: v['no-header'] !== true }), stderr: '', exitCode: 0 };
  },
  complete(_words, partial) {
    return matching(['-tlnp', '-tanp', '-ulnp', '-s', '-x', '-lntp', 'sport', 'dport', 'state'], partial);
  },
};

/** `ss -s`: totals per transport as iproute2 prints them (TCP counts listeners too; estab only ESTAB). */
function summary(all: HostSocket[], processes: number): string {
  const tcp = all.filter((s) => s.proto === 'tcp');
  const udp = all.filter((s) => s.proto === 'udp');
  const v6 = (xs: HostSocket[]) => xs.filter((s) => s.v6).length;
  const row = (name: string, xs: HostSocket[]) => `${name}\t  ${String(xs.length).padEnd(10)}${String(xs.length - v6(xs)).padEnd(10)}${String(v6(xs)).padEnd(9)}\n`;
  // Total counts every socket, unix ones included: besides those listed, each process keeps two (journald's stream, its own logging).
  return `Total: ${all.length + 2 * processes}\nTCP:   ${tcp.length} (estab ${tcp.filter((s) => s.state === 'ESTAB').length}, closed 0, orphaned 0, timewait 0)\n\n`
    + 'Transport Total     IP        IPv6\n' + row('RAW', []) + row('UDP', udp) + row('TCP', tcp) + row('INET', [...tcp, ...udp]) + row('FRAG', []);
}
