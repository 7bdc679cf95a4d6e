/**
 * A readline-style line editor, pure (no DOM): it turns the raw bytes a terminal sends (keys,
 * escape sequences, pastes) into edits of the current line, and writes what a user would see back
 * to a TerminalSink. It mirrors GNU readline's emacs bindings as bash uses them (Ctrl-A/E/U/W/K/Y,
 * Ctrl-R reverse-i-search, Tab completion listing candidates in columns on the second Tab), and
 * talks to the simulated shell through ShellBackend only.
 */
import type { TerminalSink } from './terminal.ts';
import { toCrlf } from './terminal.ts';
import { splitKeys, KEY } from './keys.ts';

/** The shell the editor drives; the play page binds it to the session with virtual timestamps. */
export interface ShellBackend {
  /** The prompt to print, e.g. `learner@laptop:~$ `. */
  prompt(): string;
  /** Runs a submitted line; `following` means the command keeps printing until interrupted. */
  run(line: string): { output: string; following: boolean; clear?: boolean };
  /** Ctrl-C while following; the output starts with `^C\n`. */
  interrupt(): { output: string };
  /** Completion candidates for the word ending at `cursor`, which starts at `start`. */
  complete(line: string, cursor: number): { start: number; candidates: string[] };
}

export interface LineEditorOptions {
  /** Earlier command lines, oldest first (e.g. from a resumed session). */
  history?: readonly string[];
  /** Terminal width in cells, read on every redraw (default 80). */
  columns?: () => number;
  /** Called when a follow (journalctl -f, kubectl logs -f) starts or ends. */
  onFollowingChange?: (following: boolean) => void;
  /**
   * The shell has not loaded yet (a fresh run's terminal opens before the simulator): the line is
   * edited as usual, but Enter, Tab and every key after the first of them wait, in order, for
   * `release()`. Only `backend.prompt()` is called meanwhile.
   */
  held?: boolean;
}

interface Search {
  query: string;
  /** History index of the shown match, or -1 when nothing matched yet. */
  index: number;
  failed: boolean;
  originalLine: string;
  originalCursor: number;
}

const BELL = '\x07';
/** Moves a cursor pending on the last column to the next row's start: a space, back, erase it. */
const FORCE_WRAP = ' \b\x1b[K';
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;
const visibleLength = (s: string) => s.replace(ANSI, '').length;

export class LineEditor {
  private line = '';
  private cursor = 0;
  private readonly history: string[];
  private historyIndex: number;
  private draft = '';
  private search: Search | null = null;
  private killed = '';
  private lastWasTab = false;
  /** Whether the previous Tab changed the line (readline lists only after a Tab that did not). */
  private lastTabChanged = false;
  private isFollowing = false;
  /** Keys typed while a command ran, fed to the line editor at the next prompt. */
  private typeahead: string[] = [];
  /** Escape was pressed: the next key is read as Meta-key. */
  private meta = false;
  /** Line states to go back to with Ctrl-_ (readline's undo list), newest last. */
  private undoList: { line: string; cursor: number }[] = [];
  /** Characters typed one by one since the last undo point (readline groups up to 20). */
  private insertRun = 0;
  /** Alt-. pressed last: the history entry its word came from and the text it inserted. */
  private lastArg: { index: number; start: number; text: string } | null = null;
  /** Rows between the first row of the prompt and the row the cursor is on. */
  private cursorRow = 0;
  private readonly columns: () => number;
  /** Keys needing the shell wait (LineEditorOptions.held) until `release()`. */
  private held: boolean;

  constructor(
    private readonly sink: TerminalSink,
    private readonly backend: ShellBackend,
    private readonly options: LineEditorOptions = {},
  ) {
    this.history = [...(options.history ?? [])];
    this.historyIndex = this.history.length;
    this.columns = options.columns ?? (() => 80);
    this.held = options.held ?? false;
  }

  /** The shell has loaded: what waited for it (LineEditorOptions.held) is read now, in order. */
  release(): void {
    if (!this.held) return;
    this.held = false;
    if (!this.isFollowing) this.replayTypeahead();
  }

  /** True while a command follows its output; only Ctrl-C is read then. */
  get following(): boolean {
    return this.isFollowing;
  }

  /** The line being edited and the cursor's index in it (for tests and the UI). */
  get state(): { line: string; cursor: number; searching: boolean } {
    return { line: this.line, cursor: this.cursor, searching: this.search !== null };
  }

  /** Prints a fresh prompt; call once after the transcript has been printed. */
  start(): void {
    this.cursorRow = 0;
    this.sink.write(this.backend.prompt());
  }

  /** Enters follow mode without running a line (a resumed session that was following). */
  resumeFollowing(): void {
    this.setFollowing(true);
  }

  /** Output a follow produced on a tick; prints the prompt when the follow ended by itself. */
  followOutput(output: string, following: boolean): void {
    if (!this.isFollowing) return;
    if (output) this.sink.write(toCrlf(output));
    if (!following) {
      this.setFollowing(false);
      this.writeOutputEndAndPrompt(output);
      this.replayTypeahead();
    }
  }

  /**
   * Output of a background job that arrived while the prompt waits (`kubectl port-forward … &`
   * printing `Handling connection`): printed above the prompt, which is drawn again below it with
   * the line being typed, as readline redisplays after a job writes to the terminal.
   */
  backgroundOutput(output: string): void {
    if (!output) return;
    if (this.isFollowing) { this.sink.write(toCrlf(output)); return; }
    const up = this.cursorRow > 0 ? `\x1b[${this.cursorRow}A` : '';
    this.sink.write(`${up}\r\x1b[J${toCrlf(output)}${output.endsWith('\n') ? '' : '\r\n'}`);
    this.cursorRow = 0;
    this.redraw();
  }

  /** Feeds raw terminal input: one key, an escape sequence, or a whole paste. */
  feed(data: string): void {
    this.feedKeys(splitKeys(data));
  }

  private feedKeys(keys: readonly string[]): void {
    for (const [i, typed] of keys.entries()) {
      if (this.isFollowing) {
        // A command owns the terminal: Ctrl-C interrupts it and discards what was typed ahead;
        // anything else waits for the next prompt.
        if (typed === KEY.ctrlC) {
          this.typeahead = [];
          this.interruptFollow();
        } else this.typeahead.push(typed);
        continue;
      }
      if (this.held && (this.typeahead.length > 0 || typed === KEY.enter || typed === KEY.tab)) {
        this.typeahead.push(typed);
        continue;
      }
      let key = typed;
      if (this.meta) {
        this.meta = false;
        if (key.length === 1 && key !== KEY.escape) key = `\x1b${key}`;
      }
      const wasTab = this.lastWasTab;
      this.lastWasTab = false;
      const lastArg = this.lastArg;
      this.lastArg = null;
      if (this.search) {
        if (this.searchKey(key)) continue;
      }
      if (key === KEY.escape) {
        this.meta = true;
        continue;
      }
      this.key(key, wasTab, lastArg);
    }
  }

  /** After a command: the prompt is up, so what was typed meanwhile is read now. */
  private replayTypeahead(): void {
    const keys = this.typeahead;
    this.typeahead = [];
    if (keys.length) this.feedKeys(keys);
  }

  private setFollowing(following: boolean): void {
    this.isFollowing = following;
    this.options.onFollowingChange?.(following);
  }

  private interruptFollow(): void {
    const { output } = this.backend.interrupt();
    this.sink.write(toCrlf(output));
    this.setFollowing(false);
    this.writeOutputEndAndPrompt(output);
  }

  /** Keeps the prompt at column 0 even when output did not end with a newline. */
  private writeOutputEndAndPrompt(lastOutput: string): void {
    if (lastOutput && !lastOutput.endsWith('\n')) this.sink.write('\r\n');
    this.resetLine();
    this.start();
  }

  private resetLine(): void {
    this.line = '';
    this.cursor = 0;
    this.draft = '';
    this.historyIndex = this.history.length;
    this.undoList = [];
    this.insertRun = 0;
  }

  private key(key: string, wasTab: boolean, lastArg: LineEditor['lastArg']): void {
    switch (key) {
      case KEY.enter: return this.enter();
      case KEY.tab: return this.complete(wasTab);
      case KEY.backspace: case KEY.ctrlH:
        if (this.cursor === 0) return this.bell();
        return this.edit(this.line.slice(0, this.cursor - 1) + this.line.slice(this.cursor), this.cursor - 1);
      case KEY.delete:
        if (this.cursor === this.line.length) return this.bell();
        return this.edit(this.line.slice(0, this.cursor) + this.line.slice(this.cursor + 1), this.cursor);
      case KEY.ctrlD:
        if (this.line === '' || this.cursor === this.line.length) return this.bell();
        return this.edit(this.line.slice(0, this.cursor) + this.line.slice(this.cursor + 1), this.cursor);
      case KEY.left: case KEY.ctrlB: return this.move(Math.max(0, this.cursor - 1));
      case KEY.right: case KEY.ctrlF: return this.move(Math.min(this.line.length, this.cursor + 1));
      case KEY.home: case KEY.ctrlA: return this.move(0);
      case KEY.end: case KEY.ctrlE: return this.move(this.line.length);
      case KEY.wordLeft: return this.move(wordStart(this.line, this.cursor));
      case KEY.wordRight: return this.move(wordEnd(this.line, this.cursor));
      case KEY.ctrlU:
        this.killed = this.line.slice(0, this.cursor);
        return this.edit(this.line.slice(this.cursor), 0);
      case KEY.ctrlK:
        this.killed = this.line.slice(this.cursor);
        return this.edit(this.line.slice(0, this.cursor), this.cursor);
      case KEY.ctrlW: {
        const from = whitespaceWordStart(this.line, this.cursor);
        this.killed = this.line.slice(from, this.cursor);
        return this.edit(this.line.slice(0, from) + this.line.slice(this.cursor), from);
      }
      case KEY.altBackspace: {
        const from = wordStart(this.line, this.cursor);
        this.killed = this.line.slice(from, this.cursor);
        return this.edit(this.line.slice(0, from) + this.line.slice(this.cursor), from);
      }
      case KEY.altD: {
        const to = wordEnd(this.line, this.cursor);
        if (to === this.cursor) return this.bell();
        this.killed = this.line.slice(this.cursor, to);
        return this.edit(this.line.slice(0, this.cursor) + this.line.slice(to), this.cursor);
      }
      case KEY.altDot: return this.yankLastArg(lastArg);
      case KEY.ctrlT: return this.transpose();
      case KEY.ctrlUnderscore: return this.undo();
      case KEY.ctrlY: return this.insert(this.killed);
      case KEY.ctrlC: return this.cancelLine();
      case KEY.ctrlL:
        this.sink.clear();
        this.cursorRow = 0;
        return this.redraw();
      case KEY.up: case KEY.ctrlP: return this.historyStep(-1);
      case KEY.down: case KEY.ctrlN: return this.historyStep(1);
      case KEY.ctrlR: return this.startSearch();
      default:
        if (isPrintable(key)) return this.insert(key);
      // Unbound keys (function keys, Ctrl-G outside a search, …) are ignored silently, as in bash.
    }
  }

  private bell(): void {
    this.sink.write(BELL);
  }

  /** Saves the line for Ctrl-_; one undo step covers up to 20 characters typed in a row, as readline's. */
  private remember(typing: boolean): void {
    if (typing && this.insertRun > 0 && this.insertRun < 20) {
      this.insertRun += 1;
      return;
    }
    this.undoList.push({ line: this.line, cursor: this.cursor });
    this.insertRun = typing ? 1 : 0;
  }

  private undo(): void {
    const last = this.undoList.pop();
    if (!last) return this.bell();
    this.insertRun = 0;
    this.line = last.line;
    this.cursor = last.cursor;
    this.redraw();
  }

  /** Ctrl-T: swaps the characters before and under the cursor (the last two at the end of the line). */
  private transpose(): void {
    if (this.cursor === 0 || this.line.length < 2) return this.bell();
    const at = this.cursor === this.line.length ? this.cursor - 1 : this.cursor;
    const l = this.line;
    this.remember(false);
    this.line = l.slice(0, at - 1) + l[at] + l[at - 1] + l.slice(at + 1);
    this.cursor = at + 1;
    this.redraw();
  }

  /** Alt-.: inserts the last word of the previous command; again, the one before it replaces it. */
  private yankLastArg(previous: LineEditor['lastArg']): void {
    let index = previous ? previous.index - 1 : this.history.length - 1;
    while (index >= 0 && lastWord(this.history[index]) === '') index--;
    if (index < 0) {
      // Nothing older: ring, keep what the last Alt-. inserted.
      this.lastArg = previous;
      return this.bell();
    }
    if (previous) {
      // Take back what the previous Alt-. inserted.
      this.line = this.line.slice(0, previous.start) + this.line.slice(previous.start + previous.text.length);
      this.cursor = previous.start;
    } else this.remember(false);
    const text = lastWord(this.history[index]);
    const start = this.cursor;
    this.line = this.line.slice(0, start) + text + this.line.slice(start);
    this.cursor = start + text.length;
    this.lastArg = { index, start, text };
    this.redraw();
  }

  private insert(text: string): void {
    if (!text) return;
    this.remember(text.length === 1);
    const atEnd = this.cursor === this.line.length;
    this.line = this.line.slice(0, this.cursor) + text + this.line.slice(this.cursor);
    this.cursor += text.length;
    if (!atEnd) return this.redraw();
    // Appending at the end only needs the new characters (less noise for screen readers).
    const cols = this.columns();
    const total = visibleLength(this.backend.prompt()) + this.line.length;
    this.sink.write(text + (total % cols === 0 ? FORCE_WRAP : ''));
    this.cursorRow = Math.floor(total / cols);
  }

  private edit(line: string, cursor: number): void {
    this.remember(false);
    this.line = line;
    this.cursor = cursor;
    this.redraw();
  }

  private move(cursor: number): void {
    if (cursor === this.cursor) return;
    this.cursor = cursor;
    this.redraw();
  }

  /** Rewrites prompt and line from the prompt's first row and puts the cursor where it belongs. */
  private redraw(): void {
    if (this.search) {
      const s = this.search;
      const shown = s.index >= 0 ? this.history[s.index] : '';
      const at = s.index >= 0 ? Math.max(0, shown.indexOf(s.query)) : 0;
      const prefix = `(${s.failed ? 'failed ' : ''}reverse-i-search)\`${s.query}': `;
      return this.paint(prefix, shown, at);
    }
    this.paint(this.backend.prompt(), this.line, this.cursor);
  }

  private paint(prefix: string, text: string, cursor: number): void {
    const cols = this.columns();
    let out = this.cursorRow > 0 ? `\x1b[${this.cursorRow}A` : '';
    out += '\r\x1b[J' + prefix + text;
    const total = visibleLength(prefix) + text.length;
    // A line filling the last column leaves the cursor pending; force the wrap so the maths holds.
    if (total > 0 && total % cols === 0) out += FORCE_WRAP;
    const endRow = Math.floor(total / cols);
    const target = visibleLength(prefix) + cursor;
    const row = Math.floor(target / cols);
    const col = target % cols;
    if (endRow > row) out += `\x1b[${endRow - row}A`;
    out += '\r' + (col > 0 ? `\x1b[${col}C` : '');
    this.cursorRow = row;
    this.sink.write(out);
  }

  private moveToEnd(): void {
    if (this.cursor !== this.line.length) {
      this.cursor = this.line.length;
      this.redraw();
    }
  }

  private enter(): void {
    this.moveToEnd();
    this.sink.write('\r\n');
    const line = this.line;
    // bash's HISTCONTROL=ignoreboth (Debian's default): skip lines starting with a space and repeats.
    if (line.trim() !== '' && !line.startsWith(' ') && this.history[this.history.length - 1] !== line) {
      this.history.push(line);
    }
    this.resetLine();
    const result = this.backend.run(line);
    if (result.clear) this.sink.clear();
    if (result.output) this.sink.write(toCrlf(result.output));
    if (result.following) {
      this.setFollowing(true);
      return;
    }
    this.writeOutputEndAndPrompt(result.output);
  }

  /** What the tty holds typed ahead while a command runs (for tests and the UI). */
  get typedAhead(): string {
    return this.typeahead.join('');
  }

  private cancelLine(): void {
    this.moveToEnd();
    this.sink.write('^C\r\n');
    this.resetLine();
    this.start();
  }

  private historyStep(delta: -1 | 1): void {
    const next = this.historyIndex + delta;
    if (next < 0 || next > this.history.length) return this.bell();
    if (this.historyIndex === this.history.length) this.draft = this.line;
    this.historyIndex = next;
    this.line = next === this.history.length ? this.draft : this.history[next];
    this.cursor = this.line.length;
    this.redraw();
  }

  private complete(wasTab: boolean): void {
    this.lastWasTab = true;
    const changed = this.lastTabChanged;
    this.lastTabChanged = false;
    const { start, candidates } = this.backend.complete(this.line, this.cursor);
    const word = this.line.slice(start, this.cursor);
    if (candidates.length === 0) return this.bell();
    if (candidates.length === 1) {
      const only = candidates[0];
      // A finished word gets a space; a directory (`dir/`) or a flag awaiting a value (`--output=`) does not.
      const whole = !/[/=:]$/.test(only) && this.line[this.cursor] !== ' ';
      return this.replaceWord(start, only + (whole ? ' ' : ''));
    }
    const prefix = commonPrefix(candidates);
    if (prefix.length > word.length) {
      this.lastTabChanged = true;
      return this.replaceWord(start, prefix);
    }
    if (!wasTab || changed) return this.bell();
    this.list(candidates);
  }

  private replaceWord(start: number, text: string): void {
    this.edit(this.line.slice(0, start) + text + this.line.slice(this.cursor), start + text.length);
  }

  /** Prints candidates below the line in columns, sorted down then across, as bash lists them. */
  private list(candidates: string[]): void {
    const cursor = this.cursor;
    this.moveToEnd();
    this.sink.write('\r\n' + toCrlf(formatColumns(candidates, this.columns())));
    this.cursorRow = 0;
    this.cursor = cursor;
    this.sink.write(this.backend.prompt());
    this.cursorRow = 0;
    this.redraw();
  }

  private startSearch(): void {
    if (!this.search) {
      this.search = { query: '', index: -1, failed: false, originalLine: this.line, originalCursor: this.cursor };
    } else {
      this.findOlder(this.search.index - 1);
    }
    this.redraw();
  }

  /** Finds the newest history entry at or before `from` containing the query. */
  private findOlder(from: number): void {
    const s = this.search!;
    if (s.query === '') return;
    for (let i = Math.min(from, this.history.length - 1); i >= 0; i--) {
      if (this.history[i].includes(s.query)) {
        s.index = i;
        s.failed = false;
        return;
      }
    }
    s.failed = true;
  }

  /** Handles a key during reverse-i-search; returns false when the key should also act on the accepted line. */
  private searchKey(key: string): boolean {
    const s = this.search!;
    if (key === KEY.ctrlR) {
      this.startSearch();
      return true;
    }
    if (key === KEY.backspace || key === KEY.ctrlH) {
      s.query = s.query.slice(0, -1);
      s.index = -1;
      s.failed = false;
      this.findOlder(this.history.length - 1);
      this.redraw();
      return true;
    }
    if (key === KEY.escape) {
      // Escape ends the search, keeping the match on the line for editing (readline's isearch-terminators).
      this.acceptSearch();
      return true;
    }
    if (key === KEY.ctrlG) {
      this.search = null;
      this.line = s.originalLine;
      this.cursor = s.originalCursor;
      this.redraw();
      return true;
    }
    if (isPrintable(key)) {
      s.query += key;
      this.findOlder(s.index >= 0 ? s.index : this.history.length - 1);
      this.redraw();
      return true;
    }
    // Any other key accepts the match and then does its usual job (Enter runs it, arrows edit it).
    this.acceptSearch();
    return false;
  }

  private acceptSearch(): void {
    const s = this.search!;
    const match = s.index >= 0 ? this.history[s.index] : s.originalLine;
    this.search = null;
    this.line = match;
    this.cursor = s.index >= 0 ? Math.max(0, match.indexOf(s.query)) : s.originalCursor;
    if (s.index >= 0) this.historyIndex = s.index;
    this.redraw();
  }
}

function isPrintable(key: string): boolean {
  return key.length > 0 && !/[\x00-\x1f\x7f]/.test(key);
}

/** The last shell word of a command line (quotes kept together), as Alt-. takes it. */
function lastWord(line: string): string {
  const words = line.match(/(?:[^\s"']+|"[^"]*"?|'[^']*'?)+/g);
  return words ? words[words.length - 1] : '';
}

/** Start of the word before the cursor, readline style (letters and digits). */
function wordStart(line: string, cursor: number): number {
  let i = cursor;
  while (i > 0 && !/[A-Za-z0-9]/.test(line[i - 1])) i--;
  while (i > 0 && /[A-Za-z0-9]/.test(line[i - 1])) i--;
  return i;
}

function wordEnd(line: string, cursor: number): number {
  let i = cursor;
  while (i < line.length && !/[A-Za-z0-9]/.test(line[i])) i++;
  while (i < line.length && /[A-Za-z0-9]/.test(line[i])) i++;
  return i;
}

/** Start of the whitespace-delimited word before the cursor, as Ctrl-W (unix-word-rubout) sees it. */
function whitespaceWordStart(line: string, cursor: number): number {
  let i = cursor;
  while (i > 0 && line[i - 1] === ' ') i--;
  while (i > 0 && line[i - 1] !== ' ') i--;
  return i;
}

/** Longest common prefix of the candidates. */
export function commonPrefix(words: readonly string[]): string {
  if (words.length === 0) return '';
  let prefix = words[0];
  for (const w of words) {
    let i = 0;
    while (i < prefix.length && i < w.length && prefix[i] === w[i]) i++;
    prefix = prefix.slice(0, i);
  }
  return prefix;
}

/**
 * Lays words out in columns for a terminal `width` cells wide, filling each column top to bottom
 * (readline's default), columns two cells wider than the longest word; ends with `\n`.
 */
export function formatColumns(words: readonly string[], width: number): string {
  const sorted = [...words].sort();
  const cell = Math.max(...sorted.map((w) => w.length)) + 2;
  const perRow = Math.max(1, Math.floor(width / cell));
  const rows = Math.ceil(sorted.length / perRow);
  let out = '';
  for (let r = 0; r < rows; r++) {
    const row: string[] = [];
    for (let c = 0; c * rows + r < sorted.length; c++) row.push(sorted[c * rows + r]);
    out += row.map((w, i) => (i === row.length - 1 ? w : w.padEnd(cell))).join('') + '\n';
  }
  return out;
}
