import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/parse.ts';
import { inputsBeforeRound } from './retry.ts';
import { playScript } from './script.ts';
import { Session } from './session.ts';

const root = join(import.meta.dirname, '..', '..', '..');
const parsed = parseScenario('scenarios/sigill-node.yaml', readFileSync(join(root, 'scenarios/sigill-node.yaml'), 'utf8'));
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const scenario = parsed.scenario;
const ids = scenario.rounds.map((r) => r.id);

function finished(): Session {
  const s = Session.start(scenario);
  playScript(s, readFileSync(join(root, 'scenarios/sigill-node.solution.txt'), 'utf8'));
  return s;
}

describe('inputsBeforeRound', () => {
  it('cuts after the previous round’s answer; replaying it resumes at that round with the same past', () => {
    const done = finished();
    const prefix = inputsBeforeRound(done.inputs, ids, 2)!;
    expect(prefix.at(-1)).toMatchObject({ type: 'answer', round: 'probe' });
    const retry = Session.replay(scenario, prefix);
    expect(retry.roundIndex).toBe(2);
    expect(retry.results).toEqual(done.results.slice(0, 2));
    expect(retry.transcript).toEqual(done.transcript.slice(0, retry.transcript.length));
    expect(retry.now).toBe(prefix.at(-1)!.at);
    // The same prefix always gives the same session: a reload of the retry resumes it exactly.
    expect(Session.replay(scenario, retry.inputs).report()).toEqual(retry.report());
  });

  it('is empty for the first round and undefined for a round never reached or out of range', () => {
    const s = Session.start(scenario);
    s.run('kubectl get nodes');
    s.submitAnswer('no idea');
    expect(inputsBeforeRound(s.inputs, ids, 0)).toEqual([]);
    expect(inputsBeforeRound(s.inputs, ids, 1)).toHaveLength(2);
    expect(inputsBeforeRound(s.inputs, ids, 2)).toBeUndefined();
    expect(inputsBeforeRound(s.inputs, ids, 5)).toBeUndefined();
    expect(inputsBeforeRound(s.inputs, ids, -1)).toBeUndefined();
  });
});

describe('Session.preview', () => {
  it('grades the current round’s terminal work without recording an answer', () => {
    const s = Session.start(scenario);
    s.run('kubectl get pods -n production -o wide');
    const before = s.inputs.length;
    const live = s.preview('')!;
    expect(s.inputs.length).toBe(before);
    expect(s.roundIndex).toBe(0);
    expect(live.round).toBe('opening');
    expect(live.verdicts.some((v) => v.kind === 'earned')).toBe(true);
    expect(live.answer).toBe('');
    expect(finished().preview('')).toBeUndefined();
  });
});
