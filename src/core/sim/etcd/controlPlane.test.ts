import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../scenario/parse.ts';
import { Session } from '../../session/session.ts';
import { apiRequest, commitLatencyMs } from './latency.ts';

/** The etcd-slowness scenario driven like a learner would: the control plane's behaviour end to end. */
const parsed = parseScenario('scenarios/etcd-slowness.yaml', readFileSync(join(import.meta.dirname, '../../../../scenarios/etcd-slowness.yaml'), 'utf8'));
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const scenario = parsed.scenario;
const E = '--endpoints=https://10.0.1.11:2379,https://10.0.1.12:2379,https://10.0.1.13:2379 --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/server.crt --key=/etc/kubernetes/pki/etcd/server.key';
const CP1 = '7d4f3fb1d5c112d6';

/** Runs a line and waits for a slow one as a patient learner would. */
function type(s: Session, line: string): string {
  const r = s.run(line, s.now + 1000);
  return s.pendingMs !== undefined ? s.tick(s.now).output : r.output;
}
const nodeEvents = (s: Session, reason: string) => Object.values(s.state.events).filter((e) => e.reason === reason).reduce((n, e) => n + e.count, 0);

describe('a slow etcd leader, as the learner meets it', () => {
  it('the API server traces each slow Lease update: an "Update" line, then its "Txn call completed" line with the same trace id and the time less 2 ms', () => {
    const s = Session.start(scenario);
    type(s, 'sleep 2m');
    const traces = type(s, 'kubectl logs -n kube-system kube-apiserver-cp-1 | grep trace.go').split('\n').filter(Boolean);
    expect(traces.length).toBeGreaterThan(4);
    const [update, txn] = traces;
    const u = /^I(\d{4} \d\d:\d\d:\d\d)\.(\d{3})\d{3} {7}1 trace\.go:236\] Trace\[(\d+)\]: "Update" accept:application\/vnd\.kubernetes\.protobuf, \*\/\*,audit-id:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12},client:10\.0\.\d+\.\d+,api-group:coordination\.k8s\.io,api-version:v1,name:([\w-]+),subresource:,namespace:kube-node-lease,protocol:HTTP\/2\.0,resource:leases,scope:resource,url:\/apis\/coordination\.k8s\.io\/v1\/namespaces\/kube-node-lease\/leases\/\4,user-agent:kubelet\/v1\.\d+\.\d+ \(linux\/amd64\) kubernetes\/48c4e3b,verb:PUT \(total time: (\d+)ms\):$/.exec(update);
    expect(u, update).not.toBeNull();
    const [, , , id, , total] = u!;
    expect(txn).toMatch(new RegExp(`^I\\d{4} \\d\\d:\\d\\d:\\d\\d\\.\\d{6} {7}1 trace\\.go:236\\] Trace\\[${id}\\]: ---"Txn call completed" ${Number(total) - 2}ms \\(\\d\\d:\\d\\d:\\d\\d\\)$`));
  });

  it('kubectl takes about 12 s: `time` reports it, the terminal holds the output until the next tick', () => {
    const s = Session.start(scenario);
    const r = s.run('time kubectl get pods -n shop', s.now + 1000);
    expect(r).toEqual({ output: '', following: true, clear: undefined });
    expect(s.pendingMs).toBeGreaterThan(11_000);
    const out = s.tick(s.now).output;
    expect(out).toMatch(/^NAME +READY +STATUS +RESTARTS +AGE\n/);
    expect(out).toMatch(/\nreal\t0m1[12]\.\d{3}s\nuser\t0m0\.\d{3}s\nsys\t0m0\.\d{3}s\n$/);
    expect(s.following).toBe(false);
  });

  it('Ctrl-C abandons a slow command: ^C, exit 130, its output never shown', () => {
    const s = Session.start(scenario);
    s.run('kubectl get nodes', s.now + 1000);
    expect(s.interrupt(s.now).output).toBe('^C\n');
    expect(type(s, 'echo $?')).toBe('130\n');
    expect(s.transcript[0].output).toBe('^C\n');
  });

  it('nodes flap NotReady while cp-2 leads, and stop once leadership moves to cp-1', () => {
    const s = Session.start(scenario);
    expect(nodeEvents(s, 'NodeNotReady')).toBeGreaterThan(10);
    expect(type(s, 'kubectl logs -n kube-system kube-apiserver-cp-1')).toContain('etcdserver: request timed out');
    type(s, 'ssh cp-1');
    expect(type(s, `etcdctl ${E} move-leader ${CP1}`)).toBe(`Leadership transferred from 8b550d2de4e38d0a to ${CP1}\n`);
    type(s, 'exit');
    expect(apiRequest(s.state, 'read').ms).toBeLessThan(500);
    const before = nodeEvents(s, 'NodeNotReady');
    s.tick(s.now + 5 * 60_000);
    expect(nodeEvents(s, 'NodeNotReady')).toBe(before);
    expect(type(s, 'time kubectl get nodes')).toMatch(/real\t0m0\.\d{3}s/);
  });

  it('adding a member makes commits wait for the slow disk again, even with a healthy leader', () => {
    const s = Session.start(scenario);
    type(s, 'ssh cp-1');
    type(s, `etcdctl ${E} move-leader ${CP1}`);
    expect(commitLatencyMs(s.state)).toBeLessThan(10);
    expect(type(s, `etcdctl ${E} member add cp-4 --peer-urls=https://10.0.1.14:2380`)).toMatch(/^Member [0-9a-f]{16} added to cluster [0-9a-f]{16}\n\nETCD_NAME="cp-4"\n/);
    expect(commitLatencyMs(s.state)).toBeGreaterThanOrEqual(250);
    expect(type(s, `etcdctl ${E} member list`)).toMatch(/, unstarted, , https:\/\/10\.0\.1\.14:2380, , false\n/);
  });

  it("restarting the leader's etcd: an election, a brief outage, and the slow disk is still there", () => {
    const s = Session.start(scenario);
    type(s, 'ssh cp-2');
    expect(type(s, 'crictl stop $(crictl ps -q --name etcd)')).toMatch(/^[0-9a-f]{64}\n$/);
    expect(s.state.etcd!.leader).toBeUndefined();
    s.tick(s.now + 3000);
    const leader = s.state.etcd!.members.find((m) => m.id === s.state.etcd!.leader);
    expect(leader?.name).not.toBe('cp-2');
    expect(s.state.etcd!.raftTerm).toBe(10);
    expect(s.state.hosts['cp-2'].blockDevices!.find((d) => d.name === 'nvme1n1')!.fsyncP99Ms).toBe(250);
  });

  it('defragmenting the leader stalls the API; one follower at a time does not', () => {
    const s = Session.start(scenario);
    type(s, 'ssh cp-1');
    type(s, `etcdctl ${E} move-leader ${CP1}`);
    const C = E.replace(/--endpoints=\S+ /, '');
    expect(type(s, `etcdctl --endpoints=https://10.0.1.13:2379 ${C} defrag`)).toBe('Finished defragmenting etcd member[https://10.0.1.13:2379]\n');
    expect(apiRequest(s.state, 'read').error).toBeUndefined();
    s.run(`etcdctl --endpoints=https://10.0.1.11:2379 ${C} --command-timeout=1s defrag`, s.now + 1000);
    s.tick(s.now);
    expect(apiRequest(s.state, 'read').error).toBe('etcdserver: request timed out');
  });

  it('the curveball fills the quota: writes fail, deletes pass, reads work', () => {
    const s = Session.start(scenario);
    for (let i = 0; i < 3; i++) s.submitAnswer('etcd', s.now + 1000);
    expect(s.state.etcd!.alarms).toEqual([{ memberId: '8b550d2de4e38d0a', alarm: 'NOSPACE' }]);
    expect(type(s, 'kubectl scale deployment report-fanout -n reporting --replicas=0')).toBe('Error from server: etcdserver: mvcc: database space exceeded\n');
    expect(type(s, 'kubectl set resources deployment report-fanout -n reporting --limits=memory=64Mi')).toBe('Error from server: etcdserver: mvcc: database space exceeded\n');
    expect(type(s, 'kubectl get events -n reporting')).toContain('TenantReportRetry');
    s.tick(s.now + 60_000);
    expect(type(s, 'kubectl get nodes')).toMatch(/wk-1 +NotReady/);
  });
});
