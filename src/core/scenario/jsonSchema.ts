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
import { PRESETS } from './presets.ts';

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
  // `cluster.preset` supplies fields the cluster otherwise requires: required only without a preset.
  const cluster = (root.properties as Record<string, Json>).cluster as { properties: Record<string, Json>; required: string[]; allOf?: Json[] };
  const supplied = new Set(Object.values(PRESETS).flatMap((p) => Object.keys(p.cluster)));
  cluster.properties = {
    preset: { description: `A cluster preset that supplies the server version, CPU models, nodeDefaults, system namespaces, images and add-ons (and for kubeadm-ha the control plane); every field of this section overrides it field by field. ${Object.entries(PRESETS).map(([name, p]) => `${name}: ${p.description}`).join(' ')}`, enum: Object.keys(PRESETS) },
    ...cluster.properties,
  };
  const always = cluster.required.filter((k) => !supplied.has(k));
  cluster.allOf = [{ if: { not: { required: ['preset'] } }, then: { required: cluster.required.filter((k) => supplied.has(k)) } }];
  cluster.required = always;
  return { title: 'Gauntlet scenario (scenarios/<id>.yaml)', ...root };
}

/** The calibration set format (tests/calibration/<id>.yaml) as a JSON Schema. */
export function calibrationJsonSchema(): Json {
  return { title: 'Gauntlet calibration set (tests/calibration/<id>.yaml)', ...toJson(calibrationSchema) };
}
