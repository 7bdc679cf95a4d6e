import type { KubectlVerb } from '../../verb.ts';
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
 * `kubectl create` (kubectl 1.33 pkg/cmd/create): the generators (clusterrole, configmap, cronjob,
 * deployment, job, namespace, poddisruptionbudget, role, the bindings, secret, service, …), each a
 * sub-command in its own file, and
 * `-f FILE|DIR|-` for any kind the registry models (apply/files.ts). Without -f, kubectl 1.33 says `error: must specify one of -f and -k`, or `Unexpected args: [w]`
 * for words that name no generator.
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
    ...GENERATOR_FLAGS.filter((f) => f.name === 'field-manager' || f.name === 'validate'),
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
    return writeManifests(inv, ctx, 'create');
  },
};
