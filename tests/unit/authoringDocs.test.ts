/**
 * The generated authoring files (JSON Schemas, docs/authoring/) are current: regenerate them with
 * `npm run authoring:docs` when a schema or registry changes. Every scenario and calibration file
 * points its editor at the schema, and the schema accepts every file the loader accepts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { authoringDocs } from '../../src/cli/authoringDocs.ts';
import { scenarioIds } from '../calibration/load.ts';

const root = join(import.meta.dirname, '..', '..');

describe('generated authoring files', () => {
  it.each([...authoringDocs().keys()])('%s is current (npm run authoring:docs)', (rel) => {
    expect(existsSync(join(root, rel)), `${rel} is missing: run npm run authoring:docs`).toBe(true);
    expect(readFileSync(join(root, rel), 'utf8') === authoringDocs().get(rel), `${rel} is out of date: run npm run authoring:docs`).toBe(true);
  });

  it.each(scenarioIds())('scenarios/%s.yaml and its calibration set name their JSON Schema on the first line', (id) => {
    expect(readFileSync(join(root, 'scenarios', `${id}.yaml`), 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=../docs/authoring/scenario.schema.json');
    expect(readFileSync(join(root, 'tests', 'calibration', `${id}.yaml`), 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=../../docs/authoring/calibration.schema.json');
  });

  it('lists what the registries hold: every command per place, every kind, fault kind, history step and matcher field', () => {
    const md = authoringDocs().get('docs/authoring/capabilities.md')!;
    for (const heading of ['### On the laptop (kubectl)', '### On a node (after `ssh <node>`)', '### On a debug container (`kubectl debug -it`)', '### `kubectl` verbs and their flags', '## Kinds (kubectl resource types)', '## Fault kinds (`faults:`)', '## History steps (`cluster.history`)', '## Rubric checks']) expect(md).toContain(`\n${heading}\n`);
    expect(md).toMatch(/\n\| `kubectl logs` \| [^\n]*`--previous\/-p`/);
    expect(md).toContain('\n### `missing-cpu-flag`\n');
    expect(md).toMatch(/\n- example \(scenarios\/sigill-node\.yaml\): `- \{kind: "missing-cpu-flag", images: \["registry\.internal:5000\/payments\/ledger-api:\*"\]/);
    expect(md).toMatch(/\n\| `setImage` \| `workload` \(string\), `image` \(string\), `changeCause`\? \(string\) \| /);
    expect(md).toMatch(/\n\| Pod \| `pods` `pod` `po` \| yes \|\n/);
  });

  it('describes the format: required fields, fault kinds as branches, the matcher fields', () => {
    const schema = JSON.parse(authoringDocs().get('docs/authoring/scenario.schema.json')!);
    expect(schema.required).toEqual(expect.arrayContaining(['schemaVersion', 'id', 'title', 'cluster', 'rounds']));
    expect(schema.additionalProperties).toBe(false);
    const kinds = schema.properties.faults.items.oneOf.map((b: { properties: { kind: { const: string } } }) => b.properties.kind.const);
    expect(kinds).toEqual(expect.arrayContaining(['missing-cpu-flag', 'memory-growth', 'bad-config']));
    const scenario = parse(readFileSync(join(root, 'scenarios', 'sigill-node.yaml'), 'utf8'));
    expect(Object.keys(scenario).every((k) => k in schema.properties)).toBe(true);
  });
});
