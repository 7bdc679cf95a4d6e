import type { KubeObject } from '../model/k8s.ts';
import type { ClusterState } from '../model/state.ts';

/**
 * Everything the rest of the code needs to know about one Kubernetes kind, in one module per kind
 * (`src/core/kinds/<kind>.ts`) plus one line in kinds/registry.ts. `get`, `describe`, `-o`,
 * `delete`, `patch`, `label`, `annotate`, `api-resources`, `explain`, Tab completion, the grader's
 * resource words and the scenario schema all read this; no other file lists kinds.
 *
 * `T` is the kind's object type (model/k8s.ts). Column and describer functions are pure functions
 * of (object, state, now) so they print what kube-apiserver's table convertor and kubectl's
 * describer print for the same object (1.31+).
 */
export interface KindDef<T extends KubeObject = KubeObject> {
  kind: string;
  /** Lower-case plural as in URLs and `kubectl get pods`. */
  plural: string;
  singular: string;
  shortNames: string[];
  /** API group; '' for the core group. */
  group: string;
  version: string;
  namespaced: boolean;
  /** Verbs as `kubectl api-resources -o wide` lists them. */
  verbs: string[];
  /** The ClusterState table holding the objects (keyed `namespace/name`, or `name` when cluster-scoped); absent for kinds that are listed but not modelled. */
  table?: (state: ClusterState) => Record<string, T>;
  /** `kubectl get` columns, as the API server's table convertor prints them; `wide: true` marks `-o wide`-only columns. */
  columns?: { name: string; wide?: boolean; cell(obj: T, state: ClusterState, now: number): string }[];
  /** `kubectl describe` body for one object, given its events (as `kubectl describe` prints it, 1.33). */
  describe?(obj: T, state: ClusterState, now: number): string;
  /** Kinds a learner may write with patch/label/annotate/delete (false: the API refuses or we do not model writes). */
  writable?: { patch?: boolean; delete?: boolean; label?: boolean };
  /** `kubectl explain` field docs for the fields we model: dotted path → one-line description and type. */
  explain?: Record<string, { type: string; description: string }>;
}
