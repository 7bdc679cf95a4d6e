/**
 * `kubectl explain`'s documents: the fields every kind shares (apiVersion, kind, metadata) and the
 * way a kind's own docs (KindDef.explain) are read as a tree. The texts are ours, written to say
 * what the API's own documentation says of each field; types and enums are the API's.
 */
import type { ExplainField, KindDef } from './types.ts';

/** apiVersion, kind and the ObjectMeta fields an incident touches, for every kind. */
export const OBJECT_FIELDS: Record<string, ExplainField> = {
  apiVersion: { type: 'string', description: 'The versioned schema this representation of the object follows. Servers convert the versions they recognise to the latest internal one and may refuse values they do not know. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources' },
  kind: { type: 'string', description: 'The REST resource this object represents, in CamelCase. Servers may infer it from the endpoint the client sent the request to; it cannot be changed. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds' },
  metadata: { type: 'ObjectMeta', description: "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata", typeDescription: 'ObjectMeta is the metadata every persisted resource carries, which all objects users create must have.' },
  'metadata.annotations': { type: 'map[string]string', description: 'Unstructured key/value pairs that tools and extensions store with the object to keep arbitrary metadata. They are not queryable and are kept when the object is changed. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/annotations' },
  'metadata.creationTimestamp': { type: 'string', description: 'When the server created this object, in RFC 3339 form, UTC. Clients may not set it. Populated by the system. Read-only.' },
  'metadata.deletionGracePeriodSeconds': { type: 'integer', description: 'How many seconds the object is given to terminate gracefully before the system removes it. Set only when deletionTimestamp is set. It may only be shortened. Read-only.' },
  'metadata.deletionTimestamp': { type: 'string', description: 'The RFC 3339 time after which this resource will be deleted, set by the server when a graceful deletion is asked for, not by clients. The resource is expected to go once this time has passed, unless finalizers remain: then it stays visible through the API, with this field set, until every finalizer has been removed. Once set it cannot be unset or moved later, only earlier. Populated by the system when a graceful deletion is requested. Read-only.' },
  'metadata.finalizers': { type: '[]string', description: 'Must be empty before the object is deleted from the registry. Each entry names a component responsible for removing that entry from the list once its cleanup is done. While deletionTimestamp is set, entries may only be removed. Finalizers may be processed and removed in any order; the order is not enforced, as it would risk finalizers that block each other.' },
  'metadata.generateName': { type: 'string', description: 'A prefix the server uses to generate a unique name when none is given. The final name is the prefix followed by a unique suffix.' },
  'metadata.generation': { type: 'integer', description: 'A sequence number for a particular generation of the desired state. Populated by the system. Read-only.' },
  'metadata.labels': { type: 'map[string]string', description: 'Map of string keys and values that can be used to organize and categorize (scope and select) objects. May match selectors of replication controllers and services. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels' },
  'metadata.name': { type: 'string', description: 'Name must be unique within a namespace. Required when creating resources, although some resources let a client ask for a generated name instead. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names' },
  'metadata.namespace': { type: 'string', description: 'The space within which each name must be unique. Empty is the same as "default". Not every object needs one: cluster-scoped objects have none. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces' },
  'metadata.ownerReferences': { type: '[]OwnerReference', description: 'Objects this object depends on. When all of them have been deleted, this object is garbage collected. When it is managed by a controller, one entry points at that controller with the controller field set to true; there may be at most one managing controller.', typeDescription: 'OwnerReference holds enough information to identify an owning object, which must be in the same namespace as the dependent or cluster-scoped.' },
  'metadata.resourceVersion': { type: 'string', description: 'An opaque value for the internal version of this object, which clients use to notice changes, for optimistic concurrency, change detection and watches. Clients must not interpret it and must pass it back unmodified. Populated by the system. Read-only.' },
  'metadata.uid': { type: 'string', description: 'The unique identifier of this object in time and space, normally generated by the server on a successful create. Cannot be updated. Populated by the system. Read-only.' },
};

/** The document of a kind: its own fields over the shared ones, with `spec`/`status` filled in when only their children are documented. */
export function explainDocs(def: KindDef): Record<string, ExplainField> {
  const docs: Record<string, ExplainField> = { ...OBJECT_FIELDS, ...(def.explain ?? {}) };
  for (const part of ['spec', 'status'] as const) {
    if (docs[part] || !Object.keys(docs).some((k) => k.startsWith(`${part}.`))) continue;
    docs[part] = part === 'spec'
      ? { type: `${def.kind}Spec`, description: `The desired state of the ${def.kind}, as its owner declares it.` }
      : { type: `${def.kind}Status`, description: `The state of the ${def.kind} as the system last observed it. Populated by the system. Read-only.` };
  }
  return docs;
}

/** The direct children of a path (`''` for the kind), sorted as kubectl lists them (Go's map order: by name). */
export function explainChildren(docs: Record<string, ExplainField>, path: string): string[] {
  const prefix = path ? `${path}.` : '';
  const names = new Set<string>();
  for (const key of Object.keys(docs)) {
    if (key === '' || !key.startsWith(prefix)) continue;
    const rest = key.slice(prefix.length);
    if (rest) names.add(rest.split('.')[0]);
  }
  return [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
