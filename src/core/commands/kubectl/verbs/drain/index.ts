import type { Pod } from '../../../../model/k8s.ts';
import { keyOf } from '../../../../model/state.ts';
import { planDrain, type DrainOptions } from '../../../../sim/drain.ts';
import { parseDuration } from '../../../../time.ts';
import type { CommandContext, CommandResult } from '../../../types.ts';
import type { KubectlVerb } from '../../verb.ts';
import { parseLabelSelector, selectorMatches } from '../../../../k8s/labels.ts';
import { aggregate, answerFor, drainFailure, fatalEvictionError, podRef, RETRY_MS, removeAction, retryFollow } from './evict.ts';

const fail = (stderr: string, stdout = ''): CommandResult => ({ stdout, stderr, exitCode: 1 });

/** Longest we let a drain sit waiting for evicted pods to go (kubectl waits up to --timeout, default for ever). */
const MAX_WAIT_MS = 10 * 60_000;

/**
 * `kubectl drain NODE` (kubectl pkg/cmd/drain, 1.33): cordon the node, then evict every pod the
 * drain rules (sim/drain.ts) allow, wait until each is gone (`pod/x evicted`), and print
 * `node/x drained`. Broken rules stop that node with kubectl's `unable to drain node` lines; a
 * PodDisruptionBudget refusal (429) turns the command into a Follow that retries every 5 s until
 * --timeout or Ctrl-C.
 */
export const drain: KubectlVerb = {
  name: 'drain',
  short: 'Drain node in preparation for maintenance',
  long: `Drain node in preparation for maintenance.

 The given node will be marked unschedulable to prevent new pods from arriving. 'drain' evicts the pods if the API server supports eviction (https://kubernetes.io/docs/concepts/workloads/pods/disruptions/). Otherwise, it will use normal DELETE to delete the pods. The 'drain' evicts or deletes all pods except mirror pods (which cannot be deleted through the API server).  If there are daemon set-managed pods, drain will not proceed without --ignore-daemonsets, and regardless it will not delete any daemon set-managed pods, because those pods would be immediately replaced by the daemon set controller, which ignores unschedulable markings.  If there are any pods that are neither mirror pods nor managed by a replication controller, replica set, daemon set, stateful set, or job, then drain will not delete any pods unless you use --force.  --force will also allow deletion to proceed if the managing resource of one or more pods is missing.

 'drain' waits for graceful termination. You should not operate on the machine until the command completes.

 When you are ready to put the node back into service, use kubectl uncordon, which will make the node schedulable again.`,
  examples: '# Drain node "foo", even if there are pods not managed by a replication controller, replica set, job, daemon set, or stateful set on it\nkubectl drain foo --force\n\n# As above, but abort if there are pods not managed by a replication controller, replica set, job, daemon set, or stateful set, and use a grace period of 15 minutes\nkubectl drain foo --grace-period=900',
  usage: 'kubectl drain NODE [options]',
  flags: [
    { name: 'chunk-size', type: 'int', default: 500, help: 'Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future.' },
    { name: 'delete-emptydir-data', type: 'bool', help: 'Continue even if there are pods using emptyDir (local data that will be deleted when the node is drained).' },
    { name: 'disable-eviction', type: 'bool', help: 'Force drain to use delete, even if eviction is supported. This will bypass checking PodDisruptionBudgets, use with caution.' },
    { name: 'dry-run', type: 'string', default: 'none', help: 'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.' },
    { name: 'force', type: 'bool', help: 'Continue even if there are pods that do not declare a controller.' },
    { name: 'grace-period', type: 'int', default: -1, help: 'Period of time in seconds given to each pod to terminate gracefully. If negative, the default value specified in the pod will be used.' },
    { name: 'ignore-daemonsets', type: 'bool', help: 'Ignore DaemonSet-managed pods.' },
    { name: 'pod-selector', type: 'string', help: 'Label selector to filter pods on the node' },
    { name: 'selector', short: 'l', type: 'string', help: 'Selector (label query) to filter on' },
    { name: 'skip-wait-for-delete-timeout', type: 'int', default: 0, help: 'If pod DeletionTimestamp older than N seconds, skip waiting for the pod.  Seconds must be greater than 0 to skip.' },
    { name: 'timeout', type: 'string', default: '0s', help: 'The length of time to wait before giving up, zero means infinite' },
  ],
  run(inv, ctx) {
    const v = inv.flags.values;
    const dryRun = String(v['dry-run']);
    if (!['none', 'client', 'server'].includes(dryRun)) return fail(`error: Invalid dry-run value (${dryRun}). Must be "none", "server", or "client".\n`);
    const timeoutMs = parseDuration(String(v.timeout));
    if (timeoutMs === undefined) return fail(`error: invalid argument "${String(v.timeout)}" for "--timeout" flag: time: invalid duration "${String(v.timeout)}"\nSee 'kubectl drain --help' for usage.\n`);
    const grace = Number(v['grace-period']);
    const podSel = parseLabelSelector(String(v['pod-selector']));
    if (!podSel.ok) return fail('error: --pod-selector=<pod_selector> must be a valid label selector\n');
    const nodeSel = String(v.selector);
    const args = inv.flags.positionals;
    if (args.length === 0 && nodeSel === '') return fail("error: USAGE: drain NODE [flags]\nSee 'kubectl drain -h' for help and examples\n");
    let nodes: string[];
    if (nodeSel !== '') {
      const sel = parseLabelSelector(nodeSel);
      if (!sel.ok) return fail(`error: ${sel.error}\n`);
      nodes = Object.keys(ctx.state.nodes).sort().filter((n) => selectorMatches(sel.selector, ctx.state.nodes[n].metadata.labels));
      // kubectl visits no node and says nothing.
      if (nodes.length === 0) return { stdout: '', stderr: '', exitCode: 0 };
    } else {
      nodes = args.map((a) => a.replace(/^nodes?\//, ''));
    }
    // kubectl resolves every node before touching any: one unknown name stops the command.
    for (const n of nodes) if (!Object.hasOwn(ctx.state.nodes, n)) return fail(`Error from server (NotFound): nodes "${n}" not found\n`);
    const plan: DrainOptions = {
      ignoreDaemonSets: v['ignore-daemonsets'] === true,
      deleteEmptyDirData: v['delete-emptydir-data'] === true,
      force: v.force === true,
      podSelector: podSel.selector.matchExpressions?.length ? (p: Pod) => selectorMatches(podSel.selector, p.metadata.labels) : undefined,
    };
    const opts = { plan, dryRun, timeoutMs, force: grace === 0, useEviction: v['disable-eviction'] !== true };
    return drainNodes(nodes, opts, ctx);
  },
};

interface RunOptions { plan: DrainOptions; dryRun: string; timeoutMs: number; force: boolean; useEviction: boolean }

function drainNodes(nodes: string[], o: RunOptions, ctx: CommandContext): CommandResult {
  let stdout = '';
  let stderr = '';
  // What the terminal shows: both streams in the order kubectl writes them.
  let interleaved = '';
  const out = (text: string) => { stdout += text; interleaved += text; };
  const err = (text: string) => { stderr += text; interleaved += text; };
  const pendingNodes: string[] = [];
  let fatal = '';
  const suffix = o.dryRun === 'none' ? '' : ` (${o.dryRun} dry run)`;
  for (const [i, node] of nodes.entries()) {
    if (ctx.state.nodes[node].spec?.unschedulable) out(`node/${node} already cordoned\n`);
    else {
      if (o.dryRun === 'none') ctx.dispatch({ type: 'node/setUnschedulable', node, unschedulable: true });
      out(`node/${node} cordoned${suffix}\n`);
    }
    const plan = planDrain(ctx.state, node, o.plan);
    if (plan.errors.length) {
      fatal = aggregate(plan.errors);
      err(`error: unable to drain node "${node}" due to error: ${fatal}, continuing command...\n`);
      pendingNodes.push(node);
      continue;
    }
    if (plan.warnings) err(`Warning: ${plan.warnings}\n`);
    if (o.dryRun === 'client' || (o.dryRun === 'server' && !o.useEviction)) {
      for (const p of plan.pods) out(`evicting pod ${p.metadata.namespace}/${p.metadata.name}${suffix}\n`);
      out(`node/${node} drained${suffix}\n`);
      continue;
    }
    if (o.dryRun === 'server') {
      // A server dry run sends real eviction requests marked dryRun: the budgets answer, nothing changes.
      const blocked: Pod[] = [];
      const failed: string[] = [];
      for (const p of plan.pods) out(`evicting pod ${p.metadata.namespace}/${p.metadata.name}${suffix}\n`);
      for (const p of plan.pods) {
        const answer = answerFor(ctx.state, p, true);
        if (answer.ok) continue;
        if (answer.status === 429) { err(`error when evicting ${podRef(p)} (will retry after 5s): ${answer.message}\n`); blocked.push(p); }
        else failed.push(fatalEvictionError(p, answer.message));
      }
      if (blocked.length) {
        return { stdout, stderr, interleaved, exitCode: 0, follow: retryFollow({ node, blocked, going: [], failed, start: ctx.state.now, timeoutMs: o.timeoutMs, force: false, useEviction: true, dryRun: true, plan: o.plan, later: nodes.slice(i + 1) }) };
      }
      if (failed.length) {
        err(drainFailure(ctx.state, node, o.plan, failed, nodes.slice(i + 1)));
        return { stdout, stderr, interleaved, exitCode: 1 };
      }
      out(`node/${node} drained${suffix}\n`);
      continue;
    }
    const start = ctx.state.now;
    const going: Pod[] = [];
    const blocked: Pod[] = [];
    const failed: string[] = [];
    // kubectl evicts every pod in its own goroutine: all `evicting pod` lines come out before the
    // API server's answers do.
    if (o.useEviction) for (const pod of plan.pods) out(`evicting pod ${pod.metadata.namespace}/${pod.metadata.name}\n`);
    for (const pod of plan.pods) {
      const answer = answerFor(ctx.state, pod, o.useEviction);
      if (answer.ok) {
        ctx.dispatch(removeAction(pod, o.force, o.useEviction));
        going.push(pod);
      } else if (answer.status === 429) {
        err(`error when evicting ${podRef(pod)} (will retry after 5s): ${answer.message}\n`);
        blocked.push(pod);
      } else {
        failed.push(fatalEvictionError(pod, answer.message));
      }
    }
    // Graceful deletion takes the kubelet a moment: wait as kubectl's waitForDelete polls (every second).
    const verb = o.useEviction ? 'evicted' : 'deleted';
    const limit = blocked.length ? RETRY_MS - 1000 : o.timeoutMs || MAX_WAIT_MS;
    let left = going;
    for (let waited = 0; ; waited += 1000) {
      const still = left.filter((p) => Object.hasOwn(ctx.state.pods, keyOf(p.metadata.namespace, p.metadata.name)));
      for (const p of left) if (!still.includes(p)) out(`pod/${p.metadata.name} ${verb}\n`);
      left = still;
      if (left.length === 0 || waited >= limit) break;
      ctx.wait(1000);
    }
    if (blocked.length || left.length) {
      return {
        stdout, stderr, interleaved, exitCode: 0,
        follow: retryFollow({ node, blocked, going: left, failed, start, timeoutMs: o.timeoutMs, force: o.force, useEviction: o.useEviction, plan: o.plan, later: nodes.slice(i + 1) }),
      };
    }
    if (failed.length) {
      // A refusal kubectl does not retry (500): this node fails once its other pods are gone.
      err(drainFailure(ctx.state, node, o.plan, failed, nodes.slice(i + 1)));
      return { stdout, stderr, interleaved, exitCode: 1 };
    }
    out(`node/${node} drained\n`);
  }
  if (pendingNodes.length) {
    err(`There are pending nodes to be drained:\n${pendingNodes.map((n) => ` ${n}\n`).join('')}${fatal}\n`);
    return { stdout, stderr, interleaved, exitCode: 1 };
  }
  return { stdout, stderr, interleaved, exitCode: 0 };
}
