import type { LabelSelector } from '../model/k8s.ts';

/**
 * Label selectors, once for the whole code base, with the API's semantics (k8s.io/apimachinery):
 * - `parseLabelSelector` reads what `-l` takes (labels.Parse) into a LabelSelector;
 * - `selectorMatches` is metav1.LabelSelectorAsSelector + Matches: a missing (nil) selector
 *   matches nothing, an empty one (`{}`) everything — a policy/v1 PDB, a ReplicaSet, `-l ''`;
 * - `selectorString` / `formatLabelSelector` print it as labels.Selector.String() and
 *   metav1.FormatLabelSelector do (describe's `Selector:`, get's wide SELECTOR column).
 */

type Requirement = NonNullable<LabelSelector['matchExpressions']>[number];

const byteCompare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Splits on commas that are not inside parentheses. */
function splitTop(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const c of s) {
    if (c === '(') depth++;
    if (c === ')') depth--;
    if (c === ',' && depth === 0) { out.push(cur); cur = ''; } else cur += c;
  }
  out.push(cur);
  return out;
}

const KEY = /^([a-zA-Z0-9]([-a-zA-Z0-9.]*[a-zA-Z0-9])?\/)?[a-zA-Z0-9]([-a-zA-Z0-9_.]*[a-zA-Z0-9])?$/;
const VALUE = /^([a-zA-Z0-9]([-a-zA-Z0-9_.]*[a-zA-Z0-9])?)?$/;

/**
 * Parses a `-l` selector (`app=web`, `app==web`, `app!=web`, `tier in (a,b)`, `tier notin (a)`,
 * `key`, `!key`, comma-separated) as labels.Parse does. Every requirement becomes a match
 * expression (`=` is In of one value, `!=` NotIn, which an absent key satisfies), so duplicate
 * keys keep both. An empty text selects everything. Errors are kubectl's text without `error: `.
 */
export function parseLabelSelector(text: string): { ok: true; selector: LabelSelector } | { ok: false; error: string } {
  const reqs: Requirement[] = [];
  if (text.trim() === '') return { ok: true, selector: {} };
  for (const raw of splitTop(text)) {
    const part = raw.trim();
    let m: RegExpMatchArray | null;
    let req: Requirement | undefined;
    if ((m = part.match(/^!\s*(\S+)$/))) req = { key: m[1], operator: 'DoesNotExist' };
    else if ((m = part.match(/^(\S+?)\s+(in|notin)\s*\(([^()]*)\)$/))) req = { key: m[1], operator: m[2] === 'in' ? 'In' : 'NotIn', values: m[3].split(',').map((v) => v.trim()) };
    else if ((m = part.match(/^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$/))) req = { key: m[1], operator: m[2] === '!=' ? 'NotIn' : 'In', values: [m[3]] };
    else if ((m = part.match(/^([^=!\s()]+)$/))) req = { key: m[1], operator: 'Exists' };
    if (!req) return { ok: false, error: `unable to parse requirement: found '${part}', expected: in, notin, =, ==, !=, gt, lt` };
    if (!KEY.test(req.key)) return { ok: false, error: `unable to parse requirement: values[0][${req.key}]: Invalid value: "${req.key}": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')` };
    const bad = (req.values ?? []).find((v) => !VALUE.test(v));
    if (bad !== undefined) return { ok: false, error: `unable to parse requirement: values[0][${req.key}]: Invalid value: "${bad}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')` };
    reqs.push(req);
  }
  return { ok: true, selector: { matchExpressions: reqs } };
}

/**
 * Whether `labels` satisfy the selector (matchLabels AND matchExpressions). A missing selector
 * matches nothing and `{}` everything, as metav1.LabelSelectorAsSelector makes them; callers
 * whose API field means otherwise (a Service's empty selector selects no endpoints) say so.
 */
export function selectorMatches(selector: LabelSelector | undefined | null, labels: Record<string, string> | undefined): boolean {
  if (!selector) return false;
  const l = labels ?? {};
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (!Object.hasOwn(l, k) || l[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = Object.hasOwn(l, e.key);
    const inValues = has && (e.values ?? []).includes(l[e.key]);
    if (e.operator === 'In' && !inValues) return false;
    if (e.operator === 'NotIn' && inValues) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

/**
 * `selectorMatches` with the selector read once: for testing many pods against one selector that
 * may be an immer draft (every read of a draft goes through a proxy trap).
 */
export function selectorMatcher(selector: LabelSelector | undefined | null): (labels: Record<string, string> | undefined) => boolean {
  if (!selector) return () => false;
  const plain: LabelSelector = {
    matchLabels: { ...(selector.matchLabels ?? {}) },
    matchExpressions: (selector.matchExpressions ?? []).map((e) => ({ key: e.key, operator: e.operator, values: e.values ? [...e.values] : undefined })),
  };
  return (labels) => selectorMatches(plain, labels);
}

/** labels.Selector.String(): requirements sorted by key, values sorted; '' when it selects everything (or nothing). */
export function selectorString(sel: LabelSelector | undefined | null): string {
  if (!sel) return '';
  const reqs: { key: string; text: string }[] = [];
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) reqs.push({ key: k, text: `${k}=${v}` });
  for (const e of sel.matchExpressions ?? []) {
    const vals = [...(e.values ?? [])].sort(byteCompare).join(',');
    const text = e.operator === 'In' ? `${e.key} in (${vals})` : e.operator === 'NotIn' ? `${e.key} notin (${vals})` : e.operator === 'Exists' ? e.key : `!${e.key}`;
    reqs.push({ key: e.key, text });
  }
  return reqs.sort((a, b) => byteCompare(a.key, b.key)).map((r) => r.text).join(',');
}

/** metav1.FormatLabelSelector: `app=x,tier in (a,b),!legacy`; `<none>` for an empty or missing selector. */
export function formatLabelSelector(sel: LabelSelector | undefined | null): string {
  const text = selectorString(sel);
  return text === '' ? '<none>' : text;
}

/** A plain label map (a Service's `spec.selector`) as `key=value,…` sorted by key; '' when empty. */
export function formatLabelMap(map: Record<string, string> | undefined): string {
  return Object.keys(map ?? {}).sort(byteCompare).map((k) => `${k}=${map![k]}`).join(',');
}
