import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../../../scenario/parse.ts';
import { Session } from '../../../../session/session.ts';
import type { Pod, PodDisruptionBudget } from '../../../../model/k8s.ts';
import { evictionAllowed, PDB_VIOLATION } from '../../../../sim/drain.ts';
import { runKubectl } from '../../testing.ts';
import { retryFollow } from './evict.ts';

const FAULTY = 'ip-10-42-3-208';
function start(): Session {
  const parsed = parseScenario('scenarios/sigill-node.yaml', readFileSync('scenarios/sigill-node.yaml', 'utf8'));
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return Session.start(parsed.scenario);
}
const podsOn = (s: Session, node: string) => Object.values(s.state.pods).filter((p) => p.spec.nodeName === node);

describe('kubectl drain (sigill-node scenario)', () => {
  it('refuses DaemonSet pods without --ignore-daemonsets, in kubectl 1.33 words', () => {
    const s = start();
    const proxy = podsOn(s, FAULTY).find((p) => p.metadata.name.startsWith('kube-proxy-'))!.metadata.name;
    const r = runKubectl(s.state, `kubectl drain ${FAULTY}`);
    expect(r.stdout).toBe(`node/${FAULTY} cordoned\n`);
    expect(r.stderr).toBe(
      `error: unable to drain node "${FAULTY}" due to error: cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): kube-system/${proxy}, continuing command...\n` +
      `There are pending nodes to be drained:\n ${FAULTY}\n` +
      `cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): kube-system/${proxy}\n`);
    expect(r.exitCode).toBe(1);
    expect(r.state.nodes[FAULTY].spec.unschedulable).toBe(true);
  });

  it('evicts, waits for each pod, and the ReplicaSet reschedules them healthily elsewhere', () => {
    const s = start();
    const ledger = podsOn(s, FAULTY).filter((p) => p.metadata.name.startsWith('ledger-api-')).map((p) => p.metadata.name).sort();
    const proxy = podsOn(s, FAULTY).find((p) => p.metadata.name.startsWith('kube-proxy-'))!.metadata.name;
    expect(ledger.length).toBeGreaterThan(0);
    const { output } = s.run(`kubectl drain ${FAULTY} --ignore-daemonsets`, s.now + 1000);
    // The warning (stderr) comes right after the cordon line, as kubectl writes it.
    expect(output).toBe(
      `node/${FAULTY} cordoned\n` +
      `Warning: ignoring DaemonSet-managed Pods: kube-system/${proxy}\n` +
      ledger.map((n) => `evicting pod production/${n}\n`).join('') +
      ledger.map((n) => `pod/${n} evicted\n`).join('') +
      `node/${FAULTY} drained\n`);
    s.tick(s.now + 60_000);
    const wide = s.run('kubectl get pods -n production -o wide', s.now + 1000).output.split('\n').filter((l) => l.startsWith('ledger-api-'));
    expect(wide).toHaveLength(8);
    for (const line of wide) {
      expect(line).not.toContain(FAULTY);
      expect(line).toMatch(/^ledger-api-\S+\s+1\/1\s+Running\s+0\s/);
    }
    expect(podsOn(s, FAULTY).map((p) => p.metadata.name)).toEqual([proxy]);
  });

  it('answers unknown nodes, missing args and garbage flags without throwing', () => {
    const s = start();
    expect(runKubectl(s.state, 'kubectl drain nope')).toMatchObject({ stdout: '', stderr: 'Error from server (NotFound): nodes "nope" not found\n', exitCode: 1 });
    expect(runKubectl(s.state, 'kubectl drain')).toMatchObject({ stderr: "error: USAGE: drain NODE [flags]\nSee 'kubectl drain -h' for help and examples\n", exitCode: 1 });
    expect(runKubectl(s.state, `kubectl drain ${FAULTY} --bogus`)).toMatchObject({ stderr: "error: unknown flag: --bogus\nSee 'kubectl drain --help' for usage.\n", exitCode: 1 });
    expect(runKubectl(s.state, `kubectl drain ${FAULTY} --timeout=soon`).stderr).toContain('invalid duration "soon"');
    const cases: [string, string][] = [
      ['drain __proto__', 'Error from server (NotFound): nodes "__proto__" not found\n'],
      ['drain -l', "error: flag needs an argument: 'l' in -l\nSee 'kubectl drain --help' for usage.\n"],
      ['drain --grace-period=x n', 'error: invalid argument "x" for "--grace-period" flag: strconv.ParseInt: parsing "x": invalid syntax\nSee \'kubectl drain --help\' for usage.\n'],
      [`drain ${FAULTY} --pod-selector=!!`, 'error: --pod-selector=<pod_selector> must be a valid label selector\n'],
      ['drain -l (((', "error: found '(', expected: !, identifier, or 'end of string'\n"],
    ];
    for (const [line, stderr] of cases) expect(runKubectl(s.state, `kubectl ${line}`), line).toMatchObject({ stdout: '', stderr, exitCode: 1 });
    // A node selector that matches nothing: kubectl visits no node and prints nothing; nothing is cordoned.
    const none = runKubectl(s.state, 'kubectl drain -l a=b --ignore-daemonsets');
    expect(none).toMatchObject({ stdout: '', stderr: '', exitCode: 0 });
    expect(Object.values(none.state.nodes).some((n) => n.spec.unschedulable)).toBe(false);
    expect(runKubectl(s.state, 'kubectl drain --help').stdout).toContain('kubectl drain NODE [options]');
  });
});

describe('evictions against a PodDisruptionBudget (sim/drain.ts)', () => {
  const s = start();
  const pod = Object.values(s.state.pods).find((p) => p.metadata.name.startsWith('ledger-api-'))! as Pod;
  const pdb = (allowed: number): PodDisruptionBudget => ({
    apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'ledger-pdb', namespace: 'production', uid: 'u', generation: 1, creationTimestamp: '2026-01-01T00:00:00Z' },
    spec: { selector: { matchLabels: { app: 'ledger-api' } }, minAvailable: 8 },
    status: { observedGeneration: 1, disruptionsAllowed: allowed, currentHealthy: 8 + allowed, desiredHealthy: 8, expectedPods: 8 + allowed },
  });

  it('refuses with 429 when the budget allows no disruption, allows otherwise', () => {
    expect(pod.metadata.labels?.app).toBe('ledger-api');
    expect(evictionAllowed(s.state, pod, [pdb(0)])).toEqual({ ok: false, status: 429, message: PDB_VIOLATION, cause: 'The disruption budget ledger-pdb needs 8 healthy pods and has 8 currently' });
    expect(evictionAllowed(s.state, pod, [pdb(1)])).toEqual({ ok: true, pdb: 'ledger-pdb', decrement: true });
    expect(evictionAllowed(s.state, pod)).toEqual({ ok: true, decrement: false });
  });

  it('retries every 5 s and gives up at the global timeout as kubectl prints it', () => {
    const t0 = s.now;
    const f = retryFollow({ node: FAULTY, blocked: [pod], going: [], start: t0, timeoutMs: 12_000, force: false, useEviction: true, plan: { ignoreDaemonSets: true, deleteEmptyDirData: false, force: false }, later: [] });
    // Without budgets in the state, a retry would succeed; run it with no dispatch so it stays blocked.
    const blockedState = { ...s.state, pdbs: { 'production/ledger-pdb': pdb(0) } } as typeof s.state;
    const n = pod.metadata.name;
    expect(f.poll(blockedState, t0, t0 + 5000)).toEqual({ stdout: `evicting pod production/${n}\n`, stderr: `error when evicting pods/"${n}" -n "production" (will retry after 5s): ${PDB_VIOLATION}\n` });
    expect(f.poll(blockedState, t0 + 5000, t0 + 10_000).stdout).toBe(`evicting pod production/${n}\n`);
    const end = f.poll(blockedState, t0 + 10_000, t0 + 15_000);
    const err = `error when evicting pods/"${n}" -n "production": global timeout reached: 12s`;
    expect(end.stdout).toBe(`evicting pod production/${n}\n`);
    expect(end.stderr.startsWith(`There are pending pods in node "${FAULTY}" when an error occurred: ${err}\n`)).toBe(true);
    expect(end.stderr.endsWith(`error: unable to drain node "${FAULTY}" due to error: ${err}, continuing command...\nThere are pending nodes to be drained:\n ${FAULTY}\n${err}\n`)).toBe(true);
    expect(end.done).toEqual({ exitCode: 1 });
  });
});
