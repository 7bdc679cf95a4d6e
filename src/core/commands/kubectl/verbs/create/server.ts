import type { ConfigMap, Namespace, PodDisruptionBudget, Secret } from '../../../../model/k8s.ts';
import type { ClusterState } from '../../../../model/state.ts';
import { keyOf } from '../../../../model/state.ts';
import { applyAction } from '../../../../sim/reduce.ts';
import { seeded, uid } from '../../../../sim/rng.ts';

type Creatable = ConfigMap | Secret | Namespace | PodDisruptionBudget;

/**
 * What the API server answers to `--dry-run=server`: the object with its defaults filled in
 * (uid, creation time, a Secret's base64 data and type, a Namespace's label and phase) but not
 * persisted. Computed by applying the create to a copy of the state and reading the object back,
 * so the defaults live in one place (sim/reduce.ts); `state` itself is untouched.
 */
export function serverObject(state: ClusterState, obj: Creatable): Creatable {
  // A throw-away uid of its own, so the next real object does not get the same one.
  const id = uid(seeded(`dry-run/${obj.kind}/${obj.metadata.namespace ?? ''}/${obj.metadata.name}/${state.now}`));
  const after = applyAction(state, { type: 'object/create', object: { ...obj, metadata: { ...obj.metadata, uid: id } } as Creatable });
  const key = keyOf(obj.metadata.namespace, obj.metadata.name);
  const stored: Creatable = obj.kind === 'ConfigMap' ? after.configMaps[key]
    : obj.kind === 'Secret' ? after.secrets[key]
    : obj.kind === 'Namespace' ? after.namespaces[obj.metadata.name]
    : after.pdbs[key];
  // Nothing reached etcd, so the answer carries no resourceVersion.
  const { resourceVersion: _, ...metadata } = stored.metadata;
  return { ...stored, metadata } as Creatable;
}
