import { describe, expect, it } from 'vitest';
import { onNode } from '../../../../../tests/onNode.ts';

const norm = (s: string) => s.replace(/id: \d+/, 'id: N').replace(/COOKIE: \w+/, 'COOKIE: C').replace(/time: \d msec/, 'time: T msec');

describe('dig on a node', () => {
  it('asks the systemd-resolved stub, which knows the machines but not cluster.local', () => {
    const { run } = onNode('etcd-slowness', 'wk-1');
    expect(norm(run('dig cp-1'))).toBe(`
; <<>> DiG 9.18.49-1~deb12u3-Debian <<>> cp-1
;; global options: +cmd
;; Got answer:
;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: N
;; flags: qr rd ra; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 1

;; OPT PSEUDOSECTION:
; EDNS: version: 0, flags:; udp: 65494
;; QUESTION SECTION:
;cp-1.\t\t\t\tIN\tA

;; ANSWER SECTION:
cp-1.\t\t\t60\tIN\tA\t10.0.1.11

;; Query time: T msec
;; SERVER: 127.0.0.53#53(127.0.0.53) (UDP)
;; WHEN: Tue Apr 21 09:40:00 UTC 2026
;; MSG SIZE  rcvd: 49

`);
    expect(run('dig +noall +comments kubernetes.default.svc.cluster.local')).toMatch(/^;; Got answer:\n;; WARNING: .local is reserved for Multicast DNS\n.*\n;; ->>HEADER<<- opcode: QUERY, status: NXDOMAIN, id: \d+\n;; flags: qr rd ra; QUERY: 1, ANSWER: 0, AUTHORITY: 1, ADDITIONAL: 1\n/);
    expect(run('dig +noall +authority kubernetes.default.svc.cluster.local')).toBe('.\t\t\t86400\tIN\tSOA\ta.root-servers.net. nstld.verisign-grs.com. 2024061200 1800 900 604800 86400\n');
    expect(run('dig +short cp-1')).toBe('10.0.1.11\n');
  });

  it('reaches CoreDNS through the kube-dns Service address, with +short and -x', () => {
    const { run } = onNode('etcd-slowness', 'wk-1');
    expect(run('dig @10.96.0.10 +short kubernetes.default.svc.cluster.local')).toBe('10.96.0.1\n');
    expect(run('dig @10.96.0.10 +short -x 10.96.0.10')).toBe('kube-dns.kube-system.svc.cluster.local.\n');
    expect(run('dig @10.96.0.10 +noall +answer kube-dns.kube-system.svc.cluster.local')).toBe('kube-dns.kube-system.svc.cluster.local. 30 IN A\t10.96.0.10\n');
  });

  it('times out against an address where no DNS server listens, taking dig\'s 3 × 5 s', () => {
    const { s, run } = onNode('etcd-slowness', 'wk-1');
    const before = s.now;
    expect(run('dig @10.0.2.22 +short x')).toBe(';; communications error to 10.0.2.22#53: timed out\n'.repeat(3) + ';; no servers could be reached\n');
    expect(s.now - before).toBeGreaterThanOrEqual(15000);
  });
});
