/**
 * The rename an attempt's prose goes through (core/scenario/variants.ts), from the scenario as
 * written and the attempt's seed; the session itself already plays `variantOf(scenario, seed)`.
 * Memoised: planning a variant walks the whole scenario.
 */
import { useMemo } from 'react';
import type { Scenario } from '../core/scenario/types.ts';
import { planVariant } from '../core/scenario/variants.ts';

/** The variant's rename for prose written against `scenario`'s names (identity for seed 0). */
export function useVariantRename(scenario: Scenario, seed: number): (text: string) => string {
  return useMemo(() => planVariant(scenario, seed).rename, [scenario, seed]);
}
