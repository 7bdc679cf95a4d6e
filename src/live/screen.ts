/**
 * The candidate's terminal as a stream of text, for whoever watches it (the interviewer's live view,
 * the replay's asciicast): the transcript's prompts, lines and outputs, a screen wipe where `clear`
 * wiped it, and the prompt waiting for the next line. Lines end with `\n`; a terminal wants
 * `toCrlf` on them.
 */
import type { TranscriptEntry } from '../core/session/types.ts';

/** ANSI: cursor home, erase the screen and the scrollback (what `clear` sends). */
export const WIPE = '\x1b[H\x1b[2J\x1b[3J';
/** ANSI: back to the line's start and erase it (takes the waiting prompt away before more output). */
export const ERASE_LINE = '\r\x1b[2K';

/** Everything printed so far: only ever grows as inputs are applied. */
export function screenBody(transcript: readonly TranscriptEntry[]): string {
  let text = '';
  for (const e of transcript) {
    // A wiped screen shows only the output that came after the wipe, as the candidate saw it.
    text += e.cleared ? WIPE : `${e.prompt}${e.line}\n`;
    text += e.output;
    if (e.output && !e.output.endsWith('\n')) text += '\n';
  }
  return text;
}

/** What follows the body on screen: the prompt, unless a command is still running. */
export function screenTail(session: { following: boolean; prompt(): string; finished?: boolean }): string {
  return session.following ? '' : session.prompt();
}

/**
 * Keeps a watcher's screen in step: given the new body and tail, returns the text to write (the
 * body's growth, with the old prompt erased first and the new one after), or `reset` when the body
 * did not grow from what was written (then clear and write `text` whole).
 */
export class ScreenFollower {
  private body = '';
  private tail = '';

  update(body: string, tail: string): { reset: boolean; text: string } {
    if (!body.startsWith(this.body)) {
      this.body = body;
      this.tail = tail;
      return { reset: true, text: body + tail };
    }
    const grown = body.slice(this.body.length);
    if (!grown && tail === this.tail) return { reset: false, text: '' };
    const text = (this.tail ? ERASE_LINE : '') + grown + tail;
    this.body = body;
    this.tail = tail;
    return { reset: false, text };
  }
}
