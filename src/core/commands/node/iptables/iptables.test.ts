/**
 * iptables on a node: kube-proxy's rules derived from the cluster's Services and EndpointSlices
 * (chain hashes, the probability split, REJECT for a Service without ready endpoints), the
 * learner's edits, and iptables' own errors. Then the same session's rules restored into a real
 * network namespace: the real iptables 1.8.9 must print what ours prints, byte for byte.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { onNode } from '../../../../../tests/onNode.ts';
import { realTool } from '../../../../../tests/realtools.ts';
import { portProtoHash, probability } from '../../../host/netfilter.ts';

const WORKER = 'ip-10-60-1-21';

describe('iptables on a crashloop worker', () => {
  it('hashes chain names as kube-proxy does (the well-known kube-dns and kubernetes chains)', () => {
    expect(`KUBE-SVC-${portProtoHash('default/kubernetes:https' + 'tcp')}`).toBe('KUBE-SVC-NPX46M4PTMTKRN6Y');
    expect(`KUBE-SVC-${portProtoHash('kube-system/kube-dns:dns' + 'udp')}`).toBe('KUBE-SVC-TCOU7JCQXEZGVUNU');
    expect(`KUBE-SVC-${portProtoHash('kube-system/kube-dns:dns-tcp' + 'tcp')}`).toBe('KUBE-SVC-ERIFXISQEP7F7OF4');
    expect([2, 3, 4, 5].map((n) => probability(n).list)).toEqual(['statistic mode random probability 0.50000000000', 'statistic mode random probability 0.33333333349',
      'statistic mode random probability 0.25000000000', 'statistic mode random probability 0.20000000019']);
  });

  it('lists the Service portals, one per Service with ready endpoints, the nodeports jump last', () => {
    const { run } = onNode('crashloop', WORKER);
    expect(run('iptables -t nat -L KUBE-SERVICES -n --line-numbers')).toBe(
      'Chain KUBE-SERVICES (2 references)\n' +
      'num  target     prot opt source               destination         \n' +
      '1    KUBE-SVC-I6KYMB4DRFUW6VI5  6    --  0.0.0.0/0            10.96.142.17         /* data/redis-master cluster IP */ tcp dpt:6379\n' +
      '2    KUBE-SVC-MBEGLAPII7DDIM3R  6    --  0.0.0.0/0            10.96.0.1            /* default/kubernetes cluster IP */ tcp dpt:443\n' +
      '3    KUBE-SVC-4XKR7CI373HOIIZQ  6    --  0.0.0.0/0            10.96.51.4           /* identity/auth-service cluster IP */ tcp dpt:8443\n' +
      '4    KUBE-SVC-XBQ3ZF25IFXTMPC5  6    --  0.0.0.0/0            10.96.0.10           /* kube-system/kube-dns cluster IP */ tcp dpt:53\n' +
      '5    KUBE-NODEPORTS  0    --  0.0.0.0/0            0.0.0.0/0            /* kubernetes service nodeports; NOTE: this must be the last rule in this chain */ ADDRTYPE match dst-type LOCAL\n');
  });

  it('splits a Service over its ready endpoints with 1/n probabilities, each endpoint its own DNAT chain', () => {
    const { run } = onNode('crashloop', WORKER);
    expect(run('iptables-save -t nat | grep kube-dns')).toBe(
      '-A KUBE-SEP-4BLTSK5VFUKIAFQ2 -s 10.244.0.5/32 -m comment --comment "kube-system/kube-dns" -j KUBE-MARK-MASQ\n' +
      '-A KUBE-SEP-4BLTSK5VFUKIAFQ2 -p tcp -m comment --comment "kube-system/kube-dns" -m tcp -j DNAT --to-destination 10.244.0.5:53\n' +
      '-A KUBE-SEP-DZTWN7IG5DF5WRR3 -s 10.244.1.4/32 -m comment --comment "kube-system/kube-dns" -j KUBE-MARK-MASQ\n' +
      '-A KUBE-SEP-DZTWN7IG5DF5WRR3 -p tcp -m comment --comment "kube-system/kube-dns" -m tcp -j DNAT --to-destination 10.244.1.4:53\n' +
      '-A KUBE-SERVICES -d 10.96.0.10/32 -p tcp -m comment --comment "kube-system/kube-dns cluster IP" -m tcp --dport 53 -j KUBE-SVC-XBQ3ZF25IFXTMPC5\n' +
      '-A KUBE-SVC-XBQ3ZF25IFXTMPC5 ! -s 10.244.0.0/16 -d 10.96.0.10/32 -p tcp -m comment --comment "kube-system/kube-dns cluster IP" -m tcp --dport 53 -j KUBE-MARK-MASQ\n' +
      '-A KUBE-SVC-XBQ3ZF25IFXTMPC5 -m comment --comment "kube-system/kube-dns -> 10.244.0.5:53" -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-4BLTSK5VFUKIAFQ2\n' +
      '-A KUBE-SVC-XBQ3ZF25IFXTMPC5 -m comment --comment "kube-system/kube-dns -> 10.244.1.4:53" -j KUBE-SEP-DZTWN7IG5DF5WRR3\n');
  });

  it('rejects a Service without endpoints in the filter table, and follows a pod that stops being ready', () => {
    const { s, run } = onNode('crashloop', WORKER);
    expect(run('iptables -L KUBE-SERVICES -n')).toBe(
      'Chain KUBE-SERVICES (2 references)\n' +
      'target     prot opt source               destination         \n' +
      'REJECT     6    --  0.0.0.0/0            10.96.88.21          /* identity/auth-db has no endpoints */ tcp dpt:5432 reject-with icmp-port-unreachable\n');
    s.run('exit');
    s.run('kubectl scale deploy redis-master -n data --replicas=0');
    s.tick(s.now + 60_000);
    s.run(`ssh ${WORKER}`);
    expect(run('iptables -S KUBE-SERVICES | grep redis')).toBe('-A KUBE-SERVICES -d 10.96.142.17/32 -p tcp -m comment --comment "data/redis-master has no endpoints" -m tcp --dport 6379 -j REJECT --reject-with icmp-port-unreachable\n');
    expect(run('iptables-save -t nat | grep -c redis; echo $?')).toBe('0\n1\n');
  });

  it('-A, -I and -D change the node\'s rules; -D by number and by specification', () => {
    const { run } = onNode('crashloop', WORKER);
    expect(run('iptables -A INPUT -s 203.0.113.7 -j DROP')).toBe('');
    expect(run('iptables -I INPUT 2 -p tcp --dport 22 -j ACCEPT')).toBe('');
    expect(run('iptables -S INPUT')).toBe('-P INPUT ACCEPT\n' +
      '-A INPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL\n' +
      '-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\n' +
      '-A INPUT -m comment --comment "kubernetes health check service ports" -j KUBE-NODEPORTS\n' +
      '-A INPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes externally-visible service portals" -j KUBE-EXTERNAL-SERVICES\n' +
      '-A INPUT -j KUBE-FIREWALL\n' +
      '-A INPUT -s 203.0.113.7/32 -j DROP\n');
    expect(run('iptables -L INPUT --line-numbers | tail -2')).toBe(
      '5    KUBE-FIREWALL  all  --  anywhere             anywhere            \n' +
      '6    DROP       all  --  203.0.113.7          anywhere            \n');
    expect(run('iptables -D INPUT -s 203.0.113.7/32 -j DROP; iptables -D INPUT 2; iptables -S INPUT | wc -l')).toBe('5\n');
    expect(run('iptables -D INPUT -s 203.0.113.7 -j DROP; echo $?')).toBe('iptables: Bad rule (does a matching rule exist in that chain?).\n1\n');
  });

  it('answers mistakes with iptables\' words and exit codes', () => {
    const { run } = onNode('crashloop', WORKER);
    expect(run('iptables -L KUBE-NOPE -n; echo $?')).toBe("iptables v1.8.9 (nf_tables): chain `KUBE-NOPE' in table `filter' is incompatible, use 'nft' tool.\n1\n");
    expect(run('iptables -L --bogus; echo $?')).toBe('iptables v1.8.9 (nf_tables): unknown option "--bogus"\nTry `iptables -h\' or \'iptables --help\' for more information.\n2\n');
    expect(run('iptables -t bogus -L; echo $?')).toBe("iptables v1.8.9 (nf_tables): table 'bogus' does not exist\nPerhaps iptables or your kernel needs to be upgraded.\n3\n");
    expect(run('iptables -A NOPE -j DROP; echo $?')).toBe('iptables: No chain/target/match by that name.\n1\n');
    expect(run('iptables -X KUBE-SERVICES; echo $?')).toBe('iptables v1.8.9 (nf_tables):  CHAIN_DEL failed (Device or resource busy): chain KUBE-SERVICES\n4\n');
  });
});

const IPTABLES = realTool('iptables');
const UNSHARE = realTool('unshare');
const ROOT = process.getuid?.() === 0;
const canCompare = !!IPTABLES && !!UNSHARE && ROOT && spawnSync(UNSHARE!, ['-n', 'true']).status === 0;

/** Lines both sides run, after the session's rules are restored; each prints its output and status. */
const COMPARED = [
  'iptables -L -n -v', 'iptables -L', 'iptables -L -n -v -x --line-numbers', 'iptables -t nat -L -n --line-numbers', 'iptables -t nat -L', 'iptables -t nat -nvL KUBE-SERVICES',
  'iptables -S', 'iptables -t nat -S', 'iptables -t mangle -L -n', 'iptables -t nat -L KUBE-SVC-4XKR7CI373HOIIZQ 2', 'iptables -t nat -S KUBE-POSTROUTING 3', 'iptables -L KUBE-FIREWALL',
  'iptables -A INPUT -s 203.0.113.0/24 -j DROP', 'iptables -I INPUT 2 -p tcp --dport 22 -j ACCEPT', 'iptables -A OUTPUT -d 10.0.0.0/8 -p udp -m udp --dport 53 -j REJECT',
  'iptables -A INPUT -j LOG --log-prefix "dropped: "', 'iptables -N MY-CHAIN', 'iptables -A MY-CHAIN -m conntrack --ctstate NEW -m comment --comment "mine" -j RETURN', 'iptables -A FORWARD -i eth0 -j MY-CHAIN',
  'iptables -L -n -v', 'iptables -L', 'iptables -S', 'iptables -D INPUT 1', 'iptables -D FORWARD -i eth0 -j MY-CHAIN', 'iptables -F MY-CHAIN', 'iptables -X MY-CHAIN', 'iptables -S',
  'iptables -L NOPE -n', 'iptables -t nat -L NOPE', 'iptables --foo', 'iptables -t foo -L', 'iptables -D INPUT 99', 'iptables -D INPUT -s 9.9.9.9 -j DROP', 'iptables -A NOPE -j DROP',
  'iptables -A INPUT -j NOPE', 'iptables -N KUBE-SERVICES', 'iptables -X KUBE-SERVICES', 'iptables -P KUBE-SERVICES DROP', 'iptables -P INPUT FOO', 'iptables -A INPUT -s 300.1.1.1 -j DROP',
  'iptables -A INPUT --dport 80 -j DROP', 'iptables -A INPUT -m foo -j DROP', 'iptables', 'iptables -I INPUT 99 -j DROP', 'iptables -V', 'iptables -A INPUT -o eth0 -j DROP',
  'ip6tables -L -n -v', 'ip6tables -t nat -S',
];

describe.skipIf(!canCompare)(`against the real iptables 1.8.9 in a network namespace${canCompare ? '' : ' (skipped: needs root, iptables and unshare -n)'}`, () => {
  it('prints what the real binary prints for the same rules, byte for byte', () => {
    const { s, run } = onNode('crashloop', WORKER);
    const restore4 = run('iptables-save');
    const restore6 = run('ip6tables-save');
    const script = ['iptables-restore < /dev/fd/3', 'ip6tables-restore < /dev/fd/4', ...COMPARED.map((l) => `echo '@@'; ${l} 2>&1; echo "rc=$?"`)].join('\n');
    const real = spawnSync(UNSHARE!, ['-n', 'sh', '-c', `exec 3<<'EOF4'\n${restore4}EOF4\nexec 4<<'EOF6'\n${restore6}EOF6\n${script}`], { encoding: 'utf8', env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', LC_ALL: 'C.UTF-8' } });
    const theirs = real.stdout.split('@@\n').slice(1);
    const ours = COMPARED.map((l) => s.run(`${l} 2>&1; echo "rc=$?"`).output);
    expect(theirs.length).toBe(COMPARED.length);
    COMPARED.forEach((l, i) => expect(`$ ${l}\n${ours[i]}`).toBe(`$ ${l}\n${theirs[i]}`));
    const save = (t: string) => t.replace(/ on .*$/gm, ' on DATE');
    const again = spawnSync(UNSHARE!, ['-n', 'sh', '-c', `iptables-restore <<'EOF'\n${restore4}EOF\niptables-save`], { encoding: 'utf8', env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin' } });
    expect(save(restore4)).toBe(save(again.stdout));
  });
});
