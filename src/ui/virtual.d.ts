/** The scenario catalogue, validated at build time by build/scenariosPlugin.ts. */
declare module 'virtual:gauntlet-scenarios' {
  import type { Scenario } from '../core/scenario/types.ts';
  const catalog: { scenarios: Scenario[]; errors: string[] };
  export default catalog;
}
