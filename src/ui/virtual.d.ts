/** The scenario modules made at build time by build/scenariosPlugin.ts. */
declare module 'virtual:gauntlet-scenarios' {
  import type { Scenario } from '../core/scenario/types.ts';
  const catalog: { scenarios: Scenario[]; errors: string[] };
  export default catalog;
}

declare module 'virtual:gauntlet-catalog' {
  import type { PrivateScenario, PublicScenario, ScenarioSummary } from '../core/scenario/split.ts';
  /** Every valid scenario's meta and round titles (no scenario data), and the files' problems. */
  const catalog: { entries: ScenarioSummary[]; errors: string[] };
  export default catalog;
  /** Per scenario id, lazy loaders of its public and private parts (one chunk each). */
  export const loaders: Record<string, { public(): Promise<PublicScenario>; private(): Promise<PrivateScenario> }>;
}

declare module 'virtual:gauntlet-solutions' {
  /** Reference solutions by scenario id, for the authors' preview: filled by the dev server only (empty in a build). */
  const solutions: Record<string, string>;
  export default solutions;
}
