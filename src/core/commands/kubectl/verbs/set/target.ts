import { clone } from '../../../../clone.ts';
import type { Deployment, KubeObject, Pod, PodSpec, ReplicaSet } from '../../../../model/k8s.ts';
import type { CommandContext, CommandResult } from '../../../types.ts';
import type { KubectlInvocation } from '../../verb.ts';
import { getObject, kindDef, qualifiedSingular } from '../../../../kinds/registry.ts';
import { GENERATOR_FLAGS, printCreated, printOptions } from '../create/output.ts';
import type { FlagSpec } from '../../../flags.ts';
import { findObjects, notFoundMessage, parseResourceArgs } from '../get/query.ts';
import { parseLabelSelector, selectorMatches } from '../../../../k8s/labels.ts';
import { invalidMessage, validateResources } from '../../../../sim/validate.ts';
import type { DaemonSet } from '../../../../kinds/daemonset.ts';

export const fail = (stderr: string): CommandResult => ({ stdout: '', stderr, exitCode: 1 });
const DRY_RUNS = ['none', 'client', 'server'];

/** The checks every `set` sub-command's Complete makes first: the dry-run value, `--local` with a server dry run. */
export function commonChecks(v: Record<string, unknown>): string | undefined {
  const dry = String(v['dry-run']);
  if (!DRY_RUNS.includes(dry)) return `error: Invalid dry-run value (${dry}). Must be "none", "server", or "client".\n`;
  if (v.local === true && dry === 'server') return 'error: cannot specify --local and --dry-run=server - did you mean --dry-run=client?\n';
  return undefined;
}

/** kubectl's label-selector flag as `set` sub-commands word it. */
const SELECTOR_FLAG = { name: 'selector', short: 'l', type: 'string' as const, help: "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints." };

/**
 * The flags of `kubectl set VERB` (kubectl 1.33 pkg/cmd/set): the printer's, dry-run, the field
 * manager, `-f/-k/-R`, `--local`, `--all` and `-l`, worded per sub-command as kubectl words them
 * (`If true, set image will NOT contact api-server …`). `o` gives the wordings that differ and what
 * a sub-command lacks (`set selector` has no `-k` and no `-l`; its `-R` defaults to true).
 */
export function setFlags(verb: string, o: { all?: string; filename?: string; local?: string; recursive?: boolean; kustomize?: boolean; selector?: boolean } = {}): FlagSpec[] {
  return [
    { name: 'all', type: 'bool', help: o.all ?? 'Select all resources, in the namespace of the specified resource types' },
    ...GENERATOR_FLAGS.filter((f) => ['allow-missing-template-keys', 'dry-run', 'output', 'show-managed-fields', 'template'].includes(f.name)),
    { name: 'field-manager', type: 'string', default: 'kubectl-set', help: 'Name of the manager used to track field ownership.' },
    { name: 'filename', short: 'f', type: 'stringArray', help: o.filename ?? 'Filename, directory, or URL to files identifying the resource to get from a server.' },
    ...(o.kustomize === false ? [] : [{ name: 'kustomize', short: 'k', type: 'string' as const, help: "Process the kustomization directory. This flag can't be used together with -f or -R." }]),
    { name: 'local', type: 'bool', help: o.local ?? `If true, set ${verb} will NOT contact api-server but run locally.` },
    { name: 'recursive', short: 'R', type: 'bool', ...(o.recursive ? { default: true } : {}), help: 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.' },
    ...(o.selector === false ? [] : [SELECTOR_FLAG]),
  ];
}

/** An object with a pod template (or a pod), the spec a sub-command edits, and how to print its name. */
export interface TemplateTarget {
  obj: Deployment | ReplicaSet | Pod | DaemonSet;
  /** `deployment.apps/quote-engine` */
  ref: string;
}

type Found = { ok: true; targets: TemplateTarget[]; errors: string[] } | { ok: false; error: string };

/** Objects named on a `set` line, with the ref kubectl prints (`service/x`) and NotFound lines. */
export type FoundObjects = { ok: true; objects: { obj: KubeObject; ref: string; plural: string }[]; errors: string[] } | { ok: false; error: string };

/**
 * Resolves the resource arguments as kubectl's builder does for `set` (ResourceTypeOrNameArgs with
 * --all / -l): named objects, or every object of the types in the namespace; missing names give
 * NotFound lines. The builder's refusals (no resources, `-f` paths, `--local` without a file)
 * carry kubectl's text.
 */
export function findSetObjects(inv: KubectlInvocation, ctx: CommandContext, args: string[]): FoundObjects {
  const v = inv.flags.values;
  if (args.length === 0 && (v.filename as string[]).length === 0) {
    return { ok: false, error: `error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n` };
  }
  if ((v.filename as string[]).length > 0) return { ok: false, error: `error: the path "${(v.filename as string[])[0]}" does not exist\n` };
  if (v.local === true) return { ok: false, error: 'error: can only use local files by -f rsrc.yaml or --filename=rsrc.json when --local=true is set\n' };
  if (v.all === true && v.selector) return { ok: false, error: 'error: cannot set --all and --selector at the same time\n' };
  const parsed = parseResourceArgs(args);
  if (!parsed.ok) return { ok: false, error: `error: ${parsed.error}\n` };
  const sel = parseLabelSelector(String(v.selector ?? ''));
  if (!sel.ok) return { ok: false, error: `error: ${sel.error}\n` };
  const named = parsed.req.groups.some((g) => g.names.length > 0);
  if (!named && !v.selector && v.all !== true) return { ok: false, error: 'error: resource(s) were provided, but no name was specified\n' };
  const objects: { obj: KubeObject; ref: string; plural: string }[] = [];
  const errors: string[] = [];
  for (const g of findObjects(ctx.state, parsed.req, inv.namespace, (o) => selectorMatches(sel.selector, o.metadata.labels))) {
    for (const n of g.missing) errors.push(notFoundMessage(g.type, n));
    for (const o of g.objects as KubeObject[]) objects.push({ obj: o, ref: `${qualifiedSingular(g.type)}/${o.metadata.name}`, plural: g.type.plural });
  }
  return { ok: true, objects, errors };
}

/**
 * `findSetObjects` for the sub-commands that edit a pod template: objects without one yield
 * kubectl's "not a pod or does not have a pod template" error.
 */
export function findTargets(inv: KubectlInvocation, ctx: CommandContext, args: string[]): Found {
  const found = findSetObjects(inv, ctx, args);
  if (!found.ok) return found;
  const targets: TemplateTarget[] = [];
  const errors = [...found.errors];
  for (const { obj: o, ref, plural } of found.objects) {
    if (o.kind !== 'Deployment' && o.kind !== 'ReplicaSet' && o.kind !== 'Pod' && o.kind !== 'DaemonSet') {
      errors.push(`error: ${plural}/${o.metadata.name} the object is not a pod or does not have a pod template: *v1.${o.kind}`);
      continue;
    }
    targets.push({ obj: o as Deployment, ref });
  }
  return { ok: true, targets, errors };
}

/** The pod spec inside a target (template spec for controllers). */
export const podSpecOf = (o: Deployment | ReplicaSet | Pod | DaemonSet): PodSpec => (o.kind === 'Pod' ? o.spec : o.spec.template.spec);

/**
 * Applies `edit` to a copy of the target and sends it as the API server would take the patch:
 * validation (request ≤ limit), the pod's immutable spec, then `object/replace` (the Deployment
 * controller rolls a new ReplicaSet when the template changed). Returns the line to print, '' when
 * nothing changed and `always` is not set (kubectl's set image, env and resources skip an empty
 * patch; set serviceaccount sends it and prints), or an error line.
 */
export function applyEdit(ctx: CommandContext, inv: KubectlInvocation, t: TemplateTarget, what: string, failPrefix: string, edit: (spec: PodSpec) => string | undefined, always = false): { out: string; err: string } {
  const next = clone(t.obj) as Deployment | ReplicaSet | Pod | DaemonSet;
  const spec = podSpecOf(next);
  const editError = edit(spec);
  if (editError) return { out: '', err: editError };
  if (!always && JSON.stringify(podSpecOf(t.obj)) === JSON.stringify(spec)) return { out: '', err: '' };
  return sendEdited(ctx, inv, t.ref, next, what, () => {
    if (next.kind === 'Pod') {
      const before = JSON.stringify({ ...podSpecOf(t.obj), containers: podSpecOf(t.obj).containers.map((c) => ({ ...c, image: '' })) });
      const after = JSON.stringify({ ...spec, containers: spec.containers.map((c) => ({ ...c, image: '' })) });
      if (before !== after) return `error: ${failPrefix}Pod "${next.metadata.name}" is invalid: spec: Forbidden: ${POD_IMMUTABLE}\n`;
    }
    const errors = validateResources(spec, next.kind === 'Pod' ? 'spec' : 'spec.template.spec');
    return errors.length ? `error: ${failPrefix}${invalidMessage(next.kind, next.metadata.name, errors)}\n` : undefined;
  });
}

/**
 * Sends an edited copy of an object as a `set` sub-command's PATCH: under `--dry-run=client` only
 * prints it; else `refusal()` gives the API server's error line (or undefined), a server dry run
 * prints without storing, and otherwise the object replaces the stored one (`object/replace`).
 * Prints `ref what` (`service/x selector updated`) or, with `-o`, the object as kubectl would.
 */
export function sendEdited(ctx: CommandContext, inv: KubectlInvocation, ref: string, next: KubeObject, what: string, refusal: () => string | undefined = () => undefined): { out: string; err: string } {
  const p = printOptions(inv);
  if (!p.ok) return { out: '', err: p.result.stderr };
  const dryRun = p.opts.dryRun;
  // What kubectl prints: the line, or with -o the object the server answered (the edited copy on a client dry run).
  const printed = (object: unknown) => ({ out: printCreated(p.opts, ref, object, what).stdout, err: '' });
  if (dryRun === 'client') return printed(next);
  const refused = refusal();
  if (refused) return { out: '', err: refused };
  if (dryRun === 'server') return printed(next);
  ctx.dispatch({ type: 'object/replace', kind: next.kind, namespace: next.metadata.namespace, name: next.metadata.name, object: next });
  return printed(getObject(ctx.state, kindDef(next.kind)!, next.metadata.namespace ?? '', next.metadata.name) ?? next);
}

/** The API server's refusal to change a running pod's spec beyond the few mutable fields (resources need the resize subresource). */
export const POD_IMMUTABLE = 'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

/**
 * Splits `set image|env` arguments into resources and `KEY=VALUE` pairs (cmdutil.GetResourcesAndPairs):
 * pairs must come after every resource.
 */
export function resourcesAndPairs(args: string[], pairType: string): { ok: true; resources: string[]; pairs: string[] } | { ok: false; error: string } {
  const resources: string[] = [];
  const pairs: string[] = [];
  for (const a of args) {
    const isPair = a.includes('=') || (pairType === 'environment variable' && a.endsWith('-'));
    if (isPair) pairs.push(a);
    else if (pairs.length) return { ok: false, error: `error: all resources must be specified before ${pairType} changes: ${a}\n` };
    else resources.push(a);
  }
  return { ok: true, resources, pairs };
}
