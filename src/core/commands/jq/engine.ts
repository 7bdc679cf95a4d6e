/**
 * The jq engine: jq itself (jqlang/jq's C sources, 1.7 series) compiled to WebAssembly by the npm
 * package `jq-web`, kept out of the code that needs it so a browser fetches it as its own chunk.
 * Like the grader's English model (grader/model.ts), the host provides it before a session runs:
 * Node entry points and the test setup `await loadJq()`; the browser loads it beside the play
 * chunk (ui/jqLoader.ts, which also tells the loader where the .wasm file is served).
 *
 * `runJq` hides jq-web's quirks so callers see what the real binary prints: both streams, untrimmed
 * as jq writes them, and the exit status (0, 1 for `-e`, 2 usage/system, 3 compile, 5 runtime).
 */

/** jq-web's API: runs `jq FLAGS FILTER inputString` on an in-memory file; throws on non-zero exit. */
export interface JqWeb {
  raw(input: string, filter: string, flags?: string[]): string;
}

let engine: JqWeb | undefined;
let loading: Promise<void> | undefined;
/** The argv[0] the WebAssembly build was given (the host script's path in Node), which jq prints in usage errors. */
let programName = '';

/** Gives the shell its jq (the first one given stays). */
export function provideJq(e: JqWeb): void {
  if (engine) return;
  engine = e;
  try {
    e.raw('', '', ['-Z']);
  } catch (err) {
    programName = /^(.*): Unknown option/.exec((err as JqWebError).stderr ?? '')?.[1] ?? '';
  }
}

/** Whether jq can run now. */
export function jqLoaded(): boolean {
  return engine !== undefined;
}

/** Loads jq once (a separate chunk in the browser); resolves when `jq` can run. */
export function loadJq(): Promise<void> {
  loading ??= import('./jqWeb.ts').then(async (m) => provideJq(await m.jqWeb));
  return loading;
}

/** What one jq process printed and how it ended. */
export interface JqRun {
  stdout: string;
  stderr: string;
  exitCode: number;
}

interface JqWebError {
  exitCode?: number;
  stderr?: string;
}

/** Usage texts name the program as typed: `jq`. */
function asJq(s: string): string {
  return programName && s.includes(programName) ? s.split(`${programName} `).join('jq ').split(`${programName}: `).join('jq: ') : s;
}

/** The name jq-web gives its input file, which jq prints in `(at FILE:N)`. */
const INPUT_NAME = 'inputString';

/**
 * Runs jq once. Returns stdout as jq wrote it (jq-web strips one final newline; it is put back
 * unless `-j`/`--join-output` wrote none) and stderr, whose input name reads `<stdin>` (or `file`).
 * A `debug`/`stderr` message on a successful run reaches jq-web's console.warn; it is caught here.
 */
function runOnce(input: string, filter: string, flags: string[], inputName: string, joined: boolean): JqRun {
  if (!engine) throw new Error('jq is not loaded: await loadJq() (src/core/commands/jq/engine.ts) before running jq');
  const con = (globalThis as unknown as { console: { warn: (...a: unknown[]) => void } }).console;
  const warn = con.warn;
  let warned = '';
  con.warn = (...a: unknown[]) => { warned += String(a[a.length - 1]); };
  const rename = (s: string) => asJq(s.split(`(at ${INPUT_NAME}:`).join(`(at ${inputName}:`));
  const withNewline = (s: string) => (s === '' || s.endsWith('\n') ? s : `${s}\n`);
  try {
    const out = asJq(engine.raw(input, filter, [...flags]) ?? '');
    return { stdout: joined ? out : withNewline(out), stderr: withNewline(rename(warned)), exitCode: 0 };
  } catch (e) {
    const err = e as JqWebError;
    return { stdout: '', stderr: withNewline(rename(err.stderr ?? '')), exitCode: typeof err.exitCode === 'number' ? err.exitCode : 5 };
  } finally {
    con.warn = warn;
  }
}

/**
 * Runs `jq FLAGS FILTER` on `input` as the real binary would, 1.7 series. `inputName` is what
 * error locations name (`<stdin>` for a pipe). Output before a runtime error is kept (jq-web drops
 * it): the run is repeated with each input's results cut at its first error (`try … catch empty`,
 * exactly where jq stops), and with `-e` a failing status is read without losing what was printed.
 */
export function runJq(input: string, filter: string, flags: readonly string[], inputName = '<stdin>'): JqRun {
  const joined = flags.some((f) => f === '-j' || f === '--join-output' || /^-[a-zA-Z]*j/.test(f));
  const first = runOnce(input, filter, [...flags], inputName, joined);
  if (first.exitCode === 0) return first;
  const exitStatusFlag = (f: string) => f === '-e' || f === '--exit-status' || /^-[a-zA-Z]*e[a-zA-Z]*$/.test(f);
  if (first.exitCode === 1 && flags.some(exitStatusFlag)) {
    // `-e` with a last output of false/null: jq printed everything; read it without -e.
    const plain = runOnce(input, filter, flags.filter((f) => !exitStatusFlag(f)), inputName, joined);
    return { ...plain, exitCode: 1 };
  }
  if (first.exitCode === 5 && first.stderr.startsWith('jq: error (at ')) {
    const kept = runOnce(input, `try (${filter}\n) catch empty`, [...flags], inputName, joined);
    return { stdout: kept.stdout, stderr: first.stderr, exitCode: 5 };
  }
  return first;
}
