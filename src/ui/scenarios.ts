/**
 * The scenarios and their prose, as bundled by Vite: every `scenarios/*.yaml` is parsed and checked
 * at build time (build/scenariosPlugin.ts) and arrives as JSON, while every MDX file under
 * `content/` is a lazy chunk loaded when a round shows it, so the first screen stays light.
 */
import type { ComponentType } from 'react';
import type { Scenario } from '../core/scenario/types.ts';
import catalog from 'virtual:gauntlet-scenarios';
import { sortScenarios } from './scenarioOrder.ts';
import { mdxAsMarkdown } from '../core/report/mdx.ts';

const mdx = import.meta.glob<{ default: ComponentType }>('/content/**/*.mdx');
// The same files' source, for the Markdown export (lazy too: fetched only when a report opens).
const mdxSource = import.meta.glob<string>('/content/**/*.mdx', { query: '?source', import: 'default' });

/** Every valid scenario, sigill-node first. */
export const scenarios: readonly Scenario[] = sortScenarios(catalog.scenarios);
/** Problems found in scenario files (shown on the home page rather than crashing the app). */
export const scenarioErrors: readonly string[] = catalog.errors;

export function findScenario(id: string): Scenario | undefined {
  return scenarios.find((s) => s.meta.id === id);
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
