import { checkScenario, formatProblem, type CheckOptions } from './check/index.ts';
import type { Scenario } from './types.ts';

/** The scenario, or every error (warnings, which `scenario:check` reports, do not stop loading). */
export type ParseResult = { ok: true; scenario: Scenario } | { ok: false; errors: string[] };

/**
 * Parses and validates a scenario file (YAML or JSON text) with the scenario check
 * (scenario/check/): every problem at once, each as `file:LINE:COL: field: what is wrong — the fix`.
 * Pass `contentExists` to also check the prose files under content/.
 */
export function parseScenario(file: string, text: string, opts: CheckOptions = {}): ParseResult {
  const r = checkScenario(file, text, opts);
  return r.scenario ? { ok: true, scenario: r.scenario } : { ok: false, errors: r.problems.filter((p) => !p.warning).map(formatProblem) };
}
