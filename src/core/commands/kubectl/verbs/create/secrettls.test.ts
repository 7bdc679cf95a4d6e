/**
 * `kubectl create secret tls` in a session: PEM files written on the laptop with a here-doc become
 * a `kubernetes.io/tls` Secret the cluster keeps (get, describe); files that are missing or hold no
 * PEM are refused as kubectl refuses them. The outputs are compared with the real kubectl in
 * tests/real-kubectl/create.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { Session } from '../../../../session/session.ts';
import { load } from '../../../../../../tests/unit/garbage.ts';

/** A self-signed P-256 pair for shop.example.com, made with openssl for this test. */
const CERT = `-----BEGIN CERTIFICATE-----
MIIBjDCCATGgAwIBAgIUevGqcsUC/IxR19wWd0xxroTDnyswCgYIKoZIzj0EAwIw
GzEZMBcGA1UEAwwQc2hvcC5leGFtcGxlLmNvbTAeFw0yNjEyMDcwOTI1MDdaFw0z
NjEyMDQwOTI1MDdaMBsxGTAXBgNVBAMMEHNob3AuZXhhbXBsZS5jb20wWTATBgcq
hkjOPQIBBggqhkjOPQMBBwNCAATLZNTNhfHFx990sxawT6SaUjwt3yj6OVpHtyXw
KDDaW+Z2EYBaSYI45F8NMsu+dRp/fyy9lOsbD55EA+6+evREo1MwUTAdBgNVHQ4E
FgQUEVUODxvxaxWgBNPOkQ/7/D9GzxkwHwYDVR0jBBgwFoAUEVUODxvxaxWgBNPO
kQ/7/D9GzxkwDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNJADBGAiEA0Wgi
E+aR0jzXbhn3nTT2xhUti+Jxl85dseCGOd8TI5gCIQCoBix6V58VAO0oycoPB5bw
nDEm5o2gN0ox/0SAq/gAkw==
-----END CERTIFICATE-----
`;
const KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgQVXvHSDIzu1CLL/C
HnqSY5INwSibZjvGnz12qfbLmBShRANCAATLZNTNhfHFx990sxawT6SaUjwt3yj6
OVpHtyXwKDDaW+Z2EYBaSYI45F8NMsu+dRp/fyy9lOsbD55EA+6+evRE
-----END PRIVATE KEY-----
`;

describe('kubectl create secret tls', () => {
  it('stores the pair read from the laptop as tls.crt and tls.key; get and describe show it', () => {
    const s = Session.start(load('crashloop.yaml'));
    const run = (line: string) => s.run(line, s.now + 1000).output;
    expect(run(`cat > shop.crt <<'EOF'\n${CERT}EOF`)).toBe('');
    expect(run(`cat > shop.key <<'EOF'\n${KEY}EOF`)).toBe('');
    expect(run('kubectl create secret tls shop-tls --cert=shop.crt --key=nope.key -n data')).toBe('error: Cannot read file nope.key, open nope.key: no such file or directory\n');
    expect(run('kubectl create secret tls shop-tls --cert=shop.key --key=shop.key -n data')).toBe(
      'error: tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched\n');
    expect(run('kubectl create secret tls shop-tls --cert=shop.crt --key=shop.key -n data')).toBe('secret/shop-tls created\n');
    expect(run('kubectl get secret shop-tls -n data')).toBe('NAME       TYPE                DATA   AGE\nshop-tls   kubernetes.io/tls   2      1s\n');
    expect(run("kubectl get secret shop-tls -n data -o jsonpath='{.data.tls\\.crt}' | base64 -d")).toBe(CERT);
    expect(run('kubectl describe secret shop-tls -n data')).toBe(
      `Name:         shop-tls\nNamespace:    data\nLabels:       <none>\nAnnotations:  <none>\n\nType:  kubernetes.io/tls\n\nData\n====\ntls.crt:  ${CERT.length} bytes\ntls.key:  ${KEY.length} bytes\n`);
    expect(run('kubectl create secret tls shop-tls --cert=shop.crt --key=shop.key -n data')).toBe('error: failed to create secret secrets "shop-tls" already exists\n');
  });
});
