/**
 * One source for what the tools show, checked through a session on etcd-slowness: a pod on the host
 * network shows its node's IP, ssh's "Last login" is the session's own previous login (or an
 * operator's, after the node existed), and `ps aux | grep x` lists the grep itself, as on a real node.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/parse.ts';
import { Session } from './session.ts';

const root = join(import.meta.dirname, '..', '..', '..');
function start(): Session {
  const r = parseScenario('scenarios/etcd-slowness.yaml', readFileSync(join(root, 'scenarios', 'etcd-slowness.yaml'), 'utf8'));
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return Session.start(r.scenario);
}

/** Runs a line and lets a command that takes virtual time finish; returns everything it printed. */
function run(s: Session, line: string): string {
  let out = s.run(line).output;
  for (let i = 0; i < 20 && s.following; i++) out = s.tick(s.now + 1000).output;
  return out;
}

/** NAME → the IP column of a `-o wide` table. */
function ips(table: string, ipColumn: string): Map<string, string> {
  const [head, ...rows] = table.trimEnd().split('\n');
  const at = head.split(/\s{2,}/).indexOf(ipColumn);
  return new Map(rows.map((r) => r.split(/\s+/)).map((c) => [c[0], c[at]]));
}

describe('what the tools show agrees', () => {
  it('gives static control-plane pods and kube-proxy their node\'s IP, and other pods a pod-network IP', () => {
    const s = start();
    const nodes = ips(run(s, 'kubectl get nodes -o wide'), 'INTERNAL-IP');
    const pods = run(s, 'kubectl get pods -n kube-system -o wide').trimEnd().split('\n').slice(1).map((r) => r.split(/\s+/));
    const hostNetwork = pods.filter(([name]) => /^(etcd|kube-apiserver|kube-controller-manager|kube-scheduler|kube-proxy)-/.test(name));
    expect(hostNetwork).toHaveLength(20);
    for (const [name, , , , , ip, node] of hostNetwork) expect(`${name} ${ip}`).toBe(`${name} ${nodes.get(node)}`);
    for (const [name, , , , , ip] of pods.filter(([name]) => name.startsWith('coredns-'))) expect(`${name} ${ip}`).toMatch(/ 10\.244\.\d+\.\d+$/);
  });

  it('prints the previous login of this session as "Last login", and an earlier one after the node existed before that', () => {
    const s = start();
    const first = run(s, 'ssh wk-1').match(/^Last login: (.*) from (.*)$/m)!;
    expect(first[2]).toBe('10.42.0.5');
    const firstAt = Date.parse(`${first[1].replace(/^\w+ /, '')} UTC`);
    expect(firstAt).toBeLessThan(s.now);
    expect(firstAt).toBeGreaterThan(s.now - 212 * 86_400_000);
    expect(run(s, 'exit')).toBe('logout\nConnection to wk-1 closed.\n');
    expect(run(s, 'ssh wk-1')).toContain('\nLast login: Tue Apr 21 09:40:00 2026 from 10.42.0.5\n');
  });

  it('lists the grep of a `ps aux | grep` pipeline, as real ps does', () => {
    const s = start();
    run(s, 'ssh wk-1');
    expect(run(s, 'ps aux | grep kubelet')).toBe(
      'root        2026  0.0  0.5 1457814 85938 ?        Ssl  Sep21   0:00 /usr/bin/kubelet --config /var/lib/kubelet/config.yaml --kubeconfig /var/lib/kubelet/kubeconfig --node-ip=10.0.2.21\n' +
      'root        5250  0.0  0.0   6476  2304 pts/0    S+   09:40   0:00 grep kubelet\n',
    );
    expect(run(s, 'ps aux | grep -v grep | grep kubelet').split('\n').filter(Boolean)).toHaveLength(1);
  });
});

describe("etcd's logs agree with its state", () => {
  /** The zap JSON lines of `kubectl logs` for an etcd static pod. */
  const zap = (s: Session, pod: string) => run(s, `kubectl logs -n kube-system ${pod}`).trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, string | number>);

  it("keeps the WAL fsync histogram's tail above every slow fdatasync the leader logged", () => {
    const s = start();
    const slow = zap(s, 'etcd-cp-2').filter((l) => l.msg === 'slow fdatasync').map((l) => Number(String(l.took).replace(/s$/, '')));
    expect(slow.length).toBeGreaterThan(5);
    expect(Math.max(...slow)).toBeGreaterThan(1.024);
    run(s, 'ssh cp-2');
    const wal = run(s, 'curl -s 127.0.0.1:2381/metrics | grep wal_fsync_duration_seconds_').trimEnd().split('\n');
    const bucket = new Map(wal.filter((l) => l.includes('_bucket')).map((l) => [/le="([^"]+)"/.exec(l)![1], Number(l.split(' ')[1])]));
    const count = Number(wal.find((l) => l.startsWith('etcd_disk_wal_fsync_duration_seconds_count '))!.split(' ')[1]);
    expect(bucket.get('+Inf')).toBe(count);
    // Above each bound, the histogram holds at least the fsyncs etcd logged as slower than it.
    const tail = [...bucket].filter(([le]) => le !== '+Inf').map(([le, n]) => ({ le, above: count - n, logged: slow.filter((t) => t > Number(le)).length }));
    for (const b of tail) expect(b.above, `fsyncs above ${b.le} s`).toBeGreaterThanOrEqual(b.logged);
    expect(tail.find((b) => b.le === '1.024')!.above).toBeGreaterThan(0);
  });

  it("logs the API server's compaction every 5 minutes on every member, quiet hours included, to revisions etcd agrees were compacted", () => {
    const s = start();
    const logs = ['etcd-cp-1', 'etcd-cp-2', 'etcd-cp-3'].map((pod) => zap(s, pod));
    const compactions = logs.map((l) => l.filter((x) => x.msg === 'finished scheduled compaction'));
    // 20 hours of history: one run every 5 minutes, the first only writing the key it compacts to next.
    for (const c of compactions) expect(c.length).toBeGreaterThanOrEqual(238);
    const follower = logs[0].map((l) => Date.parse(String(l.ts)));
    const gaps = follower.slice(4).map((t, i) => t - follower[i + 3]);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(5 * 60_000 + 100);
    // One cluster: the same revisions and hashes on every member, each run past the previous one.
    const key = (c: Record<string, string | number>[]) => c.map((x) => `${x['compact-revision']}/${x.hash}`);
    expect(key(compactions[0])).toEqual(key(compactions[1]));
    expect(key(compactions[0])).toEqual(key(compactions[2]));
    const revs = compactions[0].map((x) => Number(x['compact-revision']));
    expect(revs.every((r, i) => i === 0 || r - revs[i - 1] >= 8 * 30)).toBe(true);
    const last = revs[revs.length - 1];
    const eps = '--endpoints=https://10.0.1.11:2379 --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/server.crt --key=/etc/kubernetes/pki/etcd/server.key';
    run(s, 'ssh cp-1');
    expect(run(s, `sudo etcdctl ${eps} compact ${last}`)).toMatch(/\nError: etcdserver: mvcc: required revision has been compacted\n$/);
    expect(run(s, `sudo etcdctl ${eps} compact ${last + 1}`)).toBe(`compacted revision ${last + 1}\n`);
  });
});
