import type { PodDisruptionBudget } from '../../../../model/k8s.ts';
import { keyOf } from '../../../../model/state.ts';
import { isIntOrPercent } from '../../../../sim/intstr.ts';
import type { KubectlVerb } from '../../verb.ts';
import { parseLabelSelector } from '../../../../k8s/labels.ts';
import { fail } from './output.ts';

/** `app=x,tier=y` as a matchLabels selector; kubectl's create pdb accepts equality requirements. */
function matchLabelsOf(text: string): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const part of text.split(',')) {
    const m = /^\s*([A-Za-z0-9./_-]+)\s*==?\s*([A-Za-z0-9._-]*)\s*$/.exec(part);
    if (!m) return undefined;
    out[m[1]] = m[2];
  }
  return out;
}

/**
 * `kubectl create poddisruptionbudget NAME --selector=SEL --min-available=N|--max-unavailable=N`
 * (kubectl pkg/cmd/create/create_pdb.go, 1.33): builds a policy/v1 PodDisruptionBudget and creates
 * it; the disruption controller fills its status. Prints `poddisruptionbudget.policy/NAME created`.
 */
export const createPdb: KubectlVerb = {
  name: 'poddisruptionbudget',
  aliases: ['pdb'],
  short: 'Create a pod disruption budget with the specified name',
  long: 'Create a pod disruption budget with the specified name, selector, and desired minimum available pods.',
  examples: '# Create a pod disruption budget named my-pdb that will select all pods with the app=rails label\n# and require at least one of them being available at any point in time\nkubectl create poddisruptionbudget my-pdb --selector=app=rails --min-available=1\n\n# Create a pod disruption budget named my-pdb that will select all pods with the app=nginx label\n# and require at least half of the pods selected to be available at any point in time\nkubectl create pdb my-pdb --selector=app=nginx --min-available=50%',
  usage: 'kubectl create poddisruptionbudget NAME --selector=SELECTOR --min-available=N [--dry-run=server|client|none] [options]',
  flags: [
    { name: 'selector', type: 'string', help: 'A label selector to use for this budget. Only equality-based selector requirements are supported.' },
    { name: 'min-available', type: 'string', help: 'The minimum number or percentage of available pods this budget requires.' },
    { name: 'max-unavailable', type: 'string', help: 'The maximum number or percentage of unavailable pods this budget requires.' },
    { name: 'dry-run', type: 'string', default: 'none', help: 'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.' },
  ],
  run(inv, ctx) {
    const v = inv.flags.values;
    const dryRun = String(v['dry-run']);
    if (!['none', 'client', 'server'].includes(dryRun)) return fail(`error: Invalid dry-run value (${dryRun}). Must be "none", "server", or "client".\n`);
    const args = inv.flags.positionals;
    if (args.length !== 1) return fail(`error: exactly one NAME is required, got ${args.length}\nSee 'kubectl create poddisruptionbudget -h' for help and examples\n`);
    const name = args[0];
    const min = String(v['min-available'] ?? '');
    const max = String(v['max-unavailable'] ?? '');
    if (min === '' && max === '') return fail('error: one of min-available or max-unavailable must be specified\n');
    if (min !== '' && max !== '') return fail('error: min-available and max-unavailable cannot be both specified\n');
    const sel = String(v.selector ?? '');
    if (sel === '') return fail('error: a selector must be specified\n');
    const parsedSel = parseLabelSelector(sel);
    if (!parsedSel.ok) return fail(`error: couldn't parse the selector string "${sel}": ${parsedSel.error}\n`);
    const matchLabels = matchLabelsOf(sel);
    if (!matchLabels) return fail(`error: couldn't parse the selector string "${sel}"\n`);
    const raw = min !== '' ? min : max;
    const value: number | string = /^\d+$/.test(raw) ? Number(raw) : raw;
    if (!isIntOrPercent(value)) return fail(`error: invalid format specified for ${min !== '' ? 'min-available' : 'max-unavailable'}\n`);
    if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(name)) {
      return fail(`The PodDisruptionBudget "${name}" is invalid: metadata.name: Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')\n`);
    }
    const ns = inv.namespace;
    if (Object.hasOwn(ctx.state.pdbs, keyOf(ns, name))) return fail(`error: failed to create poddisruptionbudget: poddisruptionbudgets.policy "${name}" already exists\n`);
    const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
    if (dryRun === 'none') {
      const pdb: PodDisruptionBudget = {
        apiVersion: 'policy/v1', kind: 'PodDisruptionBudget',
        metadata: { name, namespace: ns, uid: '', creationTimestamp: '' },
        spec: { ...(min !== '' ? { minAvailable: value } : { maxUnavailable: value }), selector: { matchLabels } },
        status: { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 },
      };
      ctx.dispatch({ type: 'object/create', object: pdb });
    }
    return { stdout: `poddisruptionbudget.policy/${name} created${suffix}\n`, stderr: '', exitCode: 0 };
  },
};
