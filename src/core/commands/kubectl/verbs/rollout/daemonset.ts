import { clone } from '../../../../clone.ts';
import type { DaemonSet } from '../../../../kinds/daemonset.ts';
import type { ClusterState } from '../../../../model/state.ts';
import { describeUnaligned } from '../../../../printers/describe/writer.ts';
import { describePodTemplate } from '../../../../printers/describe/containers.ts';
import { daemonSetHash, daemonSetRevisions } from '../../../../sim/daemonsets.ts';
import { rfc3339 } from '../../../../time.ts';
import type { CommandContext, CommandResult } from '../../../types.ts';

const fail = (stderr: string): CommandResult => ({ stdout: '', stderr, exitCode: 1 });
const ok = (stdout: string): CommandResult => ({ stdout, stderr: '', exitCode: 0 });

/**
 * One look at a DaemonSet's rollout, as kubectl's DaemonSetStatusViewer words it
 * (polymorphichelpers/rollout_status.go): only RollingUpdate DaemonSets have a status to watch.
 */
export function daemonSetStatus(ds: DaemonSet): { line: string; done: boolean; error?: string } {
  if ((ds.spec.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return { line: '', done: true, error: 'rollout status is only available for RollingUpdate strategy type' };
  const st = ds.status ?? { desiredNumberScheduled: 0 };
  if ((ds.metadata.generation ?? 1) > (st.observedGeneration ?? 0)) return { line: 'Waiting for daemon set spec update to be observed...\n', done: false };
  const name = ds.metadata.name;
  const want = st.desiredNumberScheduled ?? 0;
  if ((st.updatedNumberScheduled ?? 0) < want) return { line: `Waiting for daemon set "${name}" rollout to finish: ${st.updatedNumberScheduled ?? 0} out of ${want} new pods have been updated...\n`, done: false };
  if ((st.numberAvailable ?? 0) < want) return { line: `Waiting for daemon set "${name}" rollout to finish: ${st.numberAvailable ?? 0} of ${want} updated pods are available...\n`, done: false };
  return { line: `daemon set "${name}" successfully rolled out\n`, done: true };
}

/**
 * `kubectl rollout history daemonset/NAME [--revision=N]`: the ControllerRevisions with the
 * change-cause each recorded, or one revision's pod template (DaemonSetHistoryViewer).
 */
export function daemonSetHistory(state: ClusterState, ds: DaemonSet, revision: number): CommandResult {
  const name = ds.metadata.name;
  const revs = daemonSetRevisions(state, ds);
  if (revs.length === 0) return ok(`daemonset.apps/${name} \nNo rollout history found.\n`);
  if (revision > 0) {
    const r = revs.find((x) => x.revision === revision);
    if (!r) return fail(`error: unable to find the specified revision\n`);
    return ok(`daemonset.apps/${name} with revision #${revision}\n${describeUnaligned((w) => describePodTemplate(w, r.data.spec.template))}\n`);
  }
  // tabbedString in history.go: a tabwriter with padding 2.
  const rows = [['REVISION', 'CHANGE-CAUSE'], ...revs.map((r) => [String(r.revision), r.metadata.annotations?.['kubernetes.io/change-cause'] || '<none>'])];
  const width = Math.max(...rows.map((r) => r[0].length)) + 2;
  return ok(`daemonset.apps/${name} \n${rows.map(([a, b]) => `${a.padEnd(width)}${b}\n`).join('')}\n`);
}

/**
 * `kubectl rollout undo daemonset/NAME [--to-revision=N]` (DaemonSetRollbacker): the DaemonSet's
 * template becomes that ControllerRevision's (default: the one before the newest); the controller
 * then renumbers that revision as the newest and rolls the pods node by node.
 */
export function daemonSetUndo(ctx: CommandContext, ds: DaemonSet, toRevision: number, dryRun: string): CommandResult {
  const name = ds.metadata.name;
  const revs = daemonSetRevisions(ctx.state, ds);
  if (toRevision < 0) return fail(`error: unable to find specified revision ${toRevision} in history\n`);
  if (toRevision === 0 && revs.length <= 1) return fail('error: no last revision to roll back to\n');
  const target = toRevision > 0 ? revs.find((r) => r.revision === toRevision) : revs[revs.length - 2];
  if (!target) return fail(`error: unable to find specified revision ${toRevision} in history\n`);
  if (target.metadata.labels?.['controller-revision-hash'] === daemonSetHash(ds)) return ok(`daemonset.apps/${name} skipped rollback (current template already matches revision ${toRevision})\n`);
  if (dryRun !== 'none') return ok(`daemonset.apps/${name} rolled back (${dryRun} dry run)\n`);
  ctx.dispatch({ type: 'object/replace', kind: 'DaemonSet', namespace: ds.metadata.namespace!, name, object: { ...ds, spec: { ...ds.spec, template: clone(target.data.spec.template) } } });
  return ok(`daemonset.apps/${name} rolled back\n`);
}

/** `kubectl rollout restart daemonset/NAME`: a restartedAt annotation on the template, so every pod is replaced. */
export function daemonSetRestart(ctx: CommandContext, ds: DaemonSet): CommandResult {
  const name = ds.metadata.name;
  const template = clone(ds.spec.template);
  template.metadata.annotations = { ...(template.metadata.annotations ?? {}), 'kubectl.kubernetes.io/restartedAt': rfc3339(ctx.state.now) };
  ctx.dispatch({ type: 'object/replace', kind: 'DaemonSet', namespace: ds.metadata.namespace!, name, object: { ...ds, spec: { ...ds.spec, template } } });
  return ok(`daemonset.apps/${name} restarted\n`);
}
