import type { Command, CommandResult } from '../types.ts';
import type { FlagSpec } from '../flags.ts';
import type { ParsedCommand } from '../parsed.ts';
import { resolvePath } from '../../host/files.ts';
import { runJq } from './engine.ts';

/**
 * jq 1.7's options as its own argument loop reads them (main.c), for the parse record and the
 * scenario validator. jq itself (the WebAssembly build) parses argv and words every error.
 */
const SPECS: FlagSpec[] = [
  { name: 'null-input', short: 'n', type: 'bool', help: 'use `null` as the single input value' },
  { name: 'raw-input', short: 'R', type: 'bool', help: 'read each line as string instead of JSON' },
  { name: 'slurp', short: 's', type: 'bool', help: 'read all inputs into an array and use it as the single input value' },
  { name: 'compact-output', short: 'c', type: 'bool', help: 'compact instead of pretty-printed output' },
  { name: 'raw-output', short: 'r', type: 'bool', help: 'output strings without escapes and quotes' },
  { name: 'raw-output0', type: 'bool', help: 'implies -r and output NUL after each output' },
  { name: 'join-output', short: 'j', type: 'bool', help: 'implies -r and output without newline after each output' },
  { name: 'ascii-output', short: 'a', type: 'bool', help: 'output strings by only ASCII characters using escape sequences' },
  { name: 'sort-keys', short: 'S', type: 'bool', help: 'sort keys of each object on output' },
  { name: 'color-output', short: 'C', type: 'bool', help: 'colorize JSON output' },
  { name: 'monochrome-output', short: 'M', type: 'bool', help: 'disable colored output' },
  { name: 'tab', type: 'bool', help: 'use tabs for indentation' },
  { name: 'indent', type: 'int', help: 'use n spaces for indentation (max 7 spaces)' },
  { name: 'unbuffered', type: 'bool', help: 'flush output stream after each output' },
  { name: 'stream', type: 'bool', help: 'parse the input value in streaming fashion' },
  { name: 'stream-errors', type: 'bool', help: 'implies --stream and report parse error as an array' },
  { name: 'seq', type: 'bool', help: 'parse input/output as application/json-seq' },
  { name: 'from-file', short: 'f', type: 'bool', help: 'load filter from the file' },
  { name: 'arg', type: 'stringArray', help: 'set $name to the string value' },
  { name: 'argjson', type: 'stringArray', help: 'set $name to the JSON value' },
  { name: 'slurpfile', type: 'stringArray', help: 'set $name to an array of JSON values read from the file' },
  { name: 'rawfile', type: 'stringArray', help: 'set $name to string contents of file' },
  { name: 'args', type: 'bool', help: 'consume remaining arguments as positional string values' },
  { name: 'jsonargs', type: 'bool', help: 'consume remaining arguments as positional JSON values' },
  { name: 'exit-status', short: 'e', type: 'bool', help: 'set exit status code based on the output' },
  { name: 'version', short: 'V', type: 'bool', help: 'show the version' },
  { name: 'help', short: 'h', type: 'bool', help: 'show the help' },
];

/** Options followed by that many operands (`--arg name value`). */
const OPERANDS: Record<string, number> = { '--arg': 2, '--argjson': 2, '--slurpfile': 2, '--rawfile': 2, '--indent': 1, '-L': 1 };

const LONG_BY_SHORT = new Map(SPECS.filter((s) => s.short).map((s) => [s.short!, s.name]));

/** jq's command line split the way its main loop walks it: options (with operands), the program, the input files. */
interface JqArgs {
  options: string[];
  program?: string;
  files: string[];
  fromFile: boolean;
  parsed: ParsedCommand;
}

function splitArgs(argv: readonly string[]): JqArgs {
  const out: JqArgs = { options: [], files: [], fromFile: false, parsed: { tool: 'jq', verb: [], flags: {}, args: [] } };
  const record = (name: string, value: string) => (out.parsed.flags[name] ??= []).push(value);
  let dashDash = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!dashDash && a === '--') { dashDash = true; continue; }
    if (!dashDash && a.startsWith('-') && a !== '-') {
      const n = OPERANDS[a] ?? 0;
      out.options.push(...argv.slice(i, i + 1 + n));
      if (a.startsWith('--')) record(a.slice(2), n ? argv.slice(i + 1, i + 1 + n).join(' ') : 'true');
      else for (const c of a.slice(1)) record(LONG_BY_SHORT.get(c) ?? c, 'true');
      if (a === '-f' || a === '--from-file' || /^-[a-zA-Z]*f/.test(a)) out.fromFile = true;
      i += n;
      continue;
    }
    out.parsed.args.push(a);
    if (out.program === undefined) out.program = a;
    else out.files.push(a);
  }
  return out;
}

/** What jq prints for a program it was not given on a terminal (usage, keep_it_short), exit 2. */
const SHORT_USAGE = `Usage:\tjq [options] <jq filter> [file...]
\tjq [options] --args <jq filter> [strings...]
\tjq [options] --jsonargs <jq filter> [JSON_TEXTS...]

jq is a tool for processing JSON inputs, applying the given filter to
its JSON text inputs and producing the filter's results as JSON on
standard output.

The simplest filter is ., which copies jq's input to its output
unmodified except for formatting. For more advanced filters see
the jq(1) manpage ("man jq") and/or https://jqlang.github.io/jq/.

Example:

\t$ echo '{"foo": 0}' | jq .
\t{
\t  "foo": 0
\t}

Use jq --help for help with command-line options,
or see the jq manpage, or online docs  at https://jqlang.github.io/jq
`;

/**
 * `jq` (jqlang/jq 1.7, the real C program built to WebAssembly): filters JSON from a pipe
 * (`kubectl get pods -o json | jq -r '.items[].metadata.name'`) or from files. Inputs come from the
 * shell (stdin, the host's files); jq parses its own options and prints its own errors.
 */
export const jq: Command = {
  name: 'jq',
  places: ['laptop', 'node'],
  summary: 'Command-line JSON processor',
  flags: SPECS,
  run(ctx): CommandResult {
    const args = splitArgs(ctx.argv.slice(1));
    const parsed = args.parsed;
    const done = (r: CommandResult): CommandResult => ({ ...r, parsed });
    const informational = args.options.some((o) => /^-(-help|-version|-build-configuration|[a-zA-Z]*[hV][a-zA-Z]*)$/.test(o));
    // The WebAssembly build was made from an untagged checkout and calls itself `jq-`; the laptop's
    // and nodes' jq is Debian's 1.7.1.
    if (args.options.some((o) => o === '--version' || /^-[a-zA-Z]*V[a-zA-Z]*$/.test(o))) return done({ stdout: 'jq-1.7.1\n', stderr: '', exitCode: 0 });
    let program = args.program;
    const files = args.files;
    if (args.fromFile && program !== undefined) {
      const r = ctx.readFile(resolvePath(program, ctx.frame.cwd));
      if (!r.ok) return done({ stdout: '', stderr: `jq: error: Could not open ${program}: ${r.error === 'ENOENT' ? 'No such file or directory' : r.error === 'EISDIR' ? 'Is a directory' : 'Permission denied'}\n`, exitCode: 2 });
      program = r.text;
    }
    if (program === undefined && !informational) {
      // jq 1.7 filters with `.` when either end is not a terminal (main.c), else prints its usage.
      const piped = ctx.pipeline !== undefined && ctx.pipeline.stages.length > 1;
      if (!piped) return done({ stdout: '', stderr: SHORT_USAGE, exitCode: 2 });
      program = '.';
    }
    // jq reads the program file itself with -f; here the shell read it, so jq gets its text.
    const options = args.options
      .map((o) => (o === '--from-file' ? '' : /^-[a-zA-Z]+$/.test(o) ? o.replace(/f/g, '') : o))
      .filter((o) => o !== '' && o !== '-');
    // --rawfile NAME FILE reads the host's file: handed to jq as --arg NAME TEXT, what jq binds.
    for (let i = 0; i < options.length; i++) {
      if (options[i] !== '--rawfile' || i + 2 >= options.length) continue;
      const r = ctx.readFile(resolvePath(options[i + 2], ctx.frame.cwd));
      if (!r.ok) return done({ stdout: '', stderr: `jq: Bad JSON in --rawfile ${options[i + 1]} ${options[i + 2]}: Could not open ${options[i + 2]}: No such file or directory\n`, exitCode: 2 });
      options.splice(i, 3, '--arg', options[i + 1], r.text);
    }
    let input = ctx.stdin;
    let inputName = '<stdin>';
    let stderr = '';
    let openFailed = false;
    if (files.length) {
      input = '';
      for (const f of files) {
        if (f === '-') { input += ctx.stdin; continue; }
        const r = ctx.readFile(resolvePath(f, ctx.frame.cwd));
        if (r.ok) { input += r.text; inputName = f; } else {
          stderr += `jq: error: Could not open ${f}: ${r.error === 'ENOENT' ? 'No such file or directory' : r.error === 'EISDIR' ? 'Is a directory' : 'Permission denied'}\n`;
          openFailed = true;
        }
      }
    }
    const run = runJq(input, program ?? '.', options, inputName);
    const exitCode = openFailed && run.exitCode === 0 ? 2 : run.exitCode;
    return done({ stdout: run.stdout, stderr: stderr + run.stderr, exitCode });
  },
};
