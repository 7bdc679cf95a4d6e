import type { CommandSub, DoubleQuoted, Param, Script, Word, WordPart } from './ast.ts';

/**
 * The lexer of the simulated bash: turns a line into words (with their quoting kept as parts),
 * control operators, redirection operators, `(( … ))` arithmetic commands and here-document
 * bodies, as bash's tokenizer does for the subset we support.
 */

export type ControlOp = '|' | '|&' | '||' | '&&' | ';' | ';;' | ';&' | ';;&' | '&' | '(' | ')' | 'newline';
export type RedirOp = '>' | '>>' | '>|' | '<' | '>&' | '<&' | '&>' | '&>>' | '<<' | '<<-' | '<<<' | '<>';

export type Token =
  | { kind: 'word'; word: Word }
  | { kind: 'op'; op: ControlOp; start: number }
  | { kind: 'redir'; op: RedirOp; fd?: number; start: number; heredoc?: Word }
  | { kind: 'arith'; expr: string; start: number; end: number };

/**
 * A syntax error, thrown inside the lexer/parser only and turned into a ParseResult by parseLine.
 * `message` is bash's wording without the `bash: ` prefix; `incomplete` is true when more input
 * could complete the line (interactive bash would show its `> ` continuation prompt).
 */
export class ShellSyntaxError extends Error {
  constructor(message: string, readonly incomplete: boolean) {
    super(message);
  }
}

const eofMatching = (c: string) => new ShellSyntaxError(`unexpected EOF while looking for matching \`${c}'`, true);

const META = new Set([' ', '\t', '\n', '|', '&', ';', '(', ')', '<', '>']);
const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;
/** One-character special parameters: `$?`, `$$`, `$#`, `$0`…`$9`, `$!`, `$@`, `$*`, `$-`. */
const SPECIAL = /[?$#!@*\-0-9]/;
/** Deepest `$(…)` / `${…}` nesting the lexer follows; bash itself overflows its stack long before a line this deep is useful. */
export const MAX_NESTING = 200;

export interface LexOptions {
  /** Builds the Script of a `$(…)` body from its tokens (the parser's entry point, passed in to avoid an import cycle). */
  parseTokens(tokens: Token[], source: string): Script;
}

/** Words after which `((` opens an arithmetic command rather than two subshells. */
const ARITH_AFTER = new Set(['for', 'do', 'then', 'else', 'elif', '{', '!', 'time', 'while', 'until']);

/**
 * Splits `src` into tokens. With `untilParen`, stops at the `)` closing a `$(` (nesting counted)
 * and returns its index as `end`; reaching the end of input then is an unterminated `$(`.
 * Throws ShellSyntaxError for unterminated quotes, substitutions and here-documents.
 */
export function lex(src: string, opts: LexOptions, from = 0, untilParen = false, level = 0): { tokens: Token[]; end: number } {
  if (level > MAX_NESTING) throw new ShellSyntaxError('maximum nesting level exceeded', false);
  const tokens: Token[] = [];
  const pendingHeredocs: { token: Extract<Token, { kind: 'redir' }>; strip: boolean }[] = [];
  let i = from;
  let depth = 0;
  const atCommandStart = () => {
    const t = tokens[tokens.length - 1];
    return !t || t.kind === 'op' || (t.kind === 'word' && ARITH_AFTER.has(t.word.raw));
  };
  while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '\t') { i++; continue; }
    if (c === '\\' && src[i + 1] === '\n') { i += 2; continue; }
    if (c === '#') {
      // A comment runs to the end of the line (inside $(…) it must not swallow the closing paren's line).
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (c === '\n') {
      tokens.push({ kind: 'op', op: 'newline', start: i });
      i++;
      // Here-document bodies start on the line after their operator.
      for (const h of pendingHeredocs.splice(0)) i = readHeredoc(src, i, h.token, h.strip, opts, level);
      continue;
    }
    const two = src.slice(i, i + 2);
    const three = src.slice(i, i + 3);
    if (c === ')' && untilParen && depth === 0) {
      if (pendingHeredocs.length) throw new ShellSyntaxError('unexpected EOF while looking for matching `)\'', true);
      return { tokens, end: i };
    }
    if (two === '((' && atCommandStart()) {
      const end = matchingDoubleParen(src, i + 2);
      if (end >= 0) {
        tokens.push({ kind: 'arith', expr: src.slice(i + 2, end), start: i, end: end + 2 });
        i = end + 2;
        continue;
      }
    }
    if (c === '(') depth++;
    if (c === ')') depth--;
    if (three === '&>>') { tokens.push({ kind: 'redir', op: '&>>', start: i }); i += 3; continue; }
    if (two === '&>') { tokens.push({ kind: 'redir', op: '&>', start: i }); i += 2; continue; }
    if (three === ';;&') { tokens.push({ kind: 'op', op: ';;&', start: i }); i += 3; continue; }
    if (two === '||' || two === '&&' || two === ';;' || two === '|&' || two === ';&') { tokens.push({ kind: 'op', op: two, start: i }); i += 2; continue; }
    if (c === '|' || c === '&' || c === ';' || c === '(' || c === ')') { tokens.push({ kind: 'op', op: c, start: i }); i++; continue; }
    if ((c === '<' || c === '>') && src[i + 1] === '(') {
      // `<(cmd)`: a process substitution is a word of its own (`source <(kubectl completion bash)`).
      const inner = lex(src, opts, i + 2, true, level + 1);
      const part = { ...sub(src.slice(i + 2, inner.end), src.slice(i, inner.end + 1), inner.tokens, opts, src), proc: c as '<' | '>' };
      tokens.push({ kind: 'word', word: { type: 'Word', parts: [part], raw: part.raw, start: i, end: inner.end + 1 } });
      i = inner.end + 1;
      continue;
    }
    // `2>`, `2>&1`, `10<`: a number glued to a redirection operator is its file descriptor.
    const fdMatch = /^(\d+)?(<<<|<<-|<<|<>|>>|>&|>\||<&|>|<)/.exec(src.slice(i, i + 14));
    if (fdMatch) {
      const token: Extract<Token, { kind: 'redir' }> = { kind: 'redir', op: fdMatch[2] as RedirOp, fd: fdMatch[1] === undefined ? undefined : Number(fdMatch[1]), start: i };
      tokens.push(token);
      i += fdMatch[0].length;
      if (token.op === '<<' || token.op === '<<-') pendingHeredocs.push({ token, strip: token.op === '<<-' });
      continue;
    }
    const w = lexWord(src, i, opts, true, level);
    tokens.push({ kind: 'word', word: w });
    i = w.end;
  }
  if (untilParen) throw eofMatching(')');
  if (pendingHeredocs.length) {
    // The delimiter line has not been typed yet: bash keeps reading (`> ` prompt).
    throw new ShellSyntaxError('here-document delimited by end-of-file', true);
  }
  return { tokens, end: i };
}

/** The index of the `))` closing an arithmetic expression opened just before `from`, or -1. */
function matchingDoubleParen(src: string, from: number): number {
  let depth = 0;
  for (let j = from; j < src.length; j++) {
    const c = src[j];
    if (c === '(') depth++;
    else if (c === ')') {
      if (depth === 0) return src[j + 1] === ')' ? j : -1;
      depth--;
    }
  }
  return -1;
}

/**
 * Reads the body of one here-document starting at `i` (the start of the line after the operator):
 * lines up to the delimiter line. The delimiter is the word after `<<` with quotes removed; any
 * quoting means the body is taken literally, else `$…`, `` `…` `` and `\` work as inside double
 * quotes. Returns the index after the delimiter line.
 */
function readHeredoc(src: string, i: number, token: Extract<Token, { kind: 'redir' }>, strip: boolean, opts: LexOptions, level: number): number {
  // The delimiter word is lexed after the operator; find it by position.
  const after = src.slice(token.start).replace(/^\d*<<-?[ \t]*/, '');
  const delimWord = lexWord(after, 0, opts, true, level);
  const quoted = delimWord.parts.some((p) => p.type !== 'Literal');
  const delim = delimWord.parts.map((p) => (p.type === 'Literal' || p.type === 'SingleQuoted' || p.type === 'Escaped' ? p.value : p.type === 'DoubleQuoted' ? p.parts.map((q) => ('value' in q ? q.value : q.raw)).join('') : p.raw)).join('');
  let body = '';
  let j = i;
  for (;;) {
    if (j >= src.length) throw new ShellSyntaxError(`here-document delimited by end-of-file (wanted \`${delim}')`, true);
    const nl = src.indexOf('\n', j);
    const lineEnd = nl < 0 ? src.length : nl;
    let line = src.slice(j, lineEnd);
    if (strip) line = line.replace(/^\t+/, '');
    j = nl < 0 ? src.length : nl + 1;
    if (line === delim) break;
    body += line + '\n';
  }
  const parts: WordPart[] = quoted ? [{ type: 'SingleQuoted', value: body }] : lexQuoted(body, 0, opts, null, level).part.parts;
  token.heredoc = { type: 'Word', parts, raw: body, start: i, end: j };
  return j;
}

/**
 * Reads one word starting at `start`. With `stopAtMeta` (the normal case) it ends at a blank or
 * operator; without, it runs to the end of `src` (the argument of `${x:-…}`, a `=~` pattern).
 */
/** The characters lexWord treats apart inside a word: quotes, escapes and expansions. */
const WORD_SPECIAL = new Set(["'", '"', '\\', '$', '`']);

export function lexWord(src: string, start: number, opts: LexOptions, stopAtMeta = true, level = 0): Word {
  const parts: WordPart[] = [];
  let lit = '';
  const flush = () => {
    if (lit) parts.push({ type: 'Literal', value: lit });
    lit = '';
  };
  let i = start;
  while (i < src.length && !(stopAtMeta && META.has(src[i]))) {
    const c = src[i];
    if (c === "'") {
      const close = src.indexOf("'", i + 1);
      if (close < 0) throw eofMatching("'");
      flush();
      parts.push({ type: 'SingleQuoted', value: src.slice(i + 1, close) });
      i = close + 1;
    } else if (c === '$' && src[i + 1] === "'") {
      // $'…': ANSI-C quoting.
      const r = ansiC(src, i + 2);
      flush();
      parts.push({ type: 'SingleQuoted', value: r.value });
      i = r.end;
    } else if (c === '"') {
      flush();
      const dq = lexQuoted(src, i + 1, opts, '"', level);
      parts.push(dq.part);
      i = dq.end;
    } else if (c === '\\') {
      if (i + 1 >= src.length) { lit += '\\'; i++; continue; } // a lone trailing backslash stays literal
      if (src[i + 1] === '\n') { i += 2; continue; }
      flush();
      parts.push({ type: 'Escaped', value: src[i + 1] });
      i += 2;
    } else if (c === '$' || c === '`') {
      const exp = lexDollar(src, i, opts, level);
      if (!exp) { lit += c; i++; continue; }
      flush();
      parts.push(exp.part);
      i = exp.end;
    } else {
      // A run of ordinary characters at once: one slice, not a new string per character.
      let j = i + 1;
      while (j < src.length && !WORD_SPECIAL.has(src[j]) && !(stopAtMeta && META.has(src[j]))) j++;
      lit += src.slice(i, j);
      i = j;
    }
  }
  flush();
  return { type: 'Word', parts, raw: src.slice(start, i), start, end: i };
}

const ANSI: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', v: '\v', '\\': '\\', "'": "'", '"': '"', '?': '?' };

/** `$'…'` from just after the quote: C escapes applied. */
function ansiC(src: string, from: number): { value: string; end: number } {
  let out = '';
  for (let i = from; i < src.length; i++) {
    const c = src[i];
    if (c === "'") return { value: out, end: i + 1 };
    if (c !== '\\' || i + 1 >= src.length) { out += c; continue; }
    const n = src[i + 1];
    if (Object.hasOwn(ANSI, n)) { out += ANSI[n]; i++; continue; }
    const hex = /^x([0-9a-fA-F]{1,2})/.exec(src.slice(i + 1));
    if (hex) { out += String.fromCharCode(parseInt(hex[1], 16)); i += hex[0].length; continue; }
    const oct = /^[0-7]{1,3}/.exec(src.slice(i + 1));
    if (oct) { out += String.fromCharCode(parseInt(oct[0], 8)); i += oct[0].length; continue; }
    out += '\\' + n;
    i++;
  }
  throw eofMatching("'");
}

/**
 * Reads `"…"` from just after the opening quote (terminator `"`), or a whole here-document body
 * (terminator null: quotes are ordinary characters). Returns the index after the closing quote.
 */
export function lexQuoted(src: string, from: number, opts: LexOptions, terminator: '"' | null, level: number): { part: DoubleQuoted; end: number } {
  const parts: DoubleQuoted['parts'] = [];
  let lit = '';
  const flush = () => {
    if (lit) parts.push({ type: 'Literal', value: lit });
    lit = '';
  };
  const escapable = terminator ? '$`"\\\n' : '$`\\\n';
  let i = from;
  while (i < src.length) {
    const c = src[i];
    if (c === terminator) {
      flush();
      return { part: { type: 'DoubleQuoted', parts }, end: i + 1 };
    }
    if (c === '\\' && i + 1 < src.length && escapable.includes(src[i + 1])) {
      if (src[i + 1] !== '\n') lit += src[i + 1];
      i += 2;
      continue;
    }
    if (c === '$' || c === '`') {
      const exp = lexDollar(src, i, opts, level);
      if (exp) {
        flush();
        parts.push(exp.part);
        i = exp.end;
        continue;
      }
    }
    lit += c;
    i++;
  }
  if (terminator === null) {
    flush();
    return { part: { type: 'DoubleQuoted', parts }, end: i };
  }
  throw eofMatching('"');
}

/** The index of the `}` closing a `${` whose body starts at `from` (quotes and nesting skipped), or -1. */
function closingBrace(src: string, from: number): number {
  let depth = 0;
  for (let j = from; j < src.length; j++) {
    const c = src[j];
    if (c === '\\') { j++; continue; }
    if (c === "'") { const k = src.indexOf("'", j + 1); if (k < 0) return -1; j = k; continue; }
    if (c === '{') depth++;
    else if (c === '}') {
      if (depth === 0) return j;
      depth--;
    }
  }
  return -1;
}

const PARAM_OPS = [':-', ':=', ':+', ':?', '##', '%%', '//', '^^', ',,', '-', '=', '+', '?', '#', '%', '/', '^', ',', ':'];

/** Parses the inside of `${…}` (without the braces). */
function parseBraced(body: string, raw: string, opts: LexOptions, level: number): Param {
  const bad = () => new ShellSyntaxError(`${raw}: bad substitution`, false);
  if (body.startsWith('#') && body.length > 1) {
    const name = body.slice(1).replace(/\[[@*]\]$/, '');
    if (!/^([A-Za-z_][A-Za-z0-9_]*|[?$#!@*\-0-9])$/.test(name)) throw bad();
    return { type: 'Param', name, raw, op: 'len', ...(body.endsWith(']') ? { index: '@' } : {}) };
  }
  const m = /^([A-Za-z_][A-Za-z0-9_]*|[?$#!@*\-]|\d+)(\[([^\]]*)\])?/.exec(body);
  if (!m) throw bad();
  const rest = body.slice(m[0].length);
  const base: Param = { type: 'Param', name: m[1], raw, ...(m[3] !== undefined ? { index: m[3] } : {}) };
  if (rest === '') return base;
  const op = PARAM_OPS.find((o) => rest.startsWith(o));
  if (!op) throw bad();
  const argText = rest.slice(op.length);
  if (op === '/' || op === '//') {
    const slash = argText.indexOf('/');
    const pat = slash < 0 ? argText : argText.slice(0, slash);
    const rep = slash < 0 ? '' : argText.slice(slash + 1);
    return { ...base, op, arg: lexWord(pat, 0, opts, false, level + 1), arg2: lexWord(rep, 0, opts, false, level + 1) };
  }
  return { ...base, op, arg: lexWord(argText, 0, opts, false, level + 1) };
}

/** Reads `$NAME`, `${…}`, `$?`, `$(…)`, `$((…))` or `` `…` `` at `i`; undefined when `$` is just a dollar sign. */
function lexDollar(src: string, i: number, opts: LexOptions, level: number): { part: WordPart & { type: 'Param' | 'CommandSub' | 'Arith' }; end: number } | undefined {
  if (src[i] === '`') {
    let j = i + 1;
    let body = '';
    while (j < src.length && src[j] !== '`') {
      if (src[j] === '\\' && (src[j + 1] === '`' || src[j + 1] === '\\' || src[j + 1] === '$')) { body += src[j + 1]; j += 2; continue; }
      body += src[j++];
    }
    if (j >= src.length) throw eofMatching('`');
    const inner = lex(body, opts, 0, false, level + 1);
    return { part: sub(body, src.slice(i, j + 1), inner.tokens, opts), end: j + 1 };
  }
  const n = src[i + 1];
  if (n === '(' && src[i + 2] === '(') {
    const end = matchingDoubleParen(src, i + 3);
    if (end >= 0) return { part: { type: 'Arith', expr: src.slice(i + 3, end), raw: src.slice(i, end + 2) }, end: end + 2 };
  }
  if (n === '(') {
    const inner = lex(src, opts, i + 2, true, level + 1);
    const source = src.slice(i + 2, inner.end);
    return { part: sub(source, src.slice(i, inner.end + 1), inner.tokens, opts, src), end: inner.end + 1 };
  }
  if (n === '{') {
    const close = closingBrace(src, i + 2);
    if (close < 0) throw eofMatching('}');
    const raw = src.slice(i, close + 1);
    return { part: parseBraced(src.slice(i + 2, close), raw, opts, level), end: close + 1 };
  }
  if (n !== undefined && SPECIAL.test(n)) return { part: { type: 'Param', name: n, raw: `$${n}` }, end: i + 2 };
  if (n !== undefined && NAME_START.test(n)) {
    let j = i + 1;
    while (j < src.length && NAME_CHAR.test(src[j])) j++;
    return { part: { type: 'Param', name: src.slice(i + 1, j), raw: src.slice(i, j) }, end: j };
  }
  return undefined;
}

/** `offsetsIn` is the text the tokens' offsets refer to. */
function sub(source: string, raw: string, tokens: Token[], opts: LexOptions, offsetsIn = source): CommandSub {
  return { type: 'CommandSub', source, raw, script: opts.parseTokens(tokens, offsetsIn) };
}
