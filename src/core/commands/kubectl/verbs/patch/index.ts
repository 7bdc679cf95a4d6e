import type { Deployment, KubeObject, Pod, PodDisruptionBudget } from '../../../../model/k8s.ts';
import { budgetWithSpec, validateBudget, workloadShapeErrors } from './validate.ts';
import { validateResources } from '../../../../sim/validate.ts';
import { POD_IMMUTABLE } from '../set/target.ts';
import type { CommandResult } from '../../../types.ts';
import { applyPatch, parsePatchText } from './body.ts';
import type { KubectlVerb } from '../../verb.ts';
import { qualifiedSingular } from '../../../../kinds/registry.ts';
import { findObjects, notFoundMessage, parseResourceArgs } from '../get/query.ts';

const fail = (stderr: string): CommandResult => ({ stdout: '', stderr, exitCode: 1 });

/**
 * `kubectl patch TYPE NAME -p PATCH [--type strategic|merge|json]` (kubectl pkg/cmd/patch). The
 * patch may be JSON or YAML. Status and identity fields cannot change through the main resource,
 * as on a real API server. Prints `deployment.apps/NAME patched` or `… patched (no change)`.
 */
export const patch: KubectlVerb = {
  name: 'patch',
  short: 'Update fields of a resource',
  long: `Update fields of a resource using strategic merge patch, a JSON merge patch, or a JSON patch.

 JSON and YAML formats are accepted.

 Note: Strategic merge patch is not supported for custom resources.`,
  examples: `# Partially update a node using a strategic merge patch, specifying the patch as JSON
kubectl patch node k8s-node-1 -p '{"spec":{"unschedulable":true}}'

# Update a container's image; spec.containers[*].name is required because it's a merge key
kubectl patch pod valid-pod -p '{"spec":{"containers":[{"name":"kubernetes-serve-hostname","image":"new image"}]}}'

# Update a container's image using a JSON patch with positional arrays
kubectl patch pod valid-pod --type='json' -p='[{"op": "replace", "path": "/spec/containers/0/image", "value":"new image"}]'`,
  usage: 'kubectl patch (-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE] [options]',
  flags: [
    { name: 'patch', short: 'p', type: 'string', help: 'The patch to be applied to the resource JSON file.' },
    { name: 'patch-file', type: 'string', help: 'A file containing a patch to be applied to the resource.' },
    { name: 'type', type: 'string', default: 'strategic', help: 'The type of patch being provided; one of [json merge strategic]' },
    { name: 'dry-run', type: 'string', default: 'none', help: 'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.' },
    { name: 'output', short: 'o', type: 'string', help: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).' },
  ],
  run(inv, ctx) {
    const v = inv.flags.values;
    const type = String(v.type);
    if (!['strategic', 'merge', 'json'].includes(type)) return fail(`error: --type must be one of [json merge strategic], not "${type}"\n`);
    const file = String(v['patch-file'] ?? '');
    if (String(v.patch ?? '') !== '' && file !== '') return fail('error: cannot specify --patch and --patch-file together\n');
    let text = String(v.patch ?? '');
    if (text === '' && file === '') return fail('error: must specify --patch or --patch-file containing the contents of the patch\n');
    if (file !== '') {
      // os.ReadFile's error as patch.go wraps it.
      const read = ctx.readFile(file);
      if (!read.ok) return fail(`error: unable to read patch file: ${read.error === 'EISDIR' ? `read ${file}: is a directory` : `open ${file}: ${read.error === 'EACCES' ? 'permission denied' : 'no such file or directory'}`}\n`);
      text = read.text;
    }
    const parsedText = parsePatchText(text);
    if (!parsedText.ok) return fail(`error: ${parsedText.error}\n`);
    const body = parsedText.body;
    if (type !== 'json' && (body === null || typeof body !== 'object' || Array.isArray(body))) {
      return fail(`error: unable to parse "${text}": json: cannot unmarshal ${Array.isArray(body) ? 'array' : typeof body} into Go value of type map[string]interface {}\n`);
    }
    const args = inv.flags.positionals;
    if (args.length === 0) return fail(`error: you must specify the type of resource to patch\nSee 'kubectl patch -h' for help and examples\n`);
    const parsed = parseResourceArgs(args);
    if (!parsed.ok) return fail(`error: ${parsed.error}\n`);
    let stdout = '';
    let stderr = '';
    let warned = '';
    for (const g of findObjects(ctx.state, parsed.req, inv.namespace, () => true)) {
      for (const n of g.missing) stderr += notFoundMessage(g.type, n) + '\n';
      for (const obj of g.objects) {
        const ref = `${qualifiedSingular(g.type)}/${obj.metadata.name}`;
        const applied = applyPatch(obj, body, type as 'strategic' | 'merge' | 'json', g.type.fields, obj.kind);
        if (!applied.ok) { stderr += `${applied.stderr}\n`; continue; }
        const next = applied.value;
        // The server's field-validation warnings, printed as kubectl prints response warnings.
        warned += applied.warnings.map((w) => `Warning: ${w}\n`).join('');
        const patched = next as KubeObject & { status?: unknown };
        // The main resource ignores status and refuses identity changes.
        let result = { ...patched, apiVersion: obj.apiVersion, kind: obj.kind, ...('status' in obj ? { status: (obj as { status?: unknown }).status } : {}),
          metadata: { ...patched.metadata, name: obj.metadata.name, namespace: obj.metadata.namespace, uid: obj.metadata.uid, creationTimestamp: obj.metadata.creationTimestamp } };
        if (obj.kind === 'PodDisruptionBudget') result = budgetWithSpec(result as unknown as PodDisruptionBudget) as unknown as typeof result;
        if (JSON.stringify(sorted(result)) === JSON.stringify(sorted(obj))) { stdout += `${ref} patched (no change)\n`; continue; }
        if (!g.type.writable?.patch) { stderr += `error: ${g.type.plural} "${obj.metadata.name}" cannot be patched in this simulator\n`; continue; }
        const invalid = obj.kind === 'PodDisruptionBudget' ? validateBudget(result as unknown as PodDisruptionBudget) : serverRejects(obj, result);
        if (invalid) { stderr += `${invalid}\n`; continue; }
        if (v['dry-run'] === 'none') {
          ctx.dispatch({ type: 'object/replace', kind: obj.kind, namespace: obj.metadata.namespace, name: obj.metadata.name, object: result });
        }
        stdout += `${ref} patched${v['dry-run'] !== 'none' ? ` (${v['dry-run']} dry run)` : ''}\n`;
      }
    }
    return { stdout, stderr: warned + stderr, exitCode: stderr ? 1 : 0 };
  },
};

/**
 * What the API server refuses after applying a patch (kubectl prints it as `The KIND "name" is
 * invalid: …`): a running pod's spec beyond its mutable fields, and resources that fail validation
 * (a request above its limit, a malformed quantity).
 */
export function serverRejects(before: KubeObject, after: KubeObject): string | undefined {
  const name = before.metadata.name;
  if (before.kind === 'Deployment' || before.kind === 'ReplicaSet') {
    const shape = workloadShapeErrors(after);
    if (shape.length) return invalid(before.kind, name, shape);
  }
  if (before.kind === 'Pod') {
    // Only the containers' images may change; anything else (a nulled spec too) is forbidden.
    const strip = (p: Pod) => JSON.stringify(p.spec && Array.isArray(p.spec.containers) ? { ...p.spec, containers: p.spec.containers.map((c) => (c && typeof c === 'object' ? { ...c, image: '' } : c)) } : p.spec ?? null);
    if (strip(before as Pod) !== strip(after as Pod)) return `The Pod "${name}" is invalid: spec: Forbidden: ${POD_IMMUTABLE}`;
  }
  if (before.kind !== 'Pod' && before.kind !== 'Deployment' && before.kind !== 'ReplicaSet') return undefined;
  const spec = before.kind === 'Pod' ? (after as Pod).spec : (after as Deployment).spec?.template?.spec;
  if (!spec?.containers) return undefined;
  const errors = validateResources(spec, before.kind === 'Pod' ? 'spec' : 'spec.template.spec');
  if (!errors.length) return undefined;
  return invalid(before.kind, name, errors);
}

/** kubectl's rendering of a 422: one error inline, several as a `* ` list. */
const invalid = (kind: string, name: string, errors: readonly string[]) =>
  errors.length === 1 ? `The ${kind} "${name}" is invalid: ${errors[0]}` : `The ${kind} "${name}" is invalid: \n${errors.map((e) => `* ${e}`).join('\n')}`;

function sorted(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sorted);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().filter((k) => (v as Record<string, unknown>)[k] !== undefined).map((k) => [k, sorted((v as Record<string, unknown>)[k])]));
  return v;
}
