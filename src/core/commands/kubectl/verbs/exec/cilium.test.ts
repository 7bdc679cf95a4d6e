import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../../../scenario/parse.ts';
import { Session } from '../../../../session/session.ts';

/**
 * The Cilium agent's drop monitor, in the networkpolicy gauntlet's cluster: order-service's pods
 * call postgres every 10 s and checkout's egress baseline drops the calls. The agent reports a drop
 * only on the node where the policy is enforced (the client's, for egress).
 */
function start(): Session {
  const parsed = parseScenario('scenarios/networkpolicy.yaml', readFileSync('scenarios/networkpolicy.yaml', 'utf8'));
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return Session.start(parsed.scenario);
}
const BANNER = 'Listening for events on 4 CPUs with 64x4096 of shared memory\nPress Ctrl-C to quit\nlevel=info msg="Initializing dissection cache..." subsys=monitor\n';
/** A drop line, its flow hash and source port (hashed per call) left open. */
const DROP = /^xx drop \(Policy denied\) flow 0x[0-9a-f]+ to endpoint 0, ifindex \d+, file bpf_lxc\.c:1290, , identity (\d+)->(\d+): 10\.244\.0\.4:(\d+) -> 10\.244\.1\.6:5432 tcp SYN$/;

describe('cilium monitor --type drop in the agent pod', () => {
  it('the agent on order-service\'s node reports each SYN to postgres dropped by policy, three per call, until the policy allows it', () => {
    const s = start();
    const pod = s.run('kubectl get pods -n checkout -o wide').output;
    expect(pod).toMatch(/order-service-6755555f96-5c5fs\s+1\/1\s+Running\s+0\s+64d\s+10\.244\.0\.4\s+ip-10-40-1-18/);
    expect(s.run('kubectl exec -n kube-system cilium-56tf9 -- cilium monitor --type drop')).toEqual({ output: BANNER, following: true });
    const lines = s.tick(s.now + 20_000).output.split('\n').filter(Boolean);
    // A call every 5 s, each a SYN and its two retransmits (1 s and 3 s later): 12 in any 20 s,
    // at most three per call (its source port).
    expect(lines).toHaveLength(12);
    for (const l of lines) expect(l).toMatch(DROP);
    const perPort = new Map<string, number>();
    for (const l of lines) perPort.set(DROP.exec(l)![3], (perPort.get(DROP.exec(l)![3]) ?? 0) + 1);
    expect(Math.max(...perPort.values())).toBe(3);
    expect(perPort.size).toBeGreaterThanOrEqual(4);
    expect(s.interrupt(s.now).output).toBe('^C\n');
    // The agent of a node without an order-service pod sees none of it; nor once postgres is allowed.
    s.run('kubectl exec -n kube-system cilium-5p8zj -- cilium monitor --type drop');
    expect(s.tick(s.now + 20_000).output).not.toContain('10.244.0.4');
    s.interrupt(s.now);
    s.run('kubectl patch netpol baseline-egress -n checkout --type=json -p \'[{"op":"add","path":"/spec/egress/-","value":{"to":[{"namespaceSelector":{"matchLabels":{"kubernetes.io/metadata.name":"data"}},"podSelector":{"matchLabels":{"app":"postgres"}}}],"ports":[{"port":5432}]}}]\'');
    s.run('kubectl exec -n kube-system cilium-56tf9 -- cilium monitor --type drop');
    expect(s.tick(s.now + 20_000).output).toBe('');
  });

  it('has the 1.14 name only: cilium-dbg is not in this image; unknown types and commands get cobra\'s errors', () => {
    const s = start();
    expect(s.run('kubectl exec -n kube-system cilium-56tf9 -- cilium-dbg monitor').output).toContain('exec: "cilium-dbg": executable file not found in $PATH: unknown\n');
    expect(s.run('kubectl exec -n kube-system cilium-56tf9 -- cilium monitor --type drops').output).toBe(
      'Error: Unknown type (drops). Please use one of the following ones [agent capture debug drop l7 policy-verdict recorder trace trace-sock]\ncommand terminated with exit code 1\n');
    expect(s.run('kubectl exec -n kube-system cilium-56tf9 -- cilium frobnicate').output).toBe(
      'Error: unknown command "frobnicate" for "cilium"\nRun \'cilium --help\' for usage.\ncommand terminated with exit code 1\n');
  });
});
