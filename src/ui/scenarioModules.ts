/**
 * Loading one scenario at a time from the build's per-scenario chunks (build/scenariosPlugin.ts):
 * the catalogue holds only metas; a scenario's public part and its private part are separate lazy
 * chunks. Practice joins the two; a page that must not hold the rubric loads only the public part.
 */
import catalog, { loaders } from 'virtual:gauntlet-catalog';
import { joinScenario, type PublicScenario } from '../core/scenario/split.ts';
import type { Scenario } from '../core/scenario/types.ts';

/** Metas of every valid scenario, and problems found in scenario files. */
export const scenarioCatalog = catalog;

/** The public part of scenario `id` (rejects for an unknown id). */
export function loadPublicScenario(id: string): Promise<PublicScenario> {
  const l = loaders[id];
  return l ? l.public() : Promise.reject(new Error(`no scenario ${id}`));
}

/** The whole scenario `id`, joined from its two chunks (rejects for an unknown id). */
export async function loadWholeScenario(id: string): Promise<Scenario> {
  const l = loaders[id];
  if (!l) throw new Error(`no scenario ${id}`);
  const [pub, priv] = await Promise.all([l.public(), l.private()]);
  return joinScenario(pub, priv);
}
