/**
 * The scenarios and their prose, as bundled by Vite (build/scenariosPlugin.ts): the catalogue holds
 * only each scenario's summary (meta and round titles); a scenario's public and private parts are
 * lazy chunks of their own, fetched when its page opens, so the first screen never carries every
 * scenario's cluster and rubric. Every MDX file under `content/` is a lazy chunk too, loaded when a
 * round shows it.
 */
import type { ComponentType } from 'react';
import type { Scenario } from '../core/scenario/types.ts';
import { joinScenario, type ScenarioSummary } from '../core/scenario/split.ts';
import catalog, { loaders } from 'virtual:gauntlet-catalog';
import { sortScenarios } from './scenarioOrder.ts';
import { mdxAsMarkdown } from '../core/report/mdx.ts';

const mdx = import.meta.glob<{ default: ComponentType }>('/content/**/*.mdx');
// The same files' source, for the Markdown export (lazy too: fetched only when a report opens).
const mdxSource = import.meta.glob<string>('/content/**/*.mdx', { query: '?source', import: 'default' });

/** Every valid scenario's summary, sigill-node first. */
export const scenarios: readonly ScenarioSummary[] = sortScenarios(catalog.entries);
/** Problems found in scenario files (shown on the home page rather than crashing the app). */
export const scenarioErrors: readonly string[] = catalog.errors;

const loading = new Map<string, Promise<Scenario>>();

/**
 * The whole scenario `id` (practice mode: its public and private chunks, joined), one promise per id
 * so React's `use` sees the same one on every render; rejects for an id the catalogue lacks.
 */
export function loadScenario(id: string): Promise<Scenario> {
  let p = loading.get(id);
  if (!p) {
    const l = loaders[id];
    p = l ? Promise.all([l.public(), l.private()]).then(([pub, priv]) => joinScenario(pub, priv)) : Promise.reject(new Error(`no scenario ${id}`));
    loading.set(id, p);
  }
  return p;
}

/**
 * Loads the MDX component for a path under content/ (as rounds name them, e.g.
 * `sigill-node/01-opening.mdx`); rejects when no such file was bundled.
 */
export function loadContent(path: string): Promise<ComponentType> {
  const load = mdx[`/content/${path}`];
  if (!load) return Promise.reject(new Error(`content/${path} not found`));
  return load().then((m) => m.default);
}

/** The MDX file at `path` (under content/) as Markdown text; rejects when it was not bundled. */
export function loadContentText(path: string): Promise<string> {
  const load = mdxSource[`/content/${path}`];
  if (!load) return Promise.reject(new Error(`content/${path} not found`));
  return load().then(mdxAsMarkdown);
}
