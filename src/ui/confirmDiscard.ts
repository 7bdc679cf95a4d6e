/** Asking before an action replaces the scenario's current run. */
import type { ScenarioSummary } from '../core/scenario/split.ts';
import { unfinishedRounds } from './state/attempts.ts';
import type { Records } from './state/records.ts';

/**
 * True when replacing the scenario's saved run loses nothing (none, or finished and so kept as an
 * attempt), or when the learner agrees to lose the unfinished one.
 */
export function mayReplaceRun(storage: Records, scenario: ScenarioSummary): boolean {
  return unfinishedRounds(storage, scenario) === undefined || window.confirm(`Your unfinished run of "${scenario.meta.title}" will be lost. Continue?`);
}
