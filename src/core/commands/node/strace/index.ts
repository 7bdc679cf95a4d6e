import { binaryOf, processTable, trackOf, type Process } from '../../../host/processes.ts';
import type { Host, RuntimeContainer } from '../../../model/host.ts';
import type { ClusterState, ImageBehaviour } from '../../../model/state.ts';
import { rfc3339 } from '../../../time.ts';
import type { Command, CommandContext, CommandResult, Follow } from '../../types.ts';
import { fail, ok } from '../../types.ts';
import { matching } from '../args.ts';
import { call, killedBy, loaderPrologue, writeCall } from './syscalls.ts';
import { containerLogText } from '../../../sim/etcd/logs.ts';

const USAGE = `Usage: strace [-ACdffhiqqrtttTvVwxxyyzZ] [-I N] [-b execve] [-e EXPR]... [-a COLUMN]
              [-o FILE] [-s STRSIZE] [-X FORMAT] [-O OVERHEAD] [-S SORTBY]
              [-P PATH]... [-p PID]... [-U COLUMNS] [--seccomp-bpf]
              { -p PID | [-DDD] [-E VAR=VAL]... [-u USERNAME] PROG [ARGS] }

General:
  -e EXPR        a qualifying expression: OPTION=[!]all or OPTION=[!]VAL1[,VAL2]...
Tracing:
  -f, --follow-forks
                 follow forks
Startup:
  -p PID, --attach=PID
                 trace process with process id PID, may be repeated
Output format:
  -o FILE, --output=FILE
                 send trace output to FILE instead of stderr
  -s STRSIZE, --string-limit=STRSIZE
                 limit length of print strings to STRSIZE chars (default 32)
`;

const WITH_ARG = new Set(['-p', '-e', '-o', '-s', '-a', '-I', '-b', '-X', '-O', '-S', '-P', '-U', '-E', '-u']);
const BOOL = /^-[fcCdDhiqrtTvVwxyzZkn]+$/;

interface Options { follow: boolean; pids: string[]; program?: string[]; badOption?: string; help?: boolean }

/** strace's getopt with `+`: options stop at the first operand, which starts the traced program. */
function parseArgs(args: string[]): Options {
  const o: Options = { follow: false, pids: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--help' || a === '-h') { o.help = true; return o; }
    if (a === '--') { o.program = args.slice(i + 1); break; }
    if (a === '--follow-forks') { o.follow = true; continue; }
    if (a.startsWith('--attach=')) { o.pids.push(a.slice(9)); continue; }
    if (a.startsWith('--output=') || a.startsWith('--trace=') || a.startsWith('--string-limit=')) continue;
    if (WITH_ARG.has(a)) {
      if (i + 1 >= args.length) { o.badOption = `strace: option requires an argument -- '${a[1]}'`; return o; }
      if (a === '-p') o.pids.push(args[i + 1]);
      i++;
      continue;
    }
    if (/^-[peosaIbXOSPUEu]./.test(a)) { if (a[1] === 'p') o.pids.push(a.slice(2)); continue; }
    if (BOOL.test(a)) { if (a.includes('f')) o.follow = true; continue; }
    // getopt: a lone `-` is the program operand (strace then fails to find it), not an option.
    if (a.startsWith('-') && a !== '-') { o.badOption = a.startsWith('--') ? `strace: unrecognized option '${a}'` : `strace: invalid option -- '${a[1]}'`; return o; }
    o.program = args.slice(i);
    break;
  }
  return o;
}

/** How the running container will end, from kubelet's bookkeeping: exit time and signal (undefined when healthy). */
function fateOf(state: ClusterState, c: RuntimeContainer): { at: number; signal?: number; exitCode: number } | undefined {
  const t = trackOf(state, c);
  if (!t || t.phase !== 'running' || !Number.isFinite(t.until) || (t.containerId && t.containerId !== c.id) || !t.exit) return undefined;
  return { at: t.until, signal: t.exit.signal, exitCode: t.exit.exitCode };
}

const behaviourOf = (state: ClusterState, ref: string): ImageBehaviour | undefined => (Object.hasOwn(state.images, ref) ? state.images[ref] : undefined);

/** The image's own startup lines, as the program writes them when run by hand on the host. */
function startupLines(b: ImageBehaviour | undefined, pid: number, at: number): string[] {
  return (b?.startupLogs ?? []).map((l) => l.text.replace(/\{ts\}/g, rfc3339(at + l.afterMs)).replace(/\(pid \d+\)/, `(pid ${pid})`));
}

function notRunning(ctx: CommandContext, pid: string): CommandResult {
  return fail(`strace: attach: ptrace(PTRACE_SEIZE, ${pid}): No such process\n`);
}

/** A blocked syscall strace shows while a healthy process idles; the line stays open until it returns. */
const IDLE = 'epoll_pwait(4, [], 128, 1000, NULL, 8) = 0';

function healthyFollow(hostName: string, p: Process, prefix: string, onStop: string): Follow {
  let lastTick = -1;
  return {
    poll(state, from, to) {
      const h: Host | undefined = Object.hasOwn(state.hosts, hostName) ? state.hosts[hostName] : undefined;
      const c = p.container ? h?.containers.find((x) => x.id === p.container!.id) : undefined;
      const lines: string[] = [];
      for (let s = Math.floor(from / 1000) + 1; s <= Math.floor(to / 1000) && lines.length < 5; s++) if (s !== lastTick) { lines.push(prefix + IDLE); lastTick = s; }
      for (const l of c?.logs ?? []) if (l.at > from && l.at <= to) lines.push(prefix + writeCall(l.stream === 'stdout' ? 1 : 2, containerLogText(l)));
      if (p.container && c && c.state === 'CONTAINER_EXITED') {
        const sig = c.exitCode && c.exitCode > 128 ? c.exitCode - 128 : undefined;
        lines.push(...(sig ? killedBy(sig, p.pid) : [`+++ exited with ${c.exitCode ?? 0} +++`]));
        return { stdout: '', stderr: lines.map((l) => l + '\n').join(''), done: { exitCode: 0 } };
      }
      return { stdout: '', stderr: lines.map((l) => l + '\n').join('') };
    },
    onInterrupt: () => ({ stdout: '', stderr: onStop }),
  };
}

/** `strace -p PID`: attach; a container that kubelet knows will die is followed to its death (virtual time passes). */
function attach(ctx: CommandContext, pidText: string, follow: boolean): CommandResult {
  const p = /^\d+$/.test(pidText) ? processTable(ctx.state, ctx.host).find((x) => x.pid === Number(pidText)) : undefined;
  if (!/^\d+$/.test(pidText) || Number(pidText) <= 0) return fail(`strace: Invalid process id: '${pidText}'\n`);
  if (!p) return notRunning(ctx, pidText);
  if (p.args.startsWith('[')) return fail(`strace: attach: ptrace(PTRACE_SEIZE, ${p.pid}): Operation not permitted\n`);
  const threads = follow && p.threads > 1;
  const head = threads ? `strace: Process ${p.pid} attached with ${p.threads} threads\n` : `strace: Process ${p.pid} attached\n`;
  const prefix = threads ? `[pid ${String(p.pid).padStart(5)}] ` : '';
  const fate = p.container ? fateOf(ctx.state, p.container) : undefined;
  if (!fate) {
    const r = ok('');
    r.stderr = head + prefix + call('futex(0xc000080148, FUTEX_WAIT_PRIVATE, 0, NULL', '0') + '\n';
    r.follow = healthyFollow(ctx.host.name, p, prefix, `strace: Process ${p.pid} detached\n`);
    return r;
  }
  const now = ctx.state.now;
  const c = p.container!;
  const lines = [prefix + call('futex(0xc000080148, FUTEX_WAIT_PRIVATE, 0, NULL)', '0'), prefix + call('epoll_pwait(4, [], 128, 0, NULL, 0)', '0')];
  const beh = behaviourOf(ctx.state, c.image);
  const started = c.startedAt ?? c.createdAt;
  for (const l of beh?.startupLogs ?? []) {
    const at = started + l.afterMs;
    if (at > now && at <= fate.at) lines.push(prefix + writeCall(l.stream === 'stdout' ? 1 : 2, l.text.replace(/\{ts\}/g, rfc3339(at))));
  }
  // The process runs until kubelet's bookkeeping says it dies; strace sits attached meanwhile.
  ctx.wait(Math.max(0, fate.at - now));
  lines.push(...(fate.signal ? killedBy(fate.signal, p.pid).map((l) => prefix + l) : [`${prefix}+++ exited with ${fate.exitCode} +++`]));
  return { stdout: '', stderr: head + lines.map((l) => l + '\n').join(''), exitCode: 0 };
}

/** Whether `ref` dies of SIGILL on this host: kubelet expects it or the runtime saw exit 132 here. */
function sigillHere(ctx: CommandContext, ref: string): { afterMs: number } | undefined {
  for (const c of ctx.host.containers.filter((x) => x.image === ref)) {
    const f = fateOf(ctx.state, c);
    if (f?.signal === 4) return { afterMs: Math.max(1, f.at - (c.startedAt ?? c.createdAt)) };
    if (c.exitCode === 132 && c.finishedAt && c.startedAt) return { afterMs: Math.max(1, c.finishedAt - c.startedAt) };
  }
  return undefined;
}

/** `strace PROG`: run the image's binary by hand on the host (the crash reproduces where the CPU lacks the instructions). */
function execTrace(ctx: CommandContext, program: string[]): CommandResult {
  const path = program[0];
  const base = path.split('/').pop() ?? path;
  const beh = Object.values(ctx.state.images).find((b) => b.binary.split('/').pop() === base);
  if (!beh || !base) return fail(`strace: Can't stat '${path}': No such file or directory\n`);
  const pid = ctx.host.nextPid + 57;
  const out = startupLines(beh, pid, ctx.state.now);
  const trace = [...loaderPrologue(path, pid), ...out.map((l) => writeCall(1, l))];
  const crash = sigillHere(ctx, beh.ref);
  if (crash) {
    ctx.wait(crash.afterMs);
    trace.push(...killedBy(4, pid));
    return { stdout: out.map((l) => l + '\n').join(''), stderr: trace.map((l) => l + '\n').join(''), exitCode: 132 };
  }
  const r = ok(out.map((l) => l + '\n').join(''));
  r.stderr = trace.map((l) => l + '\n').join('') + `epoll_pwait(4, \n`;
  r.follow = {
    poll: () => ({ stdout: '', stderr: '' }),
    onInterrupt: () => ({ stdout: '', stderr: `) = ? ERESTARTNOHAND (To be restarted if no handler)\n--- SIGINT {si_signo=SIGINT, si_code=SI_KERNEL} ---\n+++ killed by SIGINT +++\n` }),
  };
  return r;
}

/** `strace` (6.x): `-p PID` attach, `PROG` run, `-f` threads; trace output goes to stderr as the real tool writes it. */
export const strace: Command = {
  name: 'strace',
  places: ['node'], // not in a busybox pod shell
  summary: 'trace system calls and signals',
  run(ctx) {
    const o = parseArgs(ctx.argv.slice(1));
    if (o.help) return ok(USAGE);
    if (o.badOption) return fail(`${o.badOption}\nTry 'strace -h' for more information.\n`);
    if (o.pids.length > 0) return attach(ctx, o.pids[0], o.follow);
    if (o.program && o.program.length > 0) return execTrace(ctx, o.program);
    return fail(`strace: must have PROG [ARGS] or -p PID\nTry 'strace -h' for more information.\n`);
  },
  complete(words, partial, ctx) {
    if (words[words.length - 1] === '-p') return matching(processTable(ctx.state, ctx.host).filter((p) => p.container).map((p) => String(p.pid)), partial);
    return matching(['-f', '-p', ...ctx.host.containers.map((c) => binaryOf(ctx.state, c.image))], partial);
  },
};
