/**
 * A mutation set for the scenario check (issue 18: "68 of 215 mutations were accepted"): for a
 * scenario file, a few hundred small edits an author could make by mistake, each with the line
 * the check must name. Tests assert every one is rejected at that line with the field named, or
 * proven harmless (the file still loads and plays). Pure: text in, edited texts out.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';

export interface Mutation {
  name: string;
  text: string;
  /** The line the check must report (1-based), or undefined for a harmless edit. */
  line?: number;
}

type Path = (string | number)[];

/** Edits of one scenario file's text, located by YAML node ranges. */
export function mutationsOf(text: string): Mutation[] {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, keepSourceTokens: true });
  const data = doc.toJS() as Record<string, any>;
  const out: Mutation[] = [];
  const lineAt = (offset: number) => lines.linePos(offset).line;
  const node = (path: Path): Node | undefined => doc.getIn(path, true) as Node | undefined;
  /** Replace the value at `path` with `replacement` (YAML source). */
  const setValue = (name: string, path: Path, replacement: string, harmless = false) => {
    const n = node(path);
    if (!n?.range) return;
    const [start, end] = n.range;
    out.push({ name, text: text.slice(0, start) + replacement + text.slice(end), line: harmless ? undefined : lineAt(start) });
  };
  /** Rename the key at the end of `path`. */
  const renameKey = (name: string, path: Path, newKey: string) => {
    const parent = doc.getIn(path.slice(0, -1), true);
    if (!isMap(parent)) return;
    const pair = parent.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === path[path.length - 1]);
    const k = pair?.key as Node | undefined;
    if (!k?.range) return;
    out.push({ name, text: text.slice(0, k.range[0]) + newKey + text.slice(k.range[1]), line: lineAt(k.range[0]) });
  };
  /** Shift the line holding the value at `path` left or right. */
  const shiftLine = (name: string, line: number, by: number) => {
    const ls = text.split('\n');
    const l = ls[line - 1];
    if (!l || (by < 0 && !l.startsWith(' '.repeat(-by)))) return;
    ls[line - 1] = by > 0 ? ' '.repeat(by) + l : l.slice(-by);
    out.push({ name, text: ls.join('\n'), line });
  };
  const typo = (s: string) => (s.length > 3 ? s.slice(0, -2) + s[s.length - 1] + s[s.length - 2] : `${s}x`);

  // Top level.
  for (const k of ['title', 'summary', 'rounds', 'seniorPath', 'faults', 'domains']) renameKey(`top-level field ${k} misspelt`, [k], typo(k));
  setValue('schemaVersion 2', ['schemaVersion'], '2');
  setValue('id differs from the file name', ['id'], `${data.id}-x`);
  setValue('id with capitals', ['id'], 'My_Scenario');
  setValue('domains not a list', ['domains'], 'Kubernetes');
  setValue('title harmlessly reworded', ['title'], '"A reworded title"', true);
  setValue('category harmlessly reworded', ['category'], 'Drills', true);

  // Cluster.
  setValue('serverVersion malformed', ['cluster', 'serverVersion'], '1.31');
  setValue('now not a time', ['cluster', 'now'], 'yesterday');
  renameKey('nodeDefaults misspelt', ['cluster', 'nodeDefaults'], 'nodeDefault');
  setValue('capacity memory malformed', ['cluster', 'nodeDefaults', 'capacity', 'memory'], '32GB');
  setValue('capacity unknown resource', ['cluster', 'nodeDefaults', 'capacity'], '{ cpu: "8", memroy: 32Gi }');
  (data.cluster?.nodes ?? []).forEach((n: any, i: number) => {
    if (i > 2) return;
    setValue(`node ${n.name}: unknown CPU model`, ['cluster', 'nodes', i, 'cpu'], `${n.cpu}x`);
    setValue(`node ${n.name}: age malformed`, ['cluster', 'nodes', i, 'age'], '40 days');
    setValue(`node ${n.name}: IP malformed`, ['cluster', 'nodes', i, 'ip'], '10.0.0');
    renameKey(`node ${n.name}: zone misspelt`, ['cluster', 'nodes', i, 'zone'], 'zoen');
    if (i > 0) setValue(`node ${n.name}: duplicate name`, ['cluster', 'nodes', i, 'name'], data.cluster.nodes[0].name);
  });
  (data.cluster?.images ?? []).forEach((img: any, i: number) => {
    if (i > 1) return;
    setValue(`image ${img.ref}: size malformed`, ['cluster', 'images', i, 'size'], 'big');
    setValue(`image ${img.ref}: memory malformed`, ['cluster', 'images', i, 'memory'], '420MB');
    setValue(`image ${img.ref}: digest malformed`, ['cluster', 'images', i, 'digest'], 'sha256:abc');
    setValue(`image ${img.ref}: binary relative`, ['cluster', 'images', i, 'binary'], 'bin/app');
    setValue(`image ${img.ref}: shell not boolean`, ['cluster', 'images', i, 'shell'], 'maybe');
    if (i > 0) setValue(`image ${img.ref}: duplicate ref`, ['cluster', 'images', i, 'ref'], `"${data.cluster.images[0].ref}"`);
  });
  (data.cluster?.workloads ?? []).forEach((w: any, i: number) => {
    if (i > 2) return;
    const at = (...p: Path) => ['cluster', 'workloads', i, ...p];
    setValue(`workload ${w.name}: replicas as text`, at('replicas'), 'three');
    setValue(`workload ${w.name}: replicas negative`, at('replicas'), '-1');
    setValue(`workload ${w.name}: replicas 5000`, at('replicas'), '5000');
    setValue(`workload ${w.name}: image not listed`, at('image'), `"${w.image}-typo"`);
    setValue(`workload ${w.name}: namespace not listed`, at('namespace'), 'nowhere');
    renameKey(`workload ${w.name}: replicas misspelt`, at('replicas'), 'replica');
    if (w.ports?.length) setValue(`workload ${w.name}: port 0`, at('ports', 0), '0');
    if (w.ports?.length) setValue(`workload ${w.name}: port 70000`, at('ports', 0), '70000');
    if (w.requests?.memory) setValue(`workload ${w.name}: request memory malformed`, at('requests', 'memory'), '512MB');
    if (w.requests?.cpu) setValue(`workload ${w.name}: request cpu malformed`, at('requests', 'cpu'), 'half');
    if (w.limits?.memory) setValue(`workload ${w.name}: limit memory malformed`, at('limits', 'memory'), '1GiB');
    for (const probe of ['liveness', 'readiness', 'startup']) {
      if (!w[probe]) continue;
      setValue(`workload ${w.name}: ${probe} period 0`, at(probe, 'periodSeconds'), '0');
      setValue(`workload ${w.name}: ${probe} port 99999`, at(probe, 'port'), '99999');
      setValue(`workload ${w.name}: ${probe} path relative`, at(probe, 'path'), 'healthz');
    }
    setValue(`workload ${w.name}: env from a missing Secret`, at('env'), '{ DB_PASSWORD: { secret: no-such-secret, key: password } }');
    setValue(`workload ${w.name}: envFrom a missing ConfigMap`, at('envFrom'), '[{ configMap: no-such-config }]');
    if (i > 0) setValue(`workload ${w.name}: duplicate name`, at('name'), data.cluster.workloads[0].name);
  });
  (data.cluster?.history ?? []).forEach((h: any, i: number) => {
    const at = (...p: Path) => ['cluster', 'history', i, ...p];
    setValue(`history ${i}: ago malformed`, at('ago'), 'ages');
    setValue(`history ${i}: unknown step`, at('do'), `${h.do}x`);
    if (h.workload) setValue(`history ${i}: unknown workload`, at('workload'), `${h.workload}x`);
    if (h.node) setValue(`history ${i}: unknown node`, at('node'), `${h.node}x`);
    if (h.image) setValue(`history ${i}: image not listed`, at('image'), `"${h.image}-typo"`);
    if (i > 0) setValue(`history ${i}: out of order`, at('ago'), '400d');
  });
  (data.faultyNodes ?? []).forEach((n: string, i: number) => setValue(`faultyNodes: ${n} misspelt`, ['faultyNodes', i], `${n}x`));
  (data.faults ?? []).forEach((f: any, i: number) => {
    setValue(`fault ${i}: unknown kind`, ['faults', i, 'kind'], `${f.kind}s`);
    setValue(`fault ${i}: images match nothing`, ['faults', i, 'images'], '["registry.example.com/nothing:*"]');
    setValue(`fault ${i}: images not a list`, ['faults', i, 'images'], '42');
    renameKey(`fault ${i}: images misspelt`, ['faults', i, 'images'], 'image');
    if (f.after) setValue(`fault ${i}: after malformed`, ['faults', i, 'after'], 'soon');
    if (f.nodes) setValue(`fault ${i}: unknown node`, ['faults', i, 'nodes', 0], 'no-such-node');
  });

  // Rounds.
  (data.rounds ?? []).forEach((r: any, i: number) => {
    const at = (...p: Path) => ['rounds', i, ...p];
    setValue(`round ${r.id}: prompt missing`, at('prompt'), `${data.id}/no-such-prompt.mdx`);
    setValue(`round ${r.id}: model answer missing`, at('modelAnswer'), `${data.id}/no-such-model.mdx`);
    renameKey(`round ${r.id}: seniorSignal misspelt`, at('rubric', 'seniorSignal'), 'senorSignal');
    setValue(`round ${r.id}: title reworded`, at('title'), '"Another title"', true);
    if (i > 0) setValue(`round ${r.id}: duplicate id`, at('id'), data.rounds[0].id);
    const c = r.rubric?.concepts ?? [];
    if (c.length) {
      setValue(`round ${r.id}: concept weight as text`, at('rubric', 'concepts', 0, 'weight'), 'heavy');
      setValue(`round ${r.id}: concept pattern not a regex`, at('rubric', 'concepts', 0, 'patterns', 0), "'(unclosed'");
      setValue(`round ${r.id}: concept label reworded`, at('rubric', 'concepts', 0, 'label'), '"Another label"', true);
      if (c.length > 1) setValue(`round ${r.id}: duplicate concept id`, at('rubric', 'concepts', 1, 'id'), c[0].id);
    }
    c.forEach((x: any, j: number) => (x.backedBy ?? []).forEach((_: string, k: number) => { if (k === 0) setValue(`round ${r.id}: backedBy unknown evidence`, at('rubric', 'concepts', j, 'backedBy', k), 'no-such-evidence'); }));
    const ev = r.rubric?.evidence ?? [];
    ev.forEach((e: any, j: number) => {
      if (j > 2) return;
      if (j > 0) setValue(`round ${r.id}: duplicate evidence id ${e.id}`, at('rubric', 'evidence', j, 'id'), ev[0].id);
      setValue(`round ${r.id}: evidence ${e.id} weight negative`, at('rubric', 'evidence', j, 'weight'), '-5');
      (e.any ?? []).forEach((m: any, k: number) => {
        if (k > 0) return;
        setValue(`round ${r.id}: evidence ${e.id} tool misspelt`, at('rubric', 'evidence', j, 'any', k, 'tool'), `${m.tool}z`);
        if (m.verb?.length) setValue(`round ${r.id}: evidence ${e.id} verb misspelt`, at('rubric', 'evidence', j, 'any', k, 'verb', 0), typo(m.verb[0]));
        if (Array.isArray(m.flags) && m.flags.length) setValue(`round ${r.id}: evidence ${e.id} flag misspelt`, at('rubric', 'evidence', j, 'any', k, 'flags', 0), typo(m.flags[0]));
        if (m.resources?.length) setValue(`round ${r.id}: evidence ${e.id} resource misspelt`, at('rubric', 'evidence', j, 'any', k, 'resources', 0), `${m.resources[0]}zz`);
        if (m.output) setValue(`round ${r.id}: evidence ${e.id} output not a regex`, at('rubric', 'evidence', j, 'any', k, 'output'), "'[unclosed'");
        setValue(`round ${r.id}: evidence ${e.id} on unknown place`, at('rubric', 'evidence', j, 'any', k), `{ tool: ${m.tool}, on: moon }`);
      });
      (e.state ?? []).forEach((_: any, k: number) => setValue(`round ${r.id}: evidence ${e.id} state on unknown node`, at('rubric', 'evidence', j, 'state', k), '{ run: "kubectl get nodes", on: no-such-node, output: x }'));
    });
    (r.rubric?.order?.sequence ?? []).forEach((_: string, k: number) => { if (k === 0) setValue(`round ${r.id}: order names unknown evidence`, at('rubric', 'order', 'sequence', k), 'no-such-evidence'); });
    (r.rubric?.weakAnswers ?? []).forEach((w: any, j: number) => (w.unlessConcepts ?? []).forEach((_: string, k: number) => { if (k === 0) setValue(`round ${r.id}: unlessConcepts unknown concept`, at('rubric', 'weakAnswers', j, 'unlessConcepts', k), 'no-such-concept'); }));
    (r.rubric?.penalties ?? []).forEach((p: any, j: number) => { if (j === 0) setValue(`round ${r.id}: penalty points as text`, at('rubric', 'penalties', j, 'points'), 'many'); });
    (r.onStart ?? []).forEach((_: any, j: number) => setValue(`round ${r.id}: onStart source unknown`, at('onStart', j, 'source'), 'nowhere/nothing'));
  });

  // Broken indentation: a few lines shifted by one or two spaces.
  const all = text.split('\n');
  for (const key of ['    osImage:', '  workloads:', '    rubric:', '      concepts:', '  - id: probe']) {
    const line = all.findIndex((l) => l.startsWith(key)) + 1;
    if (line > 0) { shiftLine(`line ${line} indented one space more`, line, 1); shiftLine(`line ${line} indented one space less`, line, -1); }
  }
  return out;
}
