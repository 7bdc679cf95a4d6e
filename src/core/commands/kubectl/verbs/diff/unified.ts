import { structuredPatch } from 'diff';

/** One side of a hunk header as GNU diff writes it: `l,s`, just `l` for one line, `l-1,0` for none. */
const range = (start: number, lines: number) => (lines === 1 ? `${start}` : lines === 0 ? `${start - 1},0` : `${start},${lines}`);

/**
 * `diff -u -N OLD NEW` of two texts as GNU diffutils prints it (3 lines of context), header lines
 * included; '' when they are equal. `oldLabel`/`newLabel` are the `---`/`+++` lines' text (path and time).
 */
export function unifiedDiff(oldText: string, newText: string, oldLabel: string, newLabel: string): string {
  if (oldText === newText) return '';
  const patch = structuredPatch('a', 'b', oldText, newText, undefined, undefined, { context: 3 });
  let out = `--- ${oldLabel}\n+++ ${newLabel}\n`;
  for (const h of patch.hunks) {
    out += `@@ -${range(h.oldStart, h.oldLines)} +${range(h.newStart, h.newLines)} @@\n`;
    out += h.lines.map((l) => `${l}\n`).join('');
  }
  return out;
}
