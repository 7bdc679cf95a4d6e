/**
 * The saved input log folds the clock ticks of a follow (docs/shapes.md §5), and a reload rebuilds
 * exactly the session the tab had: same transcript, clock and round. Driven through the app store
 * with the real simulator, as the play page drives it (a tick every 250 ms of real time while
 * `journalctl -f` follows).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/core/scenario/parse.ts';
import { Session } from '../../src/core/session/session.ts';
import type { Scenario } from '../../src/core/scenario/types.ts';
import { createAppStore } from '../../src/ui/store.ts';
import { WALL, memoryStorage } from './fakes.ts';

const root = join(import.meta.dirname, '..', '..');
function scenario(id: string): Scenario {
  const r = parseScenario(`scenarios/${id}.yaml`, readFileSync(join(root, 'scenarios', `${id}.yaml`), 'utf8'));
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.scenario;
}

function realStore(storage = memoryStorage()) {
  const clock = { ms: 0 };
  const engine = { start: (s: Scenario) => Session.start(s), replay: (s: Scenario, inputs: Parameters<typeof Session.replay>[1]) => Session.replay(s, inputs) };
  const store = createAppStore({ engine, records: storage, realNow: () => clock.ms, wallNow: () => WALL });
  return { store, storage, clock };
}

describe('saved sessions fold the ticks of a follow', () => {
  it('saves one tick for a minute of journalctl -f, and a reload restores the same transcript, clock and round', () => {
    const sigill = scenario('sigill-node');
    const { store, storage, clock } = realStore();
    store.getState().open(sigill);
    clock.ms = 3000;
    store.getState().run('ssh ip-10-42-3-208');
    clock.ms = 6000;
    expect(store.getState().run('journalctl -u kubelet -f').following).toBe(true);
    for (let i = 0; i < 240; i++) { clock.ms += 250; store.getState().tick(); }
    clock.ms += 100;
    store.getState().interrupt();
    clock.ms += 2000;
    store.getState().run('exit');

    const live = store.getState().session!;
    // The follow printed kubelet's lines over the minute, and the ^C ended it.
    expect(live.transcript[1].output.split('\n').length).toBeGreaterThan(10);
    expect(live.transcript[1].output).toMatch(/\^C\n$/);
    expect(live.inputs.filter((i) => i.type === 'tick')).toHaveLength(240);
    const saved = storage.session('sigill-node')!;
    expect(saved.inputs.map((i) => i.type)).toEqual(['command', 'command', 'tick', 'interrupt', 'command']);
    const start = live.inputs[0].at - 3000;
    expect(saved.inputs.map((i) => i.at - start)).toEqual([3000, 6000, 66_000, 66_100, 68_100]);
    expect(saved.inputs.filter((i) => i.type === 'tick')).toEqual([live.inputs.filter((i) => i.type === 'tick').at(-1)]);

    const reloaded = realStore(storage).store;
    reloaded.getState().open(sigill);
    const again = reloaded.getState().session!;
    expect(again.inputs).toEqual(saved.inputs);
    expect(again.transcript).toEqual(live.transcript);
    expect(again.now).toBe(live.now);
    expect(again.roundIndex).toBe(live.roundIndex);
    expect(again.prompt()).toBe('learner@laptop:~$ ');
  });
});
