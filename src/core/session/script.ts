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
}

/**
 * Plays one line of a script: `answer: <text>` submits the current round's answer (`\n` in the
 * text stands for a line break), `:hint` unlocks a hint, anything else is typed at the prompt.
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
  const prompt = session.prompt();
  const r = session.run(line, at);
  let output = r.output;
  if (session.pendingMs !== undefined) {
    // A slow command: the learner waits for it (its virtual time has already passed).
    output += session.tick(session.now).output;
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
