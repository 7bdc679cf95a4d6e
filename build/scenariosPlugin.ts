/**
 * Vite plugin: the scenario files are read, validated and converted at build time (and on each
 * change in dev), so the browser receives checked JSON instead of parsing YAML and running the
 * schema on every start. `import catalog from 'virtual:gauntlet-scenarios'` gives
 * `{ scenarios: Scenario[], errors: string[] }`; errors name the file, the field and the fix, as
 * parseScenario words them, and are shown on the home page rather than failing the build.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { parseScenario } from '../src/core/scenario/parse.ts';
import type { Scenario } from '../src/core/scenario/types.ts';

const ID = 'virtual:gauntlet-scenarios';
const RESOLVED = `\0${ID}`;

export function scenariosPlugin(dir: string): Plugin {
  return {
    name: 'gauntlet-scenarios',
    resolveId: (id) => (id === ID ? RESOLVED : undefined),
    load(id) {
      if (id !== RESOLVED) return undefined;
      // Files only: in the dev server a watched path becomes an import of the module, and a
      // directory cannot be imported. New files are seen by hotUpdate (the dev watcher covers the root).
      const scenarios: Scenario[] = [];
      const errors: string[] = [];
      for (const name of readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
        this.addWatchFile(join(dir, name));
        const parsed = parseScenario(`scenarios/${name}`, readFileSync(join(dir, name), 'utf8'));
        if (parsed.ok) scenarios.push(parsed.scenario);
        else errors.push(...parsed.errors);
      }
      return `export default ${JSON.stringify({ scenarios, errors })};`;
    },
    hotUpdate({ file, server }) {
      // A scenario file changed: rebuild the catalogue and reload the page (state is rebuilt from it).
      if (!file.startsWith(dir) || !file.endsWith('.yaml')) return;
      const mod = server.moduleGraph.getModuleById(RESOLVED);
      if (mod) server.moduleGraph.invalidateModule(mod);
      server.ws.send({ type: 'full-reload' });
      return [];
    },
  };
}
