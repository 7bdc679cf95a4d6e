import { toRegexSource } from '../grep/regex.ts';
import { linearPattern, type LinearPattern } from '../linear.ts';

/**
 * A small awk: the one-liners people type while reading logs. Rules `pattern { action }` with
 * BEGIN/END, regex and expression patterns; statements print, printf, next, if/else, assignments
 * (`=`, `+=`, `++`); expressions with fields (`$1`, `$NF`, `$(NF-1)`), NR/NF/FS/OFS, strings,
 * numbers, concatenation, arithmetic, comparisons, `~`, `&&`/`||`/`!`, and the functions length,
 * substr, index, tolower, toupper, int, sprintf. Anything else is a syntax error worded as mawk
 * (the awk of Debian and Ubuntu) words it.
 */

export class AwkError extends Error {}

type Tok = { t: 'num'; v: number; line: number } | { t: 'str'; v: string; line: number } | { t: 're'; v: string; line: number } | { t: 'name'; v: string; line: number } | { t: 'op'; v: string; line: number } | { t: 'nl'; v: '\n'; line: number } | { t: 'eof'; v: ''; line: number };

const OPS = ['+=', '-=', '*=', '/=', '%=', '++', '--', '&&', '||', '==', '!=', '<=', '>=', '!~', '{', '}', '(', ')', ';', ',', '+', '-', '*', '/', '%', '<', '>', '!', '~', '=', '$', '?', ':', '^'];
const KEYWORDS = new Set(['BEGIN', 'END', 'print', 'printf', 'next', 'if', 'else', 'exit']);
const UNSUPPORTED = new Set(['for', 'while', 'do', 'function', 'getline', 'in', 'delete', 'return', 'break', 'continue', 'func']);
const FUNCS = new Set(['length', 'substr', 'index', 'tolower', 'toupper', 'int', 'sprintf']);

function tokenize(src: string): Tok[] {
  const toks: Tok[] = [];
  let line = 1;
  let i = 0;
  const regexAllowed = () => {
    const p = toks[toks.length - 1];
    if (!p || p.t === 'nl') return true;
    if (p.t === 'op') return !([')', '$'].includes(p.v) || p.v === '++' || p.v === '--');
    if (p.t === 'name') return KEYWORDS.has(p.v);
    return false;
  };
  while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '\t') { i++; continue; }
    if (c === '\\' && src[i + 1] === '\n') { i += 2; line++; continue; }
    if (c === '#') { while (i < src.length && src[i] !== '\n') i++; continue; }
    if (c === '\n') { toks.push({ t: 'nl', v: '\n', line }); line++; i++; continue; }
    if (/[0-9.]/.test(c) && /^(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.test(src.slice(i))) {
      const m = /^(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(src.slice(i))!;
      toks.push({ t: 'num', v: Number(m[0]), line });
      i += m[0].length;
      continue;
    }
    if (c === '"') {
      let s = '';
      let j = i + 1;
      for (; j < src.length && src[j] !== '"'; j++) {
        if (src[j] === '\n') throw new AwkError(`line ${line}: runaway string constant "${s} ...`);
        if (src[j] === '\\' && j + 1 < src.length) {
          const e = src[++j];
          s += e === 'n' ? '\n' : e === 't' ? '\t' : e === '"' ? '"' : e === '\\' ? '\\' : e === '/' ? '/' : `\\${e}`;
        } else s += src[j];
      }
      if (j >= src.length) throw new AwkError(`line ${line}: runaway string constant "${s} ...`);
      toks.push({ t: 'str', v: s, line });
      i = j + 1;
      continue;
    }
    if (c === '/' && regexAllowed()) {
      let s = '';
      let j = i + 1;
      for (; j < src.length && src[j] !== '/' && src[j] !== '\n'; j++) {
        if (src[j] === '\\' && src[j + 1] === '/') { s += '/'; j++; } else s += src[j];
      }
      if (src[j] !== '/') throw new AwkError(`line ${line}: runaway regular expression /${s.slice(0, 10)} ...`);
      toks.push({ t: 're', v: s, line });
      i = j + 1;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i))!;
      toks.push({ t: 'name', v: m[0], line });
      i += m[0].length;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new AwkError(`line ${line}: syntax error at or near ${c}`);
    toks.push({ t: 'op', v: op, line });
    i += op.length;
  }
  toks.push({ t: 'eof', v: '', line });
  return toks;
}

/** Runtime state an expression reads and writes. */
export interface Runtime {
  fields: string[]; // fields[0] is $0
  vars: Map<string, string | number>;
  nr: number;
  out: string;
  setField(n: number, v: string): void;
  getField(n: number): string;
}

type Val = string | number;
type Expr = (rt: Runtime) => Val;
type Stmt = (rt: Runtime) => void;
class Next {}

export interface Program {
  begin: Stmt[];
  rules: { pattern?: Expr; action: Stmt }[];
  end: Stmt[];
}

/** Parses an awk program text; throws AwkError with mawk's wording. */
export function parseProgram(src: string): Program {
  return new AwkParser(tokenize(src)).program();
}

export const NEXT = Next;

export function num(v: Val): number {
  if (typeof v === 'number') return v;
  const m = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(v);
  return m ? Number(m[0]) : 0;
}

export function str(v: Val): string {
  if (typeof v === 'string') return v;
  if (Number.isInteger(v)) return String(v);
  return String(Number(v.toPrecision(6)));
}

const looksNumeric = (v: Val) => typeof v === 'number' || /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(v);
const truthy = (v: Val) => (typeof v === 'number' ? v !== 0 : v !== '');

class AwkParser {
  private i = 0;
  constructor(private readonly toks: Tok[]) {}

  private get tok(): Tok { return this.toks[this.i]; }
  private is(v: string): boolean { return (this.tok.t === 'op' || this.tok.t === 'name') && this.tok.v === v; }
  private nl(): void { while (this.tok.t === 'nl' || this.is(';')) this.i++; }
  private optNl(): void { while (this.tok.t === 'nl') this.i++; }
  /** End of a statement: newline, `;`, `}` or end of program. */
  private atEnd(): boolean { const t = this.tok.t; return t === 'nl' || t === 'eof' || this.is(';') || this.is('}'); }

  private fail(): never {
    const t = this.tok;
    if (t.t === 'eof') throw new AwkError(`line ${t.line}: syntax error at or near end of file`);
    if (t.t === 'nl') throw new AwkError(`line ${t.line}: syntax error at or near end of line`);
    if (t.t === 'op' && t.v === '}') {
      // mawk reports a close brace with nothing open as `extra '}'` first.
      throw new AwkError(`line ${t.line}: syntax error at or near }`);
    }
    throw new AwkError(`line ${t.line}: syntax error at or near ${t.t === 'str' ? `"${t.v}"` : t.t === 're' ? `/${t.v}/` : String(t.v)}`);
  }

  private expect(v: string): void {
    if (!this.is(v)) {
      if (v === '}' && this.tok.t === 'eof') throw new AwkError(`line ${this.tok.line + 1}: missing } near end of file`);
      this.fail();
    }
    this.i++;
  }

  program(): Program {
    const p: Program = { begin: [], rules: [], end: [] };
    this.nl();
    while (this.tok.t !== 'eof') {
      if (this.is('}')) throw new AwkError(`line ${this.tok.line}: extra '}'\nawk: line ${this.tok.line}: syntax error at or near end of line`);
      if (this.is('BEGIN') || this.is('END')) {
        const which = this.tok.v;
        this.i++;
        const action = this.block();
        (which === 'BEGIN' ? p.begin : p.end).push(action);
      } else {
        const pattern = this.is('{') ? undefined : this.expr();
        const action = this.is('{') ? this.block() : (rt: Runtime) => { rt.out += rt.fields[0] + str(rt.vars.get('ORS') ?? '\n'); };
        p.rules.push({ pattern, action });
      }
      this.nl();
    }
    return p;
  }

  private block(): Stmt {
    this.expect('{');
    const body: Stmt[] = [];
    this.nl();
    while (!this.is('}')) {
      if (this.tok.t === 'eof') throw new AwkError(`line ${this.tok.line + 1}: missing } near end of file`);
      body.push(this.statement());
      if (!this.is('}') && !this.atEnd()) this.fail();
      this.nl();
    }
    this.i++;
    return (rt) => { for (const s of body) s(rt); };
  }

  private statement(): Stmt {
    if (this.is('{')) return this.block();
    if (this.tok.t === 'name' && UNSUPPORTED.has(this.tok.v)) this.fail();
    if (this.is('next')) { this.i++; return () => { throw new Next(); }; }
    if (this.is('exit')) this.fail();
    if (this.is('if')) {
      this.i++;
      this.expect('(');
      const cond = this.expr();
      this.expect(')');
      this.optNl();
      const then = this.statement();
      let otherwise: Stmt | undefined;
      const save = this.i;
      this.nl();
      if (this.is('else')) { this.i++; this.optNl(); otherwise = this.statement(); } else this.i = save;
      return (rt) => { if (truthy(cond(rt))) then(rt); else otherwise?.(rt); };
    }
    if (this.is('print') || this.is('printf')) {
      const printf = this.tok.v === 'printf';
      this.i++;
      const args: Expr[] = [];
      const end = () => this.tok.t === 'nl' || this.tok.t === 'eof' || this.is(';') || this.is('}');
      if (!end()) {
        args.push(this.expr(true));
        while (this.is(',')) { this.i++; this.optNl(); args.push(this.expr(true)); }
      }
      if (this.is('>') || this.is('|')) this.fail(); // output redirection: nowhere to write here
      if (printf) {
        if (args.length === 0) this.fail();
        return (rt) => { rt.out += sprintf(str(args[0](rt)), args.slice(1).map((a) => a(rt))); };
      }
      return (rt) => {
        const ofs = str(rt.vars.get('OFS') ?? ' ');
        const ors = str(rt.vars.get('ORS') ?? '\n');
        rt.out += (args.length ? args.map((a) => str(a(rt))).join(ofs) : rt.fields[0]) + ors;
      };
    }
    const e = this.expr();
    return (rt) => { e(rt); };
  }

  /** expr with assignment (right-associative, lowest precedence). `noGt`: inside print, `>` is redirection. */
  private expr(noGt = false): Expr {
    const start = this.i;
    const left = this.ternary(noGt);
    if (this.tok.t === 'op' && ['=', '+=', '-=', '*=', '/=', '%='].includes(this.tok.v)) {
      const op = this.tok.v;
      const target = this.lvalueAt(start);
      this.i++;
      const right = this.expr(noGt);
      return (rt) => {
        const r = right(rt);
        const v = op === '=' ? r : arith(op[0], num(target.get(rt)), num(r));
        target.set(rt, v);
        return v;
      };
    }
    return left;
  }

  /** Re-reads the tokens of an assignment's left side as an lvalue. */
  private lvalueAt(start: number): { get: Expr; set: (rt: Runtime, v: Val) => void } {
    const t = this.toks[start];
    if (t.t === 'name' && this.i === start + 1) return varRef(t.v);
    if (t.t === 'op' && t.v === '$') {
      const save = this.i;
      this.i = start + 1;
      const idx = this.primary();
      const ok = this.i === save;
      this.i = save;
      if (ok) return fieldRef(idx);
    }
    this.fail();
  }

  private ternary(noGt: boolean): Expr {
    const c = this.or(noGt);
    if (!this.is('?')) return c;
    this.i++;
    const a = this.ternary(noGt);
    this.expect(':');
    const b = this.ternary(noGt);
    return (rt) => (truthy(c(rt)) ? a(rt) : b(rt));
  }

  private or(noGt: boolean): Expr {
    let l = this.and(noGt);
    while (this.is('||')) { this.i++; this.optNl(); const a = l; const r = this.and(noGt); l = (rt) => (truthy(a(rt)) || truthy(r(rt)) ? 1 : 0); }
    return l;
  }

  private and(noGt: boolean): Expr {
    let l = this.match(noGt);
    while (this.is('&&')) { this.i++; this.optNl(); const a = l; const r = this.match(noGt); l = (rt) => (truthy(a(rt)) && truthy(r(rt)) ? 1 : 0); }
    return l;
  }

  private match(noGt: boolean): Expr {
    let l = this.compare(noGt);
    while (this.is('~') || this.is('!~')) {
      const neg = this.tok.v === '!~';
      this.i++;
      const a = l;
      const r = this.compare(noGt, true);
      l = (rt) => (regex(r(rt)).test(str(a(rt))) !== neg ? 1 : 0);
    }
    return l;
  }

  private compare(noGt: boolean, reOperand = false): Expr {
    const l = reOperand && this.tok.t === 're' ? this.reLiteral() : this.concat(noGt);
    const ops = noGt ? ['<', '<=', '==', '!=', '>='] : ['<', '<=', '==', '!=', '>', '>='];
    if (this.tok.t === 'op' && ops.includes(this.tok.v)) {
      const op = this.tok.v;
      this.i++;
      const r = this.concat(noGt);
      return (rt) => {
        const a = l(rt);
        const b = r(rt);
        const c = looksNumeric(a) && looksNumeric(b) ? num(a) - num(b) : str(a) < str(b) ? -1 : str(a) > str(b) ? 1 : 0;
        return ({ '<': c < 0, '<=': c <= 0, '==': c === 0, '!=': c !== 0, '>': c > 0, '>=': c >= 0 } as Record<string, boolean>)[op] ? 1 : 0;
      };
    }
    return l;
  }

  private reLiteral(): Expr {
    const src = (this.tok as { v: string }).v;
    this.i++;
    return () => src;
  }

  private concat(_noGt: boolean): Expr {
    let l = this.additive();
    // Juxtaposition concatenates: stop at anything that cannot start an operand.
    while (this.startsOperand()) {
      const a = l;
      const r = this.additive();
      l = (rt) => str(a(rt)) + str(r(rt));
    }
    return l;
  }

  /** Can the current token begin an operand (so juxtaposition means concatenation)? */
  private startsOperand(): boolean {
    const t = this.tok;
    if (t.t === 'num' || t.t === 'str' || t.t === 're') return true;
    if (t.t === 'name') return !KEYWORDS.has(t.v) && !UNSUPPORTED.has(t.v);
    return t.t === 'op' && (t.v === '$' || t.v === '(');
  }

  private additive(): Expr {
    let l = this.multiplicative();
    while (this.is('+') || this.is('-')) {
      const op = String(this.tok.v);
      this.i++;
      const a = l;
      const r = this.multiplicative();
      l = (rt) => arith(op, num(a(rt)), num(r(rt)));
    }
    return l;
  }

  private multiplicative(): Expr {
    let l = this.unary();
    while (this.is('*') || this.is('/') || this.is('%')) {
      const op = String(this.tok.v);
      this.i++;
      const a = l;
      const r = this.unary();
      l = (rt) => arith(op, num(a(rt)), num(r(rt)));
    }
    return l;
  }

  private unary(): Expr {
    if (this.is('!')) { this.i++; const e = this.unary(); return (rt) => (truthy(e(rt)) ? 0 : 1); }
    if (this.is('-')) { this.i++; const e = this.unary(); return (rt) => -num(e(rt)); }
    if (this.is('+')) { this.i++; const e = this.unary(); return (rt) => num(e(rt)); }
    return this.power();
  }

  private power(): Expr {
    const base = this.postfix();
    if (!this.is('^')) return base;
    this.i++;
    const exp = this.unary();
    return (rt) => num(base(rt)) ** num(exp(rt));
  }

  private postfix(): Expr {
    if (this.is('++') || this.is('--')) {
      const d = this.tok.v === '++' ? 1 : -1;
      this.i++;
      const ref = this.ref();
      return (rt) => { const v = num(ref.get(rt)) + d; ref.set(rt, v); return v; };
    }
    const start = this.i;
    const e = this.primary();
    if (this.is('++') || this.is('--')) {
      const d = this.tok.v === '++' ? 1 : -1;
      const end = this.i;
      const ref = this.lvalueAt(start);
      this.i = end + 1;
      return (rt) => { const v = num(ref.get(rt)); ref.set(rt, v + d); return v; };
    }
    return e;
  }

  private ref(): { get: Expr; set: (rt: Runtime, v: Val) => void } {
    if (this.tok.t === 'name' && !KEYWORDS.has(this.tok.v) && !FUNCS.has(this.tok.v)) { const n = this.tok.v; this.i++; return varRef(n); }
    if (this.is('$')) { this.i++; return fieldRef(this.primary()); }
    this.fail();
  }

  private primary(): Expr {
    const t = this.tok;
    if (t.t === 'num') { this.i++; return () => t.v; }
    if (t.t === 'str') { this.i++; return () => t.v; }
    if (t.t === 're') {
      this.i++;
      const re = regex(t.v);
      return (rt) => (re.test(rt.fields[0]) ? 1 : 0);
    }
    if (this.is('$')) {
      this.i++;
      const idx = this.is('++') || this.is('--') ? this.postfix() : this.primary();
      return fieldRef(idx).get;
    }
    if (this.is('(')) {
      this.i++;
      const e = this.expr();
      this.expect(')');
      return e;
    }
    if (this.is('-') || this.is('!')) return this.unary();
    if (t.t === 'name' && FUNCS.has(t.v)) return this.call(t.v);
    if (t.t === 'name' && !KEYWORDS.has(t.v) && !UNSUPPORTED.has(t.v)) {
      this.i++;
      if (this.is('[')) this.fail();
      return varRef(t.v).get;
    }
    this.fail();
  }

  private call(name: string): Expr {
    this.i++;
    if (name === 'length' && !this.is('(')) return (rt) => [...rt.fields[0]].length;
    this.expect('(');
    const args: Expr[] = [];
    if (!this.is(')')) {
      args.push(this.expr());
      while (this.is(',')) { this.i++; args.push(this.expr()); }
    }
    this.expect(')');
    const a = (rt: Runtime, k: number) => (args[k] ? args[k](rt) : '');
    switch (name) {
      case 'length': return (rt) => [...(args.length ? str(a(rt, 0)) : rt.fields[0])].length;
      case 'substr': return (rt) => {
        const s = str(a(rt, 0));
        const m = Math.round(num(a(rt, 1)));
        const n = args.length > 2 ? Math.round(num(a(rt, 2))) : Infinity;
        const from = Math.max(1, m);
        const to = n === Infinity ? s.length + 1 : m + n;
        return s.slice(from - 1, Math.max(from - 1, to - 1));
      };
      case 'index': return (rt) => str(a(rt, 0)).indexOf(str(a(rt, 1))) + 1;
      case 'tolower': return (rt) => str(a(rt, 0)).toLowerCase();
      case 'toupper': return (rt) => str(a(rt, 0)).toUpperCase();
      case 'int': return (rt) => Math.trunc(num(a(rt, 0)));
      default: return (rt) => (args.length ? sprintf(str(a(rt, 0)), args.slice(1).map((x) => x(rt))) : '');
    }
  }
}

function varRef(name: string): { get: Expr; set: (rt: Runtime, v: Val) => void } {
  return {
    get: (rt) => (name === 'NR' ? rt.nr : name === 'NF' ? rt.fields.length - 1 : rt.vars.get(name) ?? ''),
    set: (rt, v) => { if (name === 'NR') rt.nr = num(v); else rt.vars.set(name, v); },
  };
}

function fieldRef(idx: Expr): { get: Expr; set: (rt: Runtime, v: Val) => void } {
  return {
    get: (rt) => rt.getField(Math.trunc(num(idx(rt)))),
    set: (rt, v) => rt.setField(Math.trunc(num(idx(rt))), str(v)),
  };
}

function arith(op: string, a: number, b: number): number {
  switch (op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/':
      if (b === 0) throw new AwkError('division by zero');
      return a / b;
    default:
      if (b === 0) throw new AwkError('division by zero in %');
      return a % b;
  }
}

const regexCache = new Map<string, LinearPattern>();
/** An awk regex, matched in linear time (RE2): no pattern can hang the terminal. */
function regex(v: Val): LinearPattern {
  const src = str(v);
  let re = regexCache.get(src);
  if (!re) {
    try {
      re = linearPattern(toRegexSource(src, 'extended'));
    } catch {
      throw new AwkError(`regular expression compile failed (missing operand)\n${src}`);
    }
    regexCache.set(src, re);
  }
  return re;
}

/** awk's printf: %s %d %i %f %e %g %x %o %c %% with flags, width and precision. */
export function sprintf(fmt: string, args: Val[]): string {
  let k = 0;
  return fmt.replace(/%([-+ 0#]*)(\d+|\*)?(?:\.(\d+))?([sdifeEgGxXoc%])/g, (_, flags: string, width: string | undefined, prec: string | undefined, conv: string) => {
    if (conv === '%') return '%';
    const w = width === '*' ? num(args[k++] ?? 0) : width ? Number(width) : 0;
    const v = args[k++] ?? '';
    let s: string;
    switch (conv) {
      case 's': s = str(v); if (prec !== undefined) s = s.slice(0, Number(prec)); break;
      case 'd': case 'i': s = String(Math.trunc(num(v))); if (flags.includes('+') && num(v) >= 0) s = `+${s}`; break;
      case 'f': s = num(v).toFixed(prec === undefined ? 6 : Number(prec)); break;
      case 'e': case 'E': s = num(v).toExponential(prec === undefined ? 6 : Number(prec)).replace(/e([-+])(\d)$/, 'e$10$2'); if (conv === 'E') s = s.toUpperCase(); break;
      case 'g': case 'G': s = String(Number(num(v).toPrecision(prec === undefined ? 6 : Math.max(1, Number(prec))))); break;
      case 'x': s = Math.trunc(num(v)).toString(16); break;
      case 'X': s = Math.trunc(num(v)).toString(16).toUpperCase(); break;
      case 'o': s = Math.trunc(num(v)).toString(8); break;
      default: s = typeof v === 'number' ? String.fromCharCode(v) : str(v).slice(0, 1);
    }
    if (s.length >= w) return s;
    if (flags.includes('-')) return s.padEnd(w);
    if (flags.includes('0') && conv !== 's' && conv !== 'c') return (s.startsWith('-') ? '-' + s.slice(1).padStart(w - 1, '0') : s.padStart(w, '0'));
    return s.padStart(w);
  });
}
