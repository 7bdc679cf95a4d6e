/**
 * The scenarios the server runs interviews on, read from scenarios/*.yaml with the same parser and
 * checks as the build and the CLI, each split into what a candidate may hold and what only
 * interviewers may (core/scenario/split.ts), with its model answers as Markdown for the report.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario } from '../core/scenario/parse.ts';
import { splitScenario, type PublicScenario } from '../core/scenario/split.ts';
import type { Scenario } from '../core/scenario/types.ts';
import { mdxFile } from '../cli/content.ts';
import { repoRoot } from '../cli/project.ts';
import { variantOf } from '../core/scenario/variants.ts';

export interface BookEntry {
  scenario: Scenario;
  public: PublicScenario;
  /** Model answer per round id, as Markdown. */
  modelAnswers: Record<string, string>;
  /** The variant's renames (`[as written, as played]`), for browsers rendering the prose; empty as written. */
  renames: [string, string][];
}

/**
 * The entry as variant `seed` plays it: the scenario and its public part renamed, the model answers
 * too (core/scenario/variants.ts). Seed 0 is the entry itself.
 */
export function variantEntry(entry: BookEntry, seed: number): BookEntry {
  if (seed === 0) return entry;
  const { scenario, variant } = variantOf(entry.scenario, seed);
  return {
    scenario,
    public: splitScenario(scenario).public,
    modelAnswers: Object.fromEntries(Object.entries(entry.modelAnswers).map(([round, text]) => [round, variant.rename(text)])),
    renames: variant.renames,
  };
}

export type ScenarioBook = ReadonlyMap<string, BookEntry>;

/** Reads every valid scenario under `dir` (default: the repository's scenarios/). Invalid files are skipped with a warning. */
export function loadScenarioBook(dir = join(repoRoot, 'scenarios'), warn: (m: string) => void = console.warn): ScenarioBook {
  const book = new Map<string, BookEntry>();
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
    const parsed = parseScenario(`scenarios/${name}`, readFileSync(join(dir, name), 'utf8'));
    if (!parsed.ok) {
      warn(parsed.errors.join('\n'));
      continue;
    }
    const s = parsed.scenario;
    book.set(s.meta.id, {
      scenario: s,
      public: splitScenario(s).public,
      modelAnswers: Object.fromEntries(s.rounds.map((r) => [r.id, mdxFile(r.modelAnswer)])),
      renames: [],
    });
  }
  return book;
}
