/**
 * Checks across fields that a schema cannot see: names that must exist elsewhere in the file
 * (nodes, workloads, CPU models, images, Secrets, evidence and concept ids), ids used twice, fault
 * settings that would match nothing, rubric matchers naming tools or flags the simulator lacks, and
 * the prose files. Runs on the raw document, whatever the schema thought of it, so one run reports
 * everything (a wrong type elsewhere does not hide an unknown id).
 */
import { findFaultKind, faultKinds } from '../../sim/faults/kinds.ts';
import { matcherProblems } from '../../grader/vocabulary.ts';
import type { CommandMatcher } from '../../grader/types.ts';
import { allowedKeys, describeIssue, type RawProblem } from './schemaIssues.ts';
import type { FieldPath } from './locate.ts';
import { didYouMean } from './suggest.ts';
import { apiVersionOf, kindDef, KINDS } from '../../kinds/registry.ts';

/**
 * Kinds a manifest may not create: nodes and workloads have their own sections (hosts, images,
 * history), and pods, ReplicaSets, endpoints, revisions, leases and events are the controllers'.
 */
const NOT_BY_MANIFEST = new Set(['Node', 'Namespace', 'Event', 'Pod', 'ReplicaSet', 'Deployment', 'DaemonSet', 'StatefulSet', 'Endpoints', 'EndpointSlice', 'ControllerRevision', 'Lease']);

type Obj = Record<string, unknown>;
const obj = (x: unknown): Obj => (x && typeof x === 'object' && !Array.isArray(x) ? (x as Obj) : {});
const list = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
const str = (x: unknown): string | undefined => (typeof x === 'string' ? x : undefined);
const strs = (x: unknown): string[] => list(x).filter((v): v is string => typeof v === 'string');

/** What the reference checks need from the outside world. */
export interface ReferenceOptions {
  /** The id the file name implies (`scenarios/<id>.yaml`), when known. */
  expectedId?: string;
  /** Whether a path under content/ exists; content is not checked when absent. */
  contentExists?: (path: string) => boolean;
}

/** Images a pattern list (`registry/app:*` or exact refs) selects, as the fault kinds read it. */
const matches = (pattern: string, ref: string) => (pattern.endsWith('*') ? ref.startsWith(pattern.slice(0, -1)) : ref === pattern);

export function referenceProblems(raw: unknown, opts: ReferenceOptions): RawProblem[] {
  const out: RawProblem[] = [];
  const say = (path: FieldPath, message: string) => out.push({ path, message });
  const warn = (path: FieldPath, message: string) => out.push({ path, message, warning: true });
  const s = obj(raw);
  const cluster = obj(s.cluster);
  const nodes = list(cluster.nodes).map(obj);
  const nodeNames = nodes.map((n) => str(n.name)).filter((n): n is string => !!n);
  const workloads = list(cluster.workloads).map(obj);
  const workloadNames = workloads.map((w) => str(w.name)).filter((n): n is string => !!n);
  const images = list(cluster.images).map(obj);
  const imageRefs = images.map((i) => str(i.ref)).filter((n): n is string => !!n);
  const namespaces = strs(cluster.namespaces);
  const cpuModels = Object.keys(obj(cluster.cpuModels));
  const rounds = list(s.rounds).map(obj);

  const unknownName = (path: FieldPath, what: string, name: string, valid: readonly string[], where: string) =>
    say(path, `no ${what} "${name}" ${where} — ${didYouMean(name, valid)}`);
  const nodeRef = (path: FieldPath, name: unknown) => {
    if (typeof name === 'string' && !nodeNames.includes(name)) unknownName(path, 'node', name, nodeNames, 'under cluster.nodes');
  };

  // The id is the file name: the catalogue, URLs, saved attempts and calibration sets go by it.
  const id = str(s.id);
  if (opts.expectedId !== undefined && id !== undefined && id !== opts.expectedId) say(['id'], `the id "${id}" differs from the file name "${opts.expectedId}.yaml" — rename the file or set id: ${opts.expectedId}`);

  // Names that must be unique in their list.
  const unique = (items: Obj[], path: FieldPath, key: (o: Obj) => string | undefined, what: string) => {
    const seen = new Map<string, number>();
    items.forEach((o, i) => {
      const k = key(o);
      if (k === undefined) return;
      if (seen.has(k)) say([...path, i], `duplicate ${what} "${k}" (also item ${seen.get(k)! + 1} of this list) — give each a different name`);
      else seen.set(k, i);
    });
  };
  const nsName = (o: Obj) => (str(o.name) ? `${str(o.namespace) ?? 'default'}/${str(o.name)}` : undefined);
  unique(nodes, ['cluster', 'nodes'], (o) => str(o.name), 'node name');
  unique(nodes, ['cluster', 'nodes'], (o) => str(o.ip), 'node IP');
  // History steps and round-start steps name workloads without their namespace: one name, one workload.
  unique(workloads, ['cluster', 'workloads'], (o) => str(o.name), 'workload name');
  unique(images, ['cluster', 'images'], (o) => str(o.ref), 'image');
  unique(list(cluster.namespaces).map((n) => ({ name: n })), ['cluster', 'namespaces'], (o) => str(o.name), 'namespace');
  for (const k of ['configMaps', 'secrets', 'services', 'pdbs', 'daemonSets'] as const) unique(list(cluster[k]).map(obj), ['cluster', k], nsName, k.replace(/s$/, ''));
  unique(rounds, ['rounds'], (o) => str(o.id), 'round id');
  rounds.forEach((r, i) => {
    const rubric = obj(r.rubric);
    for (const k of ['concepts', 'evidence', 'penalties', 'weakAnswers'] as const) unique(list(rubric[k]).map(obj), ['rounds', i, 'rubric', k], (o) => str(o.id), `${k === 'evidence' ? 'evidence' : k.replace(/s$/, '')} id`);
  });
  // Evidence ids are also read across rounds (backedBy, the report's timeline): one id, one check.
  const evidenceOwner = new Map<string, string>();
  rounds.forEach((r, i) => list(obj(r.rubric).evidence).map(obj).forEach((e, j) => {
    const eid = str(e.id);
    if (!eid) return;
    const owner = evidenceOwner.get(eid);
    if (owner && owner !== str(r.id)) say(['rounds', i, 'rubric', 'evidence', j, 'id'], `evidence id "${eid}" is also used in round "${owner}" — evidence ids must be unique in the scenario (backedBy refers to them)`);
    else evidenceOwner.set(eid, str(r.id) ?? String(i));
  }));

  // Namespaces of namespaced objects.
  const nsCheck = (items: Obj[], path: FieldPath) => items.forEach((o, i) => {
    const ns = str(o.namespace);
    if (ns && namespaces.length && !namespaces.includes(ns)) say([...path, i, 'namespace'], `namespace "${ns}" is not under cluster.namespaces — add it there or ${didYouMean(ns, namespaces)}`);
  });
  nsCheck(workloads, ['cluster', 'workloads']);
  for (const k of ['configMaps', 'secrets', 'services', 'pdbs', 'daemonSets', 'resourceQuotas', 'limitRanges', 'persistentVolumeClaims', 'horizontalPodAutoscalers'] as const) nsCheck(list(cluster[k]).map(obj), ['cluster', k]);

  // HorizontalPodAutoscalers scale a Deployment of the scenario.
  list(cluster.horizontalPodAutoscalers).map(obj).forEach((h, i) => {
    const target = str(h.target);
    if (target && !workloadNames.includes(target)) unknownName(['cluster', 'horizontalPodAutoscalers', i, 'target'], 'workload', target, workloadNames, 'under cluster.workloads');
  });
  // Manifests: a kind the simulator models, at the version it serves, scoped as the kind is.
  const modelled = KINDS.filter((k) => k.table && !NOT_BY_MANIFEST.has(k.kind)).map((k) => k.kind);
  const checkManifest = (m: Record<string, unknown>, path: FieldPath) => {
    const kind = str(m.kind);
    // A round may relabel a namespace the cluster has (another team's sync); it cannot add one.
    if (kind === 'Namespace' && path[2] === 'onStart') {
      const name = str(obj(m.metadata).name);
      if (str(m.apiVersion) !== 'v1') say([...path, 'apiVersion'], 'Namespace is served as v1 — write apiVersion: v1');
      if (name && !namespaces.includes(name)) say([...path, 'metadata', 'name'], `namespace "${name}" is not under cluster.namespaces — ${didYouMean(name, namespaces)}`);
      return;
    }
    const def = kind === undefined ? undefined : kindDef(kind);
    if (kind !== undefined && (!def?.table || NOT_BY_MANIFEST.has(def.kind))) return unknownName([...path, 'kind'], 'kind', kind, modelled, 'the simulator models');
    if (!def) return;
    if (str(m.apiVersion) !== apiVersionOf(def)) say([...path, 'apiVersion'], `${def.kind} is served as ${apiVersionOf(def)} — write apiVersion: ${apiVersionOf(def)}`);
    const ns = str(obj(m.metadata).namespace);
    if (def.namespaced && !ns) say([...path, 'metadata'], `${def.kind} is namespaced — add metadata.namespace`);
    else if (!def.namespaced && ns) say([...path, 'metadata', 'namespace'], `${def.kind} is cluster-scoped — remove metadata.namespace`);
    else if (ns && namespaces.length && !namespaces.includes(ns)) say([...path, 'metadata', 'namespace'], `namespace "${ns}" is not under cluster.namespaces — add it there or ${didYouMean(ns, namespaces)}`);
  };
  list(cluster.manifests).map(obj).forEach((m, i) => checkManifest(m, ['cluster', 'manifests', i]));

  // CPU models, nodes, workloads named elsewhere.
  nodes.forEach((n, i) => {
    const cpu = str(n.cpu);
    if (cpu && !cpuModels.includes(cpu)) unknownName(['cluster', 'nodes', i, 'cpu'], 'CPU model', cpu, cpuModels, 'under cluster.cpuModels');
  });
  const history = list(cluster.history).map(obj);
  const disks = new Map(nodes.map((n) => [str(n.name), list(n.disks).map((d) => str(obj(d).name))]));
  history.forEach((h, i) => {
    if ('node' in h) nodeRef(['cluster', 'history', i, 'node'], h.node);
    const w = str(h.workload);
    if (w && !workloadNames.includes(w)) unknownName(['cluster', 'history', i, 'workload'], 'workload', w, workloadNames, 'under cluster.workloads');
    const dev = str(h.device);
    if (h.do === 'setDisk' && dev && nodeNames.includes(str(h.node) ?? '') && !disks.get(str(h.node))!.includes(dev)) say(['cluster', 'history', i, 'device'], `node "${str(h.node)}" has no disk "${dev}" — add it under that node's disks, or ${didYouMean(dev, disks.get(str(h.node))!.filter((d): d is string => !!d))}`);
  });
  if (history.length && history[0].do !== 'start') say(['cluster', 'history', 0], 'the history must begin with `do: start`, the moment the cluster is built — add `- { ago: <age of the cluster>, do: start }` first');
  // Images: every image a pod can run must say how it behaves.
  const imageUse = (path: FieldPath, ref: unknown) => {
    if (typeof ref === 'string' && !imageRefs.includes(ref)) say(path, `image "${ref}" is not listed under cluster.images — add an entry for it (digest, size, binary, logs); ${didYouMean(ref, imageRefs, 12)}`);
  };
  workloads.forEach((w, i) => imageUse(['cluster', 'workloads', i, 'image'], w.image));
  workloads.forEach((w, i) => list(w.sidecars).map(obj).forEach((c, j) => imageUse(['cluster', 'workloads', i, 'sidecars', j, 'image'], c.image)));
  workloads.forEach((w, i) => list(w.initContainers).map(obj).forEach((c, j) => imageUse(['cluster', 'workloads', i, 'initContainers', j, 'image'], c.image)));
  list(cluster.daemonSets).map(obj).forEach((d, i) => imageUse(['cluster', 'daemonSets', i, 'image'], d.image));
  history.forEach((h, i) => { if (h.do === 'setImage') imageUse(['cluster', 'history', i, 'image'], h.image); });

  // env and envFrom references: a missing ConfigMap or Secret would leave every pod in CreateContainerConfigError.
  const objectsIn = (k: 'configMaps' | 'secrets') => list(cluster[k]).map(obj);
  const envCheck = (path: FieldPath, ns: string | undefined, env: unknown, envFrom: unknown) => {
    for (const [name, v] of Object.entries(obj(env))) {
      const ref = obj(v);
      const kind = typeof ref.secret === 'string' ? 'secrets' : typeof ref.configMap === 'string' ? 'configMaps' : undefined;
      if (!kind) continue;
      const target = str(ref.secret) ?? str(ref.configMap)!;
      const found = objectsIn(kind).find((o) => o.name === target && (o.namespace ?? 'default') === ns);
      const what = kind === 'secrets' ? 'Secret' : 'ConfigMap';
      if (!found) say([...path, 'env', name], `no ${what} "${target}" in namespace "${ns}" under cluster.${kind} — add it (a reference to a missing ${what} leaves every pod in CreateContainerConfigError); ${didYouMean(target, objectsIn(kind).map((o) => str(o.name) ?? ''))}`);
      else if (typeof ref.key === 'string' && !(ref.key in obj(found.data))) say([...path, 'env', name, 'key'], `${what} "${target}" has no key "${ref.key}" — ${didYouMean(ref.key, Object.keys(obj(found.data)))}`);
    }
    list(envFrom).map(obj).forEach((e, j) => {
      const kind = typeof e.secret === 'string' ? 'secrets' : typeof e.configMap === 'string' ? 'configMaps' : undefined;
      if (!kind) return;
      const target = str(e.secret) ?? str(e.configMap)!;
      if (!objectsIn(kind).some((o) => o.name === target && (o.namespace ?? 'default') === ns)) say([...path, 'envFrom', j], `no ${kind === 'secrets' ? 'Secret' : 'ConfigMap'} "${target}" in namespace "${ns}" under cluster.${kind} — add it; ${didYouMean(target, objectsIn(kind).map((o) => str(o.name) ?? ''))}`);
    });
  };
  workloads.forEach((w, i) => envCheck(['cluster', 'workloads', i], str(w.namespace), w.env, w.envFrom));
  history.forEach((h, i) => {
    if (h.do !== 'setConfig') return;
    const w = workloads.find((x) => x.name === h.workload);
    if (w) envCheck(['cluster', 'history', i], str(w.namespace), h.env, h.envFrom);
  });

  // A budget that selects nothing is a real mistake worth playing (pdb-deadlock has one): not checked.

  // The control plane.
  const cp = cluster.controlPlane === undefined ? undefined : obj(cluster.controlPlane);
  const cpNodes = nodes.filter((n) => strs(n.roles).includes('control-plane'));
  if (cp) {
    if (cpNodes.length === 0) say(['cluster', 'controlPlane'], 'no node has `roles: [control-plane]` — give the control-plane nodes that role');
    const leader = str(obj(cp.etcd).leader);
    if (leader && !cpNodes.some((n) => n.name === leader)) say(['cluster', 'controlPlane', 'etcd', 'leader'], `"${leader}" is not a control-plane node — ${didYouMean(leader, cpNodes.map((n) => str(n.name) ?? ''))}`);
    cpNodes.forEach((n) => { if (!list(n.disks).some((d) => obj(d).mount === '/var/lib/etcd')) say(['cluster', 'nodes', nodes.indexOf(n), 'disks'], 'a control-plane node needs a disk mounted at /var/lib/etcd — add one under its disks'); });
  }

  // Faulty nodes and faults.
  strs(s.faultyNodes).forEach((n, i) => nodeRef(['faultyNodes', i], n));
  const kinds = faultKinds.map((k) => k.kind);
  list(s.faults).map(obj).forEach((f, i) => {
    const kindName = str(f.kind);
    if (kindName === undefined) return;
    const kind = findFaultKind(kindName);
    if (!kind) { say(['faults', i, 'kind'], `unknown fault kind "${kindName}" — ${didYouMean(kindName, kinds)}`); return; }
    const allowed = allowedKeys(kind.params);
    if (allowed.length) for (const k of Object.keys(f)) if (!allowed.includes(k)) out.push({ path: ['faults', i, k], atKey: true, message: `fault kind "${kindName}" has no setting "${k}" — ${didYouMean(k, allowed)}` });
    const r = kind.params.safeParse(f);
    if (!r.success) for (const issue of r.error.issues) out.push(...describeIssue(kind.params, issue, f).map((p) => ({ ...p, path: ['faults', i, ...p.path] })));
    strs(f.images).forEach((pattern, j) => {
      if (!imageRefs.some((ref) => matches(pattern, ref))) warn(['faults', i, 'images', j], `"${pattern}" matches no image under cluster.images, so this fault never fires — ${didYouMean(pattern.replace(/\*$/, ''), imageRefs, 12)}`);
    });
    strs(f.nodes).forEach((n, j) => nodeRef(['faults', i, 'nodes', j], n));
    if (kindName === 'missing-cpu-flag' && typeof f.flag === 'string') {
      const models = obj(cluster.cpuModels);
      const lacking = nodes.filter((n) => !String(obj(models[str(n.cpu) ?? '']).flags ?? '').split(/\s+/).includes(f.flag as string));
      if (nodes.length && lacking.length === 0) warn(['faults', i, 'flag'], `every node's CPU has "${f.flag}", so this fault never fires — name a flag one CPU model lacks`);
    }
  });

  // Rounds: ids named by other fields, matchers, content files, round-start steps.
  const evidenceIds = [...evidenceOwner.keys()];
  rounds.forEach((r, i) => {
    const rubric = obj(r.rubric);
    const here = (...p: (string | number)[]) => ['rounds', i, 'rubric', ...p];
    const roundEvidence = list(rubric.evidence).map((e) => str(obj(e).id)).filter((x): x is string => !!x);
    const concepts = list(rubric.concepts).map(obj);
    const conceptIds = concepts.map((c) => str(c.id)).filter((x): x is string => !!x);
    concepts.forEach((c, j) => strs(c.backedBy).forEach((eid, k) => {
      if (!evidenceIds.includes(eid)) say(here('concepts', j, 'backedBy', k), `no evidence "${eid}" in any round — ${didYouMean(eid, evidenceIds)}`);
    }));
    strs(obj(rubric.order).sequence).forEach((eid, k) => {
      if (!roundEvidence.includes(eid)) say(here('order', 'sequence', k), `no evidence "${eid}" in this round — ${didYouMean(eid, roundEvidence)}`);
    });
    list(rubric.weakAnswers).map(obj).forEach((w, j) => strs(w.unlessConcepts).forEach((cid, k) => {
      if (!conceptIds.includes(cid)) say(here('weakAnswers', j, 'unlessConcepts', k), `no concept "${cid}" in this round — ${didYouMean(cid, conceptIds)}`);
    }));
    const checkMatchers = (path: FieldPath, matchers: unknown) => list(matchers).map(obj).forEach((m, k) => {
      if (typeof m.tool !== 'string') return;
      for (const p of matcherProblems(m as unknown as CommandMatcher, didYouMean)) out.push({ path: [...path, k, ...p.field], message: p.message, ...(p.atKey ? { atKey: true } : {}) });
    });
    list(rubric.evidence).map(obj).forEach((e, j) => {
      checkMatchers(here('evidence', j, 'any'), e.any);
      list(e.state).map(obj).forEach((c, k) => nodeRef(here('evidence', j, 'state', k, 'on'), c.on));
    });
    list(rubric.penalties).map(obj).forEach((p, j) => checkMatchers(here('penalties', j, 'any'), p.any));
    for (const field of ['prompt', 'modelAnswer'] as const) {
      const path = str(r[field]);
      const folder = opts.expectedId ?? id;
      if (path && folder && !path.startsWith(`${folder}/`)) say(['rounds', i, field], `"${path}" is outside content/${folder}/ — keep a scenario's prose in its own folder`);
      if (path && opts.contentExists && !opts.contentExists(path)) say(['rounds', i, field], `content/${path} does not exist — create it (npm run scenario:new scaffolds one) or fix the path`);
    }
    list(r.onStart).map(obj).forEach((step, j) => {
      if (step.do === 'systemctl') {
        nodeRef(['rounds', i, 'onStart', j, 'node'], step.node);
        return;
      }
      if (step.do === 'apply') {
        list(step.manifests).map(obj).forEach((m, k) => checkManifest(m, ['rounds', i, 'onStart', j, 'manifests', k]));
        return;
      }
      if (!cp) say(['rounds', i, 'onStart', j], 'an events storm needs cluster.controlPlane (an etcd to fill) — add one or remove this step');
      const source = str(step.source);
      if (source && !workloads.some((w) => `${str(w.namespace)}/${str(w.name)}` === source)) say(['rounds', i, 'onStart', j, 'source'], `no workload "${source}" under cluster.workloads — ${didYouMean(source, workloads.map((w) => `${str(w.namespace)}/${str(w.name)}`))}`);
    });
  });
  // A senior-path step names the round after which the report may show it.
  const roundIds = list(raw && (raw as Record<string, unknown>).rounds).map(obj).map((r) => str(r.id)).filter((x): x is string => !!x);
  list(raw && (raw as Record<string, unknown>).seniorPath).map(obj).forEach((p, i) => {
    const round = str(p.round);
    if (round && !roundIds.includes(round)) say(['seniorPath', i, 'round'], `no round "${round}" — ${didYouMean(round, roundIds)}`);
  });
  return out;
}
