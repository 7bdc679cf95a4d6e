import { splitPath, visitPath } from './paths.ts';
import { CLUSTER_KINDS, groupOf, isObj, kindOf, meta, type Obj, type Res } from './types.ts';

/** A place a transformer writes, limited to a kind (and group) as kustomize's field specs are. */
interface FieldSpec { path: string; kind?: string; group?: string; create: boolean }

const matches = (o: Obj, f: FieldSpec) => (!f.kind || kindOf(o) === f.kind) && (f.group === undefined || groupOf(o) === f.group);

/** Applies `set(parent, key)` at every field spec that fits `o`. */
function applySpecs(o: Obj, specs: readonly FieldSpec[], set: (parent: Obj, key: string) => void): void {
  for (const f of specs) if (matches(o, f)) visitPath(o, splitPath(f.path), f.create, set);
}

/** Pod templates' metadata (kustomize's metadataLabelsFieldSpecs without metadata itself), `{}` standing for labels or annotations. */
const templateSpecs = (field: string): FieldSpec[] => [
  ...['ReplicationController', 'Deployment', 'ReplicaSet', 'DaemonSet'].map((kind) => ({ kind, path: `spec/template/metadata/${field}`, create: true })),
  { kind: 'StatefulSet', group: 'apps', path: `spec/template/metadata/${field}`, create: true },
  ...(field === 'labels' ? [{ kind: 'StatefulSet', group: 'apps', path: 'spec/volumeClaimTemplates[]/metadata/labels', create: true }] : []),
  { kind: 'Job', group: 'batch', path: `spec/template/metadata/${field}`, create: true },
  { kind: 'CronJob', group: 'batch', path: `spec/jobTemplate/metadata/${field}`, create: true },
  { kind: 'CronJob', group: 'batch', path: `spec/jobTemplate/spec/template/metadata/${field}`, create: true },
];

const AFFINITY = ['podAffinity', 'podAntiAffinity'].flatMap((a) => [
  `spec/template/spec/affinity/${a}/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels`,
  `spec/template/spec/affinity/${a}/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels`,
]).concat('spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels');

/** Where commonLabels (and `labels` with includeSelectors) reach selectors (kustomize's commonLabelFieldSpecs). */
const SELECTOR_SPECS: FieldSpec[] = [
  { kind: 'Service', group: '', path: 'spec/selector', create: true },
  { kind: 'ReplicationController', group: '', path: 'spec/selector', create: true },
  { kind: 'Deployment', path: 'spec/selector/matchLabels', create: true },
  ...AFFINITY.map((path) => ({ kind: 'Deployment', group: 'apps', path, create: false })),
  { kind: 'ReplicaSet', path: 'spec/selector/matchLabels', create: true },
  { kind: 'DaemonSet', path: 'spec/selector/matchLabels', create: true },
  { kind: 'StatefulSet', group: 'apps', path: 'spec/selector/matchLabels', create: true },
  ...AFFINITY.map((path) => ({ kind: 'StatefulSet', group: 'apps', path, create: false })),
  { kind: 'Job', group: 'batch', path: 'spec/selector/matchLabels', create: false },
  { kind: 'CronJob', group: 'batch', path: 'spec/jobTemplate/spec/selector/matchLabels', create: false },
  { kind: 'PodDisruptionBudget', group: 'policy', path: 'spec/selector/matchLabels', create: false },
  ...['spec/podSelector/matchLabels', 'spec/ingress/from/podSelector/matchLabels', 'spec/egress/to/podSelector/matchLabels']
    .map((path) => ({ kind: 'NetworkPolicy', group: 'networking.k8s.io', path, create: false })),
];

const metadataSpec = (field: string): FieldSpec => ({ path: `metadata/${field}`, create: true });

/** Merges `pairs` into the map at parent[key] (made when missing; a non-map is replaced). */
const mergeInto = (pairs: Record<string, string>) => (parent: Obj, key: string) => {
  const cur = isObj(parent[key]) ? parent[key] as Obj : {};
  parent[key] = { ...cur, ...pairs };
};

/**
 * commonLabels and `labels` (kustomize's LabelTransformer): metadata.labels everywhere; with
 * selectors (commonLabels, includeSelectors) also the selectors and pod templates; with
 * includeTemplates the pod templates only.
 */
export function addLabels(resources: Res[], pairs: Record<string, string>, reach: 'metadata' | 'templates' | 'selectors'): void {
  const specs = [metadataSpec('labels'), ...(reach !== 'metadata' ? templateSpecs('labels') : []), ...(reach === 'selectors' ? SELECTOR_SPECS : [])];
  for (const r of resources) applySpecs(r.obj, specs, mergeInto(pairs));
}

/** commonAnnotations: metadata.annotations everywhere and the pod templates' (kustomize's AnnotationsTransformer). */
export function addAnnotations(resources: Res[], pairs: Record<string, string>): void {
  for (const r of resources) applySpecs(r.obj, [metadataSpec('annotations'), ...templateSpecs('annotations')], mergeInto(pairs));
}

/**
 * `namespace:` on every namespaced resource, and on RoleBinding/ClusterRoleBinding subjects that
 * name the `default` namespace (kustomize's defaultOnly subject rule).
 */
export function setNamespace(resources: Res[], ns: string): void {
  for (const r of resources) {
    const kind = kindOf(r.obj);
    if (!CLUSTER_KINDS.has(kind)) meta(r.obj).namespace = ns;
    if ((kind === 'RoleBinding' || kind === 'ClusterRoleBinding') && Array.isArray(r.obj.subjects)) {
      for (const s of r.obj.subjects) if (isObj(s) && s.namespace === 'default') s.namespace = ns;
    }
  }
}

/** namePrefix / nameSuffix on every resource's name but Namespaces' and CRDs', remembered in its name history. */
export function addPrefixSuffix(resources: Res[], prefix: string, suffix: string): void {
  for (const r of resources) {
    if (kindOf(r.obj) === 'CustomResourceDefinition' || kindOf(r.obj) === 'Namespace') continue;
    const name = `${prefix}${String(meta(r.obj).name ?? '')}${suffix}`;
    meta(r.obj).name = name;
    r.names.push(name);
  }
}

/** kustomize's image.Split: name, tag and digest of `nginx:1.25`, `host:5000/app@sha256:…`. */
export function splitImage(image: string): { name: string; tag: string; digest: string } {
  const slash = Math.max(image.indexOf('/'), 0);
  const search = image.slice(slash);
  let at = search.indexOf('@');
  let colon = search.indexOf(':');
  if (colon < 0 && at < 0) return { name: image, tag: '', digest: '' };
  if (at >= 0 && (at < colon || colon < 0)) { at += slash; return { name: image.slice(0, at), tag: '', digest: image.slice(at + 1) }; }
  if (at >= 0) { at += slash; colon += slash; return { name: image.slice(0, colon), tag: image.slice(colon + 1, at), digest: image.slice(at + 1) }; }
  colon += slash;
  return { name: image.slice(0, colon), tag: image.slice(colon + 1), digest: '' };
}

/** One `images:` entry. */
interface ImageRule { name?: string; newName?: string; newTag?: string | number; digest?: string }

/**
 * `images:` (kustomize's ImageTagTransformer): every container and init container anywhere in a
 * resource whose image name is the rule's gets the new name, and a new tag or digest replacing
 * both the old tag and digest.
 */
export function setImages(resources: Res[], rules: ImageRule[]): void {
  const update = (image: string): string => {
    for (const rule of rules) {
      const split = splitImage(image);
      if (split.name !== rule.name) continue;
      let { name, tag, digest } = split;
      if (rule.newName) name = rule.newName;
      const newTag = rule.newTag === undefined ? '' : String(rule.newTag);
      if (newTag && rule.digest) { tag = newTag; digest = rule.digest; }
      else if (newTag) { tag = newTag; digest = ''; }
      else if (rule.digest) { digest = rule.digest; tag = ''; }
      return `${name}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`;
    }
    return image;
  };
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) { v.forEach(walk); return; }
    if (!isObj(v)) return;
    for (const [key, child] of Object.entries(v)) {
      if ((key === 'containers' || key === 'initContainers') && Array.isArray(child)) {
        for (const c of child) if (isObj(c) && typeof c.image === 'string') c.image = update(c.image);
      }
      walk(child);
    }
  };
  for (const r of resources) walk(r.obj);
}

/** `replicas:` (kustomize's ReplicaCountTransformer): spec.replicas of the workloads that had that name. */
export function setReplicas(resources: Res[], rules: { name?: string; count?: number }[]): void {
  for (const rule of rules) {
    for (const r of resources) {
      if (!['Deployment', 'ReplicationController', 'ReplicaSet', 'StatefulSet'].includes(kindOf(r.obj)) || !r.names.includes(String(rule.name))) continue;
      if (!isObj(r.obj.spec)) r.obj.spec = {};
      (r.obj.spec as Obj).replicas = rule.count;
    }
  }
}
