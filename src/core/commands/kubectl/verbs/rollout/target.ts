import type { Deployment, ReplicaSet } from '../../../../model/k8s.ts';
import type { ClusterState } from '../../../../model/state.ts';
import { ownedBy, revisionOf } from '../../../../sim/controllers.ts';
import type { CommandResult } from '../../../types.ts';
import type { KubectlInvocation } from '../../verb.ts';
import { notFoundMessage, parseResourceArgs } from '../get/query.ts';
import { getObject, listObjects } from '../../../../kinds/registry.ts';

const fail = (stderr: string): CommandResult => ({ stdout: '', stderr, exitCode: 1 });

/**
 * The Deployments a `kubectl rollout SUB` line names (`deployment/x`, `deploy x`, `deployment x`,
 * or `deployment` alone: every one in the namespace, by name, as the resource builder lists them),
 * or kubectl's error for a missing, unknown or unsupported target.
 */
export function rolloutTargets(inv: KubectlInvocation, state: ClusterState): { ok: true; deps: Deployment[] } | { ok: false; result: CommandResult } {
  const args = inv.flags.positionals;
  const sub = inv.path[inv.path.length - 1];
  if (args.length === 0) {
    return { ok: false, result: fail(`error: required resource not specified\nSee 'kubectl rollout ${sub} -h' for help and examples\n`) };
  }
  const parsed = parseResourceArgs(args);
  if (!parsed.ok) return { ok: false, result: fail(`error: ${parsed.error}\n`) };
  const g = parsed.req.groups[0];
  // DaemonSet and StatefulSet rollouts are not modelled: kubectl's words for an object it cannot find.
  if (['DaemonSet', 'StatefulSet'].includes(g.type.kind)) return { ok: false, result: fail(`${notFoundMessage(g.type, g.names[0] ?? '')}\n`) };
  const objects = g.names.length ? g.names.map((n) => getObject(state, g.type, inv.namespace, n)) : listObjects(state, g.type, inv.namespace);
  // The API answers first: a missing object is NotFound whatever its kind.
  const missing = g.names.find((_, i) => !objects[i]);
  if (missing !== undefined) return { ok: false, result: fail(`${notFoundMessage(g.type, missing)}\n`) };
  if (g.type.kind !== 'Deployment' && objects.length) {
    const what = sub === 'status' ? 'no status viewer has been implemented for' : sub === 'history' || sub === 'undo' ? 'no history viewer has been implemented for' : `${sub} is not supported for`;
    return { ok: false, result: fail(`error: ${what} ${g.type.kind}\n`) };
  }
  return { ok: true, deps: objects as Deployment[] };
}

/**
 * Runs `one` for each target and joins the outputs (the worst exit code wins). No target: the
 * builder's `No resources found in NS namespace.` on stderr, except for history and undo, which
 * say nothing (kubectl 1.33).
 */
export function eachRolloutTarget(inv: KubectlInvocation, state: ClusterState, one: (dep: Deployment) => CommandResult): CommandResult {
  const t = rolloutTargets(inv, state);
  if (!t.ok) return t.result;
  const sub = inv.path[inv.path.length - 1];
  if (!t.deps.length) return { stdout: '', stderr: sub === 'history' || sub === 'undo' ? '' : `No resources found in ${inv.namespace} namespace.\n`, exitCode: 0 };
  const results = t.deps.map(one);
  return {
    stdout: results.map((r) => r.stdout).join(''),
    stderr: results.map((r) => r.stderr).join(''),
    exitCode: Math.max(...results.map((r) => r.exitCode)),
    ...(results.length === 1 && results[0].follow ? { follow: results[0].follow } : {}),
  };
}

/** A Deployment's ReplicaSets, oldest revision first (the history `rollout history` lists). */
export function revisionsOf(state: ClusterState, dep: Deployment): ReplicaSet[] {
  return Object.values(state.replicaSets)
    .filter((rs) => rs.metadata.namespace === dep.metadata.namespace && ownedBy(rs, dep.metadata.uid) && revisionOf(rs) > 0)
    .sort((a, b) => revisionOf(a) - revisionOf(b));
}
