import type { KubeObject } from '../model/k8s.ts';
import { describeGeneric } from '../printers/describe/generic.ts';
import { ageColumn, col, nameColumn, objectTable, RW } from './common.ts';
import type { KindDef } from './types.ts';

/**
 * admissionregistration.k8s.io/v1 ValidatingWebhookConfiguration and MutatingWebhookConfiguration:
 * the admission webhooks the API server calls (a policy engine such as Kyverno or OPA Gatekeeper
 * registers one). Listed as kube-apiserver's table convertor prints them (printers.go
 * printValidatingWebhook / printMutatingWebhook: NAME, WEBHOOKS, AGE); kubectl describes them with
 * its generic describer. What a webhook answers is the api stage's business (sim/faults).
 */
export interface WebhookConfiguration extends KubeObject {
  kind: 'ValidatingWebhookConfiguration' | 'MutatingWebhookConfiguration';
  webhooks?: {
    name: string;
    clientConfig?: { service?: { namespace: string; name: string; path?: string; port?: number }; url?: string; caBundle?: string };
    rules?: { apiGroups?: string[]; apiVersions?: string[]; operations?: string[]; resources?: string[]; scope?: string }[];
    failurePolicy?: 'Fail' | 'Ignore';
    sideEffects?: string;
    timeoutSeconds?: number;
    admissionReviewVersions?: string[];
    namespaceSelector?: unknown;
    objectSelector?: unknown;
  }[];
}

const columns = [nameColumn, col<WebhookConfiguration>('WEBHOOKS', (w) => String(w.webhooks?.length ?? 0)), ageColumn];

export const validatingWebhookConfiguration: KindDef<WebhookConfiguration> = {
  kind: 'ValidatingWebhookConfiguration', plural: 'validatingwebhookconfigurations', singular: 'validatingwebhookconfiguration', shortNames: [],
  group: 'admissionregistration.k8s.io', version: 'v1', namespaced: false, verbs: RW,
  table: objectTable('validatingwebhookconfigurations'),
  columns,
  describe: (obj, related, now) => describeGeneric(obj, related, now),
  writable: { patch: true, delete: true },
};

export const mutatingWebhookConfiguration: KindDef<WebhookConfiguration> = {
  ...validatingWebhookConfiguration,
  kind: 'MutatingWebhookConfiguration', plural: 'mutatingwebhookconfigurations', singular: 'mutatingwebhookconfiguration',
  table: objectTable('mutatingwebhookconfigurations'),
} as KindDef<WebhookConfiguration>;
