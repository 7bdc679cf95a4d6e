import type { KubectlInvocation, KubectlVerb } from '../../verb.ts';
import { parseLabelSelector, selectorMatches } from '../../../../k8s/labels.ts';
import { createConfigMap } from './configmap.ts';
import { createCronJob } from './cronjob.ts';
import { createDeployment } from './deployment.ts';
import { createIngress } from './ingress.ts';
import { createJob } from './job.ts';
import { createNamespace } from './namespace.ts';
import { createPdb } from './pdb.ts';
import { createPriorityClass } from './priorityclass.ts';
import { createQuota } from './quota.ts';
import { createClusterRole, createRole } from './role.ts';
import { createSecret } from './secret.ts';
import { createService } from './service.ts';
import { createServiceAccount } from './serviceaccount.ts';
import { fail, GENERATOR_FLAGS } from './output.ts';
import { createClusterRoleBinding, createRoleBinding, createToken } from './rbac.ts';
import { writeManifests } from '../apply/files.ts';

/**
 * create.go's Validate for `--raw URI`: one local file, no --edit, -R, -l or -o, and a URI path.
 * The error text, or undefined.
 */
function rawError(inv: KubectlInvocation): string | undefined {
  const v = inv.flags.values;
  const raw = String(v.raw ?? '');
  if (raw === '') return undefined;
  const files = v.filename as string[];
  if (v.edit === true) return '--raw and --edit are mutually exclusive';
  if (files.length !== 1) return '--raw can only use a single local file or stdin';
  if (files[0].startsWith('http://') || files[0].startsWith('https://')) return '--raw cannot read from a url';
  if (v.recursive === true) return '--raw and --recursive are mutually exclusive';
  if (String(v.selector ?? '') !== '') return '--raw and --selector (-l) are mutually exclusive';
  if (String(v.output ?? '') !== '') return '--raw and --output are mutually exclusive';
  if (!/^(\/|[a-z][a-z0-9+.-]*:)\S*$/i.test(raw)) return `--raw must be a valid URL path: parse "${raw}": invalid URI for request`;
  return undefined;
}

/**
 * `kubectl create` (kubectl 1.33 pkg/cmd/create): the generators (clusterrole, configmap, cronjob,
 * deployment, job, namespace, poddisruptionbudget, role, the bindings, secret, service, …), each a
 * sub-command in its own file, and
 * `-f FILE|DIR|-` for any kind the registry models (apply/files.ts). Without -f, kubectl 1.33 says `error: must specify one of -f and -k`, or `Unexpected args: [w]`
 * for words that name no generator. `-l` keeps the file's objects its selector matches; `--raw` is
 * checked as create.go's Validate checks it, then sent as an ordinary create; `--edit` is accepted
 * but the file goes out unedited.
 */
export const create: KubectlVerb = {
  name: 'create',
  short: 'Create a resource from a file or from stdin',
  long: 'Create a resource from a file or from stdin.\n\n JSON and YAML formats are accepted.',
  examples: '# Create a pod using the data in pod.json\nkubectl create -f ./pod.json\n\n# Create a pod based on the JSON passed into stdin\ncat pod.json | kubectl create -f -\n\n# Edit the data in registry.yaml in JSON then create the resource using the edited data\nkubectl create -f registry.yaml --edit -o json',
  usage: 'kubectl create -f FILENAME [options]',
  flags: [
    { name: 'filename', short: 'f', type: 'stringArray', help: 'Filename, directory, or URL to files to use to create the resource' },
    { name: 'kustomize', short: 'k', type: 'string', help: 'Process the kustomization directory. This flag can\'t be used together with -f or -R.' },
    { name: 'recursive', short: 'R', type: 'bool', help: 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.' },
    { name: 'dry-run', type: 'string', default: 'none', help: 'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.' },
    { name: 'output', short: 'o', type: 'string', help: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).' },
    { name: 'save-config', type: 'bool', help: 'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.' },
    ...GENERATOR_FLAGS.filter((f) => ['field-manager', 'validate', 'allow-missing-template-keys', 'show-managed-fields', 'template'].includes(f.name)),
    { name: 'edit', type: 'bool', help: 'Edit the API resource before creating' },
    { name: 'raw', type: 'string', help: 'Raw URI to POST to the server.  Uses the transport specified by the kubeconfig file.' },
    { name: 'selector', short: 'l', type: 'string', help: "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints." },
    { name: 'windows-line-endings', type: 'bool', help: 'Only relevant if --edit=true. Defaults to the line ending native to your platform.' },
  ],
  subcommands: [createClusterRole, createClusterRoleBinding, createConfigMap, createCronJob, createDeployment, createIngress, createJob, createNamespace, createPdb, createPriorityClass, createQuota, createRole, createRoleBinding, createSecret, createService, createServiceAccount, createToken],
  subcommandPadding: 21,
  takesArgs: true,
  run(inv, ctx) {
    const files = inv.flags.values.filename as string[];
    const kustomize = String(inv.flags.values.kustomize ?? '');
    if (files.length === 0 && kustomize === '') {
      const args = inv.flags.positionals;
      if (args.length > 0) return fail(`error: Unexpected args: [${args.join(' ')}]\nSee 'kubectl create -h' for help and examples\n`);
      return fail('error: must specify one of -f and -k\n');
    }
    if (files.length > 0 && kustomize !== '') return fail('error: only one of -f or -k can be specified\n');
    const bad = rawError(inv);
    if (bad) return fail(`error: ${bad}\n`);
    const selector = String(inv.flags.values.selector ?? '');
    const parsed = parseLabelSelector(selector);
    if (!parsed.ok) return fail(`error: the provided selector "${selector}" is not valid: ${parsed.error}\n`);
    return writeManifests(inv, ctx, 'create', (o) => selectorMatches(parsed.selector, o.metadata.labels));
  },
};
