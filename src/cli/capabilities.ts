/**
 * The capability reference (docs/authoring/capabilities.md): what the simulator can do, generated
 * from its registries so it is never out of date — every command and flag per place, every kind,
 * every fault kind with its settings and lifecycle stages, every history step, every rubric check,
 * each with one example taken from a real scenario file when one uses it.
 */
import { PRESETS } from '../core/scenario/presets.ts';
import { ATTEMPT_SEEDS, CHECK_SEEDS } from '../core/scenario/variants.ts';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { commands } from '../core/commands/registry.ts';
import type { Place } from '../core/commands/types.ts';
import type { FlagSpec } from '../core/commands/flags.ts';
import { KINDS } from '../core/kinds/registry.ts';
import { faultKinds } from '../core/sim/faults/kinds.ts';
import { builtins } from '../core/shell/builtins/index.ts';
import { scenarioJsonSchema } from '../core/scenario/jsonSchema.ts';
import { repoRoot } from './project.ts';

type Json = Record<string, any>;
const PLACES: Record<Place, string> = { laptop: 'the laptop (kubectl)', node: 'a node (after `ssh <node>`)', debug: 'a debug container (`kubectl debug -it`)' };
/** Inline code for a table cell (GFM: a pipe inside a cell is escaped even in code). */
const code = (s: string) => `\`${s.replace(/`/g, "'").replace(/\|/g, '\\|')}\``;
const plainCode = (s: string) => `\`${s.replace(/`/g, "'")}\``;
const flagList = (flags: readonly FlagSpec[]) => flags.filter((f) => !f.hidden).map((f) => code(`--${f.name}${f.short ? `/-${f.short}` : ''}`)).join(' ');

/** Every value in the repository's scenario files, flattened, for finding a real example of something. */
function scenarioFiles(): { id: string; data: Json }[] {
  const dir = join(repoRoot, 'scenarios');
  return readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort().map((f) => ({ id: f.replace(/\.yaml$/, ''), data: parse(readFileSync(join(dir, f), 'utf8')) as Json }));
}
const inline = (v: unknown) => JSON.stringify(v).replace(/"([a-zA-Z][\w-]*)":/g, '$1: ').replace(/,(?=[a-zA-Z"{[])/g, ', ');

/** The fields of a JSON Schema object branch with their types and whether they are required. */
function fieldsOf(schema: Json): string {
  const req = new Set<string>(schema.required ?? []);
  return Object.entries<Json>(schema.properties ?? {}).filter(([k]) => k !== 'kind' && k !== 'do' && k !== 'ago')
    .map(([k, v]) => `${code(k)}${req.has(k) ? '' : '?'} (${v.type ?? (v.enum ? v.enum.join('\\|') : v.anyOf || v.oneOf ? 'one of several shapes' : 'value')})`).join(', ');
}

export function capabilitiesMarkdown(): string {
  const files = scenarioFiles();
  const out: string[] = [
    '# What the simulator can do',
    '',
    'Generated from the registries by `npm run authoring:docs` (tests/unit/authoringDocs.test.ts keeps it current): do not edit by hand.',
    'Field-by-field format: [scenario.schema.json](scenario.schema.json); the walkthrough: [scenarios/README.md](../../scenarios/README.md).',
    '',
    '## Commands, by place',
    '',
  ];
  for (const place of Object.keys(PLACES) as Place[]) {
    out.push(`### On ${PLACES[place]}`, '', '| command | what | flags |', '| --- | --- | --- |');
    for (const c of [...commands].filter((x) => x.places.includes(place)).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (c.verbs) {
        const verbs = c.verbs();
        out.push(`| ${code(c.name)} | ${c.summary.replace(/\|/g, '\\|')} | ${verbs.length} verb paths, below |`);
      } else out.push(`| ${code(c.name)} | ${c.summary.replace(/\|/g, '\\|')} | ${c.flags ? flagList(c.flags) || '(none)' : '(no flag table)'} |`);
    }
    if (place === 'laptop') out.push(`| ${code('ssh')} | log in to a node (the session's own) | |`);
    out.push('');
  }
  out.push(`Shell builtins everywhere: ${builtins.map((b) => code(b.name)).join(' ')}; pipes, \`$(…)\`, redirections and variables as in bash.`, '');
  for (const c of commands.filter((x) => x.verbs)) {
    out.push(`### ${code(c.name)} verbs and their flags`, '', '| verb | flags |', '| --- | --- |');
    for (const v of c.verbs!()) out.push(`| ${code([c.name, ...v.path].join(' '))} | ${flagList(v.flags)} |`);
    out.push('');
  }

  out.push('## Kinds (kubectl resource types)', '', '| kind | names | namespaced |', '| --- | --- | --- |');
  for (const k of [...KINDS].sort((a, b) => (a.kind < b.kind ? -1 : 1))) out.push(`| ${k.kind} | ${[k.plural, k.singular, ...k.shortNames].map(code).join(' ')} | ${k.namespaced ? 'yes' : 'no'} |`);
  out.push('');

  const schema = scenarioJsonSchema() as Json;
  out.push('## Fault kinds (`faults:`)', '', 'Each fault acts at stages of a pod\'s life, in this order: schedule, pull, mount, sandbox, config, start, run, probe, node, network, api.', '');
  const faultBranches: Json[] = schema.properties.faults.items.oneOf;
  for (const k of faultKinds) {
    const branch = faultBranches.find((b) => b.title === k.kind)!;
    const example = files.flatMap((f) => (f.data.faults ?? []).filter((x: Json) => x.kind === k.kind).map((x: Json) => ({ id: f.id, x })))[0];
    out.push(`### ${code(k.kind)}`, '', k.description, '', `- stages: ${k.stages.join(', ')}`, `- settings: ${fieldsOf(branch)}`);
    if (example) out.push(`- example (scenarios/${example.id}.yaml): ${plainCode(`- ${inline(example.x)}`)}`);
    out.push('');
  }

  out.push('## Cluster presets (`cluster.preset`)', '', 'A preset supplies the fields below; anything the file writes in `cluster:` overrides it field by field (objects key by key, lists of named items by name, `namespaces` joined).', '', '| preset | what | supplies |', '| --- | --- | --- |');
  for (const [name, p] of Object.entries(PRESETS)) out.push(`| ${code(name)} | ${p.description} | ${Object.keys(p.cluster).map(code).join(' ')} |`);
  out.push('');

  out.push('## Variants (`variants:`)', '', `Each attempt plays a variant of the scenario, picked by a seed (0 is the file as written): every practice attempt and live interview draws one of seeds ${ATTEMPT_SEEDS.join(', ')}, the seeds \`scenario:check\` replays (${CHECK_SEEDS.join(', ')}), and keeps it for reloads, retries and its report. What varies, unless turned off:`, '',
    '| field | default | what varies |', '| --- | --- | --- |',
    '| `nodes` | true | every node IP gets another host number in its subnet; nodes named after their IP (`ip-10-42-3-208`) are renamed with it; etcd member ids follow |',
    '| `ages` | true | nodes there from the first history step are a few days older |',
    '| `names` | none | `{ name-in-this-file: [alternatives] }`: a namespace, workload or image tag becomes one of its alternatives |',
    '', 'Pod name suffixes, uids and container ids always differ per seed. The solution, weak path, calibration set, rubric and prose are rewritten with the same names (whole words), so write them against the names in the file.', '');

  out.push('## History steps (`cluster.history`)', '', 'Oldest first; each step has `ago` (a duration before `now`) and `do`.', '', '| do | fields | example |', '| --- | --- | --- |');
  for (const step of schema.properties.cluster.properties.history.items.oneOf as Json[]) {
    const name = step.properties.do.const as string;
    const example = files.flatMap((f) => (f.data.cluster?.history ?? []).filter((x: Json) => x.do === name).map((x: Json) => ({ id: f.id, x })))[0];
    out.push(`| ${code(name)} | ${fieldsOf(step) || '—'} | ${example ? `${code(inline(example.x))} (${example.id})` : '—'} |`);
  }
  out.push('');

  out.push('## Rubric checks', '', 'Evidence `any:` and penalties match commands by their parse, never by their text; `state:` checks read the cluster when the answer is submitted.', '', '| field | what | example |', '| --- | --- | --- |');
  const matcher = schema.properties.rounds.items.properties.rubric.properties.evidence.items.properties.any.items;
  const matchers = files.flatMap((f) => (f.data.rounds ?? []).flatMap((r: Json) => [...(r.rubric?.evidence ?? []).flatMap((e: Json) => e.any ?? []), ...(r.rubric?.penalties ?? []).flatMap((p: Json) => p.any ?? [])]).map((m: Json) => ({ id: f.id, m })));
  const what: Record<string, string> = {
    tool: 'the program after wrappers (sudo, watch)', verb: 'the start of its verb path', resources: 'kubectl resource types addressed (any spelling)', names: 'object names addressed or given',
    args: 'positionals, in order', flags: 'long flags given (a list), or flag → regex of its value', on: 'where it ran: laptop, node, faulty-node, healthy-node',
    output: 'regex its output must match', row: 'scope `output` to table rows whose cells match, by column', jsonpath: 'scope `output` to one field of JSON/YAML output',
  };
  for (const field of Object.keys(matcher.properties)) {
    const ex = matchers.find((x) => x.m[field] !== undefined);
    out.push(`| ${code(field)} | ${what[field] ?? ''} | ${ex ? `${code(inline(ex.m))} (${ex.id})` : '—'} |`);
  }
  const state = files.flatMap((f) => (f.data.rounds ?? []).flatMap((r: Json) => (r.rubric?.evidence ?? []).flatMap((e: Json) => e.state ?? [])).map((s: Json) => ({ id: f.id, s })))[0];
  out.push(`| \`state\` | \`{ run, on?, output }\`: a read-only command run against the cluster as it is at answer time | ${state ? `${code(inline(state.s))} (${state.id})` : '—'} |`, '');
  return `${out.join('\n')}\n`;
}

