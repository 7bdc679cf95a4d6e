import { matchPattern } from './expand.ts';

/**
 * The conditional expressions of `test`/`[` and `[[ … ]]`, with bash's precedence (`!`, `-a`/`&&`,
 * `-o`/`||`, parentheses) and its unary and binary operators. File tests ask `fileType`. Errors are
 * bash's wording without the `bash: ` prefix (the caller adds `test: ` / `[: ` and exits 2).
 */
export interface CondEnv {
  /** 'f' regular file, 'd' directory, undefined when absent. */
  fileType(path: string): 'f' | 'd' | undefined;
  /** Whether a shell variable is set (`-v`). */
  isSet(name: string): boolean;
  /** Integer value of an operand (`[[ ]]` evaluates arithmetic; `test` wants a plain integer). */
  integer(s: string): bigint | string;
}

export class CondError extends Error {}

const UNARY = new Set(['-e', '-f', '-d', '-s', '-r', '-w', '-x', '-L', '-h', '-b', '-c', '-p', '-S', '-g', '-u', '-k', '-O', '-G', '-N', '-t', '-z', '-n', '-v', '-a']);
const BINARY = new Set(['=', '==', '!=', '<', '>', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '=~', '-nt', '-ot', '-ef']);

/**
 * Evaluates `test` arguments (without the command name and the closing `]`). With `extended`
 * (`[[ ]]`), `==`/`!=` right-hand sides are patterns (`patternArgs` marks which words were
 * unquoted), `=~` is a regex, `&&`/`||` join, and `<`/`>` compare strings.
 * Returns true/false; throws CondError for a malformed expression.
 */
export function evalCond(args: string[], env: CondEnv, extended: boolean, patternArgs?: boolean[]): { value: boolean; match?: string[] } {
  let i = 0;
  let match: string[] | undefined;
  const AND = extended ? '&&' : '-a';
  const OR = extended ? '||' : '-o';

  // POSIX test with 0-4 arguments is decided by count, as bash does.
  if (!extended) {
    if (args.length === 0) return { value: false };
    if (args.length === 1) return { value: args[0] !== '' };
    if (args.length === 2) {
      if (args[0] === '!') return { value: args[1] === '' };
      if (UNARY.has(args[0])) return { value: unary(args[0], args[1]) };
      throw new CondError(`${args[0]}: unary operator expected`);
    }
    if (args.length === 3) {
      if (BINARY.has(args[1]) && args[1] !== '=~') return { value: binary(args[0], args[1], args[2], false) };
      if (args[1] === '-a' || args[1] === '-o') return { value: args[1] === '-a' ? args[0] !== '' && args[2] !== '' : args[0] !== '' || args[2] !== '' };
      if (args[0] === '!') return { value: !evalCond(args.slice(1), env, false).value };
      if (args[0] === '(' && args[2] === ')') return { value: args[1] !== '' };
      throw new CondError(`${args[1]}: binary operator expected`);
    }
  }

  function unary(op: string, a: string): boolean {
    switch (op) {
      case '-z': return a === '';
      case '-n': return a !== '';
      case '-v': return env.isSet(a);
      case '-t': return false;
      case '-d': return env.fileType(a) === 'd';
      case '-f': return env.fileType(a) === 'f';
      case '-s': return env.fileType(a) !== undefined;
      case '-e': case '-a': case '-r': case '-w': return env.fileType(a) !== undefined;
      case '-x': return env.fileType(a) === 'd';
      default: return false;
    }
  }

  function int(s: string): bigint {
    const v = env.integer(s);
    if (typeof v === 'string') throw new CondError(v);
    return v;
  }

  function binary(a: string, op: string, b: string, pattern: boolean): boolean {
    switch (op) {
      case '=':
      case '==': return pattern ? matchPattern(a, b) : a === b;
      case '!=': return pattern ? !matchPattern(a, b) : a !== b;
      case '<': return a < b;
      case '>': return a > b;
      case '-eq': return int(a) === int(b);
      case '-ne': return int(a) !== int(b);
      case '-lt': return int(a) < int(b);
      case '-le': return int(a) <= int(b);
      case '-gt': return int(a) > int(b);
      case '-ge': return int(a) >= int(b);
      case '=~': {
        let re: RegExp;
        try {
          re = new RegExp(b);
        } catch {
          return false;
        }
        const m = re.exec(a);
        if (m) match = [...m].map((x) => x ?? '');
        return m !== null;
      }
      default: return false;
    }
  }

  const peek = () => args[i];
  function or(): boolean {
    let v = and();
    while (peek() === OR) { i++; const r = and(); v = v || r; }
    return v;
  }
  function and(): boolean {
    let v = not();
    while (peek() === AND) { i++; const r = not(); v = v && r; }
    return v;
  }
  function not(): boolean {
    if (peek() === '!') { i++; return !not(); }
    return primary();
  }
  function primary(): boolean {
    const a = args[i];
    if (a === undefined) throw new CondError(extended ? "syntax error in conditional expression" : 'argument expected');
    if (a === '(') {
      i++;
      const v = or();
      if (args[i] !== ')') throw new CondError(extended ? "syntax error in conditional expression: unexpected token `" + (args[i] ?? '') + "'" : "`)' expected");
      i++;
      return v;
    }
    const op = args[i + 1];
    if (op !== undefined && BINARY.has(op) && args[i + 2] !== undefined) {
      const pattern = extended && (op === '==' || op === '=' || op === '!=') && (patternArgs?.[i + 2] ?? false);
      i += 3;
      return binary(a, op, args[i - 1], pattern);
    }
    if (UNARY.has(a) && args[i + 1] !== undefined && !(extended && (args[i + 1] === '&&' || args[i + 1] === '||'))) {
      i += 2;
      return unary(a, args[i - 1]);
    }
    if (UNARY.has(a) && extended) throw new CondError(`unexpected argument \`${args[i + 1] ?? ''}' to conditional unary operator`);
    i++;
    return a !== '';
  }

  const value = or();
  if (i < args.length) {
    if (extended) throw new CondError(`syntax error in conditional expression: unexpected token \`${args[i]}'`);
    throw new CondError('too many arguments');
  }
  return { value, ...(match ? { match } : {}) };
}
