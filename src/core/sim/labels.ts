import type { LabelSelector } from '../model/k8s.ts';

/** Whether `labels` satisfy a metav1.LabelSelector (matchLabels AND matchExpressions). An empty selector matches everything. */
export function selectorMatches(selector: LabelSelector | undefined, labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  for (const [k, v] of Object.entries(selector?.matchLabels ?? {})) if (l[k] !== v) return false;
  for (const e of selector?.matchExpressions ?? []) {
    const has = Object.hasOwn(l, e.key);
    switch (e.operator) {
      case 'In': if (!has || !(e.values ?? []).includes(l[e.key])) return false; break;
      case 'NotIn': if (has && (e.values ?? []).includes(l[e.key])) return false; break;
      case 'Exists': if (!has) return false; break;
      case 'DoesNotExist': if (has) return false; break;
    }
  }
  return true;
}

/**
 * `selectorMatches` with the selector read once: for testing many pods against one selector that
 * may be an immer draft (every read of a draft goes through a proxy trap).
 */
export function selectorMatcher(selector: LabelSelector | undefined): (labels: Record<string, string> | undefined) => boolean {
  const plain: LabelSelector = {
    matchLabels: { ...(selector?.matchLabels ?? {}) },
    matchExpressions: (selector?.matchExpressions ?? []).map((e) => ({ key: e.key, operator: e.operator, values: e.values ? [...e.values] : undefined })),
  };
  return (labels) => selectorMatches(plain, labels);
}
