import type { KubeObject } from '../../../../model/k8s.ts';
import type { KubectlVerb } from '../../verb.ts';
import { GENERATOR_FLAGS, generatorStart, requestMeta } from './output.ts';
import { sendCreate } from './send.ts';

/**
 * `kubectl create serviceaccount NAME` (alias sa; kubectl 1.33 create_serviceaccount.go): a bare
 * ServiceAccount, which pods may then name and `create token` and RBAC bindings refer to. Prints
 * `serviceaccount/NAME created`; refusals read `error: failed to create serviceaccount: …`.
 */
export const createServiceAccount: KubectlVerb = {
  name: 'serviceaccount',
  aliases: ['sa'],
  short: 'Create a service account with the specified name',
  long: 'Create a service account with the specified name.',
  examples: '# Create a new service account named my-service-account\nkubectl create serviceaccount my-service-account',
  usage: 'kubectl create serviceaccount NAME [--dry-run=server|client|none] [options]',
  flags: [...GENERATOR_FLAGS],
  run(inv, ctx) {
    const start = generatorStart(inv);
    if (!start.ok) return start.result;
    const request = { kind: 'ServiceAccount', apiVersion: 'v1', metadata: requestMeta(inv, start.name, true) };
    return sendCreate(inv, ctx, start.opts, request as unknown as KubeObject);
  },
};
