import { describe, expect, it } from 'vitest';
import { onNode } from '../../../../../tests/onNode.ts';

describe('ping on a node (iputils 20221126)', () => {
  it('a node answers; the statistics close the output', () => {
    const { run } = onNode('etcd-slowness', 'wk-1');
    expect(run('ping -c2 cp-1')).toBe('PING cp-1 (10.0.1.11) 56(84) bytes of data.\n64 bytes from 10.0.1.11: icmp_seq=1 ttl=64 time=0.412 ms\n64 bytes from 10.0.1.11: icmp_seq=2 ttl=64 time=0.292 ms\n\n'
      + '--- cp-1 ping statistics ---\n2 packets transmitted, 2 received, 0% packet loss, time 1002ms\nrtt min/avg/max/mdev = 0.292/0.352/0.412/0.060 ms\n');
  });

  it('a Service ClusterIP never answers ICMP (kube-proxy translates TCP/UDP only): 100% loss after the 10 s linger, exit 1', () => {
    const { run, s } = onNode('etcd-slowness', 'wk-1');
    const before = s.now;
    expect(run('ping -c1 10.96.0.10; echo $?')).toBe('PING 10.96.0.10 (10.96.0.10) 56(84) bytes of data.\n\n--- 10.96.0.10 ping statistics ---\n1 packets transmitted, 0 received, 100% packet loss, time 0ms\n\n1\n');
    expect(s.now - before).toBeGreaterThanOrEqual(10000);
    expect(run('ping -c1 -W2 10.96.0.10 >/dev/null; echo $?')).toBe('1\n');
  });

  it('a pod on another node answers one hop away; names the node cannot resolve exit 2', () => {
    const { run, s } = onNode('etcd-slowness', 'wk-1');
    const pod = Object.values(s.state.pods).find((p) => p.status.phase === 'Running' && !p.spec.hostNetwork && p.spec.nodeName !== 'wk-1' && p.status.podIP)!;
    expect(run(`ping -c1 -q ${pod.status.podIP}`)).toMatch(new RegExp(`^PING ${pod.status.podIP!.replace(/\./g, '\\.')} .*\\n\\n--- .* ping statistics ---\\n1 packets transmitted, 1 received, 0% packet loss, time 0ms\\nrtt min/avg/max/mdev = [\\d.]+/[\\d.]+/[\\d.]+/0\\.000 ms\\n$`));
    expect(run(`ping -c1 ${pod.status.podIP}`)).toContain(' ttl=63 time=');
    expect(run('ping kubernetes.default.svc.cluster.local; echo $?')).toBe('ping: kubernetes.default.svc.cluster.local: Name or service not known\n2\n');
  });

  it('without -c it pings every second until Ctrl-C, then prints the statistics', () => {
    const { s } = onNode('etcd-slowness', 'wk-1');
    const r = s.run('ping 10.0.1.12');
    expect(r.following).toBe(true);
    const out = r.output + s.tick(s.now + 2500).output + s.interrupt().output;
    expect(out.replace(/time=[\d.]+/g, 'time=T').replace(/= [\d./]+ ms/, '= R ms')).toBe('PING 10.0.1.12 (10.0.1.12) 56(84) bytes of data.\n'
      + [1, 2, 3].map((i) => `64 bytes from 10.0.1.12: icmp_seq=${i} ttl=64 time=T ms\n`).join('')
      + '^C\n\n--- 10.0.1.12 ping statistics ---\n3 packets transmitted, 3 received, 0% packet loss, time 2003ms\nrtt min/avg/max/mdev = R ms\n');
  });
});
