import type { KubeObject } from '../../model/k8s.ts';
import { describeEvents } from './events.ts';
import type { Related } from './types.ts';
import { byteCompare, describeWith, printAnnotations, printLabels, type PrefixWriter } from './writer.ts';

/** Acronyms kubectl keeps upper case in a field's label (describe.go smartLabelFor). */
const ACRONYMS = ['API', 'URL', 'UID', 'OSB', 'GUID'];

/** fatih/camelcase Split on a letters-only name: `insecureSkipTLSVerify` → insecure, Skip, TLS, Verify. */
function camelSplit(field: string): string[] {
  const parts: string[] = [];
  let cur = '';
  for (let i = 0; i < field.length; i++) {
    const c = field[i];
    const upper = c >= 'A' && c <= 'Z';
    const prevUpper = i > 0 && field[i - 1] >= 'A' && field[i - 1] <= 'Z';
    const nextLower = i + 1 < field.length && field[i + 1] >= 'a' && field[i + 1] <= 'z';
    // A new word at a lower→upper step, or at the last capital of a run followed by a lower-case letter.
    if (cur && upper && (!prevUpper || nextLower)) { parts.push(cur); cur = ''; }
    cur += c;
  }
  if (cur) parts.push(cur);
  return parts;
}

/** `smartLabelFor`: `creationTimestamp` → `Creation Timestamp`, `apiVersion` → `API Version`; names with other characters than letters and `-` stay as they are. */
export function smartLabelFor(field: string): string {
  if (/[^A-Za-z-]/.test(field)) return field;
  return camelSplit(field).filter((p) => p !== '_')
    .map((p) => (ACRONYMS.includes(p.toUpperCase()) ? p.toUpperCase() : p[0].toUpperCase() + p.slice(1))).join(' ');
}

/** Fields the generic describer leaves out (printed above, or never). */
const SKIP = ['.metadata.managedFields', '.metadata.name', '.metadata.namespace', '.metadata.labels', '.metadata.annotations'];

/** Go's `%v` of a JSON scalar. */
const goValue = (v: unknown): string => (v === null || v === undefined ? '<nil>' : String(v));

/** `printUnstructuredContent`: every field in name order, maps and lists nested two spaces deeper. */
function printContent(w: PrefixWriter, level: number, content: Record<string, unknown>, prefix: string): void {
  for (const field of Object.keys(content).sort(byteCompare)) {
    const value = content[field];
    const path = `${prefix}.${field}`;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      if (SKIP.includes(path)) continue;
      w.write(level, `${smartLabelFor(field)}:\n`);
      printContent(w, level + 1, value as Record<string, unknown>, path);
    } else if (Array.isArray(value)) {
      if (SKIP.includes(path)) continue;
      w.write(level, `${smartLabelFor(field)}:\n`);
      for (const child of value) {
        if (child !== null && typeof child === 'object' && !Array.isArray(child)) printContent(w, level + 1, child as Record<string, unknown>, path);
        else w.write(level + 1, `${goValue(child)}\n`);
      }
    } else if (!SKIP.includes(path)) {
      w.write(level, `${smartLabelFor(field)}:\t${goValue(value)}\n`);
    }
  }
}

/**
 * kubectl's describer for kinds it has no describer of its own for (describe.go
 * GenericDescriberFor, 1.33): Name, Namespace, Labels, Annotations, then the object's whole
 * content field by field (labels made by smartLabelFor), then its events.
 */
export function describeGeneric(obj: KubeObject, related: Related, now: number): string {
  return describeWith((w) => {
    w.write(0, `Name:\t${obj.metadata.name}\n`);
    w.write(0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
    printLabels(w, 'Labels', obj.metadata.labels);
    printAnnotations(w, 'Annotations', obj.metadata.annotations);
    printContent(w, 0, JSON.parse(JSON.stringify(obj)) as Record<string, unknown>, '');
    if (related.events) describeEvents(w, related.events, now);
  });
}
