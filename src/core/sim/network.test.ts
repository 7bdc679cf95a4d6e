import { describe, expect, it } from 'vitest';
import { timed, withPolicies } from '../../../tests/netpolicies.ts';
import type { Session } from '../session/session.ts';

/**
 * Traffic obeys NetworkPolicies (crashloop cluster; tests/netpolicies.ts adds a default-deny egress
 * in `identity` whose DNS rule names `k8s-app=kube-dns`, while this cluster's CoreDNS pods carry
 * `app=coredns`: the classic trap). Tried from a busybox debug container in a running
 * auth-service pod, as a learner would.
 */
const RUNNING = 'auth-service-8d8964df7-5xdzq';
const HEAD = 'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n';
type Extra = Parameters<typeof withPolicies>[0];

const allowDns: NonNullable<Extra>[number] = {
  name: 'allow-dns', namespace: 'identity',
  spec: { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ namespaceSelector: {}, podSelector: { matchLabels: { app: 'coredns' } } }], ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }] }] },
};

function shell(extra: Extra = []): Session {
  const s = withPolicies(extra);
  s.run(`kubectl debug -it ${RUNNING} -n identity --image=busybox:1.36 --target=auth-service`);
  expect(s.prompt()).toBe('/ # ');
  return s;
}

const out = (s: Session, line: string) => timed(s, line).output;

describe('the pod network obeys NetworkPolicies', () => {
  it('an egress policy that allows DNS to the wrong labels makes every lookup time out', () => {
    const s = shell();
    expect(timed(s, 'nslookup redis-master.data')).toEqual({ output: `${HEAD};; connection timed out; no servers could be reached\n\n`, seconds: 10 });
    expect(timed(s, 'nc -zv -w 3 redis-master.data 6379')).toEqual({ output: "nc: bad address 'redis-master.data'\n", seconds: 10 });
    expect(out(s, 'wget -qO- -T 3 http://auth-service:8443/healthz')).toBe("wget: bad address 'auth-service:8443'\n");
    // The address itself is not a lookup: the connect is what the policy drops.
    expect(timed(s, 'nc -zv -w 3 10.96.142.17 6379')).toEqual({ output: 'nc: 10.96.142.17 (10.96.142.17:6379): Connection timed out\n', seconds: 3 });
    expect(s.run('echo $?').output).toBe('1\n');
  });

  it('with DNS allowed, names resolve but the database connection hangs until the client gives up', () => {
    const s = shell([allowDns]);
    expect(s.run('nslookup redis-master.data').output).toBe(`${HEAD}Name:\tredis-master.data.svc.cluster.local\nAddress: 10.96.142.17\n\n`);
    expect(timed(s, 'nc -zv -w 3 redis-master.data 6379')).toEqual({ output: 'nc: redis-master.data (10.96.142.17:6379): Connection timed out\n', seconds: 3 });
    expect(timed(s, 'nc -z -w 3 redis-master.data 6379')).toEqual({ output: '', seconds: 3 });
    expect(timed(s, 'wget -T 3 -O- http://redis-master.data:6379/')).toEqual({ output: 'Connecting to redis-master.data:6379 (10.96.142.17:6379)\nwget: download timed out\n', seconds: 3 });
    // Without -w, nc waits for the kernel's SYN retries.
    expect(timed(s, 'nc -zv redis-master.data 6379').seconds).toBe(127);
    // The pod's own ports are not policed.
    expect(s.run('wget -qO- http://localhost:8443/healthz').output).toBe('ok');
  });

  it('an egress rule for the database (namespaceSelector + podSelector, port) makes the same nc succeed', () => {
    const s = shell([allowDns]);
    s.run('exit');
    expect(s.run(`kubectl patch netpol default-deny-egress -n identity --type=json -p '[{"op":"add","path":"/spec/egress/-","value":{"to":[{"namespaceSelector":{"matchLabels":{"kubernetes.io/metadata.name":"data"}},"podSelector":{"matchLabels":{"app":"redis-master"}}}],"ports":[{"protocol":"TCP","port":6379}]}}]'`).output)
      .toBe('networkpolicy.networking.k8s.io/default-deny-egress patched\n');
    s.run(`kubectl debug -it ${RUNNING} -n identity --image=busybox:1.36 --target=auth-service`);
    expect(timed(s, 'nc -zv -w 3 redis-master.data 6379')).toEqual({ output: 'redis-master.data (10.96.142.17:6379) open\n', seconds: 0 });
    // A podSelector alone means pods of the policy's own namespace: it would not have reached `data`.
    expect(s.run('echo PING | nc redis-master.data 6379').output).toBe('+PONG\r\n');
  });

  it('ingress isolation on the server side drops clients no rule names; a namespaceSelector lets them in', () => {
    const allowAllEgress: NonNullable<Extra>[number] = { name: 'allow-all-egress', namespace: 'identity', spec: { podSelector: {}, policyTypes: ['Egress'], egress: [{}] } };
    const redisOnlyFromCache: NonNullable<Extra>[number] = {
      name: 'redis-ingress', namespace: 'data',
      spec: { podSelector: { matchLabels: { app: 'redis-master' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'auth-service' } } }], ports: [{ port: 6379 }] }] },
    };
    const s = shell([allowAllEgress, redisOnlyFromCache]);
    expect(out(s, 'nc -zv -w 3 redis-master.data 6379')).toBe('nc: redis-master.data (10.96.142.17:6379): Connection timed out\n');
    s.run('exit');
    s.run(`kubectl patch netpol redis-ingress -n data --type=json -p '[{"op":"add","path":"/spec/ingress/0/from/0/namespaceSelector","value":{"matchLabels":{"kubernetes.io/metadata.name":"identity"}}}]'`);
    s.run(`kubectl debug -it ${RUNNING} -n identity --image=busybox:1.36 --target=auth-service`);
    expect(s.run('nc -zv -w 3 redis-master.data 6379').output).toBe('redis-master.data (10.96.142.17:6379) open\n');
  });
});
