import type { Deployment, ReplicaSet } from '../../../../model/k8s.ts';
import type { CommandResult } from '../../../types.ts';
import type { KubectlVerb } from '../../verb.ts';
import { qualifiedSingular } from '../../../../kinds/registry.ts';
import { findObjects, notFoundMessage, parseResourceArgs } from '../get/query.ts';
import { parseLabelSelector, selectorMatches } from '../../../../k8s/labels.ts';

const fail = (stderr: string): CommandResult => ({ stdout: '', stderr, exitCode: 1 });

/**
 * `kubectl scale deployment/NAME --replicas=N` (kubectl pkg/cmd/scale): writes spec.replicas
 * through `object/replace`; the controllers do the rest. Prints `deployment.apps/NAME scaled`.
 */
export const scale: KubectlVerb = {
  name: 'scale',
  short: 'Set a new size for a deployment, replica set, or replication controller',
  long: `Set a new size for a deployment, replica set, replication controller, or stateful set.

 Scale also allows users to specify one or more preconditions for the scale action.

 If --current-replicas or --resource-version is specified, it is validated before the scale is attempted, and it is guaranteed that the precondition holds true when the scale is sent to the server.`,
  examples: `# Scale a replica set named 'foo' to 3
kubectl scale --replicas=3 rs/foo

# If the deployment named mysql's current size is 2, scale mysql to 3
kubectl scale --current-replicas=2 --replicas=3 deployment/mysql`,
  usage: 'kubectl scale [--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME) [options]',
  flags: [
    { name: 'replicas', type: 'int', default: -1, help: 'The new desired number of replicas. Required.' },
    { name: 'current-replicas', type: 'int', default: -1, help: 'Precondition for current size. Requires that the current size of the resource match this value in order to scale. -1 (default) for no condition.' },
    { name: 'selector', short: 'l', type: 'string', help: "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints." },
    { name: 'all', type: 'bool', help: 'Select all resources in the namespace of the specified resource types' },
    { name: 'timeout', type: 'string', default: '0s', help: 'The length of time to wait before giving up on a scale operation, zero means don\'t wait. Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h).' },
    { name: 'dry-run', type: 'string', default: 'none', help: 'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.' },
  ],
  run(inv, ctx) {
    const v = inv.flags.values;
    const replicas = Number(v.replicas);
    if (!inv.flags.given.has('replicas') || replicas < 0) return fail('error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n');
    const args = inv.flags.positionals;
    if (args.length === 0) return fail(`error: required resource not specified\nSee 'kubectl scale -h' for help and examples\n`);
    const parsed = parseResourceArgs(args);
    if (!parsed.ok) return fail(`error: ${parsed.error}\n`);
    const sel = parseLabelSelector(String(v.selector ?? ''));
    if (!sel.ok) return fail(`error: ${sel.error}\n`);
    const named = parsed.req.groups.some((g) => g.names.length > 0);
    if (!named && !v.selector && v.all !== true) return fail('error: resource(s) were provided, but no name was specified\n');
    let stdout = '';
    let stderr = '';
    for (const g of findObjects(ctx.state, parsed.req, inv.namespace, (o) => selectorMatches(sel.selector, o.metadata.labels))) {
      for (const n of g.missing) stderr += notFoundMessage(g.type, n) + '\n';
      for (const obj of g.objects) {
        if (obj.kind !== 'Deployment' && obj.kind !== 'ReplicaSet') {
          stderr += `error: cannot scale ${g.type.plural} "${obj.metadata.name}": the resource has no scale subresource\n`;
          continue;
        }
        const o = obj as Deployment | ReplicaSet;
        const cur = Number(v['current-replicas']);
        if (cur >= 0 && o.spec.replicas !== cur) { stderr += `error: Expected replicas to be ${cur}, was ${o.spec.replicas}\n`; continue; }
        // The scale subresource's spec.replicas is an int32: the API server cannot decode more.
        if (replicas > 2147483647) { stderr += `Error from server (BadRequest): json: cannot unmarshal number ${replicas} into Go struct field ScaleSpec.spec.replicas of type int32\n`; continue; }
        if (v['dry-run'] === 'none' || v['dry-run'] === undefined) {
          const next = { ...o, spec: { ...o.spec, replicas } };
          ctx.dispatch({ type: 'object/replace', kind: o.kind, namespace: o.metadata.namespace, name: o.metadata.name, object: next });
        }
        stdout += `${qualifiedSingular(g.type)}/${o.metadata.name} scaled${v['dry-run'] && v['dry-run'] !== 'none' ? ` (${v['dry-run']} dry run)` : ''}\n`;
      }
    }
    return { stdout, stderr, exitCode: stderr ? 1 : 0 };
  },
};
