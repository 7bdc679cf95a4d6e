import type { Deployment, ReplicaSet } from '../../../../model/k8s.ts';
import type { ClusterState } from '../../../../model/state.ts';
import { keyOf } from '../../../../model/state.ts';
import { ownedBy, revisionOf } from '../../../../sim/controllers.ts';
import type { CommandResult } from '../../../types.ts';
import type { KubectlInvocation } from '../../verb.ts';
import { notFoundMessage, parseResourceArgs } from '../get/query.ts';
import { objectTable } from '../../../../kinds/common.ts';
import { getObject } from '../../../../kinds/registry.ts';
import type { DaemonSet } from '../../../../kinds/daemonset.ts';
import type { KindDef } from '../../../../kinds/types.ts';

const fail = (stderr: string): CommandResult => ({ stdout: '', stderr, exitCode: 1 });

/**
 * The Deployment or DaemonSet a `kubectl rollout SUB` line names (`deployment/x`, `deploy x`,
 * `ds/x`), or kubectl's error for a missing, unknown or unsupported target.
 */
export function rolloutTarget(inv: KubectlInvocation, state: ClusterState): { ok: true; dep: Deployment; ds?: undefined } | { ok: true; ds: DaemonSet; dep?: undefined } | { ok: false; result: CommandResult } {
  const args = inv.flags.positionals;
  const sub = inv.path[inv.path.length - 1];
  if (args.length === 0) {
    return { ok: false, result: fail(`error: required resource not specified\nSee 'kubectl rollout ${sub} -h' for help and examples\n`) };
  }
  const parsed = parseResourceArgs(args);
  if (!parsed.ok) return { ok: false, result: fail(`error: ${parsed.error}\n`) };
  const g = parsed.req.groups[0];
  if (g.names.length === 0) return { ok: false, result: fail(`error: resource(s) were provided, but no name was specified\n`) };
  const name = g.names[0];
  if (g.type.kind === 'DaemonSet') {
    const table = objectTable<DaemonSet>('daemonsets')(state);
    if (!Object.hasOwn(table, keyOf(inv.namespace, name))) return { ok: false, result: fail(`${notFoundMessage(g.type, name)}\n`) };
    return { ok: true, ds: table[keyOf(inv.namespace, name)] };
  }
  if (g.type.kind !== 'Deployment') {
    // StatefulSets are not modelled: kubectl's own words for kinds it cannot roll.
    const known = g.type.kind === 'StatefulSet';
    // The API answers first: a missing object is NotFound whatever its kind.
    if (known || !getObject(state, g.type, inv.namespace, name)) return { ok: false, result: fail(`${notFoundMessage(g.type, name)}\n`) };
    return { ok: false, result: fail(`error: ${unsupportedMessage(sub, g.type)}\n`) };
  }
  const key = keyOf(inv.namespace, name);
  if (!Object.hasOwn(state.deployments, key)) return { ok: false, result: fail(`${notFoundMessage(g.type, name)}\n`) };
  return { ok: true, dep: state.deployments[key] };
}

/**
 * kubectl's refusal to roll a kind it has no viewer or rollbacker for, as 1.33 words each
 * (polymorphichelpers: `%q` of the GroupKind for history and undo, `%v` for status).
 */
export function unsupportedMessage(sub: string, type: KindDef): string {
  const groupKind = type.group ? `${type.kind}.${type.group}` : type.kind;
  if (sub === 'status') return `no status viewer has been implemented for ${groupKind}`;
  if (sub === 'history') return `no history viewer has been implemented for "${groupKind}"`;
  if (sub === 'undo') return `no rollbacker has been implemented for "${groupKind}"`;
  return `${sub} is not supported for ${type.kind}`;
}

/** A Deployment's ReplicaSets, oldest revision first (the history `rollout history` lists). */
export function revisionsOf(state: ClusterState, dep: Deployment): ReplicaSet[] {
  return Object.values(state.replicaSets)
    .filter((rs) => rs.metadata.namespace === dep.metadata.namespace && ownedBy(rs, dep.metadata.uid) && revisionOf(rs) > 0)
    .sort((a, b) => revisionOf(a) - revisionOf(b));
}
