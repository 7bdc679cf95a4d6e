/**
 * Session.snapshot / Session.restore: a session rebuilt from a snapshot (copied by structured clone,
 * as a worker's message or IndexedDB copies it) plus the rest of the log is the session a full
 * replay builds: same screen, grades, report, cluster and what the next line prints. Every
 * scenario's reference solution, cut at several points.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/parse.ts';
import { playScript } from './script.ts';
import { Session } from './session.ts';
import type { Scenario } from '../scenario/types.ts';

const root = join(import.meta.dirname, '..', '..', '..');

function load(id: string): Scenario {
  const parsed = parseScenario(`scenarios/${id}.yaml`, readFileSync(join(root, `scenarios/${id}.yaml`), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.scenario;
}

const ids = readdirSync(join(root, 'scenarios')).filter((f) => f.endsWith('.solution.txt')).map((f) => f.slice(0, -'.solution.txt'.length)).sort();

/** Restores `scenario` from a snapshot after `cut` inputs of `inputs`, then appends the rest. */
function restoredAt(scenario: Scenario, inputs: Session['inputs'], cut: number): Session | undefined {
  const snapshot = Session.replay(scenario, inputs.slice(0, cut)).snapshot();
  if (!snapshot) return undefined;
  const s = Session.restore(scenario, inputs.slice(0, cut), structuredClone(snapshot));
  for (const input of inputs.slice(cut)) s.append(input);
  return s;
}

describe('a session restored from a snapshot plus the log’s tail', () => {
  it.each(ids)('%s: equals the full replay at every cut tried, and answers the next line the same', (id) => {
    const scenario = load(id);
    const played = Session.start(scenario);
    playScript(played, readFileSync(join(root, `scenarios/${id}.solution.txt`), 'utf8'));
    const inputs = played.inputs;
    const full = Session.replay(scenario, inputs);
    const restored: Session[] = [];
    for (const cut of [1, Math.floor(inputs.length / 3), Math.floor((2 * inputs.length) / 3), inputs.length]) {
      const s = restoredAt(scenario, inputs, cut);
      if (!s) continue; // the cut fell inside a follow: no snapshot there
      restored.push(s);
      expect(s.transcript).toEqual(full.transcript);
      expect(s.results).toEqual(full.results);
      expect(s.report()).toEqual(full.report());
      expect(s.state).toEqual(full.state);
      expect(s.prompt()).toBe(full.prompt());
    }
    const at = full.now + 60_000;
    for (const line of ['kubectl get pods -A -o wide', 'echo $? $HOME; history | tail -n 3']) {
      const expected = full.run(line, at);
      for (const s of restored) expect(s.run(line, at)).toEqual(expected);
    }
    expect(restored.length).toBeGreaterThanOrEqual(2);
  }, 180_000); // four replays of a whole solution: over a minute on a loaded 2-core machine

  it('keeps the shell: location, variables, aliases, functions and an unfinished compound command', () => {
    const scenario = load('sigill-node');
    const s = Session.start(scenario);
    const node = Object.keys(s.state.nodes)[0];
    s.run('export WHO=learner; alias k=kubectl; greet() { echo "hi $1"; }');
    s.run(`ssh ${node}`);
    s.run('cd /var/log; X=on-node');
    s.run('for i in 1 2; do');
    const copy = Session.restore(scenario, s.inputs, structuredClone(s.snapshot()!));
    expect(copy.prompt()).toBe('> ');
    for (const session of [s, copy]) session.run('echo $i $X; done');
    expect(copy.transcript).toEqual(s.transcript);
    for (const line of ['pwd', 'exit', 'echo $WHO; k get nodes | head -n 1; greet there']) expect(copy.run(line)).toEqual(s.run(line));
  });

  it('is not taken while a command is following, and refuses a log of another length', () => {
    const scenario = load('sigill-node');
    const s = Session.start(scenario);
    s.run('kubectl get pods -A -w');
    expect(s.following).toBe(true);
    expect(s.snapshot()).toBeUndefined();
    s.interrupt(s.now + 1000);
    const snapshot = s.snapshot()!;
    expect(snapshot.inputs).toBe(2);
    expect(() => Session.restore(scenario, s.inputs.slice(0, 1), structuredClone(snapshot))).toThrow(/after 2 inputs cannot restore a log of 1/);
    // The session's options are the caller's to give again (a browser's session is a tty).
    expect(Session.restore(scenario, s.inputs, structuredClone(snapshot), { tty: true }).tty).toBe(true);
  });
});
