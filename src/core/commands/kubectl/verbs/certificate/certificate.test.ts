/**
 * `kubectl get csr|crd` and `kubectl certificate approve|deny` typed in a session: a CSR created
 * from a file is Pending, approved once (Approved in CONDITION), refused a denial afterwards; the
 * help of kubectl 1.33 when its binary is on this machine.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { Session } from '../../../../session/session.ts';
import { load } from '../../../../../../tests/unit/garbage.ts';
import { findKubectl133 } from '../../../../../../tests/real-kubectl/compare.ts';

const CSR = `cat > /tmp/csr.yaml <<'EOF'
apiVersion: certificates.k8s.io/v1
kind: CertificateSigningRequest
metadata:
  name: csr-abc12
spec:
  request: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURSBSRVFVRVNULS0tLS0K
  signerName: kubernetes.io/kubelet-serving
  usages: [digital signature, server auth]
EOF`;

describe('CertificateSigningRequests and kubectl certificate', () => {
  it('lists, approves once, and refuses to deny an approved CSR, as the API server does', () => {
    const s = Session.start(load('crashloop.yaml'));
    const run = (l: string) => s.run(l).output;
    expect(run('kubectl get csr')).toBe('No resources found\n');
    expect(run('kubectl get crd')).toBe('No resources found\n');
    run(CSR);
    expect(run('kubectl apply -f /tmp/csr.yaml')).toBe('certificatesigningrequest.certificates.k8s.io/csr-abc12 created\n');
    expect(run('kubectl get csr').replace(/ \d+s /, ' Ns ')).toBe(
      'NAME        AGE   SIGNERNAME                      REQUESTOR          REQUESTEDDURATION   CONDITION\n' +
      'csr-abc12   Ns    kubernetes.io/kubelet-serving   kubernetes-admin   <none>              Pending\n');
    expect(run('kubectl certificate approve csr-abc12')).toBe('certificatesigningrequest.certificates.k8s.io/csr-abc12 approved\n');
    expect(run('kubectl get csr csr-abc12 -o jsonpath={.status.conditions[0].reason}')).toBe('KubectlApprove');
    expect(run('kubectl get csr --no-headers').trimEnd().split(/\s+/).at(-1)).toBe('Approved');
    expect(run('kubectl certificate deny csr-abc12')).toBe(
      'The CertificateSigningRequest "csr-abc12" is invalid: status.conditions[1].type: Invalid value: "Denied": Approved and Denied conditions are mutually exclusive\n');
    expect(run('kubectl certificate approve nope')).toBe('Error from server (NotFound): certificatesigningrequests.certificates.k8s.io "nope" not found\n');
    expect(run('kubectl certificate approve')).toBe('error: one or more CSRs must be specified as <name> or -f <filename>\n');
  });
});

const real = findKubectl133();
describe.skipIf(!real)(`kubectl certificate --help${real ? '' : ' (skipped: no kubectl.1.33 beside kubectl)'}`, () => {
  it('prints the whole help of kubectl 1.33', () => {
    const s = Session.start(load('crashloop.yaml'));
    for (const words of [['certificate'], ['certificate', 'approve'], ['certificate', 'deny']]) {
      expect(s.run(`kubectl ${words.join(' ')} --help`).output).toBe(spawnSync(real!, [...words, '--help'], { encoding: 'utf8' }).stdout);
    }
  });
});
