import type { KubeObject } from '../../../../model/k8s.ts';
import type { CommandResult } from '../../../types.ts';
import type { KubectlVerb } from '../../verb.ts';
import { itemRef, readManifests } from '../../manifests.ts';
import { printYamlFolded } from '../../../../printers/yaml.ts';
import { GENERATOR_FLAGS, printCreated, printOptions } from '../create/output.ts';
import { findSetObjects } from '../set/target.ts';
import { LAST_APPLIED, lastAppliedOf, withLastApplied } from './merge.ts';
import { replaceLive } from './write.ts';
import { edit, openEditor } from '../edit/index.ts';
import { kindDef } from '../../../../kinds/registry.ts';
import type { KindDef } from '../../../../kinds/types.ts';

const fail = (stderr: string): CommandResult => ({ stdout: '', stderr, exitCode: 1 });

/** kubectl's PrintFlags options by name, worded as every printing command has them. */
const printerFlags = (names: readonly string[]) => GENERATOR_FLAGS.filter((f) => names.includes(f.name));

type Targets = { ok: true; objects: KubeObject[]; stderr: string } | { ok: false; error: string };

/**
 * The live objects a last-applied sub-command names, by `-f FILE` or by `TYPE NAME`, `TYPE/NAME`,
 * `-l`, `--all` (with `-n` given, a type alone means every object of it, as the builder's
 * ResourceTypeOrNameArgs(enforceNamespace, …) allows); NotFound lines in `stderr`.
 */
function lastAppliedTargets(inv: Parameters<KubectlVerb['run']>[0], ctx: Parameters<KubectlVerb['run']>[1]): Targets {
  const v = inv.flags.values;
  const files = v.filename as string[];
  if (files.length) {
    const read = readManifests(ctx, files, { verb: 'view-last-applied', namespace: inv.namespace, namespaceGiven: inv.flags.given.has('namespace'), recursive: v.recursive === true });
    if (!read.ok) return { ok: false, error: `error: ${read.error}\n` };
    return { ok: true, objects: read.items.flatMap((i) => (i.live ? [i.live] : [])), stderr: '' };
  }
  const typeAlone = inv.flags.given.has('namespace') && !v.selector;
  const found = findSetObjects(typeAlone ? { ...inv, flags: { ...inv.flags, values: { ...v, all: true } } } : inv, ctx, inv.flags.positionals);
  if (!found.ok) return found;
  return { ok: true, objects: found.objects.map((o) => o.obj), stderr: found.errors.map((e) => `${e}\n`).join('') };
}

/**
 * `kubectl apply view-last-applied (TYPE [NAME | -l label] | TYPE/NAME | -f FILENAME)` (kubectl
 * 1.33 apply_view_last_applied.go): prints each object's last-applied-configuration annotation as
 * YAML (keys sorted and long strings folded, as yaml.JSONToYAML makes them) or, with `-o json`, the stored JSON indented
 * by two spaces. An object without the annotation is skipped silently, as kubectl's builder does
 * for objects from the server.
 */
export const viewLastApplied: KubectlVerb = {
  name: 'view-last-applied',
  short: 'View the latest last-applied-configuration annotations of a resource/object',
  long: `View the latest last-applied-configuration annotations by type/name or file.

 The default output will be printed to stdout in YAML format. You can use the -o option to change the output format.`,
  examples: `# View the last-applied-configuration annotations by type/name in YAML
kubectl apply view-last-applied deployment/nginx

# View the last-applied-configuration annotations by file in JSON
kubectl apply view-last-applied -f deploy.yaml -o json`,
  usage: 'kubectl apply view-last-applied (TYPE [NAME | -l label] | TYPE/NAME | -f FILENAME) [options]',
  flags: [
    { name: 'all', type: 'bool', help: 'Select all resources in the namespace of the specified resource types' },
    { name: 'filename', short: 'f', type: 'stringArray', help: 'Filename, directory, or URL to files that contains the last-applied-configuration annotations' },
    { name: 'kustomize', short: 'k', type: 'string', help: "Process the kustomization directory. This flag can't be used together with -f or -R." },
    { name: 'recursive', short: 'R', type: 'bool', help: 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.' },
    { name: 'output', short: 'o', type: 'string', default: 'yaml', help: 'Output format. Must be one of (yaml, json)' },
    { name: 'selector', short: 'l', type: 'string', help: "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints." },
  ],
  run(inv, ctx) {
    const v = inv.flags.values;
    const found = lastAppliedTargets(inv, ctx);
    if (!found.ok) return fail(found.error);
    const { objects, stderr } = found;
    const format = String(v.output);
    let stdout = '';
    for (const config of objects.map((o) => o.metadata.annotations?.[LAST_APPLIED]).filter((c): c is string => c !== undefined)) {
      let parsed: unknown;
      try { parsed = JSON.parse(config); } catch { return { stdout, stderr: `${stderr}error: the last-applied-configuration annotation is not JSON\n`, exitCode: 1 }; }
      if (format === 'json') stdout += `${JSON.stringify(parsed, null, 2)}${/\s$/.test(config) ? '\n' : ''}`;
      else if (format === 'yaml') stdout += printYamlFolded(parsed); // yaml.JSONToYAML: go-yaml v2's emitter folds at 80 columns
      else return { stdout, stderr: `${stderr}error: Unexpected -o output mode: ${format}, the flag 'output' must be one of yaml|json\nSee 'kubectl apply view-last-applied -h' for help and examples\n`, exitCode: 1 };
    }
    return { stdout, stderr, exitCode: stderr ? 1 : 0 };
  },
};

/**
 * `kubectl apply set-last-applied -f FILENAME` (kubectl 1.33 apply_set_last_applied.go): sets each
 * live object's last-applied-configuration to the file's object, as `apply -f` would have stored
 * it, without touching anything else. An object without the annotation needs
 * `--create-annotation`; an unchanged one prints `set-last-applied NAME: no changes required.`.
 * Prints `deployment.apps/NAME configured`.
 */
export const setLastApplied: KubectlVerb = {
  name: 'set-last-applied',
  short: 'Set the last-applied-configuration annotation on a live object to match the contents of a file',
  long: "Set the latest last-applied-configuration annotations by setting it to match the contents of a file. This results in the last-applied-configuration being updated as though 'kubectl apply -f<file> ' was run, without updating any other parts of the object.",
  examples: `# Set the last-applied-configuration of a resource to match the contents of a file
kubectl apply set-last-applied -f deploy.yaml

# Execute set-last-applied against each configuration file in a directory
kubectl apply set-last-applied -f path/

# Set the last-applied-configuration of a resource to match the contents of a file; will create the annotation if it does not already exist
kubectl apply set-last-applied -f deploy.yaml --create-annotation=true`,
  usage: 'kubectl apply set-last-applied -f FILENAME [options]',
  flags: [
    ...printerFlags(['allow-missing-template-keys', 'dry-run', 'output', 'show-managed-fields', 'template']),
    { name: 'create-annotation', type: 'bool', help: "Will create 'last-applied-configuration' annotations if current objects doesn't have one" },
    { name: 'filename', short: 'f', type: 'stringArray', help: 'Filename, directory, or URL to files that contains the last-applied-configuration annotations' },
  ],
  run(inv, ctx) {
    const v = inv.flags.values;
    const p = printOptions(inv);
    if (!p.ok) return p.result;
    const files = v.filename as string[];
    if (files.length === 0) return fail("error: must specify one of -f and -k\n");
    const read = readManifests(ctx, files, { verb: 'set-last-applied', namespace: inv.namespace, namespaceGiven: inv.flags.given.has('namespace') });
    if (!read.ok) return fail(`error: ${read.error}\n`);
    let stdout = '';
    const todo: { item: (typeof read.items)[number]; config: string }[] = [];
    // kubectl checks every object first (Validate) and patches only when all may be.
    for (const item of read.items) {
      if (!item.live) return fail(`Error from server (NotFound): ${item.type.plural}${item.type.group ? `.${item.type.group}` : ''} "${item.object.metadata.name}" not found\n`);
      const had = item.live.metadata.annotations?.[LAST_APPLIED];
      if (had === undefined && v['create-annotation'] !== true) {
        return fail(`error: no last-applied-configuration annotation found on resource: ${item.live.metadata.name}, to create the annotation, run the command with --create-annotation\n`);
      }
      const config = lastAppliedOf(item.object);
      if (had !== undefined && had.trim() === config.trim()) stdout += `set-last-applied ${item.live.metadata.name}: no changes required.\n`;
      else todo.push({ item, config });
    }
    for (const { item, config } of todo) {
      const next = withLastApplied(item.live!, config);
      const err = p.opts.dryRun === 'client' ? undefined : replaceLive(ctx, item, next, p.opts.dryRun);
      if (err) return { stdout, stderr: `Error from server: ${err}\n`, exitCode: 1 };
      stdout += printCreated(p.opts, itemRef(item), next, 'configured').stdout;
    }
    return { stdout, stderr: '', exitCode: 0 };
  },
};

/**
 * `kubectl apply edit-last-applied (TYPE NAME | TYPE/NAME | -f FILENAME)` (kubectl 1.33, the edit
 * loop in ApplyEditMode): opens the objects' last-applied configurations in the editor under
 * their own header; saving stores the edited configuration as the annotation and nothing else
 * (`deployment.apps/NAME edited`). Objects without the annotation are left out; with none at all,
 * kubectl's error pointing at `set-last-applied --create-annotation`.
 */
export const editLastApplied: KubectlVerb = {
  name: 'edit-last-applied',
  short: 'Edit latest last-applied-configuration annotations of a resource/object',
  long: `Edit the latest last-applied-configuration annotations of resources from the default editor.

 The edit-last-applied command allows you to directly edit any API resource you can retrieve via the command-line tools. It will open the editor defined by your KUBE_EDITOR, or EDITOR environment variables, or fall back to 'vi' for Linux or 'notepad' for Windows. You can edit multiple objects, although changes are applied one at a time. The command accepts file names as well as command-line arguments, although the files you point to must be previously saved versions of resources.

 The default format is YAML. To edit in JSON, specify "-o json".

 The flag --windows-line-endings can be used to force Windows line endings, otherwise the default for your operating system will be used.

 In the event an error occurs while updating, a temporary file will be created on disk that contains your unapplied changes. The most common error when updating a resource is another editor changing the resource on the server. When this occurs, you will have to apply your changes to the newer version of the resource, or update your temporary saved copy to include the latest resource version.`,
  examples: `# Edit the last-applied-configuration annotations by type/name in YAML
kubectl apply edit-last-applied deployment/nginx

# Edit the last-applied-configuration annotations by file in JSON
kubectl apply edit-last-applied -f deploy.yaml -o json`,
  usage: 'kubectl apply edit-last-applied (RESOURCE/NAME | -f FILENAME) [options]',
  flags: [
    ...printerFlags(['allow-missing-template-keys', 'output', 'show-managed-fields', 'template', 'validate']),
    ...edit.flags.filter((f) => ['kustomize', 'recursive', 'windows-line-endings'].includes(f.name)),
    { name: 'field-manager', type: 'string', default: 'kubectl-client-side-apply', help: 'Name of the manager used to track field ownership.' },
    { name: 'filename', short: 'f', type: 'stringArray', help: 'Filename, directory, or URL to files to use to edit the resource' },
  ],
  run(inv, ctx) {
    const output = String(inv.flags.values.output ?? '');
    if (output !== '' && output !== 'yaml' && output !== 'json') return fail('error: the edit mode only supports yaml or json output formats\n');
    const found = lastAppliedTargets(inv, ctx);
    if (!found.ok) return fail(found.error);
    if (found.stderr) return fail(found.stderr);
    const configs: { type: KindDef; object: KubeObject }[] = [];
    for (const live of found.objects) {
      const text = live.metadata.annotations?.[LAST_APPLIED];
      if (text === undefined) continue;
      try { configs.push({ type: kindDef(live.kind)!, object: JSON.parse(text) as KubeObject }); } catch { /* not JSON: nothing to open */ }
    }
    if (!configs.length) return fail('error: no last-applied-configuration annotation found on resources, to create the annotation, use command `kubectl apply set-last-applied --create-annotation`\n');
    return openEditor(inv, ctx, configs, output === 'json' ? 'json' : 'yaml', 'last-applied');
  },
};
