import { TabWriter } from '../tabwriter.ts';
import { humanDuration, parseTimestamp, rfc1123z } from '../../time.ts';
import type { LabelSelector, Toleration } from '../../model/k8s.ts';

/**
 * kubectl's PrefixWriter: each `write(level, text)` call prefixes two spaces per level and feeds
 * the shared tab writer. Describers write exactly the cells kubectl writes, tabs included, so the
 * column widths come out as kubectl's.
 */
export class PrefixWriter {
  constructor(readonly tw: Pick<TabWriter, 'write' | 'flush' | 'toString'> = new TabWriter()) {}
  write(level: number, text: string): void {
    this.tw.write('  '.repeat(level) + text);
  }
  flush(): void {
    this.tw.flush();
  }
  toString(): string {
    return this.tw.toString();
  }
}

/** A plain buffer in place of the tab writer: tabs stay tabs (Go's bytes.Buffer). */
class Unaligned {
  private out = '';
  write(text: string): void { this.out += text; }
  flush(): void {}
  toString(): string { return this.out; }
}

/**
 * Runs a describer body onto a plain buffer, as `kubectl rollout history --revision=N` prints a
 * pod template (history.go printTemplate: a PrefixWriter over a bytes.Buffer): cells keep their tabs.
 */
export function describeUnaligned(body: (w: PrefixWriter) => void): string {
  const w = new PrefixWriter(new Unaligned());
  body(w);
  return w.toString();
}

/** Runs a describer body and returns its text. */
export function describeWith(body: (w: PrefixWriter) => void): string {
  const w = new PrefixWriter();
  body(w);
  return w.toString();
}

/** Go's zero time as `time.RFC1123Z` prints it, for timestamps an object lacks. */
const ZERO_TIME = 'Mon, 01 Jan 0001 00:00:00 +0000';

/** An RFC 3339 timestamp as `Format(time.RFC1123Z)` in UTC; Go's zero time when absent. */
export function rfc1123(ts: string | null | undefined): string {
  const ms = parseTimestamp(ts);
  return ms === undefined ? ZERO_TIME : rfc1123z(ms);
}

/** `translateTimestampSince`: the age of a timestamp, `<unknown>` when absent. */
export function since(ts: string | null | undefined, now: number): string {
  const ms = parseTimestamp(ts);
  return ms === undefined ? '<unknown>' : humanDuration(now - ms);
}

/** Byte-order comparison, as Go's `sort.Strings`. */
export const byteCompare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** `printLabelsMultiline`: `Title:\tk=v` then one `\tk=v` line per further label, sorted; `<none>` when empty. */
export function printLabels(w: PrefixWriter, title: string, labels: Record<string, string> | undefined): void {
  w.write(0, `${title}:\t`);
  const keys = Object.keys(labels ?? {}).sort(byteCompare);
  if (!keys.length) {
    w.write(0, '<none>\n');
    return;
  }
  keys.forEach((k, i) => {
    if (i) w.write(0, '\t');
    w.write(0, `${k}=${labels![k]}\n`);
  });
}

const MAX_ANNOTATION = 140;

/** `printAnnotationsMultiline`: `key: value`, long or multi-line values below the key, last-applied skipped. */
export function printAnnotations(w: PrefixWriter, title: string, annotations: Record<string, string> | undefined): void {
  w.write(0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {})
    .filter((k) => k !== 'kubectl.kubernetes.io/last-applied-configuration')
    .sort(byteCompare);
  if (!keys.length) {
    w.write(0, '<none>\n');
    return;
  }
  keys.forEach((k, i) => {
    if (i) w.write(0, '\t');
    const value = annotations![k].replace(/\n$/, '');
    if (value.length + k.length + 2 > MAX_ANNOTATION || value.includes('\n')) {
      w.write(0, `${k}:\n`);
      for (const s of value.split('\n')) {
        w.write(0, `\t  ${s.length > MAX_ANNOTATION - 2 ? s.slice(0, MAX_ANNOTATION - 2) + '...' : s}\n`);
      }
    } else {
      w.write(0, `${k}: ${value}\n`);
    }
  });
}

/** `printPodTolerationsMultiline`: `key=value:Effect op=Exists for 300s`, sorted by key. */
export function printTolerations(w: PrefixWriter, title: string, tolerations: Toleration[] | undefined): void {
  w.write(0, `${title}:\t`);
  const list = [...(tolerations ?? [])].sort((a, b) => byteCompare(a.key ?? '', b.key ?? ''));
  if (!list.length) {
    w.write(0, '<none>\n');
    return;
  }
  list.forEach((t, i) => {
    if (i) w.write(0, '\t');
    let s = t.key ?? '';
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) s += ` for ${t.tolerationSeconds}s`;
    w.write(0, `${s}\n`);
  });
}

/** Go's `%v` of an int-or-string (`25%`, `3`). */
export const intOrString = (v: number | string | undefined, dflt: string): string => (v === undefined || v === null ? dflt : String(v));
