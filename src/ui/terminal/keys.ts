/**
 * Splits raw terminal input into keys: one escape sequence, one control character, or a run of
 * printable text (a paste arrives as one long run with `\r` between lines). Sequences are the ones
 * xterm.js sends in its default (normal cursor / application cursor) modes.
 */

/** Canonical names for the keys the line editor binds. */
export const KEY = {
  enter: '\r',
  tab: '\t',
  backspace: '\x7f',
  ctrlH: '\b',
  delete: '\x1b[3~',
  left: '\x1b[D',
  right: '\x1b[C',
  up: '\x1b[A',
  down: '\x1b[B',
  home: '\x1b[H',
  end: '\x1b[F',
  wordLeft: '\x1bb',
  wordRight: '\x1bf',
  altBackspace: '\x1b\x7f',
  altD: '\x1bd',
  altDot: '\x1b.',
  escape: '\x1b',
  ctrlT: '\x14',
  /** Ctrl-_ (also Ctrl-/ and Ctrl-7 in most terminals): undo. */
  ctrlUnderscore: '\x1f',
  ctrlA: '\x01',
  ctrlB: '\x02',
  ctrlC: '\x03',
  ctrlD: '\x04',
  ctrlE: '\x05',
  ctrlF: '\x06',
  ctrlG: '\x07',
  ctrlK: '\x0b',
  ctrlL: '\x0c',
  ctrlN: '\x0e',
  ctrlP: '\x10',
  ctrlR: '\x12',
  ctrlU: '\x15',
  ctrlW: '\x17',
  ctrlY: '\x19',
} as const;

/** Other spellings of the same keys (SS3 forms, vt220 Home/End, Ctrl-arrows, Enter as LF). */
const ALIASES = new Map<string, string>([
  ['\n', KEY.enter],
  ['\x1bOA', KEY.up], ['\x1bOB', KEY.down], ['\x1bOC', KEY.right], ['\x1bOD', KEY.left],
  ['\x1bOH', KEY.home], ['\x1bOF', KEY.end],
  ['\x1b[1~', KEY.home], ['\x1b[7~', KEY.home], ['\x1b[4~', KEY.end], ['\x1b[8~', KEY.end],
  ['\x1b[1;5D', KEY.wordLeft], ['\x1b[1;5C', KEY.wordRight],
  ['\x1b[1;3D', KEY.wordLeft], ['\x1b[1;3C', KEY.wordRight],
  ['\x1b[1;5H', KEY.home], ['\x1b[1;5F', KEY.end],
]);

// CSI with parameters and a final byte; SS3 with one character; Alt-<char>; control chars; printable runs.
const TOKEN = /\x1b\[[0-9;?]*[\x40-\x7e]|\x1bO.|\x1b[\s\S]|\r\n|[\x00-\x1f\x7f]|[^\x00-\x1f\x7f]+/gy;

/**
 * Splits `data` into keys, mapping aliases to their canonical KEY value. A lone ESC (the Escape key)
 * is a key of its own: it ends a history search, and otherwise prefixes the next key as Meta, as in
 * readline (Esc then `.` is Alt-.).
 */
export function splitKeys(data: string): string[] {
  const keys: string[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(data); m; m = TOKEN.exec(data)) {
    const key = m[0] === '\r\n' ? KEY.enter : m[0];
    keys.push(ALIASES.get(key) ?? key);
  }
  return keys;
}
