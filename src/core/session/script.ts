import type { RoundResult } from '../grader/types.ts';
import type { Session } from './session.ts';

/** Virtual time a learner spends between two lines of a script (reading, typing), ms. */
export const THINK_MS = 2000;
/** How long a script lets a following command (journalctl -f, a retrying drain) run before its Ctrl-C, ms. */
export const FOLLOW_MS = 5000;

/** What one script line did, for printing. */
export type ScriptEvent =
  | { kind: 'command'; prompt: string; line: string; output: string }
  | { kind: 'answer'; result: RoundResult }
  | { kind: 'hint'; text: string; cost: number } ;

/** What playing a line needs of a session: the core's Session, or the UI's SessionLike. */
export interface Playable {
  readonly now: number;
  readonly pendingMs?: number;
  prompt(): string;
  run(line: string, at: number): { output: string; following: boolean };
  tick(at: number): { output: string };
  interrupt(at: number): { output: string };
  submitAnswer(text: string, at: number): RoundResult | undefined;
  hint(at: number): { text: string; cost: number } | undefined;
  /** The file a command waits on in the editor (kubectl edit), if any. */
  readonly editing?: { file: string; text: string; program: string };
  /** The editor exited with `text` in the file. */
  saveEdit?(text: string, at: number): { output: string; following: boolean };
}

/** The editor's buffer between script lines, per session (what the learner typed into vi so far). */
const buffers = new WeakMap<Playable, { file: string; text: string }>();

/**
 * One line typed into the editor a command opened (kubectl edit), as vi's ex commands, for scripts
 * and the CLI: `:%s/OLD/NEW/[g]` (or `:s/…/` for the first matching line; OLD is a JavaScript
 * regular expression), `:w` writes, `:wq`/`:x`/`ZZ` write and quit, `:q!` quits without writing
 * (`:q` too). Returns what the command printed when the editor was left, or a vi-like message.
 */
function editorLine(session: Playable, line: string, at: number): string {
  const open = session.editing!;
  let buf = buffers.get(session);
  if (!buf || buf.file !== open.file) buffers.set(session, (buf = { file: open.file, text: open.text }));
  const cmd = line.trim();
  const sub = /^:(%?)s(.)(.*?)\2(.*?)\2(g?)$/.exec(cmd);
  if (sub) {
    const [, all, , from, to, g] = sub;
    let re: RegExp;
    try { re = new RegExp(from, g ? 'g' : ''); } catch { return `E486: Pattern not found: ${from}\n`; }
    const lines = buf.text.split('\n');
    let hit = false;
    for (let i = 0; i < lines.length; i++) {
      if (!re.test(lines[i])) continue;
      re.lastIndex = 0;
      lines[i] = lines[i].replace(re, to);
      hit = true;
      if (!all) break;
    }
    if (!hit) return `E486: Pattern not found: ${from}\n`;
    buf.text = lines.join('\n');
    return '';
  }
  if (cmd === ':w') return '';
  const leave = (text: string) => {
    buffers.delete(session);
    const r = session.saveEdit!(text, at);
    return r.output;
  };
  if (cmd === ':wq' || cmd === ':x' || cmd === 'ZZ' || cmd === ':wq!') return leave(buf.text);
  if (cmd === ':q!' || cmd === ':q') return leave(open.text);
  return `E492: Not an editor command: ${cmd.replace(/^:/, '')}\n`;
}

/**
 * Plays one line of a script: `answer: <text>` submits the current round's answer (`\n` in the
 * text stands for a line break), `:hint` unlocks a hint, anything else is typed at the prompt.
 * While a command waits on the editor (kubectl edit), lines are vi ex commands (editorLine).
 * A command that keeps running is interrupted after FOLLOW_MS, as a learner would press Ctrl-C.
 */
export function playLine(session: Playable, line: string, at: number): ScriptEvent | undefined {
  const answer = /^answer:\s*(.*)$/s.exec(line);
  if (answer) {
    const result = session.submitAnswer(answer[1].replace(/\\n/g, '\n'), at);
    return result && { kind: 'answer', result };
  }
  if (line.trim() === ':hint') {
    const h = session.hint(at);
    return h && { kind: 'hint', ...h };
  }
  if (session.editing && session.saveEdit) return { kind: 'command', prompt: '', line, output: editorLine(session, line, at) };
  const prompt = session.prompt();
  const r = session.run(line, at);
  let output = r.output;
  if (session.pendingMs !== undefined) {
    // A slow command: the learner waits for it (its virtual time has already passed).
    output += session.tick(session.now).output;
  } else if (r.following && session.editing) {
    // The editor is open: the next lines are typed into it (editorLine).
  } else if (r.following) {
    output += session.tick(session.now + FOLLOW_MS).output;
    output += session.interrupt(session.now).output;
  }
  return { kind: 'command', prompt, line, output };
}

/** Plays a whole script (blank lines and `#` comments skipped), THINK_MS apart. */
export function playScript(session: Session, text: string, thinkMs = THINK_MS): ScriptEvent[] {
  const events: ScriptEvent[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '' || /^\s*#/.test(line)) continue;
    if (session.finished) break;
    const e = playLine(session, line, session.now + thinkMs);
    if (e) events.push(e);
  }
  return events;
}
