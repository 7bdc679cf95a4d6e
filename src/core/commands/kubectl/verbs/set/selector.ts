import { clone } from '../../../../clone.ts';
import type { KubeObject } from '../../../../model/k8s.ts';
import type { CommandResult } from '../../../types.ts';
import type { KubectlVerb } from '../../verb.ts';
import { parseLabelSelector } from '../../../../k8s/labels.ts';
import { setFlags, commonChecks, fail, findSetObjects, sendEdited } from './target.ts';

/** The selector's comma-separated terms (commas inside `in (…)` lists stay in their term). */
const termsOf = (text: string) => text.split(/,(?![^(]*\))/).map((t) => t.trim());

/**
 * metav1.ParseToLabelSelector's refusals of operators a LabelSelector cannot hold: `!=`, and
 * `>`/`<` (whose own wording differs), or undefined.
 */
function operatorRefusal(text: string): string | undefined {
  for (const t of termsOf(text)) {
    if (t.includes('!=')) return '"!=" is not a valid label selector operator';
    if (/^[^=]*>/.test(t)) return '"gt" isn\'t supported in label selectors';
    if (/^[^=]*</.test(t)) return '"lt" isn\'t supported in label selectors';
  }
  return undefined;
}

/** The `key=value` / `key==value` terms, which ParseToLabelSelector makes matchLabels (set-based ones stay expressions). */
function equalityTerms(text: string): Map<string, string> {
  const labels = new Map<string, string>();
  for (const t of termsOf(text)) {
    const m = /^([^=!\s(]+)\s*==?\s*(.*)$/.exec(t);
    if (m) labels.set(m[1], m[2]);
  }
  return labels;
}

/**
 * `kubectl set selector (TYPE NAME | TYPE/NAME) EXPRESSIONS` (kubectl 1.33 set_selector.go): the
 * last argument is a label selector that replaces a Service's `spec.selector` (only `key=value`
 * terms: a set-based term is refused, as metav1.ParseToLabelSelector leaves it a match expression).
 * kubectl patches even an unchanged selector and prints `service/NAME selector updated`; it stops
 * at the first object that is not a Service.
 */
export const selector: KubectlVerb = {
  name: 'selector',
  short: 'Set the selector on a resource',
  long: `Set the selector on a resource. Note that the new selector will overwrite the old selector if the resource had one prior to the invocation of 'set selector'.

 A selector must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 63 characters. If --resource-version is specified, then updates will use this resource version, otherwise the existing resource-version will be used. Note: currently selectors can only be set on Service objects.`,
  examples: `# Set the labels and selector before creating a deployment/service pair
kubectl create service clusterip my-svc --clusterip="None" -o yaml --dry-run=client | kubectl set selector --local -f - 'environment=qa' -o yaml | kubectl create -f -
kubectl create deployment my-dep -o yaml --dry-run=client | kubectl label --local -f - environment=qa -o yaml | kubectl create -f -`,
  usage: 'kubectl set selector (-f FILENAME | TYPE NAME) EXPRESSIONS [--resource-version=version] [options]',
  flags: [
    ...setFlags('selector', { all: 'Select all resources in the namespace of the specified resource types', filename: 'identifying the resource.', local: 'If true, annotation will NOT contact api-server but run locally.', recursive: true, kustomize: false, selector: false }),
    { name: 'resource-version', type: 'string', help: 'If non-empty, the selectors update will only succeed if this is the current resource-version for the object. Only valid when specifying a single resource.' },
  ],
  run(inv, ctx): CommandResult {
    const bad = commonChecks(inv.flags.values);
    if (bad) return fail(bad);
    const args = inv.flags.positionals;
    if (args.length === 0) return fail('error: one selector is required\n');
    const parsed = parseLabelSelector(args[args.length - 1]);
    if (!parsed.ok) return fail(`error: ${parsed.error}\n`);
    const terms = parsed.selector.matchExpressions ?? [];
    const refused = operatorRefusal(args[args.length - 1]);
    if (refused) return fail(`error: ${refused}\n`);
    const matchLabels = equalityTerms(args[args.length - 1]);
    const setBased = terms.filter((e) => !matchLabels.has(e.key) || e.operator !== 'In');
    const found = findSetObjects(inv, ctx, args.slice(0, -1));
    if (!found.ok) return fail(found.error);
    let stdout = '';
    let stderr = found.errors.map((e) => `${e}\n`).join('');
    for (const { obj, ref } of found.objects) {
      if (obj.kind !== 'Service') return { stdout, stderr: `${stderr}error: setting a selector is only supported for Services\n`, exitCode: 1 };
      if (setBased.length) {
        const shown = setBased.map((e) => `{${e.key} ${e.operator} [${(e.values ?? []).join(' ')}]}`).join(' ');
        return { stdout, stderr: `${stderr}error: match expression [${shown}] not supported on this object\n`, exitCode: 1 };
      }
      const next = clone(obj) as KubeObject & { spec: { selector?: Record<string, string> } };
      next.spec.selector = Object.fromEntries(terms.map((e) => [e.key, matchLabels.get(e.key)!]));
      const r = sendEdited(ctx, inv, ref, next, 'selector updated');
      stdout += r.out;
      stderr += r.err;
    }
    return { stdout, stderr, exitCode: stderr ? 1 : 0 };
  },
};
