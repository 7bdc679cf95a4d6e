import type { KubeObject } from '../../../../model/k8s.ts';
import type { ClusterState } from '../../../../model/state.ts';
import { getObject, kindDef } from '../../../../kinds/registry.ts';
import { applyAction } from '../../../../sim/reduce.ts';
import { seeded, uid } from '../../../../sim/rng.ts';

/** Kinds whose status only their controller writes (the API server stores `status: {}`). */
const WORKLOADS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob']);

/**
 * What the API server answers to `--dry-run=server`: the object with its defaults filled in
 * (uid, creation time, a Secret's base64 data and type, a Namespace's label and phase, a Job's
 * selector) but not persisted. Computed by applying the create to a copy of the state and reading
 * the object back from its kind's table, so the defaults live in one place (sim/reduce.ts and the
 * kind's `admit`); `state` itself is untouched.
 */
export function serverObject<T extends KubeObject>(state: ClusterState, obj: T): T {
  // A throw-away uid of its own, so the next real object does not get the same one.
  const id = uid(seeded(`dry-run/${obj.kind}/${obj.metadata.namespace ?? ''}/${obj.metadata.name}/${state.now}`));
  // Created without a uid, as through the API, so every kind gets the server's defaults (reduce.ts).
  const after = applyAction(state, { type: 'object/create', object: { ...obj, metadata: { ...obj.metadata, uid: '' } } });
  const stored = getObject(after, kindDef(obj.kind)!, obj.metadata.namespace ?? 'default', obj.metadata.name) as T;
  // Nothing reached etcd, so the answer carries no resourceVersion.
  const { resourceVersion: _, ...metadata } = stored.metadata;
  // The answer comes before any controller has seen the object: a workload's status is still empty.
  const status = WORKLOADS.has(obj.kind) ? { status: {} } : {};
  return { ...stored, metadata: { ...metadata, uid: id }, ...status } as T;
}
