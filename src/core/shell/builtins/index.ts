import type { Builtin } from './types.ts';
import { echo } from './echo.ts';
import { trueBuiltin, falseBuiltin } from './truefalse.ts';
import { sleep } from './sleep.ts';
import { clear } from './clear.ts';
import { history } from './history.ts';
import { exit } from './exit.ts';
import { pwd } from './pwd.ts';
import { cd } from './cd.ts';
import { exportBuiltin, alias, unalias } from './vars.ts';
import { printf } from './printf.ts';
import { helpBuiltin } from './help.ts';
import { ulimit } from './ulimit.ts';
import { bg, fg, jobs, kill, wait } from './jobs.ts';

export type { Builtin, BuiltinContext, BuiltinResult, ShellVars } from './types.ts';

/** The shell's builtins, checked before the place's commands (as bash checks builtins before $PATH). */
export const builtins: readonly Builtin[] = [echo, trueBuiltin, falseBuiltin, sleep, clear, history, exit, pwd, cd, exportBuiltin, alias, unalias, printf, ulimit, jobs, fg, bg, kill, wait, helpBuiltin(() => builtins)];

/** Builtins by name; look up typed names here, never on a plain object. */
export const builtinsByName: ReadonlyMap<string, Builtin> = new Map(builtins.map((b) => [b.name, b]));
