/**
 * The replay worker's work without the browser (rebuild.ts): snapshots kept every SNAPSHOT_EVERY
 * inputs while a log is folded; a reload from the kept snapshot plus the tail equals the full
 * replay; a damaged, foreign or outdated snapshot is not used and the log is replayed in full
 * (never a fresh start); and the hand-over to the page inside a running command.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../core/scenario/parse.ts';
import { Session } from '../../core/session/session.ts';
import { handOver, rebuild, SNAPSHOT_EVERY } from './rebuild.ts';
import { logFingerprint, type SnapshotRecord } from './snapshotRecord.ts';

const root = join(import.meta.dirname, '..', '..', '..');
const parsed = parseScenario('scenarios/sigill-node.yaml', readFileSync(join(root, 'scenarios/sigill-node.yaml'), 'utf8'));
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const scenario = parsed.scenario;
const key = { scenario: 'sigill-node', attempt: 'a1', seed: 0 };
const LINES = ['kubectl get pods -n production', 'X=$((X + 1)); echo $X', 'kubectl get nodes'];

/** A log of `n` typed lines, 2 s apart. */
function log(n: number) {
  const s = Session.start(scenario);
  for (let i = 0; i < n; i++) s.run(LINES[i % LINES.length], s.now + 2000);
  return s.inputs;
}

/** What a kept record looks like after IndexedDB: a structured clone. */
const stored = (records: SnapshotRecord[]) => structuredClone(records.at(-1));

describe('rebuild', () => {
  const inputs = log(SNAPSHOT_EVERY * 2 + 30);
  const full = Session.replay(scenario, inputs);
  const fullTranscript = structuredClone(full.transcript);

  it('keeps a snapshot every SNAPSHOT_EVERY inputs; the next reload starts there and equals the full replay', () => {
    const kept: SnapshotRecord[] = [];
    const first = rebuild(scenario, key, inputs.slice(0, SNAPSHOT_EVERY * 2 + 10), undefined, 'build-1', (r) => kept.push(structuredClone(r)));
    expect(first.from).toBe('start');
    expect(kept.map((r) => r.session.inputs)).toEqual([SNAPSHOT_EVERY, SNAPSHOT_EVERY * 2]);
    expect(kept[1].fingerprint).toBe(logFingerprint(inputs, SNAPSHOT_EVERY * 2));

    const again = rebuild(scenario, key, inputs, stored(kept), 'build-1', () => {});
    expect(again.from).toBe('snapshot');
    expect(again.keeper.session.transcript).toEqual(full.transcript);
    expect(again.keeper.session.state).toEqual(full.state);
    expect(again.keeper.session.run('echo $X', full.now + 1)).toEqual(full.run('echo $X', full.now + 1));
  });

  it('replays the whole log, saying why, when the kept snapshot is damaged, foreign, outdated or of another log', () => {
    const kept: SnapshotRecord[] = [];
    rebuild(scenario, key, inputs.slice(0, SNAPSHOT_EVERY), undefined, 'build-1', (r) => kept.push(structuredClone(r)));
    const good = stored(kept)!;
    const damaged = structuredClone(good);
    (damaged.session as { shells: unknown }).shells = [{ vars: 'not a map' }];
    const otherLog = log(SNAPSHOT_EVERY).map((i) => ({ ...i, at: i.at + 1 }));
    const cases: [unknown, string, readonly typeof inputs[number][]][] = [
      [damaged, 'damaged: session.shells.0.vars', inputs],
      [{ ...good, attempt: 'a2' }, 'of another attempt', inputs],
      [good, 'written by another build', inputs],
      [good, 'of another log', otherLog],
      [{ ...good, session: { ...good.session, inputs: inputs.length + 1 } }, 'of another log', inputs],
    ];
    for (const [record, why, log] of cases) {
      const build = why === 'written by another build' ? 'build-2' : 'build-1';
      const r = rebuild(scenario, key, log, record, build, () => {});
      expect(r.from).toBe('start');
      expect(r.unused).toContain(why);
      expect(r.keeper.session.inputs).toHaveLength(log.length);
      if (log === inputs) expect(r.keeper.session.transcript).toEqual(fullTranscript);
    }
  });

  it('hands the page a snapshot between commands and the inputs of a command still running', () => {
    const s = Session.start(scenario);
    s.run('kubectl get pods -n production', s.now + 2000);
    s.run('kubectl get pods -n production -w', s.now + 2000);
    s.tick(s.now + 5000);
    expect(s.following).toBe(true);
    const { snapshot, tail } = handOver(s, (n) => Session.replay(scenario, s.inputs.slice(0, n)));
    expect(snapshot.inputs).toBe(1);
    expect(tail.map((i) => i.type)).toEqual(['command', 'tick']);
    const page = Session.restore(scenario, s.inputs.slice(0, 1), structuredClone(snapshot));
    for (const input of tail) page.append(input);
    expect(page.following).toBe(true);
    expect(page.transcript).toEqual(s.transcript);
  });
});
