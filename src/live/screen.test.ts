import { describe, expect, it } from 'vitest';
import { Session } from '../core/session/session.ts';
import type { Input } from '../core/session/types.ts';
import { loadScenario } from '../cli/content.ts';
import { castEvents } from './asciicast.ts';
import { ERASE_LINE, ScreenFollower, WIPE, screenBody, screenTail } from './screen.ts';

const loaded = loadScenario('sigill-node');
if (!loaded.ok) throw new Error(loaded.error);
const scenario = loaded.scenario;
const T0 = Date.UTC(2026, 2, 12, 14, 5, 0);
const r1 = scenario.rounds[0];

/** A session touching every way the screen changes: output, a follow that grows and is interrupted, ssh in and out, clear, an answer. */
const INPUTS: Input[] = [
  { type: 'command', at: T0 + 2000, line: 'kubectl get pods -n production' },
  { type: 'command', at: T0 + 4000, line: 'kubectl get pods -n production -w' },
  { type: 'tick', at: T0 + 30_000 },
  { type: 'tick', at: T0 + 90_000 },
  { type: 'interrupt', at: T0 + 91_000 },
  { type: 'command', at: T0 + 93_000, line: 'ssh ip-10-42-3-208' },
  { type: 'command', at: T0 + 95_000, line: 'dmesg | tail -3' },
  { type: 'command', at: T0 + 97_000, line: 'exit' },
  { type: 'command', at: T0 + 99_000, line: 'clear' },
  { type: 'command', at: T0 + 101_000, line: 'kubectl get nodes' },
  { type: 'answer', at: T0 + 120_000, round: r1.id, text: 'The pods crash with exit code 132 on one node only.' },
];

/** What a terminal shows after writing `chunks` (resets clear it): ERASE_LINE removes the last line, WIPE everything. */
function shown(chunks: string[]): string {
  let screen = '';
  for (const c of chunks) {
    for (const part of c.split(/(\r\x1b\[2K|\x1b\[H\x1b\[2J\x1b\[3J)/)) {
      if (part === ERASE_LINE) screen = screen.slice(0, screen.lastIndexOf('\n') + 1);
      else if (part === WIPE) screen = '';
      else screen += part;
    }
  }
  return screen;
}

describe('the watched screen', () => {
  it('writes, step by step, exactly what the whole transcript shows, reading only what changed', () => {
    const session = Session.start(scenario);
    const follower = new ScreenFollower();
    const written: string[] = [];
    for (const input of INPUTS) {
      session.append(input);
      const u = follower.update(session.transcript, screenTail(session));
      expect(u.reset).toBe(false);
      written.push(u.text);
      const whole = screenBody(session.transcript) + screenTail(session);
      expect(shown(written)).toBe(shown([whole]));
    }
    // The follow grew between ticks, so some step wrote only its new lines.
    expect(written[2]).not.toContain('kubectl get pods -n production -w');
    expect(written[2]).toMatch(/\S/);
  });

  it('starts again from the whole transcript when it no longer continues what was written', () => {
    const a = Session.replay(scenario, INPUTS.slice(0, 3));
    const follower = new ScreenFollower();
    follower.update(a.transcript, screenTail(a));
    const b = Session.replay(scenario, INPUTS.slice(0, 1));
    const u = follower.update(b.transcript, screenTail(b));
    expect(u).toEqual({ reset: true, text: screenBody(b.transcript) + screenTail(b) });
  });
});

describe('the asciicast', () => {
  it('marks evidence and answers after the output of the input that brought them, in time order', () => {
    const events = castEvents(scenario, INPUTS, INPUTS.map((i) => i.at));
    const times = events.map((e) => e[0]);
    expect(times).toEqual([...times].sort((x, y) => x - y));
    const answer = events.findIndex((e) => e[1] === 'm' && e[2] === `Answer: round 1, ${r1.title}`);
    expect(answer).toBeGreaterThan(0);
    expect(events[answer][0]).toBe(118);
    const evidence = events.filter((e) => e[1] === 'm' && e[2].startsWith('Evidence: '));
    expect(evidence.length).toBeGreaterThan(0);
    const replayed = Session.replay(scenario, INPUTS);
    const seen = new Set(replayed.report().timeline.flatMap((t) => t.evidence));
    expect(new Set(evidence.flatMap((e) => e[2].slice('Evidence: '.length).split('; ')))).toEqual(seen);
    const out = events.filter((e) => e[1] === 'o').map((e) => e[2].replace(/\r\n/g, '\n'));
    expect(shown(out)).toBe(shown([screenBody(replayed.transcript) + screenTail(replayed)]));
  });
});
