/**
 * The rename an attempt's prose goes through (core/scenario/variants.ts), from the scenario as
 * written and the attempt's seed; the session itself already plays `variantOf(scenario, seed)`.
 * Memoised: planning a variant walks the whole scenario.
 */
import { useMemo } from 'react';
import type { Scenario } from '../core/scenario/types.ts';
import { planVariant, type Variant } from '../core/scenario/variants.ts';

/** The variant of `scenario` for `seed`: its `rename` for prose written against the file's names (identity for seed 0). */
export function useVariantPlan(scenario: Scenario, seed: number): Variant {
  return useMemo(() => planVariant(scenario, seed), [scenario, seed]);
}
