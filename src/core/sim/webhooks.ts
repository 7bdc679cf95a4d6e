import { selectorMatches } from '../k8s/labels.ts';
import { peekTable, sortedValues } from '../kinds/common.ts';
import { validatingWebhookConfiguration, type WebhookConfiguration } from '../kinds/webhookconfiguration.ts';
import type { LabelSelector } from '../model/k8s.ts';
import type { ClusterState } from '../model/state.ts';
import { keyOf } from '../model/state.ts';
import { stageVerdict } from './faults/stages.ts';
import type { ApiRefusal, ApiRequest } from './faults/types.ts';
import { dial } from './network.ts';

/**
 * The ValidatingAdmissionWebhook plugin of kube-apiserver 1.31 over the cluster's
 * ValidatingWebhookConfigurations: each webhook whose rules (operations, groups, resources, scope)
 * and namespaceSelector match a write is called through its Service; what its backend answers is
 * the scenario's business (the `webhook` fault stage: a policy that denies). Wordings from
 * apiserver's admission/plugin/webhook (errors/statuserror.go ToStatusErr, validating/dispatcher.go):
 * - denied: `admission webhook "NAME" denied the request: MESSAGE` (403 Forbidden unless the
 *   backend says otherwise);
 * - not answering, failurePolicy Fail (the default): `Internal error occurred: failed calling
 *   webhook "NAME": failed to call webhook: Post "https://SVC.NS.svc:PORT/PATH?timeout=10s": …`;
 *   with Ignore the request goes on.
 */

type Webhook = NonNullable<WebhookConfiguration['webhooks']>[number];

/** The admission operation of an API verb, or undefined for reads (webhooks see writes and CONNECTs only). */
function operationOf(request: ApiRequest): string | undefined {
  const sub = request.resource.split('/')[1];
  if (request.verb === 'create' && (sub === 'exec' || sub === 'attach' || sub === 'portforward' || sub === 'proxy')) return 'CONNECT';
  switch (request.verb) {
    case 'create': return 'CREATE';
    case 'update': case 'patch': return 'UPDATE';
    case 'delete': case 'deletecollection': return 'DELETE';
    default: return undefined;
  }
}

const anyOf = (list: readonly string[] | undefined, value: string) => (list ?? []).some((x) => x === '*' || x === value);

/**
 * A rule's `resources` entries against `resource[/subresource]`, as admissionregistration reads
 * them: `pods` is the main resource only; `pods/` + `*` its subresources; `*` every main resource;
 * a `*` before the slash any resource's subresource.
 */
function resourceMatches(entries: readonly string[] | undefined, resource: string): boolean {
  const [base, sub] = resource.split('/');
  return (entries ?? []).some((e) => {
    const [eb, es] = e.split('/');
    if (es === undefined) return sub === undefined && (eb === '*' || eb === base);
    return (eb === '*' || eb === base) && sub !== undefined && (es === '*' || es === sub);
  });
}

/** Whether one webhook is called for this request: a rule matches and its namespaceSelector selects the request's namespace. */
function webhookMatches(state: ClusterState, hook: Webhook, request: ApiRequest, operation: string): boolean {
  const scoped = request.namespace ? 'Namespaced' : 'Cluster';
  const ruleHit = (hook.rules ?? []).some((r) => anyOf(r.operations, operation) && anyOf(r.apiGroups, request.group)
    && resourceMatches(r.resources, request.resource) && (r.scope === undefined || r.scope === '*' || r.scope === scoped));
  if (!ruleHit) return false;
  if (!request.namespace || !hook.namespaceSelector) return true;
  const ns = Object.hasOwn(state.namespaces, request.namespace) ? state.namespaces[request.namespace] : undefined;
  const labels = { ...(ns?.metadata.labels ?? {}), 'kubernetes.io/metadata.name': request.namespace };
  return selectorMatches(hook.namespaceSelector as LabelSelector, labels);
}

/** Why the API server could not get an answer from the webhook's Service (the Go error after `Post "URL": `), or undefined when it got through. */
function callError(state: ClusterState, hook: Webhook): { url: string; error?: string } {
  const svc = hook.clientConfig?.service;
  if (!svc) return { url: hook.clientConfig?.url ?? '' };
  const port = svc.port ?? 443;
  const url = `https://${svc.name}.${svc.namespace}.svc:${port}${svc.path ?? ''}?timeout=${hook.timeoutSeconds ?? 10}s`;
  const key = keyOf(svc.namespace, svc.name);
  const service = Object.hasOwn(state.services, key) ? state.services[key] : undefined;
  if (!service) return { url, error: `service "${svc.name}" not found` };
  const ip = service.spec.clusterIP ?? '';
  const reached = dial(state, { ip: '' }, ip, port).outcome;
  if (reached === 'refused') return { url, error: `dial tcp ${ip}:${port}: connect: connection refused` };
  if (reached === 'dropped') return { url, error: 'context deadline exceeded' };
  return { url };
}

/**
 * The validating webhooks' verdict on one request: the first denial or fail-closed call failure,
 * configurations by name and webhooks in their order; undefined when every webhook called allows it.
 */
export function validatingWebhooks(state: ClusterState, request: ApiRequest): ApiRefusal | undefined {
  const operation = operationOf(request);
  if (!operation) return undefined;
  for (const config of sortedValues(peekTable(state, validatingWebhookConfiguration.table!))) {
    for (const hook of config.webhooks ?? []) {
      if (!webhookMatches(state, hook, request, operation)) continue;
      const call = callError(state, hook);
      if (call.error) {
        if (hook.failurePolicy === 'Ignore') continue;
        return { code: 500, reason: 'InternalError', message: `Internal error occurred: failed calling webhook "${hook.name}": failed to call webhook: Post "${call.url}": ${call.error}` };
      }
      const denial = stageVerdict(state, 'webhook', { state, request, webhook: hook.name, operation });
      if (denial) return { code: denial.code ?? 403, reason: denial.reason ?? 'Forbidden', message: `admission webhook "${hook.name}" denied the request: ${denial.message}` };
    }
  }
  return undefined;
}
