/**
 * The parse tree of one command line of the simulated bash, in the manner of just-bash's
 * `src/ast/types.ts`: simple commands, pipelines, `&&`/`||`/`;`/`&` lists, redirections
 * (here-documents and here-strings included), the compound commands `if`, `for`, `while`,
 * `until`, `case`, `{ …; }`, `( … )`, `[[ … ]]`, `(( … ))`, and function definitions; words with
 * quoting, `$VAR`/`${VAR…}`, `$(…)` and `$((…))`. The tree is kept (not just the argv strings) so
 * the grader can recognise an act by structure.
 */

/** A whole line: and-or lists separated by `;`, `&` or newlines, run one after another. */
export interface Script {
  type: 'Script';
  lists: AndOrList[];
}

/** `p1 && p2 || p3`: pipelines joined by `&&` / `||`, evaluated left to right as bash does. */
export interface AndOrList {
  type: 'AndOr';
  first: Pipeline;
  rest: { op: '&&' | '||'; pipeline: Pipeline }[];
  /** Ended by `&`: bash runs it in the background (`[1] PID`). */
  background?: boolean;
  /** The list's source text (without its `;`/`&`), as `jobs` names a background job. */
  source?: string;
}

/** `[time] [!] c1 | c2 |& c3`. `pipes[i]` joins commands[i] and commands[i+1]; `|&` also pipes stderr. */
export interface Pipeline {
  type: 'Pipeline';
  /** Preceded by the `time` keyword. */
  timed: boolean;
  /** Preceded by `!` (exit status inverted). */
  negated: boolean;
  commands: Command[];
  pipes: ('|' | '|&')[];
}

/** One element of a pipeline. */
export type Command = SimpleCommand | CompoundCommand | FunctionDef;

/** `NAME=value … word word … redirections`; words are argv before expansion. */
export interface SimpleCommand {
  type: 'SimpleCommand';
  assignments: Assignment[];
  words: Word[];
  redirects: Redirect[];
}

/** A compound command with the redirections written after it (`done < file`, `} > out`). */
export interface CompoundCommand {
  type: 'Compound';
  body: CompoundBody;
  redirects: Redirect[];
}

/** `name() { …; }` or `function name { …; }`. */
export interface FunctionDef {
  type: 'Function';
  name: string;
  body: CompoundCommand;
  /** The definition's source text, for `type NAME` and `declare -f`. */
  source: string;
}

export type CompoundBody =
  | { kind: 'if'; clauses: { cond: Script; then: Script }[]; else?: Script }
  /** `for NAME [in WORDS]; do …; done`; `words` undefined means `"$@"`. */
  | { kind: 'for'; name: string; words?: Word[]; body: Script }
  /** `for ((init; cond; step)); do …; done`. */
  | { kind: 'arithFor'; init: string; cond: string; step: string; body: Script }
  | { kind: 'while' | 'until'; cond: Script; body: Script }
  | { kind: 'case'; word: Word; items: { patterns: Word[]; body: Script; term: ';;' | ';&' | ';;&' }[] }
  | { kind: 'group' | 'subshell'; body: Script }
  /** `[[ … ]]`: the words between the brackets, operators included as plain words. */
  | { kind: 'cond'; words: Word[] }
  /** `(( expr ))`. */
  | { kind: 'arith'; expr: string };

export interface Assignment {
  type: 'Assignment';
  name: string;
  value: Word;
  /** `NAME+=value`. */
  append?: boolean;
  /** `NAME=(a b c)`: an indexed array (kept as words). */
  array?: Word[];
}

/**
 * `[fd]>target`, `>>`, `<`, `>&` (dup: `2>&1`), `&>` / `&>>` (stdout and stderr), `<<`/`<<-`
 * (here-document: `target` is the body), `<<<` (here-string). `fd` is the number written before
 * the operator, or undefined for the operator's default (1 for output, 0 for input).
 */
export interface Redirect {
  type: 'Redirect';
  fd?: number;
  op: '>' | '>>' | '>|' | '<' | '>&' | '<&' | '&>' | '&>>' | '<<' | '<<-' | '<<<' | '<>';
  target: Word;
}

/** One shell word as typed: parts concatenated without spaces. `raw` is the source text. */
export interface Word {
  type: 'Word';
  parts: WordPart[];
  raw: string;
  /** Offsets of the word in the line it was parsed from (end exclusive). */
  start: number;
  end: number;
}

export type WordPart = Literal | SingleQuoted | DoubleQuoted | Escaped | Param | CommandSub | Arith;

/** Unquoted text without special characters. */
export interface Literal {
  type: 'Literal';
  value: string;
}

/** `'text'` (and `$'text'` after its escapes are applied): taken literally. */
export interface SingleQuoted {
  type: 'SingleQuoted';
  value: string;
}

/** `"text $VAR $(cmd)"`: expansions happen, but the result is never word-split. */
export interface DoubleQuoted {
  type: 'DoubleQuoted';
  parts: (Literal | Escaped | Param | CommandSub | Arith)[];
}

/** `\x`: the character x, quoted. */
export interface Escaped {
  type: 'Escaped';
  value: string;
}

/**
 * `$NAME`, `${NAME}`, `$?`, and `${NAME<op><arg>}` (`:-`, `-`, `:=`, `=`, `:+`, `+`, `:?`, `?`,
 * `#`, `##`, `%`, `%%`, `/`, `//`, `^^`, `,,`, `^`, `,`, `:` for a substring), `${#NAME}` (op `len`),
 * `${NAME[i]}` (index). `raw` is the text as typed.
 */
export interface Param {
  type: 'Param';
  name: string;
  raw: string;
  op?: string;
  arg?: Word;
  /** For `/` and `//`: the replacement. */
  arg2?: Word;
  /** `${a[1]}`, `${a[@]}`. */
  index?: string;
}

/** `$(…)` or `` `…` ``; `source` is the text inside, `script` its parse. */
export interface CommandSub {
  type: 'CommandSub';
  source: string;
  raw: string;
  script: Script;
  /** `<(…)` / `>(…)`: process substitution, expanding to a `/dev/fd/N` path that reads (or takes) its output. */
  proc?: '<' | '>';
}

/** `$((expr))`. */
export interface Arith {
  type: 'Arith';
  expr: string;
  raw: string;
}
