import type { LabelSelector } from '../model/k8s.ts';

/**
 * labels.Parse of k8s.io/apimachinery (what `kubectl … -l` reads), as a lexer and a recursive
 * descent parser with the same tokens, the same order of checks and the same error texts, so a
 * mistyped selector gets the words real kubectl prints (`found '(', expected: !, identifier, or
 * 'end of string'`). Requirements come out sorted by key, as labels.Parse sorts them.
 */

type Requirement = NonNullable<LabelSelector['matchExpressions']>[number];

type Token = 'end' | 'error' | 'id' | 'in' | 'notin' | '(' | ')' | ',' | '!' | '=' | '==' | '!=' | '>' | '<';
interface Item { tok: Token; lit: string }

const SYMBOLS: Record<string, Token> = { ')': ')', ',': ',', '!': '!', '==': '==', '=': '=', '>': '>', '<': '<', '!=': '!=', '(': '(' };
const isSpecial = (c: string) => '=!(),><'.includes(c);
const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n';

/** The lexer: whitespace skipped, runs of symbols read as the longest known symbol, the rest identifiers. */
function lex(s: string): Item[] {
  const items: Item[] = [];
  let i = 0;
  for (;;) {
    while (i < s.length && isSpace(s[i])) i++;
    if (i >= s.length) {
      items.push({ tok: 'end', lit: '' });
      return items;
    }
    if (isSpecial(s[i])) {
      let buffer = '';
      let last: Item | undefined;
      while (i < s.length && isSpecial(s[i])) {
        buffer += s[i];
        const tok = Object.hasOwn(SYMBOLS, buffer) ? SYMBOLS[buffer] : undefined;
        if (tok) last = { tok, lit: buffer };
        else if (last) break;
        i++;
      }
      items.push(last ?? { tok: 'error', lit: `error expected: keyword found '${buffer}'` });
      continue;
    }
    let word = '';
    while (i < s.length && !isSpace(s[i]) && !isSpecial(s[i])) word += s[i++];
    items.push({ tok: word === 'in' ? 'in' : word === 'notin' ? 'notin' : 'id', lit: word });
  }
}

const KEY_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const NAME_PART = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

/** validation.IsQualifiedName's messages for a label key, joined as field.Invalid joins them. */
function keyProblems(key: string): string[] {
  const parts = key.split('/');
  if (parts.length > 2) return [`a qualified name ${NAME_PART.replace('name part must consist', 'must consist')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`];
  const name = parts[parts.length - 1];
  const out: string[] = [];
  if (parts.length === 2) {
    if (parts[0] === '') out.push('prefix part must be non-empty');
    else if (!DNS_SUBDOMAIN.test(parts[0])) out.push("prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
  }
  if (name === '') out.push('name part must be non-empty');
  else if (name.length > 63) out.push('name part must be no more than 63 characters');
  if (!KEY_NAME.test(name)) out.push(NAME_PART);
  return out;
}

class SelectorError extends Error {}

/** Parses `text` into requirements (Gt/Lt included), or the error kubectl prints after `error: `. */
export function parseSelectorText(text: string): { ok: true; requirements: Requirement[] } | { ok: false; error: string } {
  const items = lex(text);
  let pos = 0;
  // In a value position `in` / `notin` are plain words.
  const asValue = (it: Item): Item => (it.tok === 'in' || it.tok === 'notin' ? { tok: 'id', lit: it.lit } : it);
  const peek = () => asValue(items[pos]);
  const take = (operatorContext = false) => (operatorContext ? items[pos++] : asValue(items[pos++]));
  const fail = (message: string): never => { throw new SelectorError(message); };

  const requirement = (): Requirement => {
    let t = take();
    let negated = false;
    if (t.tok === '!') { negated = true; t = take(); }
    if (t.tok !== 'id') fail(`found '${t.lit}', expected: identifier`);
    const key = t.lit;
    const problems = keyProblems(key);
    if (problems.length) fail(`<nil>: Invalid value: "${key}": ${problems.join('; ')}`);
    // `!key` is complete by itself: whatever follows is the caller's to refuse.
    if (negated) return { key, operator: 'DoesNotExist' };
    const next = peek().tok;
    if (next === 'end' || next === ',') return { key, operator: 'Exists' };
    const op = take(true);
    let values: string[];
    let operator: Requirement['operator'];
    if (op.tok === 'in' || op.tok === 'notin') {
      operator = op.tok === 'in' ? 'In' : 'NotIn';
      values = valueSet();
    } else if (op.tok === '=' || op.tok === '==' || op.tok === '!=' || op.tok === '>' || op.tok === '<') {
      operator = op.tok === '!=' ? 'NotIn' : op.tok === '>' ? 'Gt' : op.tok === '<' ? 'Lt' : 'In';
      values = [exactValue()];
    } else {
      return fail(`found '${op.lit}', expected: in, notin, =, ==, !=, gt, lt`);
    }
    if (operator === 'Gt' || operator === 'Lt') {
      if (!/^[-+]?\d+$/.test(values[0])) fail(`values[0]: Invalid value: "${values[0]}": for 'Gt', 'Lt' operators, the value must be an integer`);
    } else {
      values.forEach((v, i) => {
        const problems = [
          ...(v.length > 63 ? ['must be no more than 63 characters'] : []),
          ...(VALUE.test(v) ? [] : ["a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"]),
        ];
        if (problems.length) fail(`values[${i}][${key}]: Invalid value: "${v}": ${problems.join('; ')}`);
      });
    }
    return { key, operator, values };
  };

  const exactValue = (): string => {
    const next = peek().tok;
    if (next === 'end' || next === ',') return '';
    const t = take();
    if (t.tok === 'id') return t.lit;
    return fail(`found '${t.lit}', expected: identifier`);
  };

  // `(a,b)`, `()` (one empty value), `(a,,b)`; a set, so sorted and without repeats.
  const valueSet = (): string[] => {
    const open = take();
    if (open.tok !== '(') fail(`found '${open.lit}' expected: '('`);
    const first = peek();
    const set = new Set<string>();
    if (first.tok === ')') {
      take();
      return [''];
    }
    if (first.tok !== 'id' && first.tok !== ',') fail(`found '${first.lit}', expected: ',', ')' or identifier`);
    for (;;) {
      const t = take();
      if (t.tok === 'id') {
        set.add(t.lit);
        const n = peek();
        if (n.tok === ',') continue;
        if (n.tok === ')') break;
        fail(`found '${n.lit}', expected: ',' or ')'`);
      } else if (t.tok === ',') {
        if (set.size === 0) set.add('');
        const n = peek().tok;
        if (n === ')') { set.add(''); break; }
        if (n === ',') set.add('');
      } else {
        fail(`found '${t.lit}', expected: ',', or identifier`);
      }
    }
    if (take().tok !== ')') fail(`found '${first.lit}', expected: ')'`);
    return [...set].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  };

  const requirements: Requirement[] = [];
  try {
    for (;;) {
      const t = peek();
      if (t.tok === 'end') break;
      if (t.tok !== 'id' && t.tok !== '!') return { ok: false, error: `found '${t.lit}', expected: !, identifier, or 'end of string'` };
      try {
        requirements.push(requirement());
      } catch (e) {
        if (e instanceof SelectorError) return { ok: false, error: `unable to parse requirement: ${e.message}` };
        throw e;
      }
      const after = take();
      if (after.tok === 'end') break;
      if (after.tok !== ',') return { ok: false, error: `found '${after.lit}', expected: ',' or 'end of string'` };
      const n = peek();
      if (n.tok !== 'id' && n.tok !== '!') return { ok: false, error: `found '${n.lit}', expected: identifier after ','` };
    }
  } catch (e) {
    if (e instanceof SelectorError) return { ok: false, error: e.message };
    throw e;
  }
  // sort.Sort(ByKey): by key; ties keep the order typed here.
  return { ok: true, requirements: requirements.map((r, i) => ({ r, i })).sort((a, b) => (a.r.key < b.r.key ? -1 : a.r.key > b.r.key ? 1 : a.i - b.i)).map((x) => x.r) };
}
