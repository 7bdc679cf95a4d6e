import type { KubectlVerb } from '../../verb.ts';
import { filenameFlags } from '../apply/index.ts';
import { writeManifests } from '../apply/files.ts';

/** `kubectl replace -f FILE|-` (kubectl 1.33 pkg/cmd/replace): each object PUT whole over the live one; `--force` deletes and re-creates. */
export const replace: KubectlVerb = {
  name: 'replace',
  short: 'Replace a resource by file name or stdin',
  long: `Replace a resource by file name or stdin.

 JSON and YAML formats are accepted. If replacing an existing resource, the complete resource spec must be provided. This can be obtained by

        $ kubectl get TYPE NAME -o yaml`,
  examples: `# Replace a pod using the data in pod.json
kubectl replace -f ./pod.json

# Replace a pod based on the JSON passed into stdin
cat pod.json | kubectl replace -f -

# Force replace, delete and then re-create the resource
kubectl replace --force -f ./pod.json`,
  usage: 'kubectl replace -f FILENAME [options]',
  flags: [
    ...filenameFlags('The files that contain the configurations to replace.'),
    { name: 'dry-run', type: 'string', default: 'none', help: 'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.' },
    { name: 'force', type: 'bool', help: 'If true, immediately remove resources from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation.' },
    { name: 'output', short: 'o', type: 'string', help: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).' },
    { name: 'save-config', type: 'bool', help: 'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.' },
    { name: 'validate', type: 'string', default: 'strict', help: 'Must be one of: strict (or true), warn, ignore (or false).' },
  ],
  run(inv, ctx) {
    const files = inv.flags.values.filename as string[];
    if (files.length === 0) return { stdout: '', stderr: "error: must specify --filename to replace\nSee 'kubectl replace -h' for help and examples\n", exitCode: 1 };
    return writeManifests(inv, ctx, 'replace');
  },
};
