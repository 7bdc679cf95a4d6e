import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario } from '../core/scenario/parse.ts';
import type { Scenario } from '../core/scenario/types.ts';
import { mdxAsMarkdown } from '../core/report/mdx.ts';
import { project } from './project.ts';

/** The project root: the repository, or GAUNTLET_DIR (`--dir`) for an author's own folder (cli/project.ts). */
const root = () => project().root;

/** Loads scenarios/<id>.yaml, or explains what exists. */
export function loadScenario(id: string): { ok: true; scenario: Scenario } | { ok: false; error: string } {
  const file = join('scenarios', `${id}.yaml`);
  const path = join(root(), file);
  if (!existsSync(path)) {
    const ids = readdirSync(join(root(), 'scenarios')).filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, ''));
    return { ok: false, error: `unknown scenario "${id}"; available: ${ids.join(', ')}` };
  }
  // Prose files are checked too: a missing one would only show as "Could not load" mid-game.
  const r = parseScenario(file, readFileSync(path, 'utf8'), { contentExists: (rel) => existsSync(join(root(), 'content', rel)) });
  return r.ok ? { ok: true, scenario: r.scenario } : { ok: false, error: r.errors.join('\n') };
}

/** A content/ MDX file as Markdown (see mdxAsMarkdown), or a note that it is missing. */
export function mdxFile(relPath: string): string {
  const path = join(root(), 'content', relPath);
  if (!existsSync(path)) return `(missing content/${relPath})`;
  return mdxAsMarkdown(readFileSync(path, 'utf8'));
}

/** A content/ MDX file as plain text for the terminal: Markdown with the bold marks dropped. */
export function mdxAsText(relPath: string): string {
  return mdxFile(relPath).replace(/\*\*(.+?)\*\*/g, '$1');
}

/** Every round's model answer as Markdown, keyed by round id (for reportMarkdown). */
export function modelAnswers(scenario: Scenario): Record<string, string> {
  return Object.fromEntries(scenario.rounds.map((r) => [r.id, mdxFile(r.modelAnswer)]));
}
