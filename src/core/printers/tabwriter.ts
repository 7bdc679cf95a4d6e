/**
 * Go's `text/tabwriter`, the one implementation behind every aligned table here: kubectl's
 * describers (`Init(buf, 0, 8, 2, ' ', 0)`, the defaults), kubectl's `get` printer and crictl
 * (see printers/table.ts).
 * Cells end at a tab, a column's width is its widest cell plus the padding (at least minWidth), and a column
 * block is a run of consecutive lines that have a cell in that column. A line without any tab
 * flushes everything before it, so alignment restarts after it — which is why `IPs:` in
 * `kubectl describe pod` separates the label widths above and below it.
 * The text after a line's last tab is not part of any column and is never padded.
 */
export class TabWriter {
  private lines: string[][] = [[]];
  private cell = '';
  private out = '';

  constructor(private readonly minWidth = 0, private readonly padding = 2) {}

  /** Appends text; tabs end cells and newlines end lines, as in Go. */
  write(text: string): void {
    // Cut at tabs and newlines only (code units 9 and 10 never occur inside a surrogate pair), so
    // a ten-thousand-row table is sliced, not rebuilt one character at a time.
    let from = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code !== 9 && code !== 10) continue;
      this.cell += text.slice(from, i);
      from = i + 1;
      if (code === 9) {
        this.current().push(this.cell);
        this.cell = '';
      } else {
        const line = this.current();
        line.push(this.cell);
        this.cell = '';
        const cells = line.length;
        this.lines.push([]);
        // A line with one cell cannot affect later lines: Go flushes here.
        if (cells === 1) this.flush();
      }
    }
    this.cell += text.slice(from);
  }

  /** Formats and emits everything buffered (Go's Flush); a trailing partial line is kept as is. */
  flush(): void {
    const pending = this.cell;
    const lines = this.lines;
    const last = lines[lines.length - 1];
    // The unfinished last line holds the partial cell; format sees it as a line too.
    const all = lines.slice(0, -1);
    const partial = [...last, pending];
    const complete = partial.length === 1 && pending === '';
    const work = complete ? all : [...all, partial];
    this.out += this.format(work, complete);
    this.lines = [[]];
    this.cell = '';
  }

  /** All output so far, flushing first. */
  toString(): string {
    this.flush();
    return this.out;
  }

  private current(): string[] {
    return this.lines[this.lines.length - 1];
  }

  private format(lines: string[][], endsWithNewline: boolean): string {
    const widths: number[] = [];
    let text = '';
    const writeLines = (from: number, to: number) => {
      for (let i = from; i < to; i++) {
        const line = lines[i];
        line.forEach((c, j) => {
          text += c;
          if (j < widths.length && j < line.length - 1) text += ' '.repeat(Math.max(0, widths[j] - width(c)));
        });
        if (i + 1 < lines.length || endsWithNewline) text += '\n';
      }
    };
    const block = (line0: number, line1: number): void => {
      const column = widths.length;
      let start = line0;
      for (let i = line0; i < line1; i++) {
        if (column >= lines[i].length - 1) continue;
        // A cell exists in this column: print lines before it, then size the column over its block.
        writeLines(start, i);
        start = i;
        let w = this.minWidth;
        for (; i < line1; i++) {
          const line = lines[i];
          if (column >= line.length - 1) break;
          w = Math.max(w, width(line[column]) + this.padding);
        }
        widths.push(w);
        block(start, i);
        widths.pop();
        start = i;
        i--; // the outer loop's i++ re-examines line i
      }
      writeLines(start, line1);
    };
    block(0, lines.length);
    return text;
  }
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** Display width as Go counts it: one per code point. */
export function width(s: string): number {
  // Most cells hold no surrogate at all: one native scan says so.
  if (!SURROGATE.test(s)) return s.length;
  // The length in code units, less one for each surrogate pair (one code point, two units).
  let n = s.length;
  for (let i = 1; i < s.length; i++) {
    const low = s.charCodeAt(i);
    if (low >= 0xdc00 && low <= 0xdfff) {
      const high = s.charCodeAt(i - 1);
      if (high >= 0xd800 && high <= 0xdbff) { n--; i++; }
    }
  }
  return n;
}

/** Runs `fill` against a fresh describer-configured TabWriter and returns the formatted text. */
export function tabbed(fill: (w: TabWriter) => void): string {
  const w = new TabWriter();
  fill(w);
  return w.toString();
}
