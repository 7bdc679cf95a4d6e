/**
 * The worker's hand-over in slices (handover.ts): a long session's snapshot crosses as messages of
 * about SLICE_BYTES each, and the page's join gives back the very snapshot (same lists, same
 * state, same key order), from which the restored session answers as the original does.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { parseScenario } from '../../core/scenario/parse.ts';
import { Session } from '../../core/session/session.ts';
import { sendSlices, SliceJoiner, SLICE_BYTES } from './handover.ts';
import type { ToPage } from './messages.ts';

const root = join(import.meta.dirname, '..', '..', '..');
const parsed = parseScenario('scenarios/sigill-node.yaml', readFileSync(join(root, 'scenarios/sigill-node.yaml'), 'utf8'));
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const scenario = parsed.scenario;

it('a 600-command session crosses in slices of about SLICE_BYTES and joins back to the same snapshot', () => {
  const s = Session.start(scenario);
  const lines = ['kubectl get pods -n production', 'kubectl get events -n production', 'echo step $((1 + 2))'];
  for (let i = 0; i < 600; i++) s.run(lines[i % lines.length], s.now + 2000);
  const snapshot = s.snapshot()!;
  const sent: ToPage[] = [];
  const rest = sendSlices('sigill-node/a/0', snapshot, (m) => sent.push(structuredClone(m)));
  const opened: ToPage = structuredClone({ type: 'opened', id: 'sigill-node/a/0', snapshot: rest, tail: [], from: 'start' });

  // Several slices, each about the budget (it is estimated: JSON's escapes are not counted) or less.
  expect(sent.length).toBeGreaterThan(10);
  const sizes = [...sent, opened].map((m) => JSON.stringify(m).length);
  expect(sizes.filter((n) => n > SLICE_BYTES * 1.2)).toEqual([]);
  // The original snapshot is left as it was.
  expect(snapshot.records).toHaveLength(600);

  const joiner = new SliceJoiner();
  for (const m of sent) if (m.type === 'slice') joiner.add(m);
  const joined = joiner.join(opened as Extract<ToPage, { type: 'opened' }>);
  expect(joined).toEqual(structuredClone(snapshot));
  expect(Object.keys(joined.state)).toEqual(Object.keys(snapshot.state));
  expect(Object.keys(joined.state.hosts)).toEqual(Object.keys(snapshot.state.hosts));

  const restored = Session.restore(scenario, s.inputs, joined);
  for (const line of [`ssh ${Object.keys(snapshot.state.hosts)[1]}`, 'journalctl -u kubelet --no-pager | tail -3', 'exit', 'kubectl get events -A | tail -4']) {
    expect(restored.run(line, restored.now + 2000).output).toBe(s.run(line, s.now + 2000).output);
  }
  expect(restored.transcript).toEqual(s.transcript);
});

it('slices of a session that failed are dropped, and another session joins only its own', () => {
  const joiner = new SliceJoiner();
  joiner.add({ type: 'slice', id: 'x', path: ['history'], items: ['kubectl get pods'] });
  joiner.drop('x');
  joiner.add({ type: 'slice', id: 'y', path: ['history'], items: ['uname -a'] });
  const base = Session.start(scenario).snapshot()!;
  const opened = (id: string) => ({ type: 'opened' as const, id, snapshot: structuredClone({ ...base, history: [] }), tail: [], from: 'start' as const });
  expect(joiner.join(opened('x')).history).toEqual([]);
  expect(joiner.join(opened('y')).history).toEqual(['uname -a']);
});
