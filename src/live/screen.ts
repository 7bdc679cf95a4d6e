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
  // A wiped screen shows only the output that came after the wipe, as the candidate saw it.
  return transcript.map(entryText).join('');
}

/** What follows the body on screen: the prompt, unless a command is still running. */
export function screenTail(session: { following: boolean; prompt(): string; finished?: boolean }): string {
  return session.following ? '' : session.prompt();
}

/** One entry's share of the body (see screenBody). */
function entryText(e: TranscriptEntry): string {
  const head = e.cleared ? WIPE : `${e.prompt}${e.line}\n`;
  return head + e.output + (e.output && !e.output.endsWith('\n') ? '\n' : '');
}

/**
 * Keeps a watcher's screen in step with a session's transcript: returns the text to write (what was
 * printed since the last call, with the old prompt erased first and the new one after), or `reset`
 * when the transcript no longer continues what was written (then clear and write `text` whole).
 *
 * Work per call is in proportion to what changed, not to the whole transcript: only the last entry
 * written can still grow (a followed command's output, `^C`, `logout`), so earlier ones are never
 * read again. The text written is the same as `screenBody(transcript) + screenTail(session)` would
 * give piece by piece.
 */
export class ScreenFollower {
  /** Entries written; the last of them may still grow. */
  private count = 0;
  /** The text written for entry `count - 1`. */
  private last = '';
  private tail = '';

  update(transcript: readonly TranscriptEntry[], tail: string): { reset: boolean; text: string } {
    let grown = '';
    let reset = transcript.length < this.count;
    if (!reset && this.count > 0) {
      const now = entryText(transcript[this.count - 1]);
      if (now.startsWith(this.last)) {
        grown = now.slice(this.last.length);
        this.last = now;
      } else reset = true;
    }
    if (reset) {
      this.count = 0;
      this.last = '';
    }
    for (let i = this.count; i < transcript.length; i++) {
      this.last = entryText(transcript[i]);
      grown += this.last;
    }
    this.count = transcript.length;
    if (reset) {
      this.tail = tail;
      return { reset: true, text: grown + tail };
    }
    if (!grown && tail === this.tail) return { reset: false, text: '' };
    const text = (this.tail ? ERASE_LINE : '') + grown + tail;
    this.tail = tail;
    return { reset: false, text };
  }
}
