import { processTable, type Process } from '../../../host/processes.ts';
import { strftime } from '../../../time.ts';
import type { Command, CommandContext } from '../../types.ts';
import { ok } from '../../types.ts';

const USAGE = `
Usage:
 ps [options]

 Try 'ps --help <simple|list|output|threads|misc|all>'
  or 'ps --help <s|l|o|t|m|a>'
 for additional help text.

For more details see ps(1).
`;

const two = (n: number) => String(n).padStart(2, '0');

/** START/STIME: `HH:MM` when started today, `Jun11` within the year, else the year. */
function startCell(at: number, now: number): string {
  if (now - at < 86400000 && strftime('%d', now) === strftime('%d', at)) return strftime('%H:%M', at);
  return strftime(now - at < 365 * 86400000 ? '%b%d' : '%Y', at);
}

/** `ps aux` TIME: minutes:seconds of CPU. */
const cpuShort = (ms: number) => { const s = Math.floor(ms / 1000); return `${Math.floor(s / 60)}:${two(s % 60)}`; };
/** `ps -ef` TIME: `[DD-]HH:MM:SS`. */
const cpuLong = (ms: number) => {
  const s = Math.floor(ms / 1000);
  const d = Math.floor(s / 86400);
  return `${d ? `${d}-` : ''}${two(Math.floor((s % 86400) / 3600))}:${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}`;
};

function aux(procs: Process[], now: number, memKb: number): string {
  const lines = ['USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND'];
  for (const p of procs) {
    const cpu = Math.min(99.9, (p.cpuMs / Math.max(1, now - p.startedAt)) * 100);
    const mem = (p.rssKb / memKb) * 100;
    lines.push(`${p.user.padEnd(8)} ${String(p.pid).padStart(7)} ${cpu.toFixed(1).padStart(4)} ${mem.toFixed(1).padStart(4)} ${String(p.vszKb).padStart(6)} ${String(p.rssKb).padStart(5)} ${(p.tty ?? '?').padEnd(8)} ${p.stat.padEnd(4)} ${startCell(p.startedAt, now).padStart(5)} ${cpuShort(p.cpuMs).padStart(6)} ${p.args}`);
  }
  return lines.join('\n') + '\n';
}

function ef(procs: Process[], now: number): string {
  const lines = ['UID          PID    PPID  C STIME TTY          TIME CMD'];
  for (const p of procs) {
    const c = Math.min(99, Math.floor((p.cpuMs / Math.max(1, now - p.startedAt)) * 100));
    lines.push(`${p.user.padEnd(8)} ${String(p.pid).padStart(7)} ${String(p.ppid).padStart(7)} ${String(c).padStart(2)} ${startCell(p.startedAt, now).padEnd(5)} ${(p.tty ?? '?').padEnd(8)} ${cpuLong(p.cpuMs).padStart(8)} ${p.args}`);
  }
  return lines.join('\n') + '\n';
}

/**
 * The learner's login on the node as ps sees it: sshd's session process, the login shell on pts/0
 * and every process of the pipeline being run — `ps` itself running (R+), its siblings such as the
 * `grep` it is piped into sleeping in the foreground (S+), as they all exist at once in a real shell.
 * Pids follow plain `ps`'s numbering (the shell at nextPid+40, ps 31 later).
 */
export function sessionProcesses(ctx: CommandContext): Process[] {
  if (ctx.frame.place !== 'node') return [];
  const now = ctx.state.now;
  const loginAt = ctx.host.lastLogin?.at ?? now;
  const shell = ctx.host.nextPid + 40;
  const stages = ctx.pipeline ?? { stages: [ctx.argv.join(' ')], index: 0 };
  const row = (pid: number, ppid: number, args: string, stat: string, startedAt: number, rssKb: number, vszKb: number, tty = 'pts/0'): Process =>
    ({ pid, ppid, user: 'root', args, comm: args.split(' ')[0].replace(/^-/, '').slice(0, 15), startedAt, cpuMs: 0, rssKb, vszKb, stat, threads: 1, tty });
  return [
    row(shell - 3, 1, 'sshd: root@pts/0', 'Ss', loginAt, 11008, 17200, '?'),
    row(shell, shell - 3, '-bash', 'Ss', loginAt, 5248, 8792),
    ...stages.stages.map((line, i) => row(shell + 31 + i, shell, line, i === stages.index ? 'R+' : 'S+', now, i === stages.index ? 4224 : 2304, i === stages.index ? 11280 : 6476)),
  ];
}

/**
 * `ps` (procps-ng 4) with the two spellings learners use, `ps aux` (BSD) and `ps -ef` (UNIX),
 * plus `-p PID`; plain `ps` lists the shell's own processes.
 */
export const ps: Command = {
  name: 'ps',
  places: ['node', 'debug'],
  summary: 'report a snapshot of the current processes',
  run(ctx) {
    const args = ctx.argv.slice(1);
    const procs = [...processTable(ctx.state, ctx.host), ...sessionProcesses(ctx)].sort((a, b) => a.pid - b.pid);
    const now = ctx.state.now;
    if (args.includes('--help')) return ok(USAGE);
    const word = args.join(' ');
    const pIdx = args.findIndex((a) => a === '-p' || a === '--pid');
    if (pIdx >= 0) {
      const pids = (args[pIdx + 1] ?? '').split(',').map(Number);
      if (!args[pIdx + 1] || pids.some((n) => !Number.isInteger(n) || n <= 0)) return { stdout: '', stderr: `error: list of process IDs must follow -p\n${USAGE}`, exitCode: 1 };
      const sel = procs.filter((p) => pids.includes(p.pid));
      const out = args.some((a) => a.includes('f')) ? ef(sel, now) : `    PID TTY          TIME CMD\n${sel.map((p) => `${String(p.pid).padStart(7)} ?        ${cpuLong(p.cpuMs)} ${p.comm}\n`).join('')}`;
      return { stdout: out, stderr: '', exitCode: sel.length ? 0 : 1 };
    }
    if (/^-?[aux]{1,3}( |$)/.test(word) && /a/.test(args[0]) && /x/.test(args[0])) return ok(aux(procs, now, ctx.host.memoryKb.total));
    if (/^-(e|A)(f|F)?$|^-(f|F)(e|A)$|^-e -f$|^-f -e$/.test(word)) return word.includes('f') || word.includes('F') ? ok(ef(procs, now)) : ok(`    PID TTY          TIME CMD\n${procs.map((p) => `${String(p.pid).padStart(7)} ${(p.tty ?? '?').padEnd(8)} ${cpuLong(p.cpuMs)} ${p.comm}\n`).join('')}`);
    if (args.length === 0) {
      const pid = ctx.host.nextPid + 40;
      return ok(`    PID TTY          TIME CMD\n${String(pid).padStart(7)} pts/0    00:00:00 bash\n${String(pid + 31).padStart(7)} pts/0    00:00:00 ps\n`);
    }
    const bad = args.find((a) => !/^-?[auxefAF]+$/.test(a)) ?? args[0];
    return { stdout: '', stderr: `error: unsupported option (BSD syntax)\n${USAGE}`.replace('unsupported option (BSD syntax)', bad.startsWith('-') ? `unsupported SysV option` : 'unsupported option (BSD syntax)'), exitCode: 1 };
  },
  complete: (_w, partial) => ['aux', '-ef'].filter((x) => x.startsWith(partial)),
};
