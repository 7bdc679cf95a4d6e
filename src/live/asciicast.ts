/**
 * A live session's terminal as an asciicast v2 recording (the format asciinema records and
 * asciinema-player plays): a JSON header line, then one `[seconds, "o", text]` event per change of
 * the screen and `[seconds, "m", label]` markers where the candidate found evidence or answered.
 * Built by replaying the input log with the core, so it shows exactly what the candidate saw;
 * times are when the server received each input, from the first one.
 * See https://docs.asciinema.org/manual/asciicast/v2/.
 */
import { Session } from '../core/session/session.ts';
import type { Scenario } from '../core/scenario/types.ts';
import type { Input } from '../core/session/types.ts';
import { ScreenFollower, WIPE, screenTail } from './screen.ts';
import { toCrlf } from '../ui/terminal/terminal.ts';

export interface CastOptions {
  width?: number;
  height?: number;
  /** Unix seconds of the recording's start (header `timestamp`). */
  timestamp?: number;
  title?: string;
}

export type CastEvent = [number, 'o' | 'm', string];

/**
 * The recording's events: output and markers, times in seconds from the first input. One replay of
 * the log: the evidence markers come from the final report's timeline, placed after the output of
 * the input whose commands found it.
 */
export function castEvents(scenario: Scenario, inputs: readonly Input[], receivedAt: readonly number[]): CastEvent[] {
  const session = Session.start(scenario);
  const screen = new ScreenFollower();
  const t0 = receivedAt[0] ?? 0;
  // Per input: its time, its output, the command records it added, and its answer marker.
  const steps: { t: number; out?: string; records: [number, number]; answer?: string }[] = [];
  const output = () => {
    const u = screen.update(session.transcript, screenTail(session));
    return u.text ? toCrlf(u.reset ? WIPE + u.text : u.text) : undefined;
  };
  const first = output();
  let last = 0;
  inputs.forEach((input, i) => {
    // Inputs received together are spread a little so the player shows them in order.
    const t = Math.max(last, ((receivedAt[i] ?? t0) - t0) / 1000);
    last = t;
    const records = session.commandLog.length;
    const round = session.roundIndex;
    session.append(input);
    const answered = input.type === 'answer' && session.roundIndex > round;
    steps.push({ t, out: output(), records: [records, session.commandLog.length], answer: answered ? `Answer: round ${round + 1}, ${scenario.rounds[round].title}` : undefined });
  });
  const timeline = session.report().timeline;
  const events: CastEvent[] = first ? [[0, 'o', first]] : [];
  for (const s of steps) {
    if (s.out) events.push([s.t, 'o', s.out]);
    const found = new Set(timeline.slice(...s.records).flatMap((e) => e.evidence));
    if (found.size) events.push([s.t, 'm', `Evidence: ${[...found].join('; ')}`]);
    if (s.answer) events.push([s.t, 'm', s.answer]);
  }
  return events;
}

/** The whole recording as asciicast v2 text (newline-delimited JSON). */
export function asciicast(scenario: Scenario, inputs: readonly Input[], receivedAt: readonly number[], o: CastOptions = {}): string {
  const header = { version: 2, width: o.width ?? 120, height: o.height ?? 36, ...(o.timestamp ? { timestamp: o.timestamp } : {}), title: o.title ?? scenario.meta.title };
  return [JSON.stringify(header), ...castEvents(scenario, inputs, receivedAt).map((e) => JSON.stringify([Number(e[0].toFixed(3)), e[1], e[2]]))].join('\n') + '\n';
}
