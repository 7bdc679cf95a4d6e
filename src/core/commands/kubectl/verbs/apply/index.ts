import type { KubeObject } from '../../../../model/k8s.ts';
import { qualifiedSingular, qualifiedPlural } from '../../../../kinds/registry.ts';
import type { CommandResult } from '../../../types.ts';
import type { KubectlVerb } from '../../verb.ts';
import { existing, namespaceMissing, readManifests, type ManifestObject } from './manifests.ts';

const fail = (stderr: string): CommandResult => ({ stdout: '', stderr, exitCode: 1 });

/** The annotation client-side apply keeps the last applied manifest in. */
export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** The manifest as client-side apply records it: the object as sent, compact JSON with a newline. */
function lastApplied(o: ManifestObject): string {
  const { metadata, ...rest } = o.body;
  const meta: Record<string, unknown> = { ...(metadata.annotations ? { annotations: metadata.annotations } : {}), ...(metadata.labels ? { labels: metadata.labels } : {}), name: o.name, ...(o.namespace !== undefined ? { namespace: o.namespace } : {}) };
  const sortKeys = (v: unknown): unknown => (Array.isArray(v) ? v.map(sortKeys) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])])) : v);
  return `${JSON.stringify(sortKeys({ ...rest, metadata: meta }))}\n`;
}

/**
 * `kubectl apply -f FILE|-` (kubectl 1.33 pkg/cmd/apply, client-side apply): creates each object of
 * the manifests that does not exist, recording the manifest in `kubectl.kubernetes.io/last-applied-configuration`;
 * for one that exists, the manifest's fields replace the stored ones (labels and annotations are
 * merged) and kubectl prints `configured`, or `unchanged` when nothing differs. Objects created
 * without apply get kubectl's warning about the missing annotation, which it then adds.
 */
export const apply: KubectlVerb = {
  name: 'apply',
  short: 'Apply a configuration to a resource by file name or stdin',
  long: `Apply a configuration to a resource by file name or stdin. The resource name must be specified. This resource will be created if it doesn't exist yet. To use 'apply', always create the resource initially with either 'apply' or 'create --save-config'.

 JSON and YAML formats are accepted.`,
  examples: `# Apply the configuration in pod.json to a pod
kubectl apply -f ./pod.json

# Apply the JSON passed into stdin to a pod
cat pod.json | kubectl apply -f -`,
  usage: 'kubectl apply (-f FILENAME | -k DIRECTORY) [options]',
  flags: [
    { name: 'filename', short: 'f', type: 'stringArray', help: 'The files that contain the configurations to apply.' },
    { name: 'dry-run', type: 'string', default: 'none', help: 'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.' },
    { name: 'output', short: 'o', type: 'string', help: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).' },
  ],
  run(inv, ctx) {
    const files = inv.flags.values.filename as string[];
    if (files.length === 0) return fail("error: must specify one of -f and -k\n\nSee 'kubectl apply -h' for help and examples\n");
    if (inv.flags.positionals.length) return fail(`error: Unexpected args: [${inv.flags.positionals.join(' ')}]\nSee 'kubectl apply -h' for help and examples\n`);
    const read = readManifests(ctx, files, inv.namespace, inv.flags.given.has('namespace'), 'applying');
    if (!read.ok) return fail(read.stderr);
    const dryRun = String(inv.flags.values['dry-run']);
    const suffix = dryRun === 'none' ? '' : ` (${dryRun} dry run)`;
    let stdout = '';
    let stderr = '';
    let interleaved = '';
    let failed = false;
    const out = (line: string) => { stdout += line; interleaved += line; };
    const err = (line: string) => { stderr += line; interleaved += line; };
    for (const o of read.objects) {
      const ref = `${qualifiedSingular(o.def)}/${o.name}`;
      const gone = namespaceMissing(ctx.state, o);
      if (gone) { err(gone); failed = true; continue; }
      const annotations = { ...(o.body.metadata.annotations ?? {}), [LAST_APPLIED]: lastApplied(o) };
      const before = existing(ctx.state, o);
      if (!before) {
        if (dryRun === 'none') ctx.dispatch({ type: 'object/create', object: { ...o.body, metadata: { ...o.body.metadata, annotations } } });
        out(`${ref} created${suffix}\n`);
        continue;
      }
      if (!before.metadata.annotations?.[LAST_APPLIED]) {
        err(`Warning: resource ${qualifiedPlural(o.def).split('.')[0]}/${o.name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`);
      }
      const { metadata: _m, apiVersion: _a, kind: _k, ...fields } = o.body;
      const after: KubeObject = {
        ...before, ...fields,
        metadata: { ...before.metadata, labels: { ...(before.metadata.labels ?? {}), ...(o.body.metadata.labels ?? {}) }, annotations: { ...(before.metadata.annotations ?? {}), ...annotations } },
      } as KubeObject;
      if (!Object.keys(after.metadata.labels ?? {}).length) delete after.metadata.labels;
      const same = JSON.stringify({ ...before, metadata: { ...before.metadata, annotations: { ...(before.metadata.annotations ?? {}), [LAST_APPLIED]: '' } } })
        === JSON.stringify({ ...after, metadata: { ...after.metadata, annotations: { ...after.metadata.annotations, [LAST_APPLIED]: '' } } });
      if (dryRun === 'none') ctx.dispatch({ type: 'object/replace', kind: o.def.kind, namespace: o.namespace, name: o.name, object: after });
      out(`${ref} ${same ? 'unchanged' : 'configured'}${suffix}\n`);
    }
    return { stdout, stderr, interleaved, exitCode: failed ? 1 : 0 };
  },
};
