import type { Follow, JobControl, JobView, Listener } from '../commands/types.ts';
import type { ClusterState } from '../model/state.ts';
import type { Action } from '../sim/actions.ts';

/** A background job of one of the session's shells. */
interface Job {
  n: number;
  pid: number;
  text: string;
  /** Depth of the shell that started it (1 = the laptop's login shell). */
  depth: number;
  /** The transcript line that started it, and when (virtual ms). */
  line: number;
  startedAt: number;
  /** What keeps it running; polled as the clock moves, like a foreground follow. */
  follow?: Follow;
  since: number;
  /** Set once it ended: bash's status word and `$?`. */
  ended?: { status: string; exitCode: number; at: number };
}

/** bash's words for a job that died of a signal (jobs.c, strsignal), by signal number. */
const SIGNAL_STATUS: Record<number, string> = { 1: 'Hangup', 2: 'Interrupt', 3: 'Quit', 9: 'Killed', 15: 'Terminated' };

/** How a job that ended with `exitCode` by itself is listed: `Done`, or `Exit N`. */
const exitStatus = (exitCode: number) => (exitCode === 0 ? 'Done' : `Exit ${exitCode}`);

/**
 * Output a job held back because the list waited first (`(sleep 5; echo hi) &`): it is printed,
 * and the job ends, when that time has passed on the clock.
 */
function delayed(output: string, exitCode: number, endsAt: number): Follow {
  return {
    nextAt: () => endsAt,
    poll: (_s, _from, to) => (to >= endsAt ? { stdout: output, stderr: '', done: { exitCode } } : { stdout: '', stderr: '' }),
  };
}

/**
 * The session's background jobs, for every shell on its location stack: started by `&`, polled
 * as the clock moves (their output goes to the terminal as it comes), reaped before a prompt with
 * bash's notice (`[1]+  Done                    sleep 5`). Deterministic: it reads only virtual
 * time and the state the session hands it.
 */
export class JobTable {
  private jobs: Job[] = [];
  /** Background time of the list being spawned: its `sleep`s delay the job, not the clock. */
  private spawnWaitMs: number | undefined;
  private pids = 0;

  /** Whether a list is being spawned: the session's `wait` adds to the job's time instead of moving the clock. */
  get spawning(): boolean { return this.spawnWaitMs !== undefined; }
  /** Time waited by the list being spawned (ms). */
  addWait(ms: number): void { if (this.spawnWaitMs !== undefined) this.spawnWaitMs += ms; }

  /** True while any job of any shell still runs (the terminal keeps ticking for its output). */
  get running(): boolean { return this.jobs.some((j) => !j.ended); }
  /** True once any background job was started: the table then holds what a snapshot does not (Session.snapshot). */
  get used(): boolean { return this.jobs.length > 0 || this.pids > 0; }

  /** Starts a job for the shell at `depth` (see JobControl.spawn). `basePid` is where this host's PIDs for jobs begin. */
  spawn(depth: number, line: number, now: number, basePid: number, text: string, run: () => { output: string; exitCode: number; follow?: Follow }): { job: Job; output: string } {
    const mine = this.jobs.filter((j) => j.depth === depth);
    const n = Math.max(0, ...mine.map((j) => j.n)) + 1;
    // Each job is a fork (and a subshell for a list): PIDs climb as a real kernel hands them out.
    const pid = basePid + 3 * this.pids++;
    this.spawnWaitMs = 0;
    let r: ReturnType<typeof run>;
    let waited = 0;
    try {
      r = run();
    } finally {
      waited = this.spawnWaitMs;
      this.spawnWaitMs = undefined;
    }
    const job: Job = { n, pid, text, depth, line, startedAt: now, since: now + waited };
    let output = '';
    if (r.follow) {
      job.follow = r.follow;
      output = r.output;
    } else if (waited > 0) job.follow = delayed(r.output, r.exitCode, now + waited);
    else {
      output = r.output;
      job.ended = { status: exitStatus(r.exitCode), exitCode: r.exitCode, at: now };
    }
    this.jobs.push(job);
    return { job, output };
  }

  /** The earliest moment a running job looks at the cluster by itself, if any. */
  nextAt(): number | undefined {
    let next: number | undefined;
    for (const j of this.jobs) {
      if (j.ended || !j.follow) continue;
      const at = Math.max(j.since, j.follow.nextAt?.() ?? j.since);
      if (j.follow.nextAt && (next === undefined || at < next)) next = at;
    }
    return next;
  }

  /** Polls every running job up to `now`; returns what they printed, in job order. */
  poll(state: ClusterState, dispatch: (a: Action) => void): string {
    let out = '';
    for (const j of this.jobs) {
      if (j.ended || !j.follow || j.since > state.now) continue;
      const r = j.follow.poll(state, j.since, state.now, dispatch);
      j.since = state.now;
      out += r.stdout + r.stderr;
      if (r.done) j.ended = { status: exitStatus(r.done.exitCode), exitCode: r.done.exitCode, at: state.now };
    }
    return out;
  }

  /** What listens on a loopback port of the machine of the shell at `depth`: a running job's listener. */
  listener(port: number, depth: number): Listener | undefined {
    for (const j of this.jobs) {
      if (j.ended || j.depth !== depth) continue;
      const l = j.follow?.listening?.find((x) => x.port === port);
      if (l) return l;
    }
    return undefined;
  }

  /**
   * bash's notices before the prompt after line `line` at `now`: every job of the shell at
   * `depth` that ended and was not reported, then forgotten. A job that ended the instant it
   * started, on this very line, is reported after the next line (bash printed the prompt first).
   */
  notices(depth: number, line: number): string {
    let out = '';
    for (const j of this.shellJobs(depth)) {
      if (!j.ended || (j.line === line && j.ended.at <= j.startedAt)) continue;
      out += `${this.format(j, depth, false)}\n`;
      this.forget(j);
    }
    return out;
  }

  /** The shell at `depth` ended (exit, logout): its jobs get SIGHUP and are gone. */
  hangUp(depth: number): void {
    this.jobs = this.jobs.filter((j) => j.depth < depth);
  }

  /** The job-control interface a command at `depth` sees. */
  control(depth: number, line: () => number, now: () => number, basePid: () => number): JobControl {
    const table = this;
    const byN = (n: number) => table.shellJobs(depth).find((j) => j.n === n);
    return {
      spawn: (text, run) => {
        const { job, output } = table.spawn(depth, line(), now(), basePid(), text, run);
        return { n: job.n, pid: job.pid, output };
      },
      list: () => table.shellJobs(depth).map((j) => table.view(j, depth)),
      find: (spec) => {
        const j = table.find(depth, spec);
        return j && table.view(j, depth);
      },
      signal: (n, signal) => {
        const j = byN(n);
        if (!j || j.ended) return;
        j.ended = { status: SIGNAL_STATUS[signal] ?? `Signal ${signal}`, exitCode: 128 + signal, at: now() };
      },
      foreground: (n) => {
        const j = byN(n);
        if (!j) return { exitCode: 127 };
        table.forget(j);
        return j.ended ? { exitCode: j.ended.exitCode } : { follow: j.follow, exitCode: 0 };
      },
      waitFor: (ns) => {
        const watched = () => table.shellJobs(depth).filter((j) => ns.length === 0 || ns.includes(j.n));
        // Every waited-for job is reported as it is reaped, as an interactive bash's wait does.
        const finish = () => {
          const js = watched();
          const output = js.map((j) => `${table.format(j, depth, false)}\n`).join('');
          const exitCode = ns.length === 0 ? 0 : js[js.length - 1]?.ended?.exitCode ?? 127;
          for (const j of js) table.forget(j);
          return { output, exitCode };
        };
        if (!watched().some((j) => !j.ended)) return finish();
        return {
          output: '', exitCode: 0,
          follow: {
            poll: () => {
              if (watched().some((j) => !j.ended)) return { stdout: '', stderr: '' };
              const f = finish();
              return { stdout: f.output, stderr: '', done: { exitCode: f.exitCode } };
            },
          },
        };
      },
      reap: (n) => {
        const j = byN(n);
        if (j?.ended) table.forget(j);
      },
    };
  }

  private shellJobs(depth: number): Job[] {
    return this.jobs.filter((j) => j.depth === depth);
  }

  private forget(j: Job): void {
    this.jobs = this.jobs.filter((x) => x !== j);
  }

  /** bash's job spec lookup (jobs.c get_job_spec): `%N`, `%%`/`%+`/`%`, `%-`, `%name`, `%?text`, or a PID. */
  private find(depth: number, spec: string): Job | undefined {
    const js = this.shellJobs(depth);
    if (/^\d+$/.test(spec)) return js.find((j) => j.pid === Number(spec));
    if (!spec.startsWith('%')) return undefined;
    const s = spec.slice(1);
    if (s === '' || s === '%' || s === '+') return this.current(js);
    if (s === '-') return this.previous(js) ?? this.current(js);
    if (/^\d+$/.test(s)) return js.find((j) => j.n === Number(s));
    const hits = s.startsWith('?') ? js.filter((j) => j.text.includes(s.slice(1))) : js.filter((j) => j.text.startsWith(s));
    return hits[hits.length - 1];
  }

  /** The current job (`+`): the most recent one in the table. */
  private current(js: Job[]): Job | undefined {
    return js[js.length - 1];
  }

  /** The previous job (`-`): the most recent running one after the current. */
  private previous(js: Job[]): Job | undefined {
    const cur = this.current(js);
    return [...js].reverse().find((j) => j !== cur && !j.ended);
  }

  private view(j: Job, depth: number): JobView {
    const js = this.shellJobs(depth);
    const mark = j === this.current(js) ? '+' : j === this.previous(js) ? '-' : ' ';
    return { n: j.n, pid: j.pid, text: j.text, status: j.ended?.status ?? 'Running', ...(j.ended ? { exitCode: j.ended.exitCode } : {}), mark };
  }

  /** `[1]+  Running                 sleep 100 &` as jobs.c pretty_print_job lays it out (`-l` adds the PID). */
  format(j: Job, depth: number, withPid: boolean): string {
    return formatJob(this.view(j, depth), withPid);
  }
}

/** A job as `jobs` and the notices print it: `[N]M  STATUS(24 columns)TEXT`, ` &` while running. */
export function formatJob(v: JobView, withPid: boolean): string {
  return `[${v.n}]${v.mark}  ${withPid ? `${v.pid} ` : ''}${v.status.padEnd(24)}${v.text}${v.status === 'Running' ? ' &' : ''}`;
}
