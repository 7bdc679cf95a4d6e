import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { findFaultKind, faultKinds } from '../sim/faults/kinds.ts';
import { scenarioSchema, type ScenarioFile } from './schema.ts';
import { matcherProblem } from '../grader/validate.ts';
import type { Scenario } from './types.ts';

export type ParseResult = { ok: true; scenario: Scenario } | { ok: false; errors: string[] };

function fieldPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('') || '(top level)';
}

function describeIssue(file: string, issue: z.core.$ZodIssue): string {
  let message = issue.message;
  if (issue.code === 'unrecognized_keys') message = `unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}: remove them or check the spelling (see scenarios/README.md)`;
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) message = `missing: add this field (${issue.message.replace(/^Invalid input: /, '')})`;
  return `${file}: ${fieldPath(issue.path)}: ${message}`;
}

/**
 * Parses and validates a scenario file (YAML or JSON text). Every error names the file, the field
 * (`rounds[2].rubric.concepts[0].weight`) and what was expected, so an author can fix it without
 * reading src/. Also checks references inside the file: fault kinds and their parameters, CPU
 * models, nodes and workloads named by the history, the faulty nodes.
 */
export function parseScenario(file: string, text: string): ParseResult {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (e) {
    const m = e as { message?: string; linePos?: { line: number; col: number }[] };
    const where = m.linePos?.[0] ? ` (line ${m.linePos[0].line}, column ${m.linePos[0].col})` : '';
    return { ok: false, errors: [`${file}${where}: not valid YAML: ${(m.message ?? String(e)).split('\n')[0]}`] };
  }
  const parsed = scenarioSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((i) => describeIssue(file, i)) };
  const s = parsed.data;
  const errors = crossCheck(file, s);
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    scenario: {
      schemaVersion: 1,
      meta: { id: s.id, title: s.title, summary: s.summary, category: s.category, difficulty: s.difficulty, duration: s.duration, domains: s.domains },
      cluster: s.cluster,
      faults: s.faults,
      faultyNodes: s.faultyNodes,
      rounds: s.rounds.map((r) => ({ id: r.id, title: r.title, skill: r.skill, prompt: r.prompt, modelAnswer: r.modelAnswer, rubric: r.rubric, ...(r.onStart ? { onStart: r.onStart } : {}) })),
      seniorPath: s.seniorPath,
      file,
    },
  };
}

function crossCheck(file: string, s: ScenarioFile): string[] {
  const errors: string[] = [];
  const say = (path: string, msg: string) => errors.push(`${file}: ${path}: ${msg}`);
  const nodes = new Set(s.cluster.nodes.map((n) => n.name));
  const workloads = new Set(s.cluster.workloads.map((w) => w.name));
  s.cluster.nodes.forEach((n, i) => {
    if (!Object.hasOwn(s.cluster.cpuModels, n.cpu)) say(`cluster.nodes[${i}].cpu`, `unknown CPU model "${n.cpu}": use one of ${Object.keys(s.cluster.cpuModels).join(', ')} or add it under cluster.cpuModels`);
  });
  s.cluster.history.forEach((h, i) => {
    if (h.do === 'addNode' && !nodes.has(h.node)) say(`cluster.history[${i}].node`, `no node named "${h.node}" under cluster.nodes`);
    if ((h.do === 'scale' || h.do === 'setImage' || h.do === 'setConfig' || h.do === 'setProbes' || h.do === 'setResources') && !workloads.has(h.workload)) say(`cluster.history[${i}].workload`, `no workload named "${h.workload}" under cluster.workloads`);
  });
  const disks = new Map(s.cluster.nodes.map((n) => [n.name, new Set((n.disks ?? []).map((d) => d.name))]));
  s.cluster.history.forEach((h, i) => {
    if (h.do !== 'setDisk') return;
    if (!nodes.has(h.node)) say(`cluster.history[${i}].node`, `no node named "${h.node}" under cluster.nodes`);
    else if (!disks.get(h.node)!.has(h.device)) say(`cluster.history[${i}].device`, `node "${h.node}" has no disk "${h.device}": add it under its \`disks:\``);
  });
  const cp = s.cluster.controlPlane;
  const cpNodes = s.cluster.nodes.filter((n) => (n.roles ?? []).includes('control-plane'));
  if (cp) {
    if (cpNodes.length === 0) say('cluster.controlPlane', 'no node has `roles: [control-plane]`: the control plane needs nodes to run on');
    if (!cpNodes.some((n) => n.name === cp.etcd.leader)) say('cluster.controlPlane.etcd.leader', `"${cp.etcd.leader}" is not a control-plane node (${cpNodes.map((n) => n.name).join(', ') || 'none'})`);
    cpNodes.forEach((n) => { if (!(n.disks ?? []).some((d) => d.mount === '/var/lib/etcd')) say(`cluster.nodes[${s.cluster.nodes.indexOf(n)}].disks`, 'a control-plane node needs a disk mounted at /var/lib/etcd'); });
  }
  s.seniorPath.forEach((p, i) => {
    const ids = s.rounds.map((r) => r.id);
    if (p.round !== undefined && !ids.includes(p.round)) say(`seniorPath[${i}].round`, `no round "${p.round}": use one of ${ids.join(', ')}`);
  });
  s.rounds.forEach((r, i) => (r.onStart ?? []).forEach((step, j) => {
    if (!cp) say(`rounds[${i}].onStart[${j}]`, 'an events storm needs cluster.controlPlane (an etcd to fill)');
    const [ns, name] = step.source.split('/');
    if (!s.cluster.workloads.some((w) => w.namespace === ns && w.name === name)) say(`rounds[${i}].onStart[${j}].source`, `no workload "${step.source}" under cluster.workloads`);
  }));
  if (s.cluster.history[0].do !== 'start') say('cluster.history[0]', 'the history must begin with `do: start`, the moment the cluster is built');
  // Every image a workload runs must be described: a pull no fault breaks succeeds, so it has to know what it pulled.
  const images = new Set(s.cluster.images.map((im) => im.ref));
  const unlisted = (path: string, ref: string) => {
    if (!images.has(ref)) say(path, `image "${ref}" is not listed under cluster.images: add it there (ref, digest, size, binary, shell, cpu, memory, logs) or use a listed one (${[...images].join(', ')})`);
  };
  s.cluster.workloads.forEach((w, i) => unlisted(`cluster.workloads[${i}].image`, w.image));
  s.cluster.daemonSets.forEach((d, i) => unlisted(`cluster.daemonSets[${i}].image`, d.image));
  s.cluster.history.forEach((h, i) => { if (h.do === 'setImage') unlisted(`cluster.history[${i}].image`, h.image); });
  s.faultyNodes.forEach((n, i) => { if (!nodes.has(n)) say(`faultyNodes[${i}]`, `no node named "${n}" under cluster.nodes`); });
  s.faults.forEach((f, i) => {
    const kind = findFaultKind(f.kind);
    if (!kind) { say(`faults[${i}].kind`, `unknown fault kind "${f.kind}": use one of ${faultKinds.map((k) => k.kind).join(', ')}`); return; }
    const r = kind.params.safeParse(f);
    if (!r.success) for (const issue of r.error.issues) say(`faults[${i}].${fieldPath(issue.path)}`, issue.message);
  });
  const roundIds = new Set<string>();
  const evidenceIds = new Set(s.rounds.flatMap((r) => r.rubric.evidence.map((e) => e.id)));
  s.rounds.forEach((r, i) => {
    r.rubric.concepts.forEach((c, j) => (c.backedBy ?? []).forEach((id, k) => {
      if (!evidenceIds.has(id)) say(`rounds[${i}].rubric.concepts[${j}].backedBy[${k}]`, `no evidence "${id}" in any round of this scenario`);
    }));
    (r.rubric.order?.sequence ?? []).forEach((id, k) => {
      if (!r.rubric.evidence.some((e) => e.id === id)) say(`rounds[${i}].rubric.order.sequence[${k}]`, `no evidence "${id}" in this round`);
    });
    r.rubric.evidence.forEach((e, j) => (e.state ?? []).forEach((c, k) => {
      if (c.on && !nodes.has(c.on)) say(`rounds[${i}].rubric.evidence[${j}].state[${k}].on`, `no node named "${c.on}" under cluster.nodes`);
    }));
    r.rubric.evidence.forEach((e, j) => (e.any ?? []).forEach((m, k) => {
      const problem = matcherProblem(m);
      if (problem) say(`rounds[${i}].rubric.evidence[${j}].any[${k}]`, problem);
    }));
    r.rubric.penalties.forEach((p, j) => p.any.forEach((m, k) => {
      const problem = matcherProblem(m);
      if (problem) say(`rounds[${i}].rubric.penalties[${j}].any[${k}]`, problem);
    }));
    if (roundIds.has(r.id)) say(`rounds[${i}].id`, `duplicate round id "${r.id}"`);
    roundIds.add(r.id);
    const conceptIds = new Set(r.rubric.concepts.map((c) => c.id));
    r.rubric.weakAnswers.forEach((w, j) => (w.unlessConcepts ?? []).forEach((c, k) => {
      if (!conceptIds.has(c)) say(`rounds[${i}].rubric.weakAnswers[${j}].unlessConcepts[${k}]`, `no concept "${c}" in this round`);
    }));
  });
  return errors;
}
