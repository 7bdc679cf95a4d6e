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
    expect(catalog.errors).toContain('scenarios/broken.yaml: (top level): unknown field(s) "extra": remove them or check the spelling (see scenarios/README.md)');
    expect(catalog.errors.some((e) => e.startsWith('scenarios/broken.yaml: cluster.name: missing: add this field'))).toBe(true);
  });
});

describe('per-scenario modules', () => {
  type Loaded = { resolveId: (id: string) => string | undefined; load: (this: unknown, id: string) => string };
  const plugin = scenariosPlugin(join(ROOT, 'scenarios')) as unknown as Loaded;
  const load = (id: string) => plugin.load.call({ addWatchFile: () => undefined }, plugin.resolveId(id)!);
  const json = (code: string) => JSON.parse(code.replace(/^export default /, '').replace(/;$/, ''));

  it('lists metas only in the catalogue, with a lazy import per scenario and part', () => {
    const code = load('virtual:gauntlet-catalog');
    const head = json(code.split('\nexport const loaders')[0]);
    expect(head.entries.map((e: { meta: { id: string } }) => e.meta.id)).toContain('sigill-node');
    expect(code).not.toContain('"rubric"');
    expect(code).toContain('import("virtual:gauntlet-scenario/public/sigill-node")');
    expect(code).toContain('import("virtual:gauntlet-scenario/private/sigill-node")');
  });

  it('splits a scenario into a public module without the rubric and a private one that joins back whole', async () => {
    const { joinScenario } = await import('../../src/core/scenario/split.ts');
    const pub = json(load('virtual:gauntlet-scenario/public/sigill-node'));
    const priv = json(load('virtual:gauntlet-scenario/private/sigill-node'));
    const whole = json(load('virtual:gauntlet-scenarios')).scenarios.find((s: { meta: { id: string } }) => s.meta.id === 'sigill-node');
    expect(JSON.stringify(pub)).not.toContain('"rubric"');
    expect(JSON.stringify(pub)).not.toContain(whole.rounds[0].rubric.hints[0].text);
    expect(pub.rounds[0].hintCosts).toEqual(whole.rounds[0].rubric.hints.map((h: { cost: number }) => h.cost));
    expect(joinScenario(pub, priv)).toEqual(whole);
    expect(plugin.resolveId('virtual:gauntlet-scenario/secret/sigill-node')).toBeUndefined();
  });
});
