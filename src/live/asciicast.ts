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
import { ScreenFollower, WIPE, screenBody, screenTail } from './screen.ts';
import { toCrlf } from '../ui/terminal/terminal.ts';

export interface CastOptions {
  width?: number;
  height?: number;
  /** Unix seconds of the recording's start (header `timestamp`). */
  timestamp?: number;
  title?: string;
}

export type CastEvent = [number, 'o' | 'm', string];

/** The recording's events: output and markers, times in seconds from the first input. */
export function castEvents(scenario: Scenario, inputs: readonly Input[], receivedAt: readonly number[]): CastEvent[] {
  const final = Session.replay(scenario, inputs).report();
  const session = Session.start(scenario);
  const screen = new ScreenFollower();
  const events: CastEvent[] = [];
  const t0 = receivedAt[0] ?? 0;
  let last = 0;
  const emit = (t: number) => {
    const u = screen.update(screenBody(session.transcript), screenTail(session));
    if (u.text) events.push([t, 'o', toCrlf(u.reset ? WIPE + u.text : u.text)]);
  };
  emit(0);
  inputs.forEach((input, i) => {
    // Inputs received together are spread a little so the player shows them in order.
    const t = Math.max(last, ((receivedAt[i] ?? t0) - t0) / 1000);
    last = t;
    const records = session.commandLog.length;
    const round = session.roundIndex;
    session.append(input);
    emit(t);
    const found = new Set(final.timeline.slice(records, session.commandLog.length).flatMap((e) => e.evidence));
    if (found.size) events.push([t, 'm', `Evidence: ${[...found].join('; ')}`]);
    if (input.type === 'answer' && session.roundIndex > round) events.push([t, 'm', `Answer: round ${round + 1}, ${scenario.rounds[round].title}`]);
  });
  return events;
}

/** The whole recording as asciicast v2 text (newline-delimited JSON). */
export function asciicast(scenario: Scenario, inputs: readonly Input[], receivedAt: readonly number[], o: CastOptions = {}): string {
  const header = { version: 2, width: o.width ?? 120, height: o.height ?? 36, ...(o.timestamp ? { timestamp: o.timestamp } : {}), title: o.title ?? scenario.meta.title };
  return [JSON.stringify(header), ...castEvents(scenario, inputs, receivedAt).map((e) => JSON.stringify([Number(e[0].toFixed(3)), e[1], e[2]]))].join('\n') + '\n';
}
