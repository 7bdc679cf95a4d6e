import type { Node } from '../../../../model/k8s.ts';
import type { CommandResult } from '../../../types.ts';
import type { KubectlVerb } from '../../verb.ts';
import { parseLabelSelector, selectorMatches } from '../../../../k8s/labels.ts';

/**
 * `kubectl cordon` / `uncordon` (kubectl pkg/cmd/drain): set spec.unschedulable on each node
 * named or selected, printing `node/NAME cordoned` or `node/NAME already cordoned`.
 */
export function cordonVerb(name: 'cordon' | 'uncordon'): KubectlVerb {
  const unschedulable = name === 'cordon';
  const done = unschedulable ? 'cordoned' : 'uncordoned';
  return {
    name,
    short: unschedulable ? 'Mark node as unschedulable' : 'Mark node as schedulable',
    long: unschedulable ? 'Mark node as unschedulable.' : 'Mark node as schedulable.',
    examples: unschedulable ? '# Mark node "foo" as unschedulable\nkubectl cordon foo' : '# Mark node "foo" as schedulable\nkubectl uncordon foo',
    usage: `kubectl ${name} NODE [options]`,
    flags: [
      { name: 'dry-run', type: 'string', default: 'none', help: 'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.' },
      { name: 'selector', short: 'l', type: 'string', help: 'Selector (label query) to filter on' },
    ],
    run(inv, ctx): CommandResult {
      const args = inv.flags.positionals;
      const selector = String(inv.flags.values.selector ?? '');
      const dryRun = String(inv.flags.values['dry-run'] ?? 'none');
      if (!['none', 'client', 'server'].includes(dryRun)) return { stdout: '', stderr: `error: Invalid dry-run value (${dryRun}). Must be "none", "server", or "client".\n`, exitCode: 1 };
      if (args.length === 0 && selector === '') {
        return { stdout: '', stderr: `error: USAGE: ${name} NODE [flags]\nSee 'kubectl ${name} -h' for help and examples\n`, exitCode: 1 };
      }
      let targets: string[];
      if (selector !== '') {
        const sel = parseLabelSelector(selector);
        if (!sel.ok) return { stdout: '', stderr: `error: ${sel.error}\n`, exitCode: 1 };
        targets = Object.keys(ctx.state.nodes).sort().filter((n) => selectorMatches(sel.selector, ctx.state.nodes[n].metadata.labels));
        if (targets.length === 0) return { stdout: '', stderr: 'No resources found\n', exitCode: 0 };
      } else {
        targets = args.map((a) => (a.startsWith('node/') ? a.slice(5) : a.startsWith('nodes/') ? a.slice(6) : a));
      }
      let stdout = '';
      let stderr = '';
      const suffix = dryRun === 'none' ? '' : ` (${dryRun} dry run)`;
      for (const n of targets) {
        if (!Object.hasOwn(ctx.state.nodes, n)) { stderr += `Error from server (NotFound): nodes "${n}" not found\n`; continue; }
        const node: Node = ctx.state.nodes[n];
        if (Boolean(node.spec?.unschedulable) === unschedulable) { stdout += `node/${n} already ${done}\n`; continue; }
        if (dryRun === 'none') ctx.dispatch({ type: 'node/setUnschedulable', node: n, unschedulable });
        stdout += `node/${n} ${done}${suffix}\n`;
      }
      return { stdout, stderr, exitCode: stderr ? 1 : 0 };
    },
  };
}

export const cordon = cordonVerb('cordon');
