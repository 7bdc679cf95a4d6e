/**
 * Re-printing a session's transcript into a terminal on resume, so the screen looks as it did:
 * each entry's prompt, line and output, starting from the last screen wipe (`clear`, Ctrl-L).
 */
import type { TranscriptEntry } from '../../core/session/types.ts';
import { toCrlf, type TerminalSink } from '../terminal/terminal.ts';

/** Text is written in pieces of about this many characters, so the terminal parses it in short tasks. */
const PIECE = 8192;

/**
 * `keepLines`: print only the last that many lines: the terminal keeps no more (its scrollback plus
 * its rows), so the screen and what scrolls back are the same, and a long session does not make
 * the terminal parse megabytes it would drop.
 */
export function printTranscript(sink: TerminalSink, transcript: readonly TranscriptEntry[], keepLines = Infinity): void {
  let from = 0;
  transcript.forEach((e, i) => {
    if (e.cleared) from = i;
  });
  let text = '';
  transcript.slice(from).forEach((e, i) => {
    // A wiped screen shows only the output that came after the wipe.
    if (!(i === 0 && e.cleared)) text += `${e.prompt}${e.line}\n`;
    text += e.output;
    if (e.output && !e.output.endsWith('\n')) text += '\n';
  });
  if (keepLines < Infinity) {
    let cut = text.length - (text.endsWith('\n') ? 1 : 0);
    for (let n = 0; n < keepLines && cut > 0; n++) cut = text.lastIndexOf('\n', cut - 1);
    if (cut > 0) text = text.slice(cut + 1);
  }
  for (let at = 0; at < text.length;) {
    const end = at + PIECE >= text.length ? text.length : text.lastIndexOf('\n', at + PIECE) + 1 || text.length;
    sink.write(toCrlf(text.slice(at, end > at ? end : text.length)));
    at = end > at ? end : text.length;
  }
}
