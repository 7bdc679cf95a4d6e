import type { Command, Follow } from '../../types.ts';
import { ctime } from '../../../time.ts';

const USAGE = `
Usage:
 watch [options] command

Options:
  -b, --beep             beep if command has a non-zero exit
  -c, --color            interpret ANSI color and style sequences
  -d, --differences[=<permanent>]
                         highlight changes between updates
  -e, --errexit          exit if command has a non-zero exit
  -g, --chgexit          exit when output from command changes
  -n, --interval <secs>  seconds to wait between updates
  -p, --precise          attempt run command in precise intervals
  -t, --no-title         turn off header
  -w, --no-wrap          turn off line wrapping
  -x, --exec             pass command to exec instead of "sh -c"

 -h, --help     display this help and exit
 -v, --version  output version information and exit

For more details see watch(1).
`;

const WIDTH = 80;

/**
 * procps-ng `watch [-n SECS] [-d] [-t] [-g] [-e] COMMAND…`: runs the command through the shell
 * every SECS (2 by default, at least 0.1) of virtual time and shows its output under the header
 * `Every 2.0s: CMD` with `host: date` at the right of an 80-column screen. The real one redraws
 * one screen; here each refresh is printed below the last (the transcript keeps every frame).
 * `-g` ends when the output changes, `-e` when the command fails; Ctrl-C otherwise.
 */
export const watch: Command = {
  name: 'watch',
  places: ['laptop', 'node'],
  summary: 'execute a program periodically, showing output fullscreen',
  flags: [
    { name: 'interval', short: 'n', type: 'string', help: '' }, { name: 'differences', short: 'd', type: 'bool', help: '' },
    { name: 'no-title', short: 't', type: 'bool', help: '' }, { name: 'chgexit', short: 'g', type: 'bool', help: '' },
    { name: 'errexit', short: 'e', type: 'bool', help: '' }, { name: 'exec', short: 'x', type: 'bool', help: '' },
    { name: 'color', short: 'c', type: 'bool', help: '' }, { name: 'beep', short: 'b', type: 'bool', help: '' },
    { name: 'precise', short: 'p', type: 'bool', help: '' }, { name: 'no-wrap', short: 'w', type: 'bool', help: '' },
  ],
  run(ctx) {
    const args = ctx.argv.slice(1);
    let interval = 2;
    let title = true;
    let chgexit = false;
    let errexit = false;
    let i = 0;
    for (; i < args.length; i++) {
      const a = args[i];
      if (a === '--') { i++; break; }
      if (!a.startsWith('-') || a === '-') break;
      if (a === '-h' || a === '--help') return { stdout: USAGE, stderr: '', exitCode: 0 };
      if (a === '-v' || a === '--version') return { stdout: 'watch from procps-ng 4.0.4\n', stderr: '', exitCode: 0 };
      const inline = /^(-n|--interval=)(.+)$/.exec(a);
      if (a === '-n' || a === '--interval' || inline) {
        const v = inline ? inline[2] : args[++i];
        if (v === undefined) return { stdout: '', stderr: `watch: option requires an argument -- 'n'\n${USAGE}`, exitCode: 1 };
        const n = Number(v.replace(',', '.'));
        if (!Number.isFinite(n)) return { stdout: '', stderr: `watch: failed to parse argument: '${v}'\n`, exitCode: 1 };
        interval = Math.min(Math.max(n, 0.1), 2_678_400);
        continue;
      }
      if (a.startsWith('--')) {
        const long = a.slice(2).split('=')[0];
        if (long === 'no-title') { title = false; continue; }
        if (long === 'chgexit') { chgexit = true; continue; }
        if (long === 'errexit') { errexit = true; continue; }
        if (['differences', 'color', 'beep', 'precise', 'no-wrap', 'exec', 'no-color'].includes(long)) continue;
        return { stdout: '', stderr: `watch: unrecognized option '${a}'\n${USAGE}`, exitCode: 1 };
      }
      for (const c of a.slice(1)) {
        if (c === 't') title = false;
        else if (c === 'g') chgexit = true;
        else if (c === 'e') errexit = true;
        else if (!'dcbpwx'.includes(c)) return { stdout: '', stderr: `watch: invalid option -- '${c}'\n${USAGE}`, exitCode: 1 };
      }
    }
    const command = args.slice(i);
    if (command.length === 0) return { stdout: '', stderr: USAGE, exitCode: 1 };
    const line = command.join(' ');
    const host = ctx.frame.place === 'laptop' ? 'laptop' : ctx.host?.name ?? ctx.frame.host;
    const stepMs = Math.round(interval * 1000);
    const frame = (now: number): { text: string; output: string; status: number } => {
      const r = ctx.sh?.(line) ?? { stdout: '', stderr: `sh: 1: ${command[0]}: not found\n`, exitCode: 127 };
      const output = r.stdout + r.stderr;
      let head = '';
      if (title) {
        const left = `Every ${interval.toFixed(1)}s: ${line}`;
        const right = `${host}: ${ctime(now)}`;
        head = `${left.length + right.length + 1 > WIDTH ? left.slice(0, Math.max(0, WIDTH - right.length - 5)) + '...' : left}${' '.repeat(Math.max(1, WIDTH - left.length - right.length))}${right}\n\n`;
      }
      return { text: head + output, output, status: r.exitCode };
    };
    const first = frame(ctx.state.now);
    let last = first.output;
    let due = ctx.state.now + stepMs;
    const follow: Follow = {
      nextAt: () => due,
      poll(state, _from, to) {
        if (to < due) return { stdout: '', stderr: '' };
        due = to + stepMs - ((to - due) % stepMs);
        const f = frame(state.now);
        const changed = f.output !== last;
        last = f.output;
        if (errexit && f.status !== 0) return { stdout: `\n${f.text}`, stderr: `\ncommand exit with a non-zero status, press a key to exit\n`, done: { exitCode: 8 } };
        if (chgexit && changed) return { stdout: `\n${f.text}`, stderr: '', done: { exitCode: 0 } };
        return { stdout: `\n${f.text}`, stderr: '' };
      },
    };
    return { stdout: first.text, stderr: '', exitCode: 0, follow };
  },
};

