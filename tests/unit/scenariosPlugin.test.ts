import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenariosPlugin } from '../../build/scenariosPlugin.ts';
import { ROOT } from '../calibration/load.ts';

/** Runs the plugin's load hook the way Vite does, and evaluates the module it returns. */
function catalogOf(dir: string): { scenarios: { meta: { id: string } }[]; errors: string[] } {
  const plugin = scenariosPlugin(dir) as unknown as { resolveId: (id: string) => string; load: (this: unknown, id: string) => string };
  const code = plugin.load.call({ addWatchFile: () => undefined }, plugin.resolveId('virtual:gauntlet-scenarios'));
  return JSON.parse(code.replace(/^export default /, '').replace(/;$/, ''));
}

describe('build-time scenario catalogue', () => {
  it('ships valid scenarios as JSON and a broken file as an error naming the file, field and fix', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scenarios-'));
    copyFileSync(join(ROOT, 'scenarios', 'sigill-node.yaml'), join(dir, 'sigill-node.yaml'));
    writeFileSync(join(dir, 'broken.yaml'), 'schemaVersion: 1\nid: broken\ntitle: x\nsummary: y\ncategory: c\ndifficulty: d\nduration: 5 min\ndomains: [k8s]\ncluster: {}\nfaults: []\nrounds: []\nseniorPath: []\nextra: 1\n');
    const catalog = catalogOf(dir);
    expect(catalog.scenarios.map((s) => s.meta.id)).toEqual(['sigill-node']);
    expect(catalog.errors).toContain('scenarios/broken.yaml:13:1: extra: unknown field "extra" — remove it or fix the spelling; use one of: category, cluster, difficulty, domains, duration, faults, faultyNodes, id, rounds, schemaVersion, seniorPath, summary, title');
    expect(catalog.errors).toContain('scenarios/broken.yaml:9:10: cluster.name: missing field "name" — add it (text)');
  });
});
