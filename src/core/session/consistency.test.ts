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
