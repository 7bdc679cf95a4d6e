import type { KubeObject } from '../../../../model/k8s.ts';
import type { CommandResult } from '../../../types.ts';
import type { KubectlVerb } from '../../verb.ts';
import type { FlagSpec } from '../../../flags.ts';
import { itemRef, itemRequest, readManifests, retrievalRefusal, type ManifestItem } from '../../manifests.ts';
import { printJson, printYaml } from '../../../../printers/yaml.ts';
import { asList } from '../get/print.ts';
import { LAST_APPLIED, lastAppliedOf, sameObject, threeWayMerge, withLastApplied } from './merge.ts';
import { createFromManifest, dryRunSuffix, parseDryRun, replaceLive, withIdentityOf } from './write.ts';
import { stored } from './files.ts';
import { editLastApplied, setLastApplied, viewLastApplied } from './lastApplied.ts';

const fail = (stderr: string): CommandResult => ({ stdout: '', stderr, exitCode: 1 });

/** The `-f` flags every manifest verb shares (kubectl's FilenameOptions), with the verb's own wording of -f. */
export const filenameFlags = (filenameHelp: string): FlagSpec[] => [
  { name: 'filename', short: 'f', type: 'stringArray', help: filenameHelp },
  { name: 'kustomize', short: 'k', type: 'string', help: 'Process a kustomization directory. This flag can\'t be used together with -f or -R.' },
  { name: 'recursive', short: 'R', type: 'bool', help: 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.' },
];

/** The -o formats apply, create and replace print results with: name, yaml, json (the object after the write). */
export function printResults(output: string, objects: readonly { ref: string; object: KubeObject }[], said: string): string | { error: string } {
  if (output === '') return said;
  if (output === 'name') return objects.map((o) => `${o.ref}\n`).join('');
  if (output === 'yaml' || output === 'json') {
    const data = objects.length === 1 ? objects[0].object : asList(objects.map((o) => o.object));
    return output === 'yaml' ? printYaml(data) : printJson(data);
  }
  return { error: `unable to match a printer suitable for the output format "${output}", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml` };
}

/** A patch the server refused, as kubectl apply reports it: the patch sent, the object, the file, the reason. */
const patchError = (head: string, item: ManifestItem, sent: KubeObject, message: string) =>
  `${head}: error when applying patch:\n${JSON.stringify(sent)}\nto:\nResource: "${item.type.plural}", Name: "${item.object.metadata.name}"\nfor: "${item.source}": ${message}`;

const MISSING_ANNOTATION = (plural: string, name: string) =>
  `Warning: resource ${plural}/${name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`;

/**
 * `kubectl apply -f FILE|DIR|-` (kubectl 1.33 pkg/cmd/apply): client-side apply keeps the sent
 * configuration in the `kubectl.kubernetes.io/last-applied-configuration` annotation and merges
 * three ways (last applied, new, live), printing `created`, `configured` or `unchanged` per
 * object; `--server-side` merges on the server (`serverside-applied`); `--dry-run=client|server`.
 */
export const apply: KubectlVerb = {
  name: 'apply',
  short: 'Apply a configuration to a resource by file name or stdin',
  long: `Apply a configuration to a resource by file name or stdin. The resource name must be specified. This resource will be created if it doesn't exist yet. To use 'apply', always create the resource initially with either 'apply' or 'create --save-config'.

 JSON and YAML formats are accepted.

 Alpha Disclaimer: the --prune functionality is not yet complete. Do not use unless you are aware of what the current state is. See https://issues.k8s.io/34274.`,
  examples: `# Apply the configuration in pod.json to a pod
kubectl apply -f ./pod.json

# Apply resources from a directory containing kustomization.yaml - e.g. dir/kustomization.yaml
kubectl apply -k dir/

# Apply the JSON passed into stdin to a pod
cat pod.json | kubectl apply -f -`,
  usage: 'kubectl apply (-f FILENAME | -k DIRECTORY) [options]',
  flags: [
    ...filenameFlags('The files that contain the configurations to apply.'),
    { name: 'dry-run', type: 'string', default: 'none', help: 'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.' },
    { name: 'output', short: 'o', type: 'string', help: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).' },
    { name: 'server-side', type: 'bool', help: 'If true, apply runs in the server instead of the client.' },
    { name: 'force-conflicts', type: 'bool', help: 'If true, server-side apply will force the changes against conflicts.' },
    { name: 'field-manager', type: 'string', default: 'kubectl-client-side-apply', help: 'Name of the manager used to track field ownership.' },
    { name: 'validate', type: 'string', default: 'strict', help: "Must be one of: strict (or true), warn, ignore (or false)." },
    { name: 'prune', type: 'bool', help: 'Automatically delete resource objects, that do not appear in the configs and are created by either apply or create --save-config. Should be used with either -l or --all.' },
    { name: 'wait', type: 'bool', help: 'If true, wait for resources to be gone before returning. This waits for finalizers.' },
  ],
  subcommands: [editLastApplied, setLastApplied, viewLastApplied],
  subcommandPadding: 19,
  takesArgs: true,
  run(inv, ctx) {
    const v = inv.flags.values;
    const files = v.filename as string[];
    const kustomize = String(v.kustomize ?? '');
    if (files.length === 0 && kustomize === '') return fail("error: must specify one of -f and -k\n");
    if (files.length > 0 && kustomize !== '') return fail('error: only one of -f or -k can be specified\n');
    if (inv.flags.positionals.length) return fail(`error: Unexpected args: [${inv.flags.positionals.join(' ')}]\nSee 'kubectl apply -h' for help and examples\n`);
    const dry = parseDryRun(String(v['dry-run']));
    if (!dry.ok) return fail(`error: ${dry.error}\n`);
    const serverSide = v['server-side'] === true;
    if (serverSide && dry.dryRun === 'client') return fail('error: --dry-run=client doesn\'t work with --server-side (did you mean --dry-run=server instead?)\n');
    const read = readManifests(ctx, files, { verb: 'apply', namespace: inv.namespace, namespaceGiven: inv.flags.given.has('namespace'), recursive: v.recursive === true, kustomize });
    if (!read.ok) return fail(`error: ${read.error}\n`);
    let said = '';
    let warnings = '';
    const errors: string[] = [];
    const results: { ref: string; object: KubeObject }[] = [];
    const suffix = dryRunSuffix(dry.dryRun);
    for (const item of read.items) {
      const ref = itemRef(item);
      const sent = serverSide ? item.object : withLastApplied(item.object, lastAppliedOf(item.object));
      // kubectl reads the live object first, then creates or patches it: each step is authorized.
      const unread = inv.authorize?.(itemRequest(item, 'get'));
      if (unread) { errors.push(retrievalRefusal(item, unread)); continue; }
      const refused = inv.authorize?.(itemRequest(item, item.live ? 'patch' : 'create'));
      if (refused && !item.live) { errors.push(`Error from server (${refused.reason}): error when creating "${item.source}": ${refused.message}`); continue; }
      if (refused) { errors.push(patchError(`Error from server (${refused.reason})`, item, sent, refused.message)); continue; }
      if (!item.live) {
        const err = createFromManifest(ctx, item, sent, dry.dryRun);
        if (err) { errors.push(`Error from server: error when creating "${item.source}": ${err}`); continue; }
        said += `${ref} ${serverSide ? 'serverside-applied' : 'created'}${suffix}\n`;
        results.push({ ref, object: stored(ctx, item, sent, dry.dryRun) });
        continue;
      }
      const annotation = item.live.metadata.annotations?.[LAST_APPLIED];
      if (!serverSide && annotation === undefined) warnings += MISSING_ANNOTATION(item.type.plural, item.live.metadata.name);
      let original: unknown;
      try { original = annotation === undefined || serverSide ? undefined : JSON.parse(annotation); } catch { original = undefined; }
      const merged = withIdentityOf(item.live, threeWayMerge(original, sent, item.live) as KubeObject);
      if (sameObject(merged, item.live)) {
        said += `${ref} ${serverSide ? 'serverside-applied' : 'unchanged'}${suffix}\n`;
        results.push({ ref, object: item.live });
        continue;
      }
      const err = replaceLive(ctx, item, merged, dry.dryRun);
      if (err) { errors.push(patchError('Error from server', item, sent, err)); continue; }
      said += `${ref} ${serverSide ? 'serverside-applied' : 'configured'}${suffix}\n`;
      results.push({ ref, object: stored(ctx, item, merged, dry.dryRun) });
    }
    const printed = printResults(String(v.output ?? ''), results, said);
    if (typeof printed !== 'string') return fail(`error: ${printed.error}\n`);
    const stderr = warnings + errors.map((e) => `${e}\n`).join('');
    return { stdout: printed, stderr, exitCode: errors.length ? 1 : 0, ...(warnings ? { interleaved: warnings + printed + errors.map((e) => `${e}\n`).join('') } : {}) };
  },
};
