import type { Param, Script, Word, WordPart } from './ast.ts';

/** What word expansion needs from the interpreter. */
export interface Expander {
  /** The value of `$name` (`?`, `HOME`, a variable set earlier), undefined when unset. */
  param(name: string): string | undefined;
  /** Sets a variable (`${x:=default}`). */
  setVar(name: string, value: string): void;
  /** An indexed array's elements, or undefined when `name` is not an array. */
  array(name: string): string[] | undefined;
  /** The positional parameters `$1…` (`$@`). */
  positional(): string[];
  /** Runs a `$(…)` body and returns its stdout with trailing newlines removed, as bash does. */
  substitute(script: Script): string;
  /** Evaluates `$((expr))`; throws ExpansionError with bash's message. */
  arith(expr: string): string;
  /** Home directory for a leading `~`. */
  home: string;
  /** Pathnames matching a glob pattern (quoted characters escaped with `\`), sorted; [] when none. */
  glob(pattern: string): string[];
}

/** An expansion that aborts the command (`${x:?unset}`, a bad `$((…))`): bash prints `bash: MESSAGE` and the command does not run. */
export class ExpansionError extends Error {}

/** Largest brace expansion built; bash would try and exhaust memory. */
const MAX_BRACE_WORDS = 100_000;

interface Field { text: string; pat: string; glob: boolean }

/**
 * Expands one word into argv fields the way bash does: brace expansion, tilde, parameters,
 * command and arithmetic substitutions, field splitting of unquoted expansion results on blanks
 * and newlines, pathname expansion (a pattern matching nothing stays as typed), quote removal.
 * `""` yields one empty field; an unquoted expansion that is empty yields none.
 */
export function expandWord(word: Word, x: Expander): string[] {
  const out: string[] = [];
  for (const w of braceExpand(word)) out.push(...expandOne(w, x));
  return out;
}

function expandOne(word: Word, x: Expander): string[] {
  const fields: Field[] = [];
  let cur: Field = { text: '', pat: '', glob: false };
  let has = false;
  const breakField = () => {
    if (has) fields.push(cur);
    cur = { text: '', pat: '', glob: false };
    has = false;
  };
  const quoted = (s: string) => { cur.text += s; cur.pat += escapeGlob(s); has = true; };
  const active = (s: string) => { cur.text += s; cur.pat += s; if (/[*?[]/.test(s)) cur.glob = true; has = true; };
  const split = (s: string) => {
    const pieces = s.split(/[ \t\n]+/);
    pieces.forEach((piece, k) => {
      if (k > 0) breakField();
      if (piece !== '') active(piece);
    });
  };
  word.parts.forEach((p, idx) => {
    switch (p.type) {
      case 'Literal': {
        let text = p.value;
        if (idx === 0) text = tilde(text, x);
        active(text);
        return;
      }
      case 'SingleQuoted':
      case 'Escaped':
        quoted(p.value);
        return;
      case 'DoubleQuoted': {
        has = true;
        for (const q of p.parts) {
          if (q.type === 'Param' && (q.name === '@' || q.index === '@') && !q.op) {
            // "$@": one field per element, the first glued to what came before, the last to what follows.
            const items = q.name === '@' ? x.positional() : (x.array(q.name) ?? []);
            items.forEach((item, k) => {
              if (k > 0) { fields.push(cur); cur = { text: '', pat: '', glob: false }; }
              quoted(item);
            });
            if (items.length === 0 && p.parts.length === 1) has = false;
            continue;
          }
          quoted(partValue(q, x, true));
        }
        return;
      }
      case 'Param':
        if ((p.name === '@' || p.name === '*' || p.index === '@' || p.index === '*') && !p.op) {
          const items = p.name === '@' || p.name === '*' ? x.positional() : (x.array(p.name) ?? []);
          split(items.join(' '));
          return;
        }
        split(partValue(p, x, false));
        return;
      case 'CommandSub':
      case 'Arith':
        split(partValue(p, x, false));
        return;
    }
  });
  breakField();
  const argv: string[] = [];
  for (const f of fields) {
    if (f.glob) {
      const matches = x.glob(f.pat);
      if (matches.length) { argv.push(...matches); continue; }
    }
    argv.push(f.text);
  }
  return argv;
}

/** Expands a word into one string without field splitting or globbing (assignment values, redirection targets, here-documents). */
export function expandWordString(word: Word, x: Expander): string {
  return word.parts.map((p, idx) => (idx === 0 && p.type === 'Literal' ? tilde(p.value, x) : partValue(p, x, true))).join('');
}

/** Expands a word as a pattern (`case`, `[[ == ]]`, `${x#pat}`): quoted characters match themselves. */
export function expandPattern(word: Word, x: Expander): string {
  return word.parts.map((p) => (p.type === 'Literal' ? p.value : p.type === 'Param' || p.type === 'CommandSub' || p.type === 'Arith' ? partValue(p, x, false) : escapeGlob(partValue(p, x, true)))).join('');
}

function tilde(text: string, x: Expander): string {
  if (text === '~' || text.startsWith('~/')) return x.home + text.slice(1);
  const m = /^~([a-z_][a-z0-9_-]*)(\/|$)/.exec(text);
  if (m) return (m[1] === 'root' ? '/root' : `/home/${m[1]}`) + text.slice(1 + m[1].length);
  return text;
}

function partValue(p: WordPart, x: Expander, inQuotes: boolean): string {
  switch (p.type) {
    case 'Literal':
    case 'SingleQuoted':
    case 'Escaped':
      return p.value;
    case 'DoubleQuoted':
      return p.parts.map((q) => partValue(q, x, true)).join('');
    case 'Param':
      return paramValue(p, x, inQuotes);
    case 'CommandSub':
      return x.substitute(p.script).replace(/\n+$/, '');
    case 'Arith':
      return x.arith(p.expr);
  }
}

function rawValue(p: Param, x: Expander): string | undefined {
  if (p.name === '@' || p.name === '*') {
    const pos = x.positional();
    return pos.length ? pos.join(' ') : undefined;
  }
  if (p.index !== undefined) {
    const arr = x.array(p.name);
    if (p.index === '@' || p.index === '*') return arr ? arr.join(' ') : x.param(p.name);
    const i = Number(x.arith(p.index));
    if (!arr) return i === 0 ? x.param(p.name) : undefined;
    return arr[i < 0 ? arr.length + i : i];
  }
  return x.param(p.name);
}

function paramValue(p: Param, x: Expander, inQuotes: boolean): string {
  const v = rawValue(p, x);
  const arg = () => (p.arg ? expandWordString(p.arg, x) : '');
  switch (p.op) {
    case undefined: return v ?? '';
    case 'len': {
      if (p.index === '@') return String(x.array(p.name)?.length ?? (v === undefined ? 0 : 1));
      return String([...(v ?? '')].length);
    }
    case ':-': return v === undefined || v === '' ? arg() : v;
    case '-': return v === undefined ? arg() : v;
    case ':=':
    case '=': {
      if (v === undefined || (p.op === ':=' && v === '')) {
        const d = arg();
        x.setVar(p.name, d);
        return d;
      }
      return v;
    }
    case ':+': return v === undefined || v === '' ? '' : arg();
    case '+': return v === undefined ? '' : arg();
    case ':?':
    case '?':
      if (v === undefined || (p.op === ':?' && v === '')) throw new ExpansionError(`${p.name}: ${arg() || (v === undefined ? 'parameter null or not set' : 'parameter null or not set')}`);
      return v;
    case '#':
    case '##':
    case '%':
    case '%%': {
      const s = v ?? '';
      const re = globRegex(p.arg ? expandPattern(p.arg, x) : '', false);
      return trim(s, re, p.op);
    }
    case '/':
    case '//': {
      const s = v ?? '';
      let pat = p.arg ? expandPattern(p.arg, x) : '';
      const rep = p.arg2 ? expandWordString(p.arg2, x) : '';
      let anchor = '';
      if (pat.startsWith('#') || pat.startsWith('%')) { anchor = pat[0]; pat = pat.slice(1); }
      if (pat === '') return s;
      const body = globRegex(pat, false).source.slice(1, -1);
      const re = new RegExp(anchor === '#' ? `^${body}` : anchor === '%' ? `${body}$` : body, p.op === '//' ? 'gs' : 's');
      return s.replace(re, () => rep);
    }
    case '^^': return (v ?? '').toUpperCase();
    case ',,': return (v ?? '').toLowerCase();
    case '^': return (v ?? '').replace(/^./, (c) => c.toUpperCase());
    case ',': return (v ?? '').replace(/^./, (c) => c.toLowerCase());
    case ':': {
      const s = [...(v ?? '')];
      const [offText, lenText] = splitTop(arg());
      let off = Number(x.arith(offText || '0'));
      if (off < 0) off = Math.max(0, s.length + off);
      if (lenText === undefined) return s.slice(off).join('');
      let len = Number(x.arith(lenText));
      if (len < 0) {
        len = s.length + len - off;
        if (len < 0) throw new ExpansionError(`${lenText.trim()}: substring expression < 0`);
      }
      return s.slice(off, off + len).join('');
    }
  }
  void inQuotes;
  return v ?? '';
}

function splitTop(s: string): [string, string | undefined] {
  const i = s.indexOf(':');
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}

/** `${s#re}` shortest/longest prefix, `${s%re}` shortest/longest suffix removal. */
function trim(s: string, re: RegExp, op: string): string {
  const n = s.length;
  if (op === '#' || op === '##') {
    const order = op === '#' ? range(0, n) : range(0, n).reverse();
    for (const k of order) if (re.test(s.slice(0, k))) return s.slice(k);
    return s;
  }
  const order = op === '%' ? range(0, n).reverse() : range(0, n);
  for (const k of order) if (re.test(s.slice(k))) return s.slice(0, k);
  return s;
}

function range(a: number, b: number): number[] {
  const r: number[] = [];
  for (let i = a; i <= b; i++) r.push(i);
  return r;
}

/** `\`-escapes the glob characters of a quoted string. */
export function escapeGlob(s: string): string {
  return s.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}

/** Removes the `\` escapes `escapeGlob` added (a pattern that matched nothing is kept as typed). */
export function unescapeGlob(s: string): string {
  return s.replace(/\\(.)/g, '$1');
}

/** Whether a pattern (with `\` escapes) has an unescaped glob character. */
export function hasGlob(pat: string): boolean {
  return /(^|[^\\])(\\\\)*[*?[]/.test(pat);
}

/**
 * A bash pattern as an anchored RegExp: `*`, `?`, `[…]` / `[!…]`, `\x`. With `path`, `*` and `?`
 * do not cross `/` (pathname expansion); otherwise they match anything (`case`, `[[ == ]]`, `${x#…}`).
 */
export function globRegex(pat: string, path: boolean): RegExp {
  let re = '';
  const any = path ? '[^/]' : '[\\s\\S]';
  for (let i = 0; i < pat.length; i++) {
    const c = pat[i];
    if (c === '\\' && i + 1 < pat.length) { re += escapeRe(pat[++i]); continue; }
    if (c === '*') { re += `${any}*`; continue; }
    if (c === '?') { re += any; continue; }
    if (c === '[') {
      const close = pat.indexOf(']', i + 2);
      if (close > 0) {
        let body = pat.slice(i + 1, close);
        const neg = body.startsWith('!') || body.startsWith('^');
        if (neg) body = body.slice(1);
        body = body.replace(/\[:(alpha|digit|alnum|upper|lower|space|xdigit|punct):\]/g, (_m, cls: string) => POSIX_CLASS[cls]).replace(/\\/g, '\\\\').replace(/\]/g, '\\]');
        re += `[${neg ? '^' : ''}${body}]`;
        i = close;
        continue;
      }
    }
    re += escapeRe(c);
  }
  return new RegExp(`^${re}$`, 's');
}

const POSIX_CLASS: Record<string, string> = { alpha: 'A-Za-z', digit: '0-9', alnum: 'A-Za-z0-9', upper: 'A-Z', lower: 'a-z', space: ' \\t\\n\\r\\f\\v', xdigit: '0-9A-Fa-f', punct: '!-/:-@\\[-`{-~' };

function escapeRe(c: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(c) ? `\\${c}` : c;
}

/** Whether `s` matches the bash pattern `pat` (with `\` escapes), as `case` and `[[ == ]]` test it. */
export function matchPattern(s: string, pat: string): boolean {
  return globRegex(pat, false).test(s);
}

// ---- brace expansion ------------------------------------------------------------------------

type Item = { ch: string } | { part: WordPart };

/** `{a,b}c` → `ac bc`, `{1..3}`, `{a..e}`, `{01..10..2}`, only in unquoted text, as bash does before any other expansion. */
export function braceExpand(word: Word): Word[] {
  if (!word.parts.some((p) => p.type === 'Literal' && p.value.includes('{') && p.value.includes('}'))) return [word];
  const items: Item[] = [];
  for (const p of word.parts) {
    if (p.type === 'Literal') for (const ch of p.value) items.push({ ch });
    else items.push({ part: p });
  }
  const results: Item[][] = [];
  expandItems(items, results);
  if (results.length === 1) return [word];
  return results.map((r) => ({ ...word, parts: toParts(r) }));
}

function expandItems(items: Item[], out: Item[][]): void {
  if (out.length > MAX_BRACE_WORDS) throw new ExpansionError('brace expansion: failed to allocate memory for ' + out.length + ' elements');
  for (let a = 0; a < items.length; a++) {
    if (!isCh(items[a], '{') || (a > 0 && isCh(items[a - 1], '$'))) continue;
    let depth = 0;
    const commas: number[] = [];
    let b = -1;
    for (let j = a + 1; j < items.length; j++) {
      if (isCh(items[j], '{')) depth++;
      else if (isCh(items[j], '}')) {
        if (depth === 0) { b = j; break; }
        depth--;
      } else if (isCh(items[j], ',') && depth === 0) commas.push(j);
    }
    if (b < 0) return void out.push(items);
    const prefix = items.slice(0, a);
    const suffix = items.slice(b + 1);
    let alts: Item[][] | undefined;
    if (commas.length) {
      alts = [];
      let from = a + 1;
      for (const c of [...commas, b]) { alts.push(items.slice(from, c)); from = c + 1; }
    } else {
      const inner = items.slice(a + 1, b);
      if (inner.every((i) => 'ch' in i)) {
        const seq = sequence(inner.map((i) => (i as { ch: string }).ch).join(''));
        if (seq) alts = seq.map((s) => [...s].map((ch) => ({ ch })));
      }
    }
    if (!alts) continue;
    for (const alt of alts) expandItems([...prefix, ...alt, ...suffix], out);
    return;
  }
  out.push(items);
}

function sequence(s: string): string[] | undefined {
  const num = /^(-?\d+)\.\.(-?\d+)(?:\.\.(-?\d+))?$/.exec(s);
  if (num) {
    const a = Number(num[1]);
    const b = Number(num[2]);
    let step = Math.abs(Number(num[3] ?? 1)) || 1;
    if (Math.abs(b - a) / step > MAX_BRACE_WORDS) throw new ExpansionError(`brace expansion: failed to allocate memory for ${Math.floor(Math.abs(b - a) / step) + 1} elements`);
    const width = /^-?0\d/.test(num[1]) || /^-?0\d/.test(num[2]) ? Math.max(num[1].length, num[2].length) : 0;
    if (a > b) step = -step;
    const out: string[] = [];
    for (let v = a; step > 0 ? v <= b : v >= b; v += step) out.push(width ? (v < 0 ? '-' + String(-v).padStart(width - 1, '0') : String(v).padStart(width, '0')) : String(v));
    return out;
  }
  const ch = /^([A-Za-z])\.\.([A-Za-z])(?:\.\.(-?\d+))?$/.exec(s);
  if (ch) {
    const a = ch[1].charCodeAt(0);
    const b = ch[2].charCodeAt(0);
    const step = (Math.abs(Number(ch[3] ?? 1)) || 1) * (a > b ? -1 : 1);
    const out: string[] = [];
    for (let v = a; step > 0 ? v <= b : v >= b; v += step) out.push(String.fromCharCode(v));
    return out;
  }
  return undefined;
}

function isCh(i: Item | undefined, c: string): boolean {
  return i !== undefined && 'ch' in i && i.ch === c;
}

function toParts(items: Item[]): WordPart[] {
  const parts: WordPart[] = [];
  let lit = '';
  for (const i of items) {
    if ('ch' in i) { lit += i.ch; continue; }
    if (lit) { parts.push({ type: 'Literal', value: lit }); lit = ''; }
    parts.push(i.part);
  }
  if (lit) parts.push({ type: 'Literal', value: lit });
  return parts;
}

/** True when the word is plain unquoted text (eligible for alias expansion and keywords). */
export function isPlainWord(word: Word): boolean {
  return word.parts.length === 1 && word.parts[0].type === 'Literal';
}
