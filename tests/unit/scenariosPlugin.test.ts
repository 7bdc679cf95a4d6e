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
    expect(catalog.errors).toContain('scenarios/broken.yaml:13:1: extra: unknown field "extra" — remove it or fix the spelling; use one of: category, cluster, difficulty, domains, duration, faults, faultyNodes, id, rounds, schemaVersion, seniorPath, summary, title, variants');
    expect(catalog.errors).toContain('scenarios/broken.yaml:9:10: cluster.name: missing field "name" — add it (text)');
  });
});

describe('reference solutions for the authors\' preview', () => {
  type Plugin = { configResolved: (c: { command: string }) => void; resolveId: (id: string) => string | undefined; load: (this: unknown, id: string) => string };
  const solutionsWhen = (command: string) => {
    const plugin = scenariosPlugin(join(ROOT, 'scenarios')) as unknown as Plugin;
    plugin.configResolved({ command });
    return plugin.load.call({ addWatchFile: () => undefined }, plugin.resolveId('virtual:gauntlet-solutions')!);
  };

  it('serves every solution in the dev server and none in a build', () => {
    const served = JSON.parse(solutionsWhen('serve').replace(/^export default /, '').replace(/;$/, ''));
    expect(served['sigill-node']).toContain('kubectl cordon ip-10-42-3-208');
    expect(solutionsWhen('build')).toBe('export default {};');
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
    // What the home and progress pages show: the meta and the rounds' titles, not the cluster or prompts.
    const whole = json(load('virtual:gauntlet-scenarios')).scenarios.find((s: { meta: { id: string } }) => s.meta.id === 'sigill-node');
    const entry = head.entries.find((e: { meta: { id: string } }) => e.meta.id === 'sigill-node');
    expect(entry).toEqual({ meta: whole.meta, rounds: whole.rounds.map((r: { id: string; title: string; skill: string }) => ({ id: r.id, title: r.title, skill: r.skill })) });
    expect(code).not.toContain('"cluster"');
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
