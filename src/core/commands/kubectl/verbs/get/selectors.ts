import type { KubeObject } from '../../../../model/k8s.ts';

import type { KindDef } from '../../../../kinds/types.ts';

/**
 * Field selectors (`--field-selector spec.nodeName=worker-7,status.phase!=Running`) as the API
 * server applies them (fields.ParseSelector; the keys each kind supports are its registry entry's
 * `fieldSelectors`). Label selectors are k8s/labels.ts.
 */
export interface FieldRequirement { field: string; op: 'eq' | 'neq'; value: string }

/** Parses `a=b,c!=d`; errors are kubectl's text without `error: `. */
export function parseFieldSelector(text: string): { ok: true; reqs: FieldRequirement[] } | { ok: false; error: string } {
  const reqs: FieldRequirement[] = [];
  if (text.trim() === '') return { ok: true, reqs };
  for (const part of text.split(',')) {
    const m = part.match(/^([^=!]+)(==|=|!=)(.*)$/);
    if (!m) return { ok: false, error: `invalid selector: '${text}'; can't understand '${part}'` };
    reqs.push({ field: m[1].trim(), op: m[2] === '!=' ? 'neq' : 'eq', value: m[3].trim() });
  }
  return { ok: true, reqs };
}

/** The first field the Kind does not support, if any (the API answers BadRequest). */
export function unsupportedField(type: KindDef, reqs: readonly FieldRequirement[]): string | undefined {
  const ok = ['metadata.name', 'metadata.namespace', ...(type.fieldSelectors ?? [])];
  return reqs.find((r) => !ok.includes(r.field))?.field;
}

function fieldValue(obj: KubeObject, field: string): string {
  if (field === 'source') return String((obj as unknown as { source?: { component?: string } }).source?.component ?? '');
  if (field === 'spec.unschedulable') return String(Boolean((obj as unknown as { spec?: { unschedulable?: boolean } }).spec?.unschedulable));
  if (field === 'metadata.namespace') return obj.metadata.namespace ?? '';
  let cur: unknown = obj;
  for (const p of field.split('.')) cur = cur !== null && typeof cur === 'object' && Object.hasOwn(cur, p) ? (cur as Record<string, unknown>)[p] : undefined;
  return cur === undefined || cur === null ? '' : String(cur);
}

/** Whether `obj` satisfies every field requirement. */
export function matchesFields(reqs: readonly FieldRequirement[], obj: KubeObject): boolean {
  return reqs.every((r) => (fieldValue(obj, r.field) === r.value) === (r.op === 'eq'));
}
