import type { CommandResult } from '../../../types.ts';
import type { KubectlVerb } from '../../verb.ts';
import { applyEdit, setFlags, commonChecks, fail, findTargets } from './target.ts';

/**
 * `kubectl set serviceaccount|sa (TYPE NAME | TYPE/NAME) SERVICE_ACCOUNT` (kubectl 1.33
 * set_serviceaccount.go): the last argument is the account, the rest name objects with a pod
 * template, whose `serviceAccountName` becomes it. kubectl sends the patch even when nothing
 * changes, so it always prints `deployment.apps/NAME serviceaccount updated`; a running Pod's spec
 * is immutable (`failed to patch ServiceAccountName Pod "x" is invalid: …`).
 */
export const serviceaccount: KubectlVerb = {
  name: 'serviceaccount',
  aliases: ['sa'],
  short: 'Update the service account of a resource',
  long: `Update the service account of pod template resources.

 Possible resources (case insensitive) can be:

 replicationcontroller (rc), deployment (deploy), daemonset (ds), job, replicaset (rs), statefulset`,
  examples: `# Set deployment nginx-deployment's service account to serviceaccount1
kubectl set serviceaccount deployment nginx-deployment serviceaccount1

# Print the result (in YAML format) of updated nginx deployment with the service account from local file, without hitting the API server
kubectl set sa -f nginx-deployment.yaml serviceaccount1 --local --dry-run=client -o yaml`,
  usage: 'kubectl set serviceaccount (-f FILENAME | TYPE NAME) SERVICE_ACCOUNT [options]',
  flags: setFlags('serviceaccount', { selector: false }),
  run(inv, ctx): CommandResult {
    const bad = commonChecks(inv.flags.values);
    if (bad) return fail(bad);
    const args = inv.flags.positionals;
    if (args.length === 0) return fail('error: serviceaccount is required\n');
    const account = args[args.length - 1];
    const found = findTargets(inv, ctx, args.slice(0, -1));
    if (!found.ok) return fail(found.error);
    let stdout = '';
    let stderr = found.errors.map((e) => `${e}\n`).join('');
    for (const t of found.targets) {
      const r = applyEdit(ctx, inv, t, 'serviceaccount updated', 'failed to patch ServiceAccountName ', (spec) => {
        spec.serviceAccountName = account;
        return undefined;
      }, true);
      stdout += r.out;
      stderr += r.err;
    }
    return { stdout, stderr, exitCode: stderr ? 1 : 0 };
  },
};
