import type { AndOrList, Assignment, Command, CompoundBody, CompoundCommand, Pipeline, Redirect, Script, SimpleCommand, Word, WordPart } from './ast.ts';
import { lex, lexQuoted, lexWord, ShellSyntaxError, type LexOptions, type Token } from './lexer.ts';

/**
 * The parser of the simulated bash: tokens → Script. Grammar (bash's, less coprocesses and
 * `select`):
 *
 *   list     := sep* andor ((';' | '&' | newline) newline* andor)* [';' | '&']
 *   andor    := pipeline (('&&' | '||') newline* pipeline)*
 *   pipeline := ['time'] ['!'] command (('|' | '|&') newline* command)*
 *   command  := simple | compound redirect* | funcdef
 *   compound := if … fi | for … done | while/until … done | case … esac | { list } | ( list )
 *             | [[ … ]] | (( … ))
 */

/**
 * The outcome of parsing one line. On failure `error` is the line an interactive bash prints
 * (e.g. ``bash: syntax error near unexpected token `|'``) and the exit status is 2;
 * `incomplete` is true when bash would instead wait for more input (unterminated quote,
 * trailing `|`, an open `for` or here-document), after which it reports that same error at end of input.
 */
export type ParseResult = { ok: true; script: Script } | { ok: false; error: string; incomplete: boolean };

/** Parses a command line typed at the prompt (possibly several lines). Never throws. */
export function parseLine(line: string): ParseResult {
  try {
    return { ok: true, script: parseScript(line) };
  } catch (e) {
    if (e instanceof ShellSyntaxError) return { ok: false, error: `bash: ${e.message}`, incomplete: e.incomplete };
    if (e instanceof RangeError) return { ok: false, error: 'bash: maximum nesting level exceeded', incomplete: false };
    throw e;
  }
}

const lexOptions: LexOptions = { parseTokens: (tokens, src) => new Parser(tokens, src).script() };

/** Text with `$…` expansions but no quoting of its own (an arithmetic expression), as one word; undefined when it does not lex. */
export function parseExpansionText(text: string): Word | undefined {
  try {
    const { part } = lexQuoted(text, 0, lexOptions, null, 0);
    return { type: 'Word', parts: [part], raw: text, start: 0, end: text.length };
  } catch {
    return undefined;
  }
}

/** Parses a whole source text; throws ShellSyntaxError. */
function parseScript(src: string): Script {
  const { tokens } = lex(src, lexOptions);
  return new Parser(tokens, src).script();
}

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)(\+?)=/;
/** Words that end a list when they stand where a command would. */
const CLOSERS = new Set(['then', 'elif', 'else', 'fi', 'do', 'done', 'esac', '}']);
/** Deepest compound-command nesting accepted (bash's parser recursion has a similar practical bound). */
const MAX_DEPTH = 100;

class Parser {
  private pos = 0;
  private depth = 0;
  constructor(private readonly tokens: Token[], private readonly src: string) {}

  private peek(k = 0): Token | undefined {
    return this.tokens[this.pos + k];
  }

  private isOp(...ops: string[]): boolean {
    const t = this.peek();
    return t !== undefined && t.kind === 'op' && ops.includes(t.op);
  }

  /** An unquoted word (`time`, `!`, `then`, `{`). */
  private isWord(text: string, k = 0): boolean {
    const t = this.peek(k);
    return t !== undefined && t.kind === 'word' && plain(t.word) && t.word.raw === text;
  }

  private skipNewlines(): void {
    while (this.isOp('newline')) this.pos++;
  }

  /** bash's complaint about the token at the cursor (or the end of input). */
  private unexpected(): never {
    const t = this.peek();
    if (!t) throw new ShellSyntaxError('syntax error: unexpected end of file', true);
    const text = t.kind === 'word' ? t.word.raw : t.kind === 'op' ? t.op : t.kind === 'arith' ? `((${t.expr}))` : `${t.fd ?? ''}${t.op}`;
    throw new ShellSyntaxError(`syntax error near unexpected token \`${text}'`, false);
  }

  private expectWord(text: string): void {
    if (!this.isWord(text)) this.unexpected();
    this.pos++;
  }

  script(): Script {
    const s = this.list(false);
    if (this.peek()) this.unexpected();
    return s;
  }

  /** A list of and-or lists, up to a closing keyword, `)` (when `inParens`), a case terminator or the end. */
  private list(inParens: boolean): Script {
    const lists: AndOrList[] = [];
    this.skipNewlines();
    while (this.peek()) {
      const t = this.peek()!;
      if (t.kind === 'word' && plain(t.word) && CLOSERS.has(t.word.raw)) break;
      if (t.kind === 'op' && (t.op === ';;' || t.op === ';&' || t.op === ';;&')) break;
      if (t.kind === 'op' && t.op === ')' && inParens) break;
      const item = this.andOr();
      lists.push(item);
      if (this.isOp(';', '&', 'newline')) {
        if (this.isOp('&')) item.background = true;
        this.pos++;
        this.skipNewlines();
        continue;
      }
      break;
    }
    return { type: 'Script', lists };
  }

  private andOr(): AndOrList {
    const from = this.peek();
    const first = this.pipeline();
    const rest: AndOrList['rest'] = [];
    while (this.isOp('&&', '||')) {
      const op = (this.tokens[this.pos++] as { op: '&&' | '||' }).op;
      this.skipNewlines();
      rest.push({ op, pipeline: this.pipeline() });
    }
    const last = this.tokens[this.pos - 1];
    const source = from && last ? this.src.slice(tokenStart(from), tokenEnd(last)) : undefined;
    return { type: 'AndOr', first, rest, ...(source !== undefined ? { source } : {}) };
  }

  private pipeline(): Pipeline {
    let timed = false;
    let negated = false;
    if (this.isWord('time')) { timed = true; this.pos++; }
    if (this.isWord('!')) { negated = true; this.pos++; }
    const commands: Command[] = [];
    const pipes: Pipeline['pipes'] = [];
    // `time` alone (or `time;`) is valid bash: it times an empty pipeline.
    if (timed && (!this.peek() || this.isOp(';', '&', 'newline'))) return { type: 'Pipeline', timed, negated, commands, pipes };
    commands.push(this.command());
    while (this.isOp('|', '|&')) {
      pipes.push((this.tokens[this.pos++] as { op: '|' | '|&' }).op);
      this.skipNewlines();
      commands.push(this.command());
    }
    return { type: 'Pipeline', timed, negated, commands, pipes };
  }

  private command(): Command {
    const t = this.peek();
    if (!t) this.unexpected();
    if (++this.depth > MAX_DEPTH) throw new ShellSyntaxError('maximum nesting level exceeded', false);
    try {
      if (t.kind === 'arith') {
        this.pos++;
        return this.compound({ kind: 'arith', expr: t.expr });
      }
      if (t.kind === 'op' && t.op === '(') {
        this.pos++;
        const body = this.list(true);
        if (!this.isOp(')')) this.unexpected();
        this.pos++;
        return this.compound({ kind: 'subshell', body });
      }
      if (t.kind === 'word' && plain(t.word)) {
        switch (t.word.raw) {
          case 'if': return this.ifClause();
          case 'for': return this.forClause();
          case 'while':
          case 'until': return this.whileClause(t.word.raw);
          case 'case': return this.caseClause();
          case '{': {
            this.pos++;
            const body = this.list(false);
            this.expectWord('}');
            return this.compound({ kind: 'group', body });
          }
          case '[[': return this.condClause();
          case 'function': return this.functionDef(true);
          case 'then': case 'elif': case 'else': case 'fi': case 'do': case 'done': case 'esac': case '}':
            this.unexpected();
        }
        const next = this.peek(1);
        const after = this.peek(2);
        if (next?.kind === 'op' && next.op === '(' && after?.kind === 'op' && after.op === ')' && /^[A-Za-z_][\w:.@-]*$/.test(t.word.raw)) return this.functionDef(false);
      }
      return this.simple();
    } finally {
      this.depth--;
    }
  }

  private compound(body: CompoundBody): CompoundCommand {
    const redirects: Redirect[] = [];
    while (this.peek()?.kind === 'redir') redirects.push(this.redirect());
    return { type: 'Compound', body, redirects };
  }

  private ifClause(): CompoundCommand {
    this.pos++;
    const clauses: { cond: Script; then: Script }[] = [];
    let elseBody: Script | undefined;
    for (;;) {
      const cond = this.list(false);
      this.expectWord('then');
      const then = this.list(false);
      clauses.push({ cond, then });
      if (this.isWord('elif')) { this.pos++; continue; }
      if (this.isWord('else')) { this.pos++; elseBody = this.list(false); }
      this.expectWord('fi');
      break;
    }
    return this.compound({ kind: 'if', clauses, ...(elseBody ? { else: elseBody } : {}) });
  }

  /** `do list done`. */
  private doGroup(): Script {
    this.skipNewlines();
    this.expectWord('do');
    const body = this.list(false);
    this.expectWord('done');
    return body;
  }

  private forClause(): CompoundCommand {
    this.pos++;
    const t = this.peek();
    if (t?.kind === 'arith') {
      this.pos++;
      const [init = '', cond = '', step = ''] = t.expr.split(';');
      if (t.expr.split(';').length !== 3) throw new ShellSyntaxError(`syntax error: arithmetic expression required`, false);
      if (this.isOp(';')) this.pos++;
      return this.compound({ kind: 'arithFor', init, cond, step, body: this.doGroup() });
    }
    if (!t || t.kind !== 'word') this.unexpected();
    const name = t.word.raw;
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new ShellSyntaxError(`\`${name}': not a valid identifier`, false);
    this.pos++;
    this.skipNewlines();
    let words: Word[] | undefined;
    if (this.isWord('in')) {
      this.pos++;
      words = [];
      while (this.peek()?.kind === 'word') words.push((this.tokens[this.pos++] as { word: Word }).word);
      if (!this.isOp(';', 'newline')) this.unexpected();
      this.pos++;
    } else if (this.isOp(';')) this.pos++;
    return this.compound({ kind: 'for', name, ...(words ? { words } : {}), body: this.doGroup() });
  }

  private whileClause(kind: 'while' | 'until'): CompoundCommand {
    this.pos++;
    const cond = this.list(false);
    return this.compound({ kind, cond, body: this.doGroup() });
  }

  private caseClause(): CompoundCommand {
    this.pos++;
    const t = this.peek();
    if (!t || t.kind !== 'word') this.unexpected();
    this.pos++;
    this.skipNewlines();
    this.expectWord('in');
    this.skipNewlines();
    const items: { patterns: Word[]; body: Script; term: ';;' | ';&' | ';;&' }[] = [];
    while (!this.isWord('esac')) {
      if (this.isOp('(')) this.pos++;
      const patterns: Word[] = [];
      for (;;) {
        const p = this.peek();
        if (!p || p.kind !== 'word') this.unexpected();
        patterns.push(p.word);
        this.pos++;
        if (this.isOp('|')) { this.pos++; continue; }
        break;
      }
      if (!this.isOp(')')) this.unexpected();
      this.pos++;
      const body = this.list(false);
      let term: ';;' | ';&' | ';;&' = ';;';
      if (this.isOp(';;', ';&', ';;&')) term = (this.tokens[this.pos++] as { op: ';;' }).op;
      else if (!this.isWord('esac')) this.unexpected();
      items.push({ patterns, body, term });
      this.skipNewlines();
    }
    this.pos++;
    return this.compound({ kind: 'case', word: t.word, items });
  }

  /** `[[ … ]]`: operators the lexer split off (`&&`, `(`, `<`) come back as plain words. */
  private condClause(): CompoundCommand {
    this.pos++;
    const words: Word[] = [];
    for (;;) {
      const t = this.peek();
      if (!t) this.unexpected();
      if (t.kind === 'word' && plain(t.word) && t.word.raw === ']]') { this.pos++; break; }
      this.pos++;
      if (t.kind === 'word') {
        words.push(t.word);
        if (plain(t.word) && t.word.raw === '=~') {
          // The regex runs to ` ]]` as typed: `(`, `|` and `)` in it are pattern characters.
          const end = this.findCondEnd();
          const startTok = this.peek();
          if (!startTok || end < 0) this.unexpected();
          const from = tokenStart(startTok);
          const to = tokenStart(this.tokens[end]);
          const text = this.src.slice(from, to).trimEnd();
          const w = lexWord(text, 0, lexOptions, false);
          words.push({ ...w, start: from, end: from + text.length });
          this.pos = end;
        }
        continue;
      }
      if (t.kind === 'op' && ['&&', '||', '(', ')'].includes(t.op)) { words.push(literal(t.op, t.start)); continue; }
      if (t.kind === 'redir' && t.fd === undefined && (t.op === '<' || t.op === '>')) { words.push(literal(t.op, t.start)); continue; }
      if (t.kind === 'op' && t.op === 'newline') continue;
      this.pos--;
      if (t.kind === 'op' && t.op === ';') throw new ShellSyntaxError("syntax error in conditional expression: unexpected token `;'", false);
      this.unexpected();
    }
    if (words.length === 0) throw new ShellSyntaxError("syntax error near `]]'", false);
    return this.compound({ kind: 'cond', words });
  }

  private findCondEnd(): number {
    for (let j = this.pos; j < this.tokens.length; j++) {
      const t = this.tokens[j];
      if (t.kind === 'word' && plain(t.word) && t.word.raw === ']]') return j;
    }
    return -1;
  }

  private functionDef(keyword: boolean): Command {
    const startTok = this.peek()!;
    if (keyword) this.pos++;
    const t = this.peek();
    if (!t || t.kind !== 'word') this.unexpected();
    const name = t.word.raw;
    this.pos++;
    if (this.isOp('(')) {
      this.pos++;
      if (!this.isOp(')')) this.unexpected();
      this.pos++;
    }
    this.skipNewlines();
    const bodyTok = this.peek();
    if (!bodyTok) this.unexpected();
    const isCompoundStart = (bodyTok.kind === 'word' && plain(bodyTok.word) && ['{', 'if', 'for', 'while', 'until', 'case', '[['].includes(bodyTok.word.raw)) || (bodyTok.kind === 'op' && bodyTok.op === '(') || bodyTok.kind === 'arith';
    if (!isCompoundStart) this.unexpected();
    const body = this.command() as CompoundCommand;
    const last = this.tokens[this.pos - 1];
    const source = this.src.slice(tokenStart(startTok), last ? tokenEnd(last) : this.src.length);
    return { type: 'Function', name, body, source };
  }

  private redirect(): Redirect {
    const t = this.tokens[this.pos++] as Extract<Token, { kind: 'redir' }>;
    const target = this.peek();
    if (!target) throw new ShellSyntaxError("syntax error near unexpected token `newline'", false);
    if (target.kind !== 'word') this.unexpected();
    this.pos++;
    return { type: 'Redirect', fd: t.fd, op: t.op, target: t.heredoc ?? target.word };
  }

  private simple(): SimpleCommand {
    const assignments: Assignment[] = [];
    const words: Word[] = [];
    const redirects: Redirect[] = [];
    for (;;) {
      const t = this.peek();
      if (!t || t.kind === 'op' || t.kind === 'arith') {
        // `a=(x y)`: an array assignment glued to its parenthesis.
        if (t?.kind === 'op' && t.op === '(' && words.length === 0 && assignments.length) {
          const a = assignments[assignments.length - 1];
          if (a.value.parts.length === 0 && a.value.end === t.start) {
            this.pos++;
            const items: Word[] = [];
            for (;;) {
              this.skipNewlines();
              const w = this.peek();
              if (!w) this.unexpected();
              if (w.kind === 'op' && w.op === ')') { this.pos++; break; }
              if (w.kind !== 'word') this.unexpected();
              items.push(w.word);
              this.pos++;
            }
            a.array = items;
            continue;
          }
        }
        break;
      }
      if (t.kind === 'redir') {
        redirects.push(this.redirect());
        continue;
      }
      this.pos++;
      const a = words.length === 0 ? asAssignment(t.word) : undefined;
      if (a) assignments.push(a);
      else words.push(t.word);
    }
    if (assignments.length === 0 && words.length === 0 && redirects.length === 0) this.unexpected();
    return { type: 'SimpleCommand', assignments, words, redirects };
  }
}

function plain(word: Word): boolean {
  return word.parts.length === 1 && word.parts[0].type === 'Literal';
}

function literal(value: string, start: number): Word {
  return { type: 'Word', parts: [{ type: 'Literal', value }], raw: value, start, end: start + value.length };
}

function tokenStart(t: Token): number {
  return t.kind === 'word' ? t.word.start : t.start;
}

function tokenEnd(t: Token): number {
  if (t.kind === 'word') return t.word.end;
  if (t.kind === 'arith') return t.end;
  return t.start + (t.kind === 'op' ? (t.op === 'newline' ? 1 : t.op.length) : t.op.length);
}

/** `NAME=value` / `NAME+=value` (NAME unquoted) before the command name is a variable assignment. */
function asAssignment(word: Word): Assignment | undefined {
  const first = word.parts[0];
  if (!first || first.type !== 'Literal') return undefined;
  const m = ASSIGNMENT.exec(first.value);
  if (!m) return undefined;
  const restLiteral = first.value.slice(m[0].length);
  const parts: WordPart[] = [...(restLiteral ? [{ type: 'Literal' as const, value: restLiteral }] : []), ...word.parts.slice(1)];
  return { type: 'Assignment', name: m[1], ...(m[2] ? { append: true } : {}), value: { ...word, parts, raw: word.raw.slice(m[0].length), start: word.start + m[0].length } };
}

/**
 * A word with quotes removed but expansions left as typed (`$HOME`, `$(…)`): what a reader of the
 * line sees as the argument. The interpreter's `runs` carry the fully expanded argv instead.
 */
export function wordText(word: Word): string {
  return word.parts.map(partText).join('');
}

function partText(p: WordPart): string {
  switch (p.type) {
    case 'Literal':
    case 'SingleQuoted':
    case 'Escaped':
      return p.value;
    case 'DoubleQuoted':
      return p.parts.map(partText).join('');
    case 'Param':
    case 'CommandSub':
    case 'Arith':
      return p.raw;
  }
}

/** Every script nested in a command (bodies of loops, conditions, functions), in source order. */
function innerScripts(cmd: Command): Script[] {
  if (cmd.type === 'SimpleCommand') return [];
  if (cmd.type === 'Function') return innerScripts(cmd.body);
  const b = cmd.body;
  switch (b.kind) {
    case 'if': return [...b.clauses.flatMap((c) => [c.cond, c.then]), ...(b.else ? [b.else] : [])];
    case 'for':
    case 'arithFor': return [b.body];
    case 'while':
    case 'until': return [b.cond, b.body];
    case 'case': return b.items.map((i) => i.body);
    case 'group':
    case 'subshell': return [b.body];
    default: return [];
  }
}

/**
 * Every simple command's argv in the script, in the order bash would meet them: commands inside a
 * `$(…)` come before the command whose words use their output; loop and condition bodies once each.
 * Words are `wordText`s (quotes removed, expansions as typed), e.g. `kubectl logs "$P" --previous` →
 * `['kubectl', 'logs', '$P', '--previous']`; assignment-only commands are left out.
 */
export function simpleCommands(script: Script): string[][] {
  const out: string[][] = [];
  const visitWord = (w: Word) => {
    for (const p of w.parts) {
      if (p.type === 'CommandSub') out.push(...simpleCommands(p.script));
      if (p.type === 'DoubleQuoted') for (const q of p.parts) if (q.type === 'CommandSub') out.push(...simpleCommands(q.script));
    }
  };
  const visit = (cmd: Command) => {
    if (cmd.type === 'SimpleCommand') {
      for (const a of cmd.assignments) visitWord(a.value);
      for (const w of cmd.words) visitWord(w);
      for (const r of cmd.redirects) visitWord(r.target);
      if (cmd.words.length) out.push(cmd.words.map(wordText));
      return;
    }
    for (const s of innerScripts(cmd)) out.push(...simpleCommands(s));
  };
  for (const list of script.lists) {
    for (const pipeline of [list.first, ...list.rest.map((r) => r.pipeline)]) pipeline.commands.forEach(visit);
  }
  return out;
}
