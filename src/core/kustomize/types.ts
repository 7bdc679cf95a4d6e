/**
 * Shapes shared by the kustomize build (src/core/kustomize/): the files it reads, the resources
 * it carries through the transformers, and its result.
 */

/** A JSON-like object as the YAML parser gives it. */
export type Obj = Record<string, unknown>;

/**
 * What the build reads: files by absolute path. `EISDIR` tells a directory from a file; any other
 * error is a missing path (kustomize's `lstat … no such file or directory`).
 */
export interface KustomizeFs {
  read(path: string): { ok: true; text: string } | { ok: false; error: string };
}

/** One resource on its way through the build. */
export interface Res {
  obj: Obj;
  /** Every name it had, oldest first (the current one last): what references may still say. */
  names: string[];
  /** The namespace it had before any namespace transformer, for matching references. */
  originalNamespace: string;
  /** Made by a generator that wants the content hash appended at the end of the build. */
  hashSuffix?: boolean;
}

/** The build's answer: the resources in kustomize's order with its YAML, plus the deprecation warnings (stderr). */
export type BuildResult = { ok: true; resources: Obj[]; yaml: string; warnings: string } | { ok: false; error: string; warnings: string };

export const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The object's metadata (created when missing). */
export function meta(o: Obj): Obj {
  if (!isObj(o.metadata)) o.metadata = {};
  return o.metadata as Obj;
}

export const kindOf = (o: Obj) => String(o.kind ?? '');
export const nameOf = (o: Obj) => String(meta(o).name ?? '');
export const groupOf = (o: Obj) => { const v = String(o.apiVersion ?? ''); return v.includes('/') ? v.slice(0, v.indexOf('/')) : ''; };
export const versionOf = (o: Obj) => { const v = String(o.apiVersion ?? ''); return v.includes('/') ? v.slice(v.indexOf('/') + 1) : v; };

/** Kinds kustomize never puts in a namespace (resid.NotNamespaceableKinds). */
export const CLUSTER_KINDS = new Set(['APIService', 'CSIDriver', 'CSINode', 'CertificateSigningRequest', 'Cluster', 'ClusterRole', 'ClusterRoleBinding', 'ComponentStatus',
  'CustomResourceDefinition', 'MutatingWebhookConfiguration', 'Namespace', 'Node', 'PersistentVolume', 'PodSecurityPolicy', 'PriorityClass', 'RuntimeClass',
  'SelfSubjectAccessReview', 'SelfSubjectRulesReview', 'StorageClass', 'SubjectAccessReview', 'TokenReview', 'ValidatingWebhookConfiguration', 'VolumeAttachment', 'IngressClass']);
