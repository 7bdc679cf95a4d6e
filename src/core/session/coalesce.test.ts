/**
 * Coalescing the saved input log's ticks changes nothing a learner can see: replaying the folded
 * log gives the same transcript, state clock and grades as the full one, through follows that end
 * by themselves, follows interrupted, slow commands and plain idle time.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/parse.ts';
import { coalesceTicks } from './coalesce.ts';
import { Session } from './session.ts';

function scenario(id: string) {
  const r = parseScenario(`scenarios/${id}.yaml`, readFileSync(`scenarios/${id}.yaml`, 'utf8'));
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.scenario;
}

/** Ticks the session four times a virtual second for `ms`, as the browser does. */
function idle(s: Session, ms: number): void {
  const end = s.now + ms;
  while (s.now < end) s.tick(s.now + 250);
}

const view = (s: Session) => ({ transcript: s.transcript.map((t) => ({ ...t })), now: s.now, results: s.results.map((r) => ({ round: r.round, score: r.score })) });

describe('coalesceTicks', () => {
  it('folds runs of ticks into their last and keeps every other input', () => {
    expect(coalesceTicks([
      { type: 'tick', at: 1 }, { type: 'tick', at: 2 }, { type: 'command', at: 3, line: 'ls' },
      { type: 'tick', at: 4 }, { type: 'interrupt', at: 5 }, { type: 'tick', at: 6 }, { type: 'tick', at: 7 }, { type: 'tick', at: 8 },
    ])).toEqual([{ type: 'tick', at: 2 }, { type: 'command', at: 3, line: 'ls' }, { type: 'tick', at: 4 }, { type: 'interrupt', at: 5 }, { type: 'tick', at: 8 }]);
  });

  it('replays to the same transcript and grades on etcd-slowness: follows, slow kubectl, idle time', { timeout: 120_000 }, () => {
    const sc = scenario('etcd-slowness');
    const s = Session.start(sc);
    s.run('kubectl get pods -n shop', s.now + 2000);
    idle(s, 20_000);
    s.run('kubectl get pods -n shop -w', s.now + 2000);
    idle(s, 90_000);
    s.interrupt(s.now + 100);
    s.run('ssh cp-2', s.now + 2000);
    s.run('journalctl -u kubelet -f | grep -i lease', s.now + 2000);
    idle(s, 120_000);
    s.interrupt(s.now + 100);
    s.run('iostat -x 1 3', s.now + 2000);
    idle(s, 5_000);
    s.run('exit', s.now + 2000);
    s.submitAnswer('The control plane is slow, the data plane is fine; etcd behind the API server.', s.now + 5000);
    const folded = coalesceTicks(s.inputs);
    expect(folded.length).toBeLessThan(s.inputs.length / 50);
    expect(view(Session.replay(sc, folded))).toEqual(view(s));
  });

  it('a 5-minute journalctl -f on sigill-node: 1,200 ticks become one, same transcript (npm run bench session measures 30 minutes)', () => {
    const sc = scenario('sigill-node');
    const s = Session.start(sc);
    s.run('ssh ip-10-42-3-208', s.now + 2000);
    s.run('journalctl -u kubelet -f', s.now + 2000);
    idle(s, 5 * 60_000);
    s.interrupt(s.now + 500);
    const folded = coalesceTicks(s.inputs);
    expect(s.inputs.filter((i) => i.type === 'tick')).toHaveLength(1200);
    expect(folded.map((i) => i.type)).toEqual(['command', 'command', 'tick', 'interrupt']);
    expect(view(Session.replay(sc, folded))).toEqual(view(s));
  }, 120_000);
});
