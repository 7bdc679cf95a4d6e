import type { KubeObject } from '../../../../model/k8s.ts';
import type { KubectlInvocation, KubectlVerb } from '../../verb.ts';
import type { CommandContext, CommandResult } from '../../../types.ts';
import { apiVersionOf } from '../../../../kinds/registry.ts';
import { hashString } from '../../../../sim/rng.ts';
import { findObjects, NO_RESOURCES, notFoundMessage, parseResourceArgs } from '../get/query.ts';
import { readManifests } from '../../manifests.ts';
import { editSession, type EditPlan } from './loop.ts';

const fail = (stderr: string): CommandResult => ({ stdout: '', stderr, exitCode: 1 });

/**
 * `kubectl edit (TYPE NAME | TYPE/NAME | -f FILE)` (kubectl 1.33): fetches the objects, opens them
 * under kubectl's header comment in `$KUBE_EDITOR`, `$EDITOR` or vi (the command's follow carries
 * an EditorRequest; the session's `edit` input is the saved file), then patches what changed. The
 * loop itself (reopen on errors, cancel messages, the kept copy in /tmp) is in loop.ts.
 */
export const edit: KubectlVerb = {
  name: 'edit',
  short: 'Edit a resource on the server',
  usage: 'kubectl edit (RESOURCE/NAME | -f FILENAME) [options]',
  long: `Edit a resource from the default editor.

 The edit command allows you to directly edit any API resource you can retrieve via the command-line tools. It will open the editor defined by your KUBE_EDITOR, or EDITOR environment variables, or fall back to 'vi' for Linux or 'notepad' for Windows. When attempting to open the editor, it will first attempt to use the shell that has been defined in the 'SHELL' environment variable. If this is not defined, the default shell will be used, which is '/bin/bash' for Linux or 'cmd' for Windows.

 You can edit multiple objects, although changes are applied one at a time. The command accepts file names as well as command-line arguments, although the files you point to must be previously saved versions of resources.

 Editing is done with the API version used to fetch the resource. To edit using a specific API version, fully-qualify the resource, version, and group.

 The default format is YAML. To edit in JSON, specify "-o json".

 The flag --windows-line-endings can be used to force Windows line endings, otherwise the default for your operating system will be used.

 In the event an error occurs while updating, a temporary file will be created on disk that contains your unapplied changes. The most common error when updating a resource is another editor changing the resource on the server. When this occurs, you will have to apply your changes to the newer version of the resource, or update your temporary saved copy to include the latest resource version.`,
  examples: `# Edit the service named 'registry'
kubectl edit svc/registry

# Use an alternative editor
KUBE_EDITOR="nano" kubectl edit svc/registry

# Edit the job 'myjob' in JSON using the v1 API format
kubectl edit job.v1.batch/myjob -o json

# Edit the deployment 'mydeployment' in YAML and save the modified config in its annotation
kubectl edit deployment/mydeployment -o yaml --save-config

# Edit the 'status' subresource for the 'mydeployment' deployment
kubectl edit deployment mydeployment --subresource='status'`,
  flags: [
    { name: 'allow-missing-template-keys', type: 'bool', default: true, help: 'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.' },
    { name: 'field-manager', type: 'string', default: 'kubectl-edit', help: 'Name of the manager used to track field ownership.' },
    { name: 'filename', short: 'f', type: 'stringArray', help: 'Filename, directory, or URL to files to use to edit the resource' },
    { name: 'kustomize', short: 'k', type: 'string', help: "Process the kustomization directory. This flag can't be used together with -f or -R." },
    { name: 'output', short: 'o', type: 'string', help: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).' },
    { name: 'output-patch', type: 'bool', help: 'Output the patch if the resource is edited.' },
    { name: 'recursive', short: 'R', type: 'bool', help: 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.' },
    { name: 'save-config', type: 'bool', help: 'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.' },
    { name: 'show-managed-fields', type: 'bool', help: 'If true, keep the managedFields when printing objects in JSON or YAML format.' },
    { name: 'subresource', type: 'string', help: 'If specified, edit will operate on the subresource of the requested object.' },
    { name: 'template', type: 'string', help: 'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].' },
    { name: 'validate', type: 'string', default: 'strict', help: 'Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.' },
    { name: 'windows-line-endings', type: 'bool', help: 'Defaults to the line ending native to your platform.' },
  ],
  run(inv, ctx) {
    const v = inv.flags.values;
    const output = String(v.output ?? '');
    // edit prints its file as YAML or JSON only (editPrinterOptions: "yaml" | "json").
    if (output !== '' && output !== 'yaml' && output !== 'json') return fail('error: the edit mode only supports yaml or json output formats\n');
    const files = (v.filename as string[] | undefined) ?? [];
    const objects: EditPlan['objects'] = [];
    let stderr = '';
    if (files.length) {
      const read = readManifests(ctx, files, { verb: 'edit', namespace: inv.namespace, namespaceGiven: inv.flags.given.has('namespace'), recursive: v.recursive === true });
      if (!read.ok) return fail(`error: ${read.error}\n`);
      for (const item of read.items) {
        if (item.live) objects.push({ type: item.type, object: item.live });
        else stderr += `${notFoundMessage(item.type, item.object.metadata.name)}\n`;
      }
    } else {
      if (inv.flags.positionals.length === 0) return fail(NO_RESOURCES);
      const parsed = parseResourceArgs(inv.flags.positionals);
      if (!parsed.ok) return fail(`error: ${parsed.error}\n`);
      for (const g of findObjects(ctx.state, parsed.req, inv.allNamespaces ? undefined : inv.namespace, () => true)) {
        for (const n of g.missing) stderr += `${notFoundMessage(g.type, n)}\n`;
        for (const o of g.objects) objects.push({ type: g.type, object: o });
      }
    }
    if (stderr) return fail(stderr);
    if (objects.length === 0) return fail('error: edit cancelled, no objects found\n');
    return openEditor(inv, ctx, objects, output === 'json' ? 'json' : 'yaml', 'normal');
  },
};

/**
 * Opens kubectl's edit loop on `objects` in the learner's editor (KUBE_EDITOR, EDITOR, else vi)
 * with the temporary file kubectl would write (`/tmp/kubectl-edit-NNN.yaml`): the command follows
 * until the editor exits. `mode` as EditPlan's (`last-applied` for `apply edit-last-applied`).
 */
export function openEditor(inv: KubectlInvocation, ctx: CommandContext, objects: EditPlan['objects'], format: 'yaml' | 'json', mode: EditPlan['mode']): CommandResult {
  const wire = objects.map(({ type, object }) => ({ type, object: { ...object, apiVersion: object.apiVersion || apiVersionOf(type), kind: object.kind || type.kind } as KubeObject }));
  // os.CreateTemp("", "kubectl-edit-*.yaml"): a decimal uint32 in place of the star.
  const file = `/tmp/kubectl-edit-${hashString(`${ctx.state.now}:${wire.map((o) => o.object.metadata.uid ?? o.object.metadata.name).join(',')}`) >>> 0}.${format}`;
  const env = ctx.environment ?? {};
  const program = env.KUBE_EDITOR || env.EDITOR || 'vi';
  const fs = ctx.fs;
  const editor = editSession({
    objects: wire, format, file, program, namespace: inv.namespace, mode,
    outputPatch: inv.flags.values['output-patch'] === true, authorize: inv.authorize,
    keepFile: (path, text) => { fs?.write(path, text, false); },
  });
  return { stdout: '', stderr: '', exitCode: 0, follow: { poll: () => ({ stdout: '', stderr: '' }), editor } };
}
