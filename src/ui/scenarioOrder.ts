import type { ScenarioSummary } from '../core/scenario/split.ts';

/** The scenario every newcomer should play first. */
const FIRST = 'sigill-node';

/** Sorts scenarios for the home page: sigill-node first, then by title. */
export function sortScenarios<S extends ScenarioSummary>(list: readonly S[]): S[] {
  return [...list].sort((a, b) => {
    if ((a.meta.id === FIRST) !== (b.meta.id === FIRST)) return a.meta.id === FIRST ? -1 : 1;
    return a.meta.title.localeCompare(b.meta.title);
  });
}
