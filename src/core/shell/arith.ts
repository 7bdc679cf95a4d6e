/**
 * bash's arithmetic (`$((…))`, `((…))`, `let`, `for ((…))`): 64-bit integers with C's operators
 * and precedence, variables by name (an unset or empty one is 0; a value that is itself an
 * expression is evaluated), assignments and `++`/`--`, `base#digits`, `0x…` and octal `0…`.
 * Errors carry bash's wording (`division by 0 (error token is "0")`).
 */

/** Where arithmetic reads and writes shell variables. */
export interface ArithVars {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}

export class ArithError extends Error {}

const MAX_RECURSION = 1024;
const BIN: [string[], number][] = [
  [['||'], 1], [['&&'], 2], [['|'], 3], [['^'], 4], [['&'], 5], [['==', '!='], 6], [['<=', '>=', '<', '>'], 7],
  [['<<', '>>'], 8], [['+', '-'], 9], [['*', '/', '%'], 10],
];
/** Every operator, longest first, so `<=` is never read as `<`. */
const ALL_OPS = ['<<=', '>>=', '**=', '**', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '*=', '/=', '%=', '+=', '-=', '&=', '^=', '|=', '++', '--',
  '<', '>', '+', '-', '*', '/', '%', '&', '|', '^', '=', '?', ':', ',', '!', '~', '(', ')'];

const wrap = (n: bigint): bigint => BigInt.asIntN(64, n);

/** Evaluates `expr`; throws ArithError with bash's message (without the `bash: ` prefix). */
export function evalArith(expr: string, vars: ArithVars, level = 0): bigint {
  if (level > 32) throw new ArithError(`${expr}: expression recursion level exceeded (error token is "${expr}")`);
  const p = new ArithParser(expr, vars, level);
  if (expr.trim() === '') return 0n;
  const v = p.comma();
  p.skip();
  if (p.i < expr.length) p.fail('syntax error in expression', expr.slice(p.i));
  return v;
}

class ArithParser {
  i = 0;
  private depth = 0;
  constructor(private readonly s: string, private readonly vars: ArithVars, private readonly level: number) {}

  fail(what: string, token: string): never {
    throw new ArithError(`${this.s.trim()}: ${what} (error token is "${token.trim() || this.s.slice(this.i).trim()}")`);
  }

  skip(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i])) this.i++;
  }

  /** The operator at the cursor (longest match) when it is one of `ops`. */
  private peekOp(ops: string[]): string | undefined {
    this.skip();
    const op = ALL_OPS.find((o) => this.s.startsWith(o, this.i));
    return op && ops.includes(op) ? op : undefined;
  }

  comma(): bigint {
    let v = this.assign();
    while (this.peekOp([','])) { this.i++; v = this.assign(); }
    return v;
  }

  private assign(): bigint {
    if (++this.depth > MAX_RECURSION) this.fail('expression recursion level exceeded', this.s.slice(this.i));
    try {
      this.skip();
      const m = /^([A-Za-z_][A-Za-z0-9_]*)\s*(<<=|>>=|\*\*=|\*=|\/=|%=|\+=|-=|&=|\^=|\|=|=(?!=))/.exec(this.s.slice(this.i));
      if (m) {
        this.i += m[0].length;
        const rhs = this.assign();
        const op = m[2].slice(0, -1);
        const v = op === '' ? rhs : this.binary(op, this.varValue(m[1]), rhs);
        this.vars.set(m[1], String(v));
        return v;
      }
      return this.ternary();
    } finally {
      this.depth--;
    }
  }

  private ternary(): bigint {
    const c = this.bin(0);
    if (this.peekOp(['?'])) {
      this.i++;
      const a = this.comma();
      if (!this.peekOp([':'])) this.fail("`:' expected for conditional expression", this.s.slice(this.i));
      this.i++;
      const b = this.assign();
      return c !== 0n ? a : b;
    }
    return c;
  }

  private bin(level: number): bigint {
    if (level >= BIN.length) return this.power();
    let v = this.bin(level + 1);
    for (;;) {
      const op = this.peekOp(BIN[level][0]);
      if (!op) return v;
      this.i += op.length;
      const r = this.bin(level + 1);
      v = this.binary(op, v, r);
    }
  }

  private binary(op: string, a: bigint, b: bigint): bigint {
    switch (op) {
      case '||': return a !== 0n || b !== 0n ? 1n : 0n;
      case '&&': return a !== 0n && b !== 0n ? 1n : 0n;
      case '|': return wrap(a | b);
      case '^': return wrap(a ^ b);
      case '&': return wrap(a & b);
      case '==': return a === b ? 1n : 0n;
      case '!=': return a !== b ? 1n : 0n;
      case '<': return a < b ? 1n : 0n;
      case '>': return a > b ? 1n : 0n;
      case '<=': return a <= b ? 1n : 0n;
      case '>=': return a >= b ? 1n : 0n;
      case '<<': return wrap(a << (b & 63n));
      case '>>': return wrap(a >> (b & 63n));
      case '+': return wrap(a + b);
      case '-': return wrap(a - b);
      case '*': return wrap(a * b);
      case '/':
      case '%':
        if (b === 0n) this.fail('division by 0', String(b));
        return wrap(op === '/' ? a / b : a % b);
      case '**':
        if (b < 0n) this.fail('exponent less than 0', String(b));
        return wrap(a ** (b > 64n ? 64n + (b % 2n) : b));
    }
    this.fail('syntax error in expression', op);
  }

  private power(): bigint {
    const base = this.unary();
    if (this.peekOp(['**'])) {
      this.i += 2;
      return this.binary('**', base, this.power());
    }
    return base;
  }

  private unary(): bigint {
    this.skip();
    const c = this.s[this.i];
    const two = this.s.slice(this.i, this.i + 2);
    if (two === '++' || two === '--') {
      this.i += 2;
      this.skip();
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.s.slice(this.i));
      if (!m) this.fail('syntax error: operand expected', this.s.slice(this.i));
      this.i += m[0].length;
      const v = wrap(this.varValue(m[0]) + (two === '++' ? 1n : -1n));
      this.vars.set(m[0], String(v));
      return v;
    }
    if (c === '!') { this.i++; return this.unary() === 0n ? 1n : 0n; }
    if (c === '~') { this.i++; return wrap(~this.unary()); }
    if (c === '-') { this.i++; return wrap(-this.unary()); }
    if (c === '+') { this.i++; return this.unary(); }
    return this.primary();
  }

  private primary(): bigint {
    this.skip();
    if (this.i >= this.s.length) this.fail('syntax error: operand expected', this.s.slice(Math.max(0, this.i - 1)));
    const c = this.s[this.i];
    if (c === '(') {
      this.i++;
      const v = this.comma();
      this.skip();
      if (this.s[this.i] !== ')') this.fail('missing `)\'', this.s.slice(this.i));
      this.i++;
      return v;
    }
    const num = /^(\d+#[0-9A-Za-z@_]+|0[xX][0-9A-Fa-f]+|\d+)/.exec(this.s.slice(this.i));
    if (num) {
      this.i += num[0].length;
      if (/^[A-Za-z_]/.test(this.s[this.i] ?? '')) this.fail('value too great for base', num[0] + (/^[A-Za-z0-9_]*/.exec(this.s.slice(this.i))?.[0] ?? ''));
      return parseNumber(num[0], (t) => this.fail('value too great for base', t));
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.s.slice(this.i));
    if (name) {
      this.i += name[0].length;
      this.skip();
      const post = this.s.slice(this.i, this.i + 2);
      const v = this.varValue(name[0]);
      if (post === '++' || post === '--') {
        this.i += 2;
        this.vars.set(name[0], String(wrap(v + (post === '++' ? 1n : -1n))));
      }
      return v;
    }
    this.fail('syntax error: operand expected', this.s.slice(this.i));
  }

  private varValue(name: string): bigint {
    const raw = (this.vars.get(name) ?? '').trim();
    if (raw === '') return 0n;
    if (/^-?\d+$/.test(raw)) return wrap(BigInt(raw));
    return evalArith(raw, this.vars, this.level + 1);
  }
}

function parseNumber(t: string, tooGreat: (t: string) => never): bigint {
  if (/^0[xX]/.test(t)) return wrap(BigInt(t));
  const based = /^(\d+)#(.+)$/.exec(t);
  if (based) {
    const base = Number(based[1]);
    if (base < 2 || base > 64) return tooGreat(t);
    let v = 0n;
    for (const ch of based[2]) {
      const d = digitOf(ch, base);
      if (d < 0 || d >= base) return tooGreat(t);
      v = wrap(v * BigInt(base) + BigInt(d));
    }
    return v;
  }
  if (t.length > 1 && t.startsWith('0')) {
    if (/[89]/.test(t)) return tooGreat(t);
    return wrap(BigInt('0o' + t.slice(1)));
  }
  return wrap(BigInt(t));
}

function digitOf(ch: string, base: number): number {
  if (/[0-9]/.test(ch)) return ch.charCodeAt(0) - 48;
  if (/[a-z]/.test(ch)) return ch.charCodeAt(0) - 97 + 10;
  if (/[A-Z]/.test(ch)) return ch.charCodeAt(0) - 65 + (base <= 36 ? 10 : 36);
  if (ch === '@') return 62;
  if (ch === '_') return 63;
  return -1;
}
