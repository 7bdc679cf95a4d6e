/**
 * Vite plugin: the scenario files are read, validated and converted at build time (and on each
 * change in dev), so the browser receives checked JSON instead of parsing YAML and running the
 * schema on every start. Errors name the file, the field and the fix, as parseScenario words them,
 * and are shown on the home page rather than failing the build. Modules:
 * - `virtual:gauntlet-scenarios`: `{ scenarios: Scenario[], errors: string[] }`, every scenario whole
 *   (the practice catalogue as it is today);
 * - `virtual:gauntlet-catalog`: the catalogue without any scenario's data: `{ entries: ScenarioSummary[],
 *   errors }` (meta and round titles, core/scenario/split.ts) plus `loaders[id].public()` / `.private()`, each a lazy import of
 * - `virtual:gauntlet-scenario/public/<id>` and `virtual:gauntlet-scenario/private/<id>`: one chunk
 *   per scenario and part (core/scenario/split.ts), so a page loads only the scenario it opens and
 *   a page that must not hold the rubric never loads the private part;
 * - `virtual:gauntlet-solutions`: `{ [id]: solution text }` for the authors' preview, in the dev
 *   server only (a build gets `{}`: reference solutions are never published).
 * A build also writes `dist/private-assets.json`: the files of every chunk that holds private text
 * (a private part, the whole catalogue, a model answer), which a live-only server
 * (GAUNTLET_LIVE_ONLY, src/server/liveOnly.ts) serves to interviewers only.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { parseScenario } from '../src/core/scenario/parse.ts';
import { splitScenario, summarizeScenario } from '../src/core/scenario/split.ts';
import type { Scenario } from '../src/core/scenario/types.ts';

const ID = 'virtual:gauntlet-scenarios';
const CATALOG = 'virtual:gauntlet-catalog';
const PART = /^virtual:gauntlet-scenario\/(public|private)\/([a-z0-9-]+)$/;
const SOLUTIONS = 'virtual:gauntlet-solutions';
/** Modules whose text is private (core/scenario/split.ts): private parts, the whole catalogue, model answers (and their source). */
const PRIVATE_MODULE = /^\0virtual:gauntlet-(scenario\/private\/|scenarios$|solutions$)|-model\.mdx/;
/** The list of private chunk files a build writes beside index.html. */
export const PRIVATE_ASSETS = 'private-assets.json';

export function scenariosPlugin(dir: string): Plugin {
  /** Reads and checks every scenario file (files only: a watched directory breaks Vite's dev server). */
  function readAll(watch: (file: string) => void): { scenarios: Scenario[]; errors: string[] } {
    const scenarios: Scenario[] = [];
    const errors: string[] = [];
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
      watch(join(dir, name));
      const parsed = parseScenario(`scenarios/${name}`, readFileSync(join(dir, name), 'utf8'));
      if (parsed.ok) scenarios.push(parsed.scenario);
      else errors.push(...parsed.errors);
    }
    return { scenarios, errors };
  }

  let serving = false;
  return {
    name: 'gauntlet-scenarios',
    configResolved(config) { serving = config.command === 'serve'; },
    resolveId: (id) => (id === ID || id === CATALOG || id === SOLUTIONS || PART.test(id) ? `\0${id}` : undefined),
    load(id) {
      if (!id.startsWith('\0virtual:gauntlet-')) return undefined;
      const virtual = id.slice(1);
      const watch = (file: string) => this.addWatchFile(file);
      if (virtual === ID) return `export default ${JSON.stringify(readAll(watch))};`;
      if (virtual === SOLUTIONS) {
        if (!serving) return 'export default {};';
        const solutions: Record<string, string> = {};
        for (const name of readdirSync(dir).filter((f) => f.endsWith('.solution.txt')).sort()) {
          watch(join(dir, name));
          solutions[name.replace(/\.solution\.txt$/, '')] = readFileSync(join(dir, name), 'utf8');
        }
        return `export default ${JSON.stringify(solutions)};`;
      }
      if (virtual === CATALOG) {
        const { scenarios, errors } = readAll(watch);
        const entries = scenarios.map(summarizeScenario);
        const loaders = scenarios
          .map((s) => `${JSON.stringify(s.meta.id)}: { public: () => import(${JSON.stringify(`virtual:gauntlet-scenario/public/${s.meta.id}`)}).then((m) => m.default), private: () => import(${JSON.stringify(`virtual:gauntlet-scenario/private/${s.meta.id}`)}).then((m) => m.default) }`)
          .join(',\n  ');
        return `export default ${JSON.stringify({ entries, errors })};\nexport const loaders = {\n  ${loaders}\n};`;
      }
      const m = PART.exec(virtual);
      if (!m) return undefined;
      const scenario = readAll(watch).scenarios.find((s) => s.meta.id === m[2]);
      if (!scenario) return `export default undefined;`;
      return `export default ${JSON.stringify(splitScenario(scenario)[m[1] as 'public' | 'private'])};`;
    },
    generateBundle(_options, bundle) {
      const files = Object.values(bundle)
        .filter((out) => out.type === 'chunk' && out.moduleIds.some((id) => PRIVATE_MODULE.test(id)))
        .map((out) => out.fileName)
        .sort();
      this.emitFile({ type: 'asset', fileName: PRIVATE_ASSETS, source: `${JSON.stringify(files, null, 2)}\n` });
    },
    hotUpdate({ file, server }) {
      // A scenario file changed: rebuild the catalogue modules and reload the page (state is rebuilt from it).
      if (!file.startsWith(dir) || !(file.endsWith('.yaml') || file.endsWith('.solution.txt'))) return;
      for (const mod of server.moduleGraph.idToModuleMap.values()) if (mod.id?.startsWith('\0virtual:gauntlet-')) server.moduleGraph.invalidateModule(mod);
      server.ws.send({ type: 'full-reload' });
      return [];
    },
  };
}
