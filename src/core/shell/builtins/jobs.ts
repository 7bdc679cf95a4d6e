import type { JobView } from '../../commands/types.ts';
import { formatJob } from '../../session/jobs.ts';
import { processTable } from '../../host/processes.ts';
import { done, err, type Builtin } from './types.ts';

/** Linux's signal names by number, as `kill -l` lists them (32 and 33 are glibc's own). */
const SIGNALS: Record<number, string> = {
  1: 'HUP', 2: 'INT', 3: 'QUIT', 4: 'ILL', 5: 'TRAP', 6: 'ABRT', 7: 'BUS', 8: 'FPE', 9: 'KILL', 10: 'USR1',
  11: 'SEGV', 12: 'USR2', 13: 'PIPE', 14: 'ALRM', 15: 'TERM', 16: 'STKFLT', 17: 'CHLD', 18: 'CONT', 19: 'STOP', 20: 'TSTP',
  21: 'TTIN', 22: 'TTOU', 23: 'URG', 24: 'XCPU', 25: 'XFSZ', 26: 'VTALRM', 27: 'PROF', 28: 'WINCH', 29: 'IO', 30: 'PWR', 31: 'SYS',
};
for (let i = 34; i <= 64; i++) SIGNALS[i] = i <= 49 ? (i === 34 ? 'RTMIN' : `RTMIN+${i - 34}`) : i === 64 ? 'RTMAX' : `RTMAX-${64 - i}`;

/** bash's `kill -l`: `N) SIGNAME` five to a line, tab separated (the last line keeps its tab). */
function signalList(): string {
  const items = Object.keys(SIGNALS).map(Number).map((n) => `${String(n).padStart(2)}) SIG${SIGNALS[n]}`);
  let out = '';
  for (let i = 0; i < items.length; i += 5) out += `${items.slice(i, i + 5).join('\t')}${i + 5 >= items.length ? '\t' : ''}\n`;
  return out;
}

/** A signal given as `9`, `KILL`, `SIGKILL` or `kill`; undefined when bash would not know it. */
function signalNumber(spec: string): number | undefined {
  if (/^\d+$/.test(spec)) return SIGNALS[Number(spec)] ? Number(spec) : undefined;
  const name = spec.toUpperCase().replace(/^SIG/, '');
  const hit = Object.entries(SIGNALS).find(([, v]) => v === name);
  return hit ? Number(hit[0]) : undefined;
}

const KILL_USAGE = 'kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n';

/**
 * bash's `kill` builtin: `kill [-s SIG | -n N | -SIG] PID|%JOB…` and `kill -l [SIG…]`. Jobs of
 * this shell end with the signal (reported `Terminated`, `Killed`… before the next prompt); a
 * PID of the host's process table is another user's (`Operation not permitted`) unless root;
 * anything else is `No such process`.
 */
export const kill: Builtin = {
  name: 'kill',
  summary: 'Send a signal to a job.',
  run({ argv, ctx }) {
    const args = argv.slice(1);
    let signal = 15;
    let i = 0;
    if (args[0] === '-l' || args[0] === '-L') {
      if (args.length === 1) return done(signalList());
      let out = '';
      let stderr = '';
      for (const a of args.slice(1)) {
        const n = /^\d+$/.test(a) ? Number(a) : signalNumber(a);
        if (n === undefined || !SIGNALS[n > 128 ? n - 128 : n]) stderr += `bash: kill: ${a}: invalid signal specification\n`;
        else out += /^\d+$/.test(a) ? `${SIGNALS[n > 128 ? n - 128 : n]}\n` : `${n}\n`;
      }
      return { stdout: out, stderr, exitCode: stderr ? 1 : 0 };
    }
    if (args[0] === '-s' || args[0] === '-n') {
      if (args[1] === undefined) return err(`bash: kill: ${args[0]}: option requires an argument\n`);
      const n = signalNumber(args[1]);
      if (n === undefined) return err(`bash: kill: ${args[1]}: invalid signal specification\n`);
      signal = n;
      i = 2;
    } else if (args[0]?.startsWith('-') && args[0] !== '--' && args[0].length > 1) {
      const n = signalNumber(args[0].slice(1));
      if (n === undefined) return err(`bash: kill: ${args[0].slice(1)}: invalid signal specification\n`);
      signal = n;
      i = 1;
    }
    if (args[i] === '--') i++;
    const targets = args.slice(i);
    if (targets.length === 0) return err(KILL_USAGE, 2);
    let stderr = '';
    for (const t of targets) {
      if (!/^(%.*|-?\d+)$/.test(t)) { stderr += `bash: kill: ${t}: arguments must be process or job IDs\n`; continue; }
      const job = ctx.jobs?.find(t);
      if (job) {
        // SIGCONT and signal 0 leave a running job as it is.
        if (signal !== 0 && signal !== 18 && signal !== 17 && signal !== 28 && signal !== 23) ctx.jobs!.signal(job.n, signal);
        continue;
      }
      if (t.startsWith('%')) { stderr += `bash: kill: ${t}: no such job\n`; continue; }
      const pid = Number(t);
      // 0 (and a negative group id) is the shell's own process group: an interactive bash ignores SIGTERM.
      if (pid <= 0) continue;
      const proc = ctx.host?.units && ctx.host.sandboxes ? processTable(ctx.state, ctx.host).find((p) => p.pid === pid) : undefined;
      if (!proc) stderr += `bash: kill: (${t}) - No such process\n`;
      else if (ctx.frame.user !== 'root') stderr += `bash: kill: (${t}) - Operation not permitted\n`;
    }
    return { stdout: '', stderr, exitCode: stderr ? 1 : 0 };
  },
};

/** `jobs [-l|-p] [%JOB…]`: the shell's jobs; finished ones are listed once with their status, then forgotten. */
export const jobs: Builtin = {
  name: 'jobs',
  summary: 'Display status of jobs.',
  run({ argv, ctx }) {
    const control = ctx.jobs;
    if (!control) return done();
    const opts = argv.slice(1).filter((a) => /^-[lpnrs]+$/.test(a)).join('');
    const bad = argv.slice(1).find((a) => a.startsWith('-') && !/^-[lpnrs]+$/.test(a) && a !== '--');
    if (bad) return err(`bash: jobs: ${bad.slice(0, 2)}: invalid option\njobs: usage: jobs [-lnprs] [jobspec ...] or jobs -x command [args]\n`, 2);
    const specs = argv.slice(1).filter((a) => !a.startsWith('-'));
    let selected: JobView[] = control.list();
    let stderr = '';
    if (specs.length) {
      selected = [];
      for (const s of specs) {
        const j = control.find(s);
        if (j) selected.push(j);
        else stderr += `bash: jobs: ${s}: no such job\n`;
      }
    }
    if (opts.includes('r')) selected = selected.filter((j) => j.status === 'Running');
    if (opts.includes('s')) selected = [];
    const out = selected.map((j) => (opts.includes('p') ? `${j.pid}\n` : `${formatJob(j, opts.includes('l'))}\n`)).join('');
    for (const j of selected) if (j.status !== 'Running') control.reap(j.n);
    return { stdout: out, stderr, exitCode: stderr ? 1 : 0 };
  },
};

/** The job `fg`/`bg` act on: the spec given, else the current job; bash's error otherwise. */
function pick(name: string, argv: string[], ctx: Parameters<Builtin['run']>[0]['ctx']): JobView | string {
  const spec = argv[1] ?? '%+';
  const j = ctx.jobs?.find(spec);
  if (j) return j;
  return `bash: ${name}: ${argv[1] ?? 'current'}: no such job\n`;
}

/** `fg [%JOB]`: prints the job's command and runs it in the foreground (Ctrl-C ends it). */
export const fg: Builtin = {
  name: 'fg',
  summary: 'Move job to the foreground.',
  run({ argv, ctx }) {
    const j = pick('fg', argv, ctx);
    if (typeof j === 'string') return err(j);
    if (j.status !== 'Running') {
      ctx.jobs!.reap(j.n);
      return err('bash: fg: job has terminated\n');
    }
    const r = ctx.jobs!.foreground(j.n);
    return { stdout: `${j.text}\n`, stderr: '', exitCode: r.exitCode, ...(r.follow ? { follow: r.follow } : {}) };
  },
};

/** `bg [%JOB]`: jobs here are never stopped (no Ctrl-Z), so a running one is already in the background. */
export const bg: Builtin = {
  name: 'bg',
  summary: 'Move jobs to the background.',
  run({ argv, ctx }) {
    const j = pick('bg', argv, ctx);
    if (typeof j === 'string') return err(j);
    if (j.status !== 'Running') return err('bash: bg: job has terminated\n');
    return { stdout: '', stderr: `bash: bg: job ${j.n} already in background\n`, exitCode: 0 };
  },
};

/**
 * `wait [%JOB|PID…]`: waits (on the virtual clock) until the jobs end, printing each one's
 * notice, and returns the last one's status; Ctrl-C ends the wait (130), not the jobs.
 */
export const wait: Builtin = {
  name: 'wait',
  summary: 'Wait for job completion and return exit status.',
  run({ argv, ctx }) {
    const control = ctx.jobs;
    const specs = argv.slice(1).filter((a) => a !== '-n' && a !== '-f');
    const ns: number[] = [];
    for (const s of specs) {
      const j = control?.find(s);
      if (j) { ns.push(j.n); continue; }
      if (s.startsWith('%')) return err(`bash: wait: ${s}: no such job\n`, 127);
      if (!/^\d+$/.test(s)) return err(`bash: wait: \`${s}': not a pid or valid job spec\n`, 1);
      return err(`bash: wait: pid ${s} is not a child of this shell\n`, 127);
    }
    if (!control) return done();
    const r = control.waitFor(ns);
    return { stdout: r.output, stderr: '', exitCode: r.exitCode, ...(r.follow ? { follow: r.follow } : {}) };
  },
};
