import { processTable, type Process } from '../../../host/processes.ts';
import type { Action } from '../../../sim/actions.ts';
import { parseFlags, type FlagSpec } from '../../flags.ts';
import type { Command, CommandContext, CommandResult } from '../../types.ts';
import { matching } from '../args.ts';
import { sessionProcesses } from '../ps/index.ts';

const OPTIONS = ` -d, --delimiter <string>  specify output delimiter
 -l, --list-name           list PID and process name
 -a, --list-full           list PID and full command line
 -v, --inverse             negates the matching
 -w, --lightweight         list all TID
 -c, --count               count of matching processes
 -f, --full                use full process name to match
 -g, --pgroup <PGID,...>   match listed process group IDs
 -G, --group <GID,...>     match real group IDs
 -i, --ignore-case         match case insensitively
 -n, --newest              select most recently started
 -o, --oldest              select least recently started
 -O, --older <seconds>     select where older than seconds
 -P, --parent <PPID,...>   match only child processes of the given parent
 -s, --session <SID,...>   match session IDs
 -t, --terminal <tty,...>  match by controlling terminal
 -u, --euid <ID,...>       match by effective IDs
 -U, --uid <ID,...>        match by real IDs
 -x, --exact               match exactly with the command name
 -F, --pidfile <file>      read PIDs from file
 -L, --logpidfile          fail if PID file is not locked
 -r, --runstates <state>   match runstates [D,S,Z,...]
 -A, --ignore-ancestors    exclude our ancestors from results
 --cgroup <grp,...>        match by cgroup v2 names
 --ns <PID>                match the processes that belong to the same
                           namespace as <pid>
 --nslist <ns,...>         list which namespaces will be considered for
                           the --ns option.
                           Available namespaces: ipc, mnt, net, pid, user, uts

 -h, --help     display this help and exit
 -V, --version  output version information and exit
`;

const PKILL_OPTIONS = ` -<sig>, --signal <sig>    signal to send (either number or name)
 -H, --require-handler     match only if signal handler is present
 -q, --queue <value>       integer value to be sent with the signal
 -e, --echo                display what is killed
 -c, --count               count of matching processes
 -f, --full                use full process name to match
 -i, --ignore-case         match case insensitively
 -n, --newest              select most recently started
 -o, --oldest              select least recently started
 -P, --parent <PPID,...>   match only child processes of the given parent
 -u, --euid <ID,...>       match by effective IDs
 -x, --exact               match exactly with the command name

 -h, --help     display this help and exit
 -V, --version  output version information and exit
`;

const usage = (tool: string) => `\nUsage:\n ${tool} [options] <pattern>\n\nOptions:\n${tool === 'pkill' ? PKILL_OPTIONS : OPTIONS}\nFor more details see ${tool}(1).\n`;

const SPECS: FlagSpec[] = [
  { name: 'delimiter', short: 'd', type: 'string', default: '\n', help: '' },
  { name: 'list-name', short: 'l', type: 'bool', help: '' },
  { name: 'list-full', short: 'a', type: 'bool', help: '' },
  { name: 'inverse', short: 'v', type: 'bool', help: '' },
  { name: 'count', short: 'c', type: 'bool', help: '' },
  { name: 'full', short: 'f', type: 'bool', help: '' },
  { name: 'ignore-case', short: 'i', type: 'bool', help: '' },
  { name: 'newest', short: 'n', type: 'bool', help: '' },
  { name: 'oldest', short: 'o', type: 'bool', help: '' },
  { name: 'parent', short: 'P', type: 'string', help: '' },
  { name: 'euid', short: 'u', type: 'string', help: '' },
  { name: 'uid', short: 'U', type: 'string', help: '' },
  { name: 'exact', short: 'x', type: 'bool', help: '' },
  { name: 'terminal', short: 't', type: 'string', help: '' },
  { name: 'echo', short: 'e', type: 'bool', help: '' },
  { name: 'signal', type: 'string', help: '' },
  { name: 'help', short: 'h', type: 'bool', help: '' },
  { name: 'version', short: 'V', type: 'bool', help: '' },
];

const SIGNALS: Record<string, number> = { HUP: 1, INT: 2, QUIT: 3, KILL: 9, USR1: 10, USR2: 12, TERM: 15, CONT: 18, STOP: 19 };

/** A signal named as pkill accepts it (`-9`, `-KILL`, `-SIGKILL`, `--signal TERM`), or undefined. */
function signalNumber(s: string): number | undefined {
  if (/^\d+$/.test(s)) return Number(s) <= 64 ? Number(s) : undefined;
  const name = s.toUpperCase().replace(/^SIG/, '');
  return Object.hasOwn(SIGNALS, name) ? SIGNALS[name] : undefined;
}

/** The processes the criteria select (pgrep never lists itself). */
function select(ctx: CommandContext, tool: string, args: string[]): { procs: Process[]; flags: Record<string, unknown> } | CommandResult {
  let signal = 15;
  const rest: string[] = [];
  for (const a of args) {
    // pkill's `-9` / `-KILL` signal shorthand comes before option parsing.
    const sig = tool === 'pkill' && /^-[A-Za-z0-9]+$/.test(a) && rest.length === 0 ? signalNumber(a.slice(1)) : undefined;
    if (sig !== undefined && !/^-[aldvcfinoPuUxteh]+$/.test(a)) signal = sig;
    else rest.push(a);
  }
  const parsed = parseFlags(rest, SPECS);
  if (!parsed.ok) {
    const e = parsed.error;
    const what = e.code === 'unknown-shorthand' ? `invalid option -- '${e.char}'` : e.code === 'missing-argument' ? `option requires an argument -- '${(e.short ?? e.flag).replace(/^-+/, '')}'` : `unrecognized option '${'flag' in e ? e.flag : ''}'`;
    return { stdout: '', stderr: `${tool}: ${what}\n${usage(tool)}`, exitCode: 2 };
  }
  const v = parsed.flags.values;
  if (v.help === true) return { stdout: usage(tool), stderr: '', exitCode: 0 };
  if (v.version === true) return { stdout: `${tool} from procps-ng 4.0.4\n`, stderr: '', exitCode: 0 };
  if (v.signal) {
    const n = signalNumber(String(v.signal));
    if (n === undefined) return { stdout: '', stderr: `${tool}: Unknown signal "${String(v.signal)}".\n`, exitCode: 2 };
    signal = n;
  }
  const pattern = parsed.flags.positionals[0];
  if (parsed.flags.positionals.length > 1) return { stdout: '', stderr: `${tool}: only one pattern can be provided\nTry \`${tool} --help' for more information.\n`, exitCode: 2 };
  const filters = ['parent', 'euid', 'uid', 'terminal'].some((k) => v[k]);
  if (pattern === undefined && !filters) return { stdout: '', stderr: `${tool}: no matching criteria specified\nTry \`${tool} --help' for more information.\n`, exitCode: 2 };
  let re: RegExp | undefined;
  try {
    re = pattern === undefined ? undefined : new RegExp(v.exact === true ? `^(?:${pattern})$` : pattern, v['ignore-case'] === true ? 'i' : '');
  } catch {
    return { stdout: '', stderr: `${tool}: regex error: Unmatched ( or \\(\n`, exitCode: 2 };
  }
  const session = sessionProcesses(ctx);
  // The running pgrep itself (the pipeline stage marked running) is never a candidate.
  const own = session.filter((p) => p.stat === 'R+');
  const all = [...processTable(ctx.state, ctx.host), ...session].filter((p) => !own.includes(p)).sort((a, b) => a.pid - b.pid);
  const list = (s: unknown) => String(s).split(',').filter(Boolean);
  let procs = all.filter((p) => {
    const hit = (!re || re.test(v.full === true ? p.args.replace(/^\[|\]$/g, '') : p.comm)) &&
      (!v.parent || list(v.parent).includes(String(p.ppid))) &&
      (!v.euid || list(v.euid).some((u) => u === p.user || (u === '0' && p.user === 'root'))) &&
      (!v.uid || list(v.uid).some((u) => u === p.user || (u === '0' && p.user === 'root'))) &&
      (!v.terminal || list(v.terminal).includes(p.tty ?? ''));
    return v.inverse === true ? !hit : hit;
  });
  if (v.newest === true) procs = procs.length ? [procs.reduce((a, b) => (b.startedAt >= a.startedAt ? b : a))] : [];
  if (v.oldest === true) procs = procs.length ? [procs.reduce((a, b) => (b.startedAt < a.startedAt ? b : a))] : [];
  return { procs, flags: { ...v, signal } };
}

/**
 * procps-ng `pgrep`: the pids of the processes whose name (or, with `-f`, command line) matches
 * an extended regular expression, from the host's process table (daemons, shims, pause and
 * container processes, the login session); `-l`/`-a`, `-c`, `-x`, `-i`, `-n`/`-o`, `-u`, `-P`,
 * `-d`, `-v`. Exit 1 when nothing matches, 2 on a usage error.
 */
export const pgrep: Command = {
  name: 'pgrep',
  places: ['node', 'debug'],
  summary: 'look up processes based on name and other attributes',
  flags: SPECS,
  run(ctx) {
    const r = select(ctx, 'pgrep', ctx.argv.slice(1));
    if ('exitCode' in r) return r;
    const { procs, flags: v } = r;
    if (v.count === true) return { stdout: `${procs.length}\n`, stderr: '', exitCode: procs.length ? 0 : 1 };
    const cells = procs.map((p) => (v['list-full'] === true ? `${p.pid} ${p.args}` : v['list-name'] === true ? `${p.pid} ${p.comm}` : String(p.pid)));
    const delim = String(v.delimiter);
    return { stdout: cells.length ? cells.join(delim) + '\n' : '', stderr: '', exitCode: procs.length ? 0 : 1 };
  },
  complete: (_w, partial, ctx) => matching([...new Set(processTable(ctx.state, ctx.host).map((p) => p.comm))], partial),
};

/**
 * procps-ng `pkill`: signals the processes pgrep would list. A container's main process that is
 * terminated makes the runtime stop the container (kubelet restarts it); a systemd unit's main
 * process that dies is restarted by systemd (Restart=always); stopped or continued processes and
 * kernel threads are left as they are. `-e` echoes `name killed (pid N)`.
 */
export const pkill: Command = {
  name: 'pkill',
  places: ['node', 'debug'],
  summary: 'signal processes based on name and other attributes',
  flags: SPECS,
  run(ctx) {
    const r = select(ctx, 'pkill', ctx.argv.slice(1));
    if ('exitCode' in r) return r;
    const { procs, flags: v } = r;
    const signal = Number(v.signal);
    const lethal = [1, 2, 3, 9, 15].includes(signal);
    let stdout = '';
    if (ctx.frame.user !== 'root' && procs.some((p) => p.user !== ctx.frame.user)) {
      const p = procs.find((x) => x.user !== ctx.frame.user)!;
      return { stdout: '', stderr: `pkill: killing pid ${p.pid} failed: Operation not permitted\n`, exitCode: 1 };
    }
    for (const p of procs) {
      if (lethal) {
        const action = effectOf(ctx, p);
        if (action) ctx.dispatch(action);
      }
      if (v.echo === true) stdout += `${p.comm} killed (pid ${p.pid})\n`;
    }
    if (v.count === true) stdout += `${procs.length}\n`;
    return { stdout, stderr: '', exitCode: procs.length ? 0 : 1 };
  },
  complete: (_w, partial, ctx) => matching([...new Set(processTable(ctx.state, ctx.host).map((p) => p.comm))], partial),
};

/** What the simulation does when process `p` dies of a signal. */
function effectOf(ctx: CommandContext, p: Process): Action | undefined {
  if (p.container) return { type: 'runtime/stopContainer', host: ctx.host.name, id: p.container.id };
  const unit = Object.values(ctx.host.units).find((u) => u.mainPid === p.pid);
  if (unit) return { type: 'host/systemctl', host: ctx.host.name, verb: 'restart', unit: unit.name };
  return undefined;
}
