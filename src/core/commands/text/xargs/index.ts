import type { Command, CommandResult } from '../../types.ts';
import { tryHelp } from '../gnu.ts';

/** Most commands one xargs starts here. */
const MAX_RUNS = 5000;

/** Splits xargs input as GNU does without -d/-0: blanks and newlines separate, quotes and backslashes group. */
function items(input: string): string[] | { error: string } {
  const out: string[] = [];
  let cur = '';
  let has = false;
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (c === '"' || c === "'") {
      const close = input.indexOf(c, i + 1);
      const nl = input.indexOf('\n', i + 1);
      if (close < 0 || (nl >= 0 && nl < close)) return { error: `xargs: unmatched ${c === '"' ? 'double' : 'single'} quote; by default quotes are special to xargs unless you use the -0 option\n` };
      cur += input.slice(i + 1, close);
      has = true;
      i = close;
    } else if (c === '\\' && i + 1 < input.length) { cur += input[++i]; has = true; }
    else if (/\s/.test(c)) { if (has) out.push(cur); cur = ''; has = false; }
    else { cur += c; has = true; }
  }
  if (has) out.push(cur);
  return out;
}

/**
 * GNU `xargs [-n N] [-I R] [-0] [-d D] [-r] [-t] [COMMAND [ARG…]]` (findutils 4.9): runs COMMAND
 * (default echo) with the items of stdin appended, N at a time, or once per line with `-I`
 * replacing R. Exit 123 when a command failed, 127 when it does not exist.
 */
export const xargs: Command = {
  name: 'xargs',
  places: ['laptop', 'node', 'debug'],
  summary: 'build and execute command lines from standard input',
  flags: [{ name: 'max-args', short: 'n', type: 'string', help: '' }, { name: 'replace', short: 'I', type: 'string', help: '' }, { name: 'null', short: '0', type: 'bool', help: '' }, { name: 'delimiter', short: 'd', type: 'string', help: '' }, { name: 'no-run-if-empty', short: 'r', type: 'bool', help: '' }, { name: 'verbose', short: 't', type: 'bool', help: '' }, { name: 'max-procs', short: 'P', type: 'string', help: '' }, { name: 'max-lines', short: 'L', type: 'string', help: '' }],
  run(ctx) {
    const args = ctx.argv.slice(1);
    let maxArgs = 0;
    let replace: string | undefined;
    let delim: string | undefined;
    let noEmpty = false;
    let trace = false;
    let i = 0;
    const needs = (o: string) => ({ stdout: '', stderr: `xargs: option requires an argument -- '${o}'\n${tryHelp('xargs')}`, exitCode: 1 });
    for (; i < args.length; i++) {
      const a = args[i];
      if (a === '--') { i++; break; }
      if (!a.startsWith('-') || a === '-') break;
      if (a === '-n' || a === '--max-args') { if (args[i + 1] === undefined) return needs('n'); maxArgs = Number(args[++i]); if (!(maxArgs > 0)) return { stdout: '', stderr: `xargs: invalid number "${args[i]}" for -n option\n${tryHelp('xargs')}`, exitCode: 1 }; continue; }
      if (/^-n\d+$/.test(a)) { maxArgs = Number(a.slice(2)); continue; }
      if (a === '-I') { if (args[i + 1] === undefined) return needs('I'); replace = args[++i]; continue; }
      if (a.startsWith('-I')) { replace = a.slice(2); continue; }
      if (a === '-i' || a.startsWith('--replace')) { replace = '{}'; continue; }
      if (a === '-0' || a === '--null') { delim = '\0'; continue; }
      if (a === '-d') { delim = args[++i]?.replace('\\n', '\n'); continue; }
      if (a === '-r' || a === '--no-run-if-empty') { noEmpty = true; continue; }
      if (a === '-t' || a === '--verbose') { trace = true; continue; }
      if (a === '-P') { i++; continue; }
      if (/^-P\d+$/.test(a) || a === '-x' || a === '-p') continue;
      if (a === '-L') { i++; maxArgs = maxArgs || 1; continue; }
      if (a === '--help') return { stdout: 'Usage: xargs [OPTION]... COMMAND [INITIAL-ARGS]...\nRun COMMAND with arguments INITIAL-ARGS and more arguments read from input.\n', stderr: '', exitCode: 0 };
      return { stdout: '', stderr: a.startsWith('--') ? `xargs: unrecognized option '${a}'\n${tryHelp('xargs')}` : `xargs: invalid option -- '${a[1]}'\n${tryHelp('xargs')}`, exitCode: 1 };
    }
    const command = args.length > i ? args.slice(i) : ['echo'];
    let list: string[];
    if (replace !== undefined) list = ctx.stdin.split('\n').map((l) => l.replace(/^\s+/, '')).filter((l) => l !== '');
    else if (delim !== undefined) list = ctx.stdin.split(delim).filter((x, k, all) => !(k === all.length - 1 && x === ''));
    else {
      const r = items(ctx.stdin);
      if (!Array.isArray(r)) return { stdout: '', stderr: r.error, exitCode: 1 };
      list = r;
    }
    const batches: string[][] = [];
    if (replace !== undefined) for (const item of list) batches.push(command.map((w) => w.split(replace!).join(item)));
    else if (list.length === 0) { if (!noEmpty) batches.push(command); }
    else {
      const per = maxArgs || list.length;
      for (let k = 0; k < list.length; k += per) batches.push([...command, ...list.slice(k, k + per)]);
    }
    let stdout = '';
    let stderr = '';
    let status = 0;
    for (const argv of batches.slice(0, MAX_RUNS)) {
      if (trace) stderr += argv.join(' ') + '\n';
      const r: CommandResult | undefined = ctx.exec?.(argv, '');
      if (!r) return { stdout, stderr: stderr + `xargs: ${argv[0]}: No such file or directory\n`, exitCode: 127 };
      stdout += r.stdout;
      stderr += r.stderr;
      if (r.exitCode === 255) return { stdout, stderr: stderr + `xargs: ${argv[0]}: exited with status 255; aborting\n`, exitCode: 124 };
      if (r.exitCode !== 0) status = 123;
    }
    return { stdout, stderr, exitCode: status };
  },
};
