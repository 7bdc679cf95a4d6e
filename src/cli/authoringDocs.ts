/**
 * `npm run authoring:docs`: writes what authors read and editors load, generated from the code so
 * it cannot drift: docs/authoring/scenario.schema.json and calibration.schema.json (JSON Schema,
 * from the zod schemas) and docs/authoring/capabilities.md (the capability reference, from the
 * command, kind and fault registries). tests/unit/authoringDocs.test.ts fails when a file is out of date.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { calibrationJsonSchema, scenarioJsonSchema } from '../core/scenario/jsonSchema.ts';
import { repoRoot } from './project.ts';
import { capabilitiesMarkdown } from './capabilities.ts';

/** Every generated file: path under the repository → its text. */
export function authoringDocs(): Map<string, string> {
  return new Map([
    ['docs/authoring/scenario.schema.json', `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`],
    ['docs/authoring/calibration.schema.json', `${JSON.stringify(calibrationJsonSchema(), null, 2)}\n`],
    ['docs/authoring/capabilities.md', capabilitiesMarkdown()],
  ]);
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  for (const [rel, text] of authoringDocs()) {
    mkdirSync(dirname(join(repoRoot, rel)), { recursive: true });
    writeFileSync(join(repoRoot, rel), text);
    process.stdout.write(`wrote ${rel}\n`);
  }
}
