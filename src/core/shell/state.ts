import type { FunctionDef } from './ast.ts';

/**
 * The shell's own memory between lines: what bash keeps in the process and a session must carry
 * from one typed line to the next (variables, arrays, exported names, functions, aliases, `set`
 * options). Plain data, so the session can rebuild it exactly by replaying its input log.
 */
export interface ShellState {
  vars: Map<string, string>;
  aliases: Map<string, string>;
  functions: Map<string, FunctionDef>;
  arrays: Map<string, string[]>;
  /** Names marked with `export` (what `env` prints and child programs see). */
  exported: Set<string>;
  /** `set -o` options in effect: `errexit`, `nounset`, `xtrace`, `pipefail`. */
  options: Set<string>;
  /** `$!`: the PID of the last job started with `&`. */
  lastBackgroundPid?: number;
}

/** A fresh shell: no variables beyond the login environment the interpreter derives. */
export function newShellState(): ShellState {
  return { vars: new Map(), aliases: new Map(), functions: new Map(), arrays: new Map(), exported: new Set(), options: new Set() };
}

/**
 * Where the shell reads directories and writes files (redirections `>`, `>>`, `tee`). The session
 * writes through cluster actions so the files persist in the state and replay exactly.
 * `write` returns bash's reason on failure (`Permission denied`, `Is a directory`,
 * `No such file or directory`).
 */
export interface ShellFs {
  write(path: string, text: string, append: boolean): { ok: true } | { ok: false; error: string };
  /** Names in a directory (absolute path), sorted; undefined when it is not a directory. */
  list(dir: string): string[] | undefined;
  /** `mkdir`: the reason on failure (`File exists`, `No such file or directory`, `Permission denied`). */
  mkdir?(path: string): { ok: true } | { ok: false; error: string };
  /** `rm`: removes a file or a directory tree written in the session; the reason on failure. */
  remove?(path: string): { ok: true } | { ok: false; error: string };
}
