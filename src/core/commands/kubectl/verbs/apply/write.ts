import type { KubeObject } from '../../../../model/k8s.ts';
import type { CommandContext } from '../../../types.ts';
import type { ManifestItem } from '../../manifests.ts';
import { workloadShapeErrors } from '../patch/validate.ts';

import type { DryRun } from '../create/output.ts';

export type { DryRun };

/** kubectl's `--dry-run` check; the error text without `error: `. */
export function parseDryRun(value: string): { ok: true; dryRun: DryRun } | { ok: false; error: string } {
  if (value === 'none' || value === 'client' || value === 'server') return { ok: true, dryRun: value };
  return { ok: false, error: `Invalid dry-run value (${value}). Must be "none", "server", or "client".` };
}

/** The suffix kubectl adds to what it did: ` (dry run)`, ` (server dry run)`. */
export const dryRunSuffix = (d: DryRun) => (d === 'client' ? ' (dry run)' : d === 'server' ? ' (server dry run)' : '');

/** A 422 as kubectl prints it: one cause inline, several as a list. */
const invalid = (kind: string, name: string, errors: readonly string[]) =>
  errors.length === 1 ? `The ${kind} "${name}" is invalid: ${errors[0]}` : `The ${kind} "${name}" is invalid: \n${errors.map((e) => `* ${e}`).join('\n')}`;

/** What the API server refuses in an object sent whole (a workload without selector or template). */
function rejects(object: KubeObject): string | undefined {
  if (object.kind !== 'Deployment' && object.kind !== 'ReplicaSet') return undefined;
  const errors = workloadShapeErrors(object);
  return errors.length ? invalid(object.kind, object.metadata.name, errors) : undefined;
}

/**
 * POSTs a new object from a manifest (create, apply of something new): the server's validation,
 * then `object/create` unless it is a dry run. Returns the API error text, or undefined when created.
 */
export function createFromManifest(ctx: CommandContext, item: ManifestItem, object: KubeObject, dryRun: DryRun): string | undefined {
  if (!item.type.table) return `the simulator does not model ${item.type.plural}: creating them is not available in this training environment`;
  const bad = rejects(object);
  if (bad) return bad;
  // Identity and status are the server's: a manifest's own are dropped on create.
  const { uid: _u, resourceVersion: _r, creationTimestamp: _c, generation: _g, ...metadata } = object.metadata as KubeObject['metadata'] & { generation?: number };
  const sent = { ...object, metadata } as KubeObject & { status?: unknown };
  delete sent.status;
  if (dryRun === 'none') ctx.dispatch({ type: 'object/create', object: sent as KubeObject });
  return undefined;
}

/**
 * PUTs `next` over the live object (replace, apply's merged result): identity and status stay the
 * server's. Refused for kinds the learner may not change. Returns the API error text, or undefined.
 */
export function replaceLive(ctx: CommandContext, item: ManifestItem, next: KubeObject, dryRun: DryRun): string | undefined {
  const live = item.live!;
  if (!item.type.writable?.patch) return `${item.type.plural} "${live.metadata.name}" cannot be changed in this simulator`;
  const object = withIdentityOf(live, next);
  const bad = rejects(object);
  if (bad) return bad;
  if (dryRun === 'none') ctx.dispatch({ type: 'object/replace', kind: live.kind, ...(live.metadata.namespace ? { namespace: live.metadata.namespace } : {}), name: live.metadata.name, object });
  return undefined;
}

/** `next` with the live object's identity (uid, creation time, version, generation) and status, as the API server keeps them. */
export function withIdentityOf(live: KubeObject, next: KubeObject): KubeObject {
  const l = live.metadata as KubeObject['metadata'] & { generation?: number };
  const metadata = {
    ...next.metadata, name: l.name, ...(l.namespace ? { namespace: l.namespace } : {}), uid: l.uid, creationTimestamp: l.creationTimestamp,
    ...(l.resourceVersion ? { resourceVersion: l.resourceVersion } : {}), ...(l.generation !== undefined ? { generation: l.generation } : {}),
  };
  const status = (live as { status?: unknown }).status;
  return { ...next, apiVersion: live.apiVersion, kind: live.kind, metadata, ...(status !== undefined ? { status } : {}) } as KubeObject;
}
