import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseScenario } from '../../scenario/parse.ts';
import { Session } from '../../session/session.ts';
import { timed } from '../../../../tests/netpolicies.ts';

/**
 * nicolaka/netshoot is not busybox: in the networkpolicy gauntlet's cluster (order-service's egress
 * baseline drops its calls to postgres in `data`), a netshoot debug container answers with OpenBSD
 * netcat, bind9's nslookup and dig, curl 8 and zsh, over the same policed pod network.
 */
const POD = 'order-service-6755555f96-5c5fs';
const ALLOW = '{"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"order-service-to-postgres","namespace":"checkout"},"spec":{"podSelector":{"matchLabels":{"app":"order-service"}},"policyTypes":["Egress"],"egress":[{"to":[{"namespaceSelector":{"matchLabels":{"kubernetes.io/metadata.name":"data"}},"podSelector":{"matchLabels":{"app":"postgres"}}}],"ports":[{"protocol":"TCP","port":5432}]}]}}';

function cluster(): Session {
  const r = parseScenario('scenarios/networkpolicy.yaml', readFileSync('scenarios/networkpolicy.yaml', 'utf8'));
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return Session.start(r.scenario);
}

const netshoot = (s: Session) => s.run(`kubectl debug -it -n checkout ${POD} --image=nicolaka/netshoot`).output;

describe('a netshoot debug container', () => {
  it('answers in netshoot\'s tools\' own words, and its traffic obeys the policies', () => {
    const s = cluster();
    expect(netshoot(s)).toBe(
      '--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".\n' +
      'Defaulting debug container name to debugger-vhclt.\n' +
      "If you don't see a command prompt, try pressing enter.\n");
    expect(s.prompt()).toBe(`${POD} ~ # `);
    expect(s.run('pwd').output).toBe('/root\n');
    expect(s.run('nslookup postgres.data').output).toBe(
      'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\nName:\tpostgres.data.svc.cluster.local\nAddress: 10.100.41.12\n\n');
    expect(s.run('nslookup postgres; echo $?').output).toBe('Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\n** server can\'t find postgres: NXDOMAIN\n\n1\n');
    expect(s.run('nslookup 10.100.41.12').output).toBe(
      'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\n12.41.100.10.in-addr.arpa\tname = postgres.data.svc.cluster.local.\n\n');
    expect(s.run('dig +short postgres.data.svc.cluster.local').output).toBe('10.100.41.12\n');
    // dig itself is src/core/net/dig.ts (checked against the real dig); here it asks CoreDNS from the pod.
    expect(s.run('dig postgres.data.svc.cluster.local | grep -A1 -e "ANSWER SECTION" -e "^;; flags"').output).toBe(
      ';; flags: qr aa rd; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 1\n;; WARNING: recursion requested but not available\n--\n' +
      ';; ANSWER SECTION:\npostgres.data.svc.cluster.local. 30 IN\tA\t10.100.41.12\n');
    expect(s.run('dig +short +search postgres.data').output).toBe('10.100.41.12\n');
    // dig does not use the search list: a short name is asked as it is, and CoreDNS forwards it upstream.
    expect(s.run('dig +short postgres.data; echo $?').output).toBe('0\n');
    // The SYN is dropped by order-service's egress baseline: nc waits its -w, curl its -m.
    expect(timed(s, 'nc -zv -w 3 postgres.data.svc.cluster.local 5432')).toEqual({
      output: 'nc: connect to postgres.data.svc.cluster.local (10.100.41.12) port 5432 (tcp) timed out: Operation now in progress\n', seconds: 3 });
    expect(timed(s, 'nc -z -w 3 postgres.data.svc.cluster.local 5432; echo $?')).toEqual({ output: '1\n', seconds: 3 });
    expect(timed(s, 'curl -m 3 http://postgres.data.svc.cluster.local:5432/')).toEqual({ output: 'curl: (28) Connection timed out after 3001 milliseconds\n', seconds: 3.001 });
    expect(s.run('nc -zv -w 3 postgress.data.svc.cluster.local 5432').output).toBe('nc: getaddrinfo for host "postgress.data.svc.cluster.local" port 5432: Name does not resolve\n');
    expect(s.run('nc -zv -w 3 10.96.0.10 54').output).toBe('nc: connect to 10.96.0.10 port 54 (tcp) failed: Connection refused\n');
    expect(s.run('nc -zv -w 3 kube-dns.kube-system 53').output).toBe('Connection to kube-dns.kube-system (10.96.0.10) 53 port [tcp/domain] succeeded!\n');
    expect(s.run('tcpflow').output).toBe('zsh: command not found: tcpflow\n');
    s.run('exit');

    // The additive allow: the same test from a new netshoot container now connects.
    s.run(`echo '${ALLOW}' | kubectl apply -f -`);
    netshoot(s);
    expect(s.run('nc -zv -w 3 postgres.data.svc.cluster.local 5432').output).toBe(
      'Connection to postgres.data.svc.cluster.local (10.100.41.12) 5432 port [tcp/postgresql] succeeded!\n');
  });

  it('a busybox debug container keeps busybox\'s tools and shell', () => {
    const s = cluster();
    s.run(`kubectl debug -it -n checkout ${POD} --image=busybox:1.36`);
    expect(s.prompt()).toBe('/ # ');
    expect(timed(s, 'nc -zv -w 3 postgres.data.svc.cluster.local 5432')).toEqual({ output: 'nc: postgres.data.svc.cluster.local (10.100.41.12:5432): Connection timed out\n', seconds: 3 });
    expect(s.run('nslookup postgres.data.svc.cluster.local').output).toBe(
      'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tpostgres.data.svc.cluster.local\nAddress: 10.100.41.12\n\n');
    expect(s.run('dig postgres.data.svc.cluster.local').output).toBe('sh: dig: not found\n');
    expect(s.run('curl http://postgres.data.svc.cluster.local:5432/').output).toBe('sh: curl: not found\n');
  });

  it('kubectl exec in a netshoot pod runs netshoot\'s tools', () => {
    const s = cluster();
    s.run('kubectl run netshoot -n checkout --image=nicolaka/netshoot -- sleep infinity');
    s.run('sleep 10');
    expect(s.run('kubectl exec -n checkout netshoot -- dig +short kube-dns.kube-system.svc.cluster.local').output).toBe('10.96.0.10\n');
    expect(s.run('kubectl exec -n checkout netshoot -- nc -zv -w 3 kube-dns.kube-system 53').output).toBe('Connection to kube-dns.kube-system (10.96.0.10) 53 port [tcp/domain] succeeded!\n');
  });
});
