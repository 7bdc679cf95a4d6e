/**
 * JSON Schemas of the scenario and calibration formats, generated from the zod schemas the loader
 * uses (zod 4 `z.toJSONSchema`), so an editor with the YAML language server gives completion, hover
 * docs and inline errors. Written to docs/authoring/*.schema.json by `npm run authoring:docs`; a
 * test keeps the files current. Each fault kind's parameters become one branch of `faults` items.
 */
import { z } from 'zod';
import { calibrationSchema } from '../grader/calibrate.ts';
import { faultKinds } from '../sim/faults/kinds.ts';
import { scenarioSchema } from './schema.ts';

type Json = Record<string, unknown>;

const toJson = (schema: z.ZodType): Json => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as Json;

/** The scenario file format as a JSON Schema (draft 2020-12). */
export function scenarioJsonSchema(): Json {
  const root = toJson(scenarioSchema);
  const faults = (root.properties as Record<string, Json>).faults;
  faults.items = {
    description: 'A fault: `kind` picks the fault kind, the other fields are its settings (docs/authoring/capabilities.md).',
    oneOf: faultKinds.map((k) => {
      const { $schema: _, ...branch } = toJson(k.params);
      return { title: k.kind, description: k.description, ...branch };
    }),
  };
  return { title: 'Gauntlet scenario (scenarios/<id>.yaml)', ...root };
}

/** The calibration set format (tests/calibration/<id>.yaml) as a JSON Schema. */
export function calibrationJsonSchema(): Json {
  return { title: 'Gauntlet calibration set (tests/calibration/<id>.yaml)', ...toJson(calibrationSchema) };
}
