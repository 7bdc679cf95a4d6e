import { describe, expect, it } from 'vitest';
import { manifestSession } from '../testing/tinyScenario.ts';

const AR = 'admissionregistration.k8s.io/v1';
/** Gatekeeper's registration as its chart writes it: every CREATE/UPDATE, fail-open, namespaces opt out by label. */
const GATEKEEPER = `{ apiVersion: ${AR}, kind: ValidatingWebhookConfiguration, metadata: { name: gatekeeper-validating-webhook-configuration }, webhooks: [{ name: validation.gatekeeper.sh, clientConfig: { service: { namespace: gatekeeper-system, name: gatekeeper-webhook-service, path: /v1/admit } }, rules: [{ apiGroups: ["*"], apiVersions: ["*"], operations: [CREATE, UPDATE], resources: ["*"], scope: "*" }], namespaceSelector: { matchExpressions: [{ key: admission.gatekeeper.sh/ignore, operator: DoesNotExist }] }, failurePolicy: Ignore, sideEffects: None, timeoutSeconds: 3, admissionReviewVersions: [v1] }] }`;
/** The same registration, fail-closed, under another name. */
const STRICT = GATEKEEPER.replace('Ignore', 'Fail').replace('gatekeeper-validating-webhook-configuration', 'strict').replace('validation.gatekeeper.sh', 'strict.example.com');
const SERVICE = '{ apiVersion: v1, kind: Service, metadata: { name: gatekeeper-webhook-service, namespace: gatekeeper-system }, spec: { clusterIP: 10.96.14.7, selector: { app: gatekeeper-controller-manager }, ports: [{ port: 443, targetPort: 8443 }] } }';
const BACKEND = '{ name: gatekeeper-controller-manager, namespace: gatekeeper-system, replicas: 1, image: "registry.test/web:1", ports: [8443] }';
const POLICY = '{ kind: webhook-policy, webhook: validation.gatekeeper.sh, namespaces: [production], resources: [deployments], operations: [UPDATE], message: "[prod-deploys-via-ci] deployments in production are changed by the CI pipeline only" }';
const DENIED = 'Error from server (Forbidden): admission webhook "validation.gatekeeper.sh" denied the request: [prod-deploys-via-ci] deployments in production are changed by the CI pipeline only\n';

const session = (manifests: string[]) => manifestSession(manifests, { namespace: 'production', namespaces: ['gatekeeper-system', 'production'], faults: [POLICY], workloads: [BACKEND] });

describe('validating admission webhooks (kube-apiserver ValidatingAdmissionWebhook)', () => {
  it('a webhook whose policy denies answers Forbidden with its name and message, though can-i says yes; what it does not cover passes', () => {
    const s = session([GATEKEEPER, SERVICE]);
    expect(s.run('kubectl label deployment web -n production tier=frontend').output).toBe(DENIED);
    expect(s.run('kubectl auth can-i patch deployments -n production').output).toBe('yes\n');
    expect(s.run('kubectl get deployment web -n production -o jsonpath="{.metadata.labels.tier}"').output).toBe('');
    expect(s.run('kubectl label configmap kube-root-ca.crt -n production tier=frontend').output).toBe('configmap/kube-root-ca.crt labeled\n');
    // The namespace opts out of Gatekeeper by its label: the webhook is not called there any more.
    expect(s.run('kubectl label namespace production admission.gatekeeper.sh/ignore=true').output).toBe('namespace/production labeled\n');
    expect(s.run('kubectl label deployment web -n production tier=frontend').output).toBe('deployment.apps/web labeled\n');
  });

  it('with its backend gone, a fail-closed webhook answers InternalError naming the call; a fail-open one is skipped', () => {
    const s = session([GATEKEEPER, STRICT, SERVICE]);
    expect(s.run('kubectl label deployment web -n production tier=frontend').output).toBe(DENIED);
    s.run('kubectl scale deployment gatekeeper-controller-manager -n gatekeeper-system --replicas=0');
    s.run('sleep 40');
    expect(s.run('kubectl get endpoints gatekeeper-webhook-service -n gatekeeper-system').output).toBe(
      'NAME                         ENDPOINTS   AGE\ngatekeeper-webhook-service   <none>      45s\n');
    expect(s.run('kubectl label deployment web -n production tier=frontend').output).toBe(
      'Error from server (InternalError): Internal error occurred: failed calling webhook "strict.example.com": failed to call webhook: Post "https://gatekeeper-webhook-service.gatekeeper-system.svc:443/v1/admit?timeout=3s": dial tcp 10.96.14.7:443: connect: connection refused\n');
    expect(s.run('kubectl delete validatingwebhookconfiguration strict').output).toBe('validatingwebhookconfiguration.admissionregistration.k8s.io "strict" deleted\n');
    expect(s.run('kubectl label deployment web -n production tier=frontend').output).toBe('deployment.apps/web labeled\n');
  });
});
