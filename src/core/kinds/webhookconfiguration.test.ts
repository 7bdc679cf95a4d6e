import { describe, expect, it } from 'vitest';
import { manifestSession } from '../testing/tinyScenario.ts';

const AR = 'admissionregistration.k8s.io/v1';

describe('admission webhook configurations', () => {
  it('lists them with their webhook count (NAME, WEBHOOKS, AGE), and says so when there are none', () => {
    const s = manifestSession([
      `{ apiVersion: ${AR}, kind: ValidatingWebhookConfiguration, metadata: { name: kyverno-resource-validating-webhook-cfg }, webhooks: [{ name: validate.kyverno.svc-fail, clientConfig: { service: { namespace: kyverno, name: kyverno-svc, path: /validate/fail } }, failurePolicy: Fail, sideEffects: NoneOnDryRun, admissionReviewVersions: [v1] }, { name: validate.kyverno.svc-ignore, clientConfig: { service: { namespace: kyverno, name: kyverno-svc, path: /validate/ignore } }, failurePolicy: Ignore, sideEffects: NoneOnDryRun, admissionReviewVersions: [v1] }] }`,
    ]);
    expect(s.run('kubectl get validatingwebhookconfigurations').output).toBe(
      'NAME                                      WEBHOOKS   AGE\nkyverno-resource-validating-webhook-cfg   2          5s\n');
    expect(s.run('kubectl get mutatingwebhookconfigurations').output).toBe('No resources found\n');
    expect(s.run('kubectl get validatingwebhookconfiguration kyverno-resource-validating-webhook-cfg -o jsonpath={.webhooks[1].failurePolicy}').output).toBe('Ignore');
  });
});
