import type { LabelSelector } from '../model/k8s.ts';
import { parseSelectorText } from './labelParse.ts';

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

/**
 * Parses a `-l` selector (`app=web`, `app==web`, `app!=web`, `tier in (a,b)`, `tier notin (a)`,
 * `key`, `!key`, `n>3`, comma-separated) as labels.Parse does (k8s/labelParse.ts). Every
 * requirement becomes a match expression (`=` is In of one value, `!=` NotIn, which an absent key
 * satisfies), so duplicate keys keep both. An empty text selects everything. Errors are kubectl's
 * text without `error: `.
 */
export function parseLabelSelector(text: string): { ok: true; selector: LabelSelector } | { ok: false; error: string } {
  if (text.trim() === '') return { ok: true, selector: {} };
  const parsed = parseSelectorText(text);
  return parsed.ok ? { ok: true, selector: { matchExpressions: parsed.requirements } } : parsed;
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
    // Gt/Lt (only from `-l`): the label must hold an integer beyond the value.
    if (e.operator === 'Gt' || e.operator === 'Lt') {
      if (!has || !/^[-+]?\d+$/.test(l[e.key])) return false;
      const n = Number(l[e.key]);
      const bound = Number(e.values?.[0]);
      if (e.operator === 'Gt' ? !(n > bound) : !(n < bound)) return false;
    }
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
  if (plain.matchExpressions!.length) return (labels) => selectorMatches(plain, labels);
  // matchLabels alone (every workload's selector): the pairs are read once, not at every pod of every pass.
  const pairs = Object.entries(plain.matchLabels!);
  return (labels) => {
    if (!labels) return pairs.length === 0;
    for (let i = 0; i < pairs.length; i++) if (!Object.hasOwn(labels, pairs[i][0]) || labels[pairs[i][0]] !== pairs[i][1]) return false;
    return true;
  };
}

/** labels.Selector.String(): requirements sorted by key, values sorted; '' when it selects everything (or nothing). */
export function selectorString(sel: LabelSelector | undefined | null): string {
  if (!sel) return '';
  const reqs: { key: string; text: string }[] = [];
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) reqs.push({ key: k, text: `${k}=${v}` });
  for (const e of sel.matchExpressions ?? []) {
    const vals = [...(e.values ?? [])].sort(byteCompare).join(',');
    const text = e.operator === 'In' ? `${e.key} in (${vals})` : e.operator === 'NotIn' ? `${e.key} notin (${vals})` : e.operator === 'Exists' ? e.key : e.operator === 'Gt' ? `${e.key}>${vals}` : e.operator === 'Lt' ? `${e.key}<${vals}` : `!${e.key}`;
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
