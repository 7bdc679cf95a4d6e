import { describe, expect, it } from 'vitest';
import { timed, withPolicies } from '../../../../../../tests/netpolicies.ts';
import type { Session } from '../../../../session/session.ts';

/** `kubectl exec` of network tools in an application container obeys the NetworkPolicies (crashloop cluster + tests/netpolicies.ts). */
const allowCoreDns = {
  name: 'allow-dns', namespace: 'identity',
  spec: { podSelector: {}, policyTypes: ['Egress' as const], egress: [{ to: [{ namespaceSelector: {}, podSelector: { matchLabels: { app: 'coredns' } } }], ports: [{ protocol: 'UDP' as const, port: 53 }, { protocol: 'TCP' as const, port: 53 }] }] },
};

const run = timed;
const podOf = (s: Session, app: string) => s.run(`kubectl get pods -n identity -l app=${app} --no-headers | grep Running | head -1 | awk '{print $1}'`).output.trim();

describe('kubectl exec … -- curl / wget / nc / nslookup over the pod network', () => {
  it('a dropped connection times out with each tool\'s own words and exit code', () => {
    const s = withPolicies([allowCoreDns]);
    const pod = podOf(s, 'user-directory');
    expect(run(s, `kubectl exec ${pod} -n identity -- curl -sS -m 3 http://redis-master.data:6379/`)).toEqual({
      output: 'curl: (28) Connection timed out after 3001 milliseconds\ncommand terminated with exit code 28\n', seconds: 3.001 });
    expect(s.run('echo $?').output).toBe('28\n');
    expect(run(s, `kubectl exec ${pod} -n identity -- curl -s -m 3 http://redis-master.data:6379/`).output).toBe('command terminated with exit code 28\n');
    expect(run(s, `kubectl exec ${pod} -n identity -- nc -zv -w 3 redis-master.data 6379`).output).toBe(
      'nc: redis-master.data (10.96.142.17:6379): Connection timed out\ncommand terminated with exit code 1\n');
    expect(run(s, `kubectl exec ${pod} -n identity -- wget -T 3 -qO- http://redis-master.data:6379/`).output).toBe('wget: download timed out\ncommand terminated with exit code 1\n');
    // Its own Service in its own namespace is not covered by any egress rule either.
    expect(run(s, `kubectl exec ${pod} -n identity -- curl -sS -m 3 http://auth-service:8443/healthz`).output).toBe(
      'curl: (28) Connection timed out after 3001 milliseconds\ncommand terminated with exit code 28\n');
  });

  it('DNS blocked by the egress policy: curl cannot resolve, nslookup reaches no server', () => {
    const s = withPolicies();
    const pod = podOf(s, 'user-directory');
    expect(run(s, `kubectl exec ${pod} -n identity -- curl -sS http://redis-master.data:6379/`)).toEqual({
      output: 'curl: (6) Could not resolve host: redis-master.data\ncommand terminated with exit code 6\n', seconds: 10 });
    expect(run(s, `kubectl exec ${pod} -n identity -- curl -sS -m 3 http://redis-master.data:6379/`).output).toBe(
      'curl: (28) Resolving timed out after 3001 milliseconds\ncommand terminated with exit code 28\n');
    expect(run(s, `kubectl exec ${pod} -n identity -- nslookup redis-master.data`).output).toBe(
      'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n;; connection timed out; no servers could be reached\n\ncommand terminated with exit code 1\n');
  });

  it('once a rule allows it, the same commands succeed', () => {
    const s = withPolicies([allowCoreDns, {
      name: 'allow-redis', namespace: 'identity',
      spec: { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'data' } } }], ports: [{ port: 6379 }] }] },
    }]);
    const pod = podOf(s, 'user-directory');
    expect(run(s, `kubectl exec ${pod} -n identity -- nc -zv -w 3 redis-master.data 6379`)).toEqual({ output: 'redis-master.data (10.96.142.17:6379) open\n', seconds: 0 });
    expect(run(s, `kubectl exec ${pod} -n identity -- curl -sS -m 3 http://redis-master.data:6379/healthz`).output).toBe('ok');
    expect(run(s, `kubectl exec ${pod} -n identity -- curl -sS -m 3 http://localhost:8080/healthz`).output).toBe('ok');
  });
});
