/**
 * A reload of a long session starts its rebuild as soon as the saved records are read, before the
 * play page's code has loaded (main.tsx): the worker's replay then runs while the page loads,
 * instead of after it (about half a second of a 3,000-command session's reload in Chromium).
 * The store's own request takes the result (client.ts replayInWorker).
 */
import { variantOf } from '../../core/scenario/variants.ts';
import type { Scenario } from '../../core/scenario/types.ts';
import type { Records } from '../state/records.ts';
import { AWAY_FROM, loadSaved, savedAttemptKey } from '../state/persistence.ts';
import { startReplay } from './client.ts';

/** Starts rebuilding scenario `id`'s saved session in the worker when the store will ask for it (a log of AWAY_FROM inputs or more). */
export async function prefetchReplay(records: Records, id: string, loadScenario: (id: string) => Promise<Scenario>): Promise<void> {
  const saved = loadSaved(records, id);
  if (!saved || saved.inputs.length < AWAY_FROM || typeof Worker === 'undefined') return;
  const key = savedAttemptKey(saved, id);
  const scenario = await loadScenario(id);
  startReplay(variantOf(scenario, key.seed).scenario, saved.inputs, key);
}
