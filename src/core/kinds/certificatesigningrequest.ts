import type { KubeObject } from '../model/k8s.ts';
import { humanDuration } from '../time.ts';
import { ageColumn, col, nameColumn, objectTable, RW } from './common.ts';
import type { KindDef } from './types.ts';

/** One `status.conditions[]` item of a CSR (Approved, Denied, Failed; Issued is shown once a certificate exists). */
export interface CsrCondition { type: 'Approved' | 'Denied' | 'Failed'; status: 'True' | 'False'; reason?: string; message?: string; lastUpdateTime?: string; lastTransitionTime?: string }

/** certificates.k8s.io/v1 CertificateSigningRequest (kubelet's client and serving certificates, for instance). */
export interface CertificateSigningRequest extends KubeObject {
  kind: 'CertificateSigningRequest';
  spec: { request: string; signerName: string; username?: string; usages?: string[]; expirationSeconds?: number; groups?: string[] };
  status?: { conditions?: CsrCondition[]; certificate?: string };
}

/** The CONDITION column as kubectl's printer writes it: the condition types joined by commas, `Issued` once signed, else `Pending`. */
export function csrCondition(csr: CertificateSigningRequest): string {
  const types: string[] = (csr.status?.conditions ?? []).map((c) => c.type);
  if (csr.status?.certificate) types.push('Issued');
  return types.length ? types.join(',') : 'Pending';
}

/** certificates.k8s.io/v1 CertificateSigningRequest, with the columns of the API server's table printer (1.33). */
export const certificateSigningRequest: KindDef<CertificateSigningRequest> = {
  kind: 'CertificateSigningRequest', plural: 'certificatesigningrequests', singular: 'certificatesigningrequest', shortNames: ['csr'],
  group: 'certificates.k8s.io', version: 'v1', namespaced: false, verbs: RW,
  table: objectTable('certificatesigningrequests'),
  columns: [
    nameColumn,
    ageColumn,
    col<CertificateSigningRequest>('SIGNERNAME', (c) => c.spec.signerName),
    col<CertificateSigningRequest>('REQUESTOR', (c) => c.spec.username ?? ''),
    col<CertificateSigningRequest>('REQUESTEDDURATION', (c) => (c.spec.expirationSeconds ? humanDuration(c.spec.expirationSeconds * 1000) : '<none>')),
    col<CertificateSigningRequest>('CONDITION', csrCondition),
  ],
  writable: { patch: true, delete: true },
  // The API server records who asked (the request's user info); objects created here come from the
  // kubeconfig's admin (sim/authz.ts KUBECONFIG_USER, not imported: sim/authz reads this registry).
  admit(csr) {
    csr.spec.username ??= 'kubernetes-admin';
    csr.spec.groups ??= ['system:masters', 'system:authenticated'];
  },
};
