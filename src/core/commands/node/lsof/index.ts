import type { HostSocket } from '../../../host/sockets.ts';
import { processTable, type Process } from '../../../host/processes.ts';
import type { Command } from '../../types.ts';
import { matching } from '../args.ts';
import { sessionProcesses } from '../ps/index.ts';
import { hostSockets } from '../ss/index.ts';

const USAGE = `lsof 4.95.0
 latest revision: https://github.com/lsof-org/lsof
 latest FAQ: https://github.com/lsof-org/lsof/blob/master/00FAQ
 latest (non-formatted) man page: https://github.com/lsof-org/lsof/blob/master/Lsof.8
 usage: [-?abhKlnNoOPRtUvVX] [+|-c c] [+|-d s] [+D D] [+|-E] [+|-e s] [+|-f[gG]]
 [-F [f]] [-g [s]] [-i [i]] [+|-L [l]] [+m [m]] [+|-M] [-o [o]] [-p s]
 [+|-r [t]] [-s [p:s]] [-S [t]] [-T [t]] [-u s] [+|-w] [-x [fl]] [--] [names]
Use the \`\`-h'' option to get more help information.
`;

/** One line of lsof's table, before layout. */
export interface LsofRow { command: string; pid: number; user: string; fd: string; mode: string; type: string; device: string; size: string; node: string; name: string }

const TCP_STATE: Record<HostSocket['state'], string> = { LISTEN: 'LISTEN', ESTAB: 'ESTABLISHED', UNCONN: 'Idle' };

/** A socket as lsof names it: `TCP 10.0.2.21:58884->10.0.1.11:6443 (ESTABLISHED)`, `*:10250 (LISTEN)`. */
function socketRow(s: HostSocket, numericHost: boolean, numericPort: boolean): LsofRow {
  const host = (ip: string) => (!numericHost && ip === '127.0.0.1' ? 'localhost' : ip);
  const port = (p: number | string) => (!numericPort && String(p) === '22' ? 'ssh' : String(p));
  if (s.proto === 'unix') {
    return { command: s.comm, pid: s.pid, user: 'root', fd: String(s.fd), mode: 'u', type: 'unix', device: `0x${(0xffff8a0000000000n + BigInt(s.inode) * 0x400n).toString(16)}`, size: '0t0', node: String(s.inode), name: `${s.local.ip === '*' ? '' : s.local.ip} type=STREAM (${s.state === 'LISTEN' ? 'LISTEN' : 'CONNECTED'})`.trimStart() };
  }
  const local = `${host(s.local.ip)}:${port(s.local.port)}`;
  const name = s.state === 'ESTAB' ? `${local}->${host(s.peer.ip)}:${port(s.peer.port)}` : local;
  return { command: s.comm, pid: s.pid, user: 'root', fd: String(s.fd), mode: 'u', type: s.v6 ? 'IPv6' : 'IPv4', device: String(s.inode), size: '0t0', node: s.proto.toUpperCase(), name: `${name} (${TCP_STATE[s.state]})` };
}

/** The non-socket files every process has open: cwd, root, its binary, stdio on /dev/null. */
function processFiles(p: Process): LsofRow[] {
  const bin = p.args.split(' ')[0];
  const base = { command: p.comm, pid: p.pid, user: p.user === '65535' ? '65535' : 'root' };
  return [
    { ...base, fd: 'cwd', mode: '', type: 'DIR', device: '259,1', size: '4096', node: '2', name: '/' },
    { ...base, fd: 'rtd', mode: '', type: 'DIR', device: '259,1', size: '4096', node: '2', name: '/' },
    ...(bin.startsWith('/') ? [{ ...base, fd: 'txt', mode: '', type: 'REG', device: '259,1', size: String(40_000_000 + (p.pid % 977) * 4096), node: String(260000 + (p.pid % 5000)), name: bin }] : []),
    ...['0', '1', '2'].map((fd) => ({ ...base, fd, mode: fd === '0' ? 'r' : 'w', type: 'CHR', device: '1,3', size: '0t0', node: '5', name: '/dev/null' })),
  ];
}

/**
 * lsof's table layout (lsof 4.95): COMMAND cut to 9 characters and left-aligned, PID right,
 * USER left, FD as number + access mode + lock (the number right-aligned), TYPE, DEVICE,
 * SIZE/OFF and NODE right-aligned, NAME last; each column as wide as its widest cell or header.
 */
export function renderLsof(rows: readonly LsofRow[]): string {
  const cmd = (r: LsofRow) => r.command.slice(0, 9);
  const w = {
    command: Math.max(7, ...rows.map((r) => cmd(r).length)), pid: Math.max(3, ...rows.map((r) => String(r.pid).length)), user: Math.max(4, ...rows.map((r) => r.user.length)),
    fd: Math.max(4, ...rows.map((r) => r.fd.length)), type: Math.max(4, ...rows.map((r) => r.type.length)), device: Math.max(6, ...rows.map((r) => r.device.length)),
    size: Math.max(8, ...rows.map((r) => r.size.length)), node: Math.max(4, ...rows.map((r) => r.node.length)),
  };
  const head = `${'COMMAND'.padEnd(w.command)} ${'PID'.padStart(w.pid)} ${'USER'.padEnd(w.user)} ${'FD'.padStart(w.fd)}   ${'TYPE'.padStart(w.type)} ${'DEVICE'.padStart(w.device)} ${'SIZE/OFF'.padStart(w.size)} ${'NODE'.padStart(w.node)} NAME\n`;
  return head + rows.map((r) => `${cmd(r).padEnd(w.command)} ${String(r.pid).padStart(w.pid)} ${r.user.padEnd(w.user)} ${r.fd.padStart(w.fd)}${(r.mode || ' ')}  ${r.type.padStart(w.type)} ${r.device.padStart(w.device)} ${r.size.padStart(w.size)} ${r.node.padStart(w.node)} ${r.name}\n`).join('');
}

/** `-i` selectors: `:10250`, `TCP`, `TCP:6443`, `@10.0.1.11`, `4`/`6`; undefined when lsof would not accept it. */
function inetSelector(spec: string): ((s: HostSocket) => boolean) | undefined {
  const m = /^([46])?(TCP|UDP|tcp|udp)?(?:@([\w.:[\]-]+))?(?::([\w,-]+))?$/.exec(spec);
  if (!m) return undefined;
  const [, ver, proto, host, ports] = m;
  const want = ports?.split(',').map((x) => (x === 'ssh' ? '22' : x));
  return (s) => s.proto !== 'unix' && (!ver || (ver === '6') === s.v6) && (!proto || s.proto === proto.toLowerCase())
    && (!host || [s.local.ip, s.peer.ip].some((ip) => ip.replace(/^\[::ffff:|\]$/g, '') === host))
    && (!want || want.some((w) => {
      const [lo, hi] = w.split('-').map(Number);
      return [s.local.port, s.peer.port].some((p) => (hi ? Number(p) >= lo && Number(p) <= hi : String(p) === w));
    }));
}

/**
 * `lsof` on a node: `-i [SPEC]` (the host's sockets, host/sockets.ts, the same ss shows), `-p PID`,
 * `-c NAME`, `-n`/`-P`, `-a`, `-t` (pids only), `-sTCP:LISTEN`, `+L1` (open files whose link count
 * is below 1: none on these nodes, so nothing and exit 1 as lsof does). Without selectors, every
 * process's files. Selectors OR together unless `-a`.
 */
export const lsof: Command = {
  name: 'lsof',
  places: ['node'],
  summary: 'list open files',
  run(ctx) {
    const args = ctx.argv.slice(1);
    let numericHost = false; let numericPort = false; let and = false; let terse = false; let listenOnly = false; let linkBelow = false;
    const inet: ((s: HostSocket) => boolean)[] = [];
    let inetAll = false;
    const pids: number[] = []; const comms: string[] = [];
    const bad = (msg: string) => ({ stdout: '', stderr: `lsof: ${msg}\n${USAGE}`, exitCode: 1 });
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === '-h' || a === '-?') return { stdout: '', stderr: USAGE, exitCode: 0 };
      if (a === '+L1' || a === '+L') { linkBelow = true; continue; }
      if (a.startsWith('-s')) { const st = a.length > 2 ? a.slice(2) : args[++i] ?? ''; if (/^TCP:\^?LISTEN$/i.test(st)) listenOnly = !st.includes('^'); continue; }
      if (a.startsWith('-i')) {
        const spec = a.length > 2 ? a.slice(2) : args[i + 1] && !args[i + 1].startsWith('-') && !args[i + 1].startsWith('/') ? args[++i] : '';
        if (!spec) { inetAll = true; continue; }
        const f = inetSelector(spec);
        if (!f) return bad(/^[a-z]/i.test(spec) ? `unknown protocol name (${spec.split(/[@:]/)[0]}) in: -i ${spec}` : `unacceptable Internet address in: -i ${spec}`);
        inet.push(f); continue;
      }
      if (a === '-p' || a === '-c') {
        const val = args[++i];
        if (val === undefined) return bad(`no process ID specified`);
        if (a === '-p') { for (const x of val.split(',')) { if (!/^\^?\d+$/.test(x)) return bad(`illegal process ID: ${x}`); pids.push(Number(x)); } } else comms.push(val);
        continue;
      }
      if (/^-[nPatlVw]+$/.test(a)) {
        numericHost ||= a.includes('n'); numericPort ||= a.includes('P'); and ||= a.includes('a'); terse ||= a.includes('t');
        // `-i` bundled after other letters (`-nPi`) starts an Internet selection.
        continue;
      }
      if (/^-[nPat]*i/.test(a)) {
        numericHost ||= a.includes('n'); numericPort ||= a.includes('P'); and ||= /^-[^i]*a/.test(a);
        const spec = a.slice(a.indexOf('i') + 1);
        if (!spec) { inetAll = true; continue; }
        const f = inetSelector(spec);
        if (!f) return bad(`unacceptable Internet address in: -i ${spec}`);
        inet.push(f); continue;
      }
      if (a.startsWith('-') || a.startsWith('+')) return bad(`illegal option character: ${a.slice(1, 2)}`);
      // A file name: only sockets and the files listed below exist to be found here.
      if (!a.startsWith('/')) return { stdout: '', stderr: `lsof: status error on ${a}: No such file or directory\n${USAGE}`, exitCode: 1 };
    }
    if (linkBelow) return { stdout: '', stderr: '', exitCode: 1 };
    const procs = [...processTable(ctx.state, ctx.host), ...sessionProcesses(ctx)].sort((x, y) => x.pid - y.pid);
    const sockets = hostSockets(ctx).filter((s) => !listenOnly || s.state === 'LISTEN');
    const byPid = (p: number) => sockets.filter((s) => s.pid === p);
    const procSel = (p: Process) => pids.includes(p.pid) || comms.some((c) => p.comm.startsWith(c));
    const anyInet = inetAll || inet.length > 0;
    const anyProc = pids.length > 0 || comms.length > 0;
    const rows: LsofRow[] = [];
    for (const p of procs) {
      const socks = byPid(p.pid).filter((s) => (inetAll ? s.proto !== 'unix' : inet.some((f) => f(s))));
      if (anyInet && anyProc && and) { if (procSel(p)) rows.push(...socks.map((s) => socketRow(s, numericHost, numericPort))); continue; }
      if (anyProc && procSel(p)) { rows.push(...processFiles(p), ...byPid(p.pid).map((s) => socketRow(s, numericHost, numericPort))); continue; }
      if (anyInet) { rows.push(...socks.map((s) => socketRow(s, numericHost, numericPort))); continue; }
      if (!anyProc) rows.push(...processFiles(p), ...byPid(p.pid).map((s) => socketRow(s, numericHost, numericPort)));
    }
    if (rows.length === 0) return { stdout: '', stderr: '', exitCode: 1 };
    if (terse) return { stdout: [...new Set(rows.map((r) => r.pid))].map((p) => `${p}\n`).join(''), stderr: '', exitCode: 0 };
    return { stdout: renderLsof(rows), stderr: '', exitCode: 0 };
  },
  complete(_words, partial) {
    return matching(['-i', '-nP', '-p', '-c', '+L1', '-iTCP', '-sTCP:LISTEN', ':10250', ':6443', ':2379'], partial);
  },
};
