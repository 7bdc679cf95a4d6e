import type { KubeObject } from '../model/k8s.ts';
import type { ClusterState } from '../model/state.ts';
import type { GoType } from './fields.ts';
import type { Related } from '../printers/describe/types.ts';

/** One `kubectl get` column, as kube-apiserver's table convertor prints it. */
export interface KindColumn<T extends KubeObject = KubeObject> {
  /** Header as kubectl prints it (upper case). */
  name: string;
  /** kubectl's `Priority: 1` columns: shown only with `-o wide`. */
  wide?: boolean;
  /** The cell text for one object; `now` is the virtual clock in ms. */
  cell(obj: T, state: ClusterState, now: number): string;
}

/**
 * Everything the rest of the code needs to know about one Kubernetes kind, in one module per kind
 * (`src/core/kinds/<kind>.ts`) plus one line in kinds/registry.ts. `get`, `describe`, `-o`,
 * `delete`, `patch`, `label`, `annotate`, `api-resources`, Tab completion and the grader's
 * resource words read this; no other file lists kinds.
 *
 * `T` is the kind's object type (model/k8s.ts). Column and describer functions are pure, so they
 * print what kube-apiserver's table convertor and kubectl's describer print for the same object
 * (1.31+).
 */
export interface KindDef<T extends KubeObject = KubeObject> {
  kind: string;
  /** Lower-case plural as in URLs and `kubectl get pods`. */
  plural: string;
  singular: string;
  shortNames: string[];
  /**
   * Categories the kind belongs to, as discovery lists them (`kubectl api-resources -o wide`
   * CATEGORIES): `kubectl get all` expands to the kinds in category `all`, in registry order.
   */
  categories?: string[];
  /** The API server's deprecation warning for the kind (`v1 ComponentStatus is deprecated in v1.19+`), printed by kubectl as `Warning: …`. */
  deprecation?: string;
  /** API group; '' for the core group. */
  group: string;
  version: string;
  namespaced: boolean;
  /** Verbs as `kubectl api-resources -o wide` lists them. */
  verbs: string[];
  /**
   * The ClusterState table holding the objects (keyed `namespace/name`, or `name` when
   * cluster-scoped); absent for kinds that are listed but not modelled. Kinds without a typed
   * field in ClusterState use `objectTable(plural)` (the generic `state.objects` store).
   */
  table?: (state: ClusterState) => Record<string, T>;
  /**
   * The table is built from other objects at each read (node Leases from their Nodes) and stores
   * nothing: what scans stored objects after every change (runDeletions) skips it.
   */
  derived?: true;
  /** Field selector keys beyond metadata.name/namespace (the API server's field label conversions). */
  fieldSelectors?: string[];
  /** `kubectl get` columns; kinds without them print NAME and AGE, as kubectl does without a server table. */
  columns?: KindColumn<T>[];
  /**
   * What kubectl's describer fetches besides the object (events unless `showEvents` is false,
   * pods, ReplicaSets); absent: the object's events only.
   */
  related?(state: ClusterState, obj: T, showEvents: boolean): Related;
  /** `kubectl describe` body for one object (as `kubectl describe` prints it, 1.33); absent: describe prints nothing. */
  describe?(obj: T, related: Related, now: number): string;
  /**
   * Writes a learner may make (all need `table`). `delete` removes the object and, as the garbage
   * collector's background cascade does, everything it owns (pods deleted gracefully). Absent or
   * false: the learner's account is refused (RBAC Forbidden) or the write is not modelled.
   * label and annotate work on every kind with a table.
   */
  writable?: { patch?: boolean; delete?: boolean };
  /**
   * The object's Go struct as the API server decodes a request into it (kinds/fields.ts): `kubectl
   * patch` refuses a value of the wrong JSON type with the decoder's message and drops unknown
   * fields with a warning. Absent: the body is kept as sent (cut at a fixed depth).
   */
  fields?: GoType;
  /**
   * The kind's controller, run after every change (sim/controllers.ts reconcile): brings objects of
   * this kind in line with the rest of the state. It must not draw from `state.rng` or
   * `state.serial` (`ensureDefault` in kinds/common.ts names and versions objects from their key).
   */
  reconcile?(state: ClusterState): void;
  /** What the API server fills in on create (defaults, identity is filled by the caller). */
  admit?(obj: T, state: ClusterState): void;
  /**
   * `kubectl explain` docs for the fields we model: dotted path (`spec.tolerations.effect`, list
   * items need no index) → the field (kinds/explain.ts). The key `''` describes the kind itself;
   * `apiVersion`, `kind` and `metadata.*` are common to every kind, and a `spec`/`status` without an
   * entry of its own is shown as `<KindSpec>`/`<KindStatus>`.
   */
  explain?: Record<string, ExplainField>;
}

/** One field as `kubectl explain` shows it (its OpenAPI v3 schema, in our words). */
export interface ExplainField {
  /** The type as kubectl prints it between angle brackets: `string`, `integer`, `[]Toleration`, `map[string]string`, `PodSpec`. */
  type: string;
  /** What the field is for. */
  description: string;
  /** For a field of a named type: that type's own description, which kubectl prints after the field's. */
  typeDescription?: string;
  /** Listed in its parent's `required`: `-required-` beside it. */
  required?: boolean;
  /** Allowed values, when the schema lists them. */
  enum?: string[];
}
