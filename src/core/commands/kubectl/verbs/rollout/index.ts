import type { Deployment, KubeObject } from '../../../../model/k8s.ts';
import type { ClusterState } from '../../../../model/state.ts';
import { keyOf } from '../../../../model/state.ts';
import { podTemplateHash, revisionOf } from '../../../../sim/controllers.ts';
import { parseDuration } from '../../../../time.ts';
import { describeUnaligned } from '../../../../printers/describe/writer.ts';
import { describePodTemplate } from '../../../../printers/describe/containers.ts';
import type { CommandContext, CommandResult, Follow } from '../../../types.ts';
import type { KindDef } from '../../../../kinds/types.ts';
import { readManifests } from '../../manifests.ts';
import { GENERATOR_FLAGS } from '../create/output.ts';
import { setFlags } from '../set/target.ts';
import type { KubectlInvocation, KubectlVerb } from '../../verb.ts';
import { verbHelp } from '../../root/help.ts';
import { revisionsOf, rolloutTarget, unsupportedMessage } from './target.ts';
import { findObjects, notFoundMessage, parseResourceArgs } from '../get/query.ts';
import { parseLabelSelector, selectorMatcher } from '../../../../k8s/labels.ts';
import { daemonSetHistory, daemonSetRestart, daemonSetStatus, daemonSetUndo } from './daemonset.ts';
import { objectTable } from '../../../../kinds/common.ts';
import type { DaemonSet } from '../../../../kinds/daemonset.ts';

const fail = (stderr: string): CommandResult => ({ stdout: '', stderr, exitCode: 1 });
const ok = (stdout: string): CommandResult => ({ stdout, stderr: '', exitCode: 0 });

/**
 * One look at a Deployment's rollout, as kubectl's DeploymentStatusViewer words it (pkg/polymorphichelpers/
 * rollout_status.go): a waiting line, the success line, or the progress-deadline error.
 */
export function deploymentStatus(d: Deployment): { line: string; done: boolean; error?: string } {
  const name = d.metadata.name;
  const st = d.status ?? {};
  if ((d.metadata.generation ?? 1) > (st.observedGeneration ?? 0)) return { line: 'Waiting for deployment spec update to be observed...\n', done: false };
  if (st.conditions?.some((c) => c.type === 'Progressing' && c.reason === 'ProgressDeadlineExceeded')) return { line: '', done: true, error: `deployment "${name}" exceeded its progress deadline` };
  const want = d.spec.replicas;
  const updated = st.updatedReplicas ?? 0;
  const prefix = `Waiting for deployment "${name}" rollout to finish: `;
  if (updated < want) return { line: `${prefix}${updated} out of ${want} new replicas have been updated...\n`, done: false };
  if ((st.replicas ?? 0) > updated) return { line: `${prefix}${(st.replicas ?? 0) - updated} old replicas are pending termination...\n`, done: false };
  if ((st.availableReplicas ?? 0) < updated) return { line: `${prefix}${st.availableReplicas ?? 0} of ${updated} updated replicas are available...\n`, done: false };
  return { line: `deployment "${name}" successfully rolled out\n`, done: true };
}

type Look = { line: string; done: boolean; error?: string };

/** The rollout's status now, or undefined when the object is gone. */
function lookAt(kind: 'Deployment' | 'DaemonSet', ns: string, name: string, state: ClusterState): Look | undefined {
  const key = keyOf(ns, name);
  if (kind === 'Deployment') return Object.hasOwn(state.deployments, key) ? deploymentStatus(state.deployments[key]) : undefined;
  const table = objectTable<DaemonSet>('daemonsets')(state);
  return Object.hasOwn(table, key) ? daemonSetStatus(table[key]) : undefined;
}

/** Watches a rollout as `kubectl rollout status -w` does: a new line each time the status changes. */
function statusFollow(kind: 'Deployment' | 'DaemonSet', ns: string, name: string, last: string, start: number, timeoutMs: number): Follow {
  let printed = last;
  return {
    poll(state: ClusterState, _from, to) {
      const s = lookAt(kind, ns, name, state);
      if (!s) return { stdout: '', stderr: `error: ${kind === 'Deployment' ? 'deployments' : 'daemonsets'}.apps "${name}" not found\n`, done: { exitCode: 1 } };
      if (s.error) return { stdout: '', stderr: `error: ${s.error}\n`, done: { exitCode: 1 } };
      const stdout = s.line !== printed ? s.line : '';
      printed = s.line;
      if (s.done) return { stdout, stderr: '', done: { exitCode: 0 } };
      if (timeoutMs > 0 && to - start >= timeoutMs) return { stdout, stderr: 'error: timed out waiting for the condition\n', done: { exitCode: 1 } };
      return { stdout, stderr: '' };
    },
  };
}

const DRY_RUN = { name: 'dry-run', type: 'string' as const, default: 'none', help: 'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.' };

const status: KubectlVerb = {
  name: 'status',
  short: 'Show the status of the rollout',
  long: "Show the status of the rollout.\n\n By default 'rollout status' will watch the status of the latest rollout until it's done. If you don't want to wait for the rollout to finish then you can use --watch=false. Note that if a new rollout starts in-between, then 'rollout status' will continue watching the latest revision. If you want to pin to a specific revision and abort if it is rolled over by another revision, use --revision=N where N is the revision you need to watch for.",
  examples: '# Watch the rollout status of a deployment\nkubectl rollout status deployment/nginx',
  usage: 'kubectl rollout status (TYPE NAME | TYPE/NAME) [flags] [options]',
  flags: [
    { name: 'revision', type: 'int', default: 0, help: 'Pin to a specific revision for showing its status. Defaults to 0 (last revision).' },
    { name: 'timeout', type: 'string', default: '0s', help: 'The length of time to wait before ending watch, zero means never. Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h).' },
    { name: 'watch', short: 'w', type: 'bool', default: true, help: 'Watch the status of the rollout until it\'s done.' },
  ],
  run(inv, ctx) {
    const timeoutMs = parseDuration(String(inv.flags.values.timeout));
    if (timeoutMs === undefined) return fail(`error: invalid argument "${String(inv.flags.values.timeout)}" for "--timeout" flag: time: invalid duration "${String(inv.flags.values.timeout)}"\nSee 'kubectl rollout status --help' for usage.\n`);
    const t = rolloutTarget(inv, ctx.state);
    if (!t.ok) return t.result;
    const s = t.ds ? daemonSetStatus(t.ds) : deploymentStatus(t.dep);
    if (s.error) return fail(`error: ${s.error}\n`);
    if (s.done || inv.flags.values.watch !== true) return ok(s.line);
    const name = t.ds ? t.ds.metadata.name : t.dep.metadata.name;
    return { stdout: s.line, stderr: '', exitCode: 0, follow: statusFollow(t.ds ? 'DaemonSet' : 'Deployment', inv.namespace, name, s.line, ctx.state.now, timeoutMs) };
  },
};

const SELECTOR = { name: 'selector', short: 'l', type: 'string' as const, help: "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints." };

/** `rollout history` of one Deployment: its revisions, or one revision's pod template (DeploymentHistoryViewer). */
function deploymentHistory(state: ClusterState, dep: Deployment, want: number): CommandResult {
  const revs = revisionsOf(state, dep);
  const name = dep.metadata.name;
  if (revs.length === 0) return ok(`deployment.apps/${name} \nNo rollout history found.\n`);
  if (want > 0) {
    const rs = revs.find((r) => revisionOf(r) === want);
    if (!rs) return fail('error: unable to find the specified revision\n');
    // kubectl shows the ReplicaSet's template with the revision's change-cause on it.
    const cause = rs.metadata.annotations?.['kubernetes.io/change-cause'];
    const template = { ...rs.spec.template, metadata: { ...rs.spec.template.metadata, ...(cause ? { annotations: { ...rs.spec.template.metadata.annotations, 'kubernetes.io/change-cause': cause } } : {}) } };
    return ok(`deployment.apps/${name} with revision #${want}\n${describeUnaligned((w) => describePodTemplate(w, template))}\n`);
  }
  // tabbedString in history.go: a tabwriter with padding 2 (not the 3 of kubectl's table printer).
  const rows = [['REVISION', 'CHANGE-CAUSE'], ...revs.map((r) => [String(revisionOf(r)), r.metadata.annotations?.['kubernetes.io/change-cause'] || '<none>'])];
  const width = Math.max(...rows.map((r) => r[0].length)) + 2;
  return ok(`deployment.apps/${name} \n${rows.map(([a, b]) => `${a.padEnd(width)}${b}\n`).join('')}\n`);
}

/**
 * `rollout history TYPE[,TYPE] [NAME…] [-l SELECTOR]`: every object the resource builder finds,
 * in the API's order (by name) or the order named, each printed as on its own. kubectl collects
 * the errors and prints them last: one as `error: …`, several one per line without the prefix
 * (cmdutil.CheckErr on an aggregate); a NotFound keeps the API's `Error from server` wording.
 */
function historyOfMany(inv: KubectlInvocation, state: ClusterState, want: number): CommandResult {
  const parsed = parseResourceArgs(inv.flags.positionals);
  if (!parsed.ok) return fail(`error: ${parsed.error}\n`);
  const selectorText = inv.flags.values.selector;
  let keep: (o: KubeObject) => boolean = () => true;
  if (typeof selectorText === 'string') {
    const sel = parseLabelSelector(selectorText);
    if (!sel.ok) return fail(`error: ${sel.error}\n`);
    const matches = selectorMatcher(sel.selector);
    keep = (o) => matches(o.metadata.labels);
  }
  let stdout = '';
  const errors: string[] = [];
  for (const found of findObjects(state, parsed.req, inv.namespace, keep)) {
    for (const o of found.objects) {
      const r = found.type.kind === 'Deployment' ? deploymentHistory(state, o as Deployment, want)
        : found.type.kind === 'DaemonSet' ? daemonSetHistory(state, o as DaemonSet, want)
        : fail(`error: ${unsupportedMessage('history', found.type)}\n`);
      stdout += r.stdout;
      if (r.stderr) errors.push(r.stderr.replace(/^error: /, '').trimEnd());
    }
    for (const name of found.missing) errors.push(notFoundMessage(found.type, name));
  }
  if (errors.length === 0) return ok(stdout);
  const stderr = errors.length === 1 && !errors[0].startsWith('Error from server') ? `error: ${errors[0]}\n` : `${errors.join('\n')}\n`;
  return { stdout, stderr, exitCode: 1 };
}

const history: KubectlVerb = {
  name: 'history',
  short: 'View rollout history',
  long: 'View previous rollout revisions and configurations.',
  examples: '# View the rollout history of a deployment\nkubectl rollout history deployment/abc\n\n# View the details of daemonset revision 3\nkubectl rollout history daemonset/abc --revision=3',
  usage: 'kubectl rollout history (TYPE NAME | TYPE/NAME) [flags] [options]',
  flags: [{ name: 'revision', type: 'int', default: 0, help: 'See the details, including podTemplate of the revision specified' }, SELECTOR],
  run(inv, ctx) {
    const want = Number(inv.flags.values.revision);
    const args = inv.flags.positionals;
    const parsed = args.length > 0 ? parseResourceArgs(args) : undefined;
    const single = parsed?.ok && parsed.req.groups.length === 1 && parsed.req.groups[0].names.length === 1;
    if (parsed?.ok && !single) return historyOfMany(inv, ctx.state, want);
    const t = rolloutTarget(inv, ctx.state);
    if (!t.ok) return t.result;
    return t.ds ? daemonSetHistory(ctx.state, t.ds, want) : deploymentHistory(ctx.state, t.dep, want);
  },
};

/** kubectl rollout restart's change to one Deployment (objectrestarter: a restartedAt annotation on the template). */
function restartDeployment(ctx: CommandContext, inv: KubectlInvocation, dep: Deployment): CommandResult {
  const name = dep.metadata.name;
  if (dep.spec.paused) return fail(`error: deployments.apps "${name}" can't restart paused deployment (run rollout resume first)\n`);
  ctx.dispatch({ type: 'deployment/restart', namespace: dep.metadata.namespace ?? inv.namespace, name });
  return ok(`deployment.apps/${name} restarted\n`);
}

/**
 * `rollout restart` of what the resource builder finds (RunRestart: ResourceTypeOrNameArgs(true,
 * …) with -l and -f): a type alone is every object of it in the namespace. Each is restarted in
 * turn; kinds without a restarter, NotFound and paused Deployments are collected and printed last,
 * one per line; `-o name` prints only each `deployment.apps/NAME`; nothing found is `No resources found in NS
 * namespace.` on stderr with exit 0.
 */
function restartMany(inv: KubectlInvocation, ctx: CommandContext): CommandResult {
  const v = inv.flags.values;
  const files = (v.filename as string[] | undefined) ?? [];
  const objects: { type: KindDef; obj: KubeObject }[] = [];
  const errors: string[] = [];
  if (files.length) {
    const read = readManifests(ctx, files, { verb: 'rollout restart', namespace: inv.namespace, namespaceGiven: inv.flags.given.has('namespace'), recursive: v.recursive === true });
    if (!read.ok) return fail(`error: ${read.error}\n`);
    for (const i of read.items) if (i.live) objects.push({ type: i.type, obj: i.live }); else errors.push(notFoundMessage(i.type, i.object.metadata.name));
  } else {
    const parsed = parseResourceArgs(inv.flags.positionals);
    if (!parsed.ok) return fail(`error: ${parsed.error}\n`);
    const sel = parseLabelSelector(String(v.selector ?? ''));
    if (!sel.ok) return fail(`error: ${sel.error}\n`);
    const matches = selectorMatcher(sel.selector);
    for (const found of findObjects(ctx.state, parsed.req, inv.namespace, (o) => matches(o.metadata.labels))) {
      for (const obj of found.objects) objects.push({ type: found.type, obj });
      for (const name of found.missing) errors.push(notFoundMessage(found.type, name));
    }
  }
  if (!objects.length && !errors.length) return { stdout: '', stderr: `No resources found in ${inv.namespace} namespace.\n`, exitCode: 0 };
  let stdout = '';
  for (const { type, obj } of objects) {
    const r = type.kind === 'Deployment' ? restartDeployment(ctx, inv, obj as Deployment)
      : type.kind === 'DaemonSet' ? daemonSetRestart(ctx, obj as DaemonSet)
      : fail(`error: ${type.plural}${type.group ? `.${type.group}` : ''} "${obj.metadata.name}" restarting is not supported\n`);
    stdout += v.output === 'name' ? r.stdout.replace(/ restarted\n/g, '\n') : r.stdout;
    if (r.stderr) errors.push(r.stderr.trimEnd());
  }
  if (!errors.length) return ok(stdout);
  return { stdout, stderr: `${errors.join('\n')}\n`, exitCode: 1 };
}

const restart: KubectlVerb = {
  name: 'restart',
  short: 'Restart a resource',
  long: 'Restart a resource.\n\n        Resource rollout will be restarted.',
  examples: '# Restart all deployments in the test-namespace namespace\nkubectl rollout restart deployment -n test-namespace\n\n# Restart a deployment\nkubectl rollout restart deployment/nginx\n\n# Restart a daemon set\nkubectl rollout restart daemonset/abc\n\n# Restart deployments with the app=nginx label\nkubectl rollout restart deployment --selector=app=nginx',
  usage: 'kubectl rollout restart RESOURCE [options]',
  flags: [
    SELECTOR,
    ...GENERATOR_FLAGS.filter((f) => ['allow-missing-template-keys', 'output', 'show-managed-fields', 'template'].includes(f.name)),
    { name: 'field-manager', type: 'string', default: 'kubectl-rollout', help: 'Name of the manager used to track field ownership.' },
    ...setFlags('restart').filter((f) => ['filename', 'kustomize', 'recursive'].includes(f.name)),
  ],
  run(inv, ctx) {
    const v = inv.flags.values;
    const args = inv.flags.positionals;
    const parsed = args.length > 0 ? parseResourceArgs(args) : undefined;
    const single = parsed?.ok && parsed.req.groups.length === 1 && parsed.req.groups[0].names.length === 1 && !v.selector;
    if (!single && (args.length > 0 || (v.filename as string[]).length > 0)) return restartMany(inv, ctx);
    const t = rolloutTarget(inv, ctx.state);
    if (!t.ok) return t.result;
    const r = t.ds ? daemonSetRestart(ctx, t.ds) : restartDeployment(ctx, inv, t.dep);
    return v.output === 'name' ? { ...r, stdout: r.stdout.replace(/ restarted\n/g, '\n') } : r;
  },
};

const undo: KubectlVerb = {
  name: 'undo',
  short: 'Undo a previous rollout',
  long: 'Roll back to a previous rollout.',
  examples: '# Roll back to the previous deployment\nkubectl rollout undo deployment/abc\n\n# Roll back to daemonset revision 3\nkubectl rollout undo daemonset/abc --to-revision=3',
  usage: 'kubectl rollout undo (TYPE NAME | TYPE/NAME) [flags] [options]',
  flags: [DRY_RUN, { name: 'to-revision', type: 'int', default: 0, help: 'The revision to rollback to. Default to 0 (last revision).' }],
  run(inv, ctx) {
    const t = rolloutTarget(inv, ctx.state);
    if (!t.ok) return t.result;
    const to = Number(inv.flags.values['to-revision']);
    if (t.ds) return daemonSetUndo(ctx, t.ds, to, String(inv.flags.values['dry-run']));
    const dep = t.dep;
    const name = dep.metadata.name;
    const revs = revisionsOf(ctx.state, dep);
    // deploymentRevision(): --to-revision=0 means the newest revision before the current one.
    const target = to > 0 ? revs.find((r) => revisionOf(r) === to) : revs[revs.length - 2];
    if (!target) return fail(to > 0 ? `error: unable to find specified revision ${to} in history\n` : `error: no rollout history found for deployment "${name}"\n`);
    if (dep.spec.paused) return fail(`error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/${name}' and try again\n`);
    const rev = revisionOf(target);
    if (target.metadata.labels?.['pod-template-hash'] === podTemplateHash(dep.spec.template)) return ok(`deployment.apps/${name} skipped rollback (current template already matches revision ${rev})\n`);
    if (String(inv.flags.values['dry-run']) !== 'none') return ok(`deployment.apps/${name} rolled back (${String(inv.flags.values['dry-run'])} dry run)\n`);
    ctx.dispatch({ type: 'deployment/rollback', namespace: inv.namespace, name, revision: rev });
    return ok(`deployment.apps/${name} rolled back\n`);
  },
};

/** `rollout pause` / `resume`: flip spec.paused through `object/replace`. */
function pauseVerb(pause: boolean): KubectlVerb {
  const word = pause ? 'pause' : 'resume';
  return {
    name: word,
    short: pause ? 'Mark the provided resource as paused' : 'Resume a paused resource',
    long: pause
      ? 'Mark the provided resource as paused.\n\n Paused resources will not be reconciled by a controller. Use "kubectl rollout resume" to resume a paused resource. Currently only deployments support being paused.'
      : 'Resume a paused resource.\n\n Paused resources will not be reconciled by a controller. By resuming a resource, we allow it to be reconciled again. Currently only deployments support being resumed.',
    examples: pause ? '# Mark the nginx deployment as paused\n# Any current state of the deployment will continue its function; new updates\n# to the deployment will not have an effect as long as the deployment is paused\nkubectl rollout pause deployment/nginx' : '# Resume an already paused deployment\nkubectl rollout resume deployment/nginx',
    usage: `kubectl rollout ${word} RESOURCE [options]`,
    flags: [],
    run(inv, ctx) {
      const t = rolloutTarget(inv, ctx.state);
      if (!t.ok) return t.result;
      // objectpauser.go: only Deployments can be paused.
      if (t.ds) return fail(`error: daemonsets.apps "${t.ds.metadata.name}" ${pause ? 'pausing' : 'resuming'} is not supported\n`);
      const name = t.dep.metadata.name;
      if (Boolean(t.dep.spec.paused) === pause) return fail(`error: deployments.apps "${name}" is ${pause ? 'already paused' : 'not paused'}\n`);
      const spec = { ...t.dep.spec };
      if (pause) spec.paused = true; else delete spec.paused;
      ctx.dispatch({ type: 'object/replace', kind: 'Deployment', namespace: inv.namespace, name, object: { ...t.dep, spec } });
      return ok(`deployment.apps/${name} ${pause ? 'paused' : 'resumed'}\n`);
    },
  };
}

/**
 * `kubectl rollout` (kubectl pkg/cmd/rollout, 1.33) for Deployments and DaemonSets: status (with -w a Follow that
 * prints each new waiting line until `successfully rolled out`), history, restart, undo, pause, resume.
 */
export const rollout: KubectlVerb = {
  name: 'rollout',
  short: 'Manage the rollout of a resource',
  long: 'Manage the rollout of one or many resources.\n        \n Valid resource types include:\n\n  *  deployments\n  *  daemonsets\n  *  statefulsets',
  examples: '# Rollback to the previous deployment\nkubectl rollout undo deployment/abc\n\n# Check the rollout status of a daemonset\nkubectl rollout status daemonset/foo\n\n# Restart a deployment\nkubectl rollout restart deployment/abc\n\n# Restart deployments with the \'app=nginx\' label\nkubectl rollout restart deployment --selector=app=nginx',
  usage: 'kubectl rollout SUBCOMMAND [options]',
  flags: [],
  subcommands: [history, pauseVerb(true), restart, pauseVerb(false), status, undo],
  // Bare `kubectl rollout` prints its help and exits 1 (cobra's DefaultSubCommandRun).
  run() {
    return { stdout: verbHelp(rollout), stderr: '', exitCode: 1 };
  },
};
