import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/parse.ts';
import { Session } from '../session/session.ts';
import { growthCurveMi } from './faults/memoryGrowth.ts';

const root = join(import.meta.dirname, '..', '..', '..');
function start(): Session {
  const r = parseScenario('scenarios/oomkilled.yaml', readFileSync(join(root, 'scenarios', 'oomkilled.yaml'), 'utf8'));
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return Session.start(r.scenario);
}
const run = (s: Session, line: string) => s.run(line, s.now + 1000).output;
/** Memory column of `kubectl top pods` in Mi, by pod name. */
const topMi = (out: string) => Object.fromEntries(out.trim().split('\n').slice(1).map((l) => l.trim().split(/\s+/)).map((c) => [c[0], Number(c[2].replace('Mi', ''))]));

describe('the memory model', () => {
  it('grows linearly and levels off at the plateau; a leak has no plateau', () => {
    const plateau = { kind: 'memory-growth' as const, images: ['x'], baseline: '150Mi', growthPerMinute: '15Mi', plateau: '330Mi' };
    expect(growthCurveMi(plateau, 0)).toBe(150);
    expect(growthCurveMi(plateau, 4 * 60_000)).toBe(210);
    expect(growthCurveMi(plateau, 60 * 60_000)).toBe(330);
    expect(growthCurveMi({ ...plateau, plateau: undefined }, 60 * 60_000)).toBe(1050);
  });

  it('kills at the limit: OOMKilled, exit 137, the kernel memcg lines, and a pod-slice memory.events that counts them', () => {
    const s = start();
    const pod = run(s, "kubectl get pods -n pricing -o jsonpath='{.items[0].metadata.name}'");
    const describe = run(s, `kubectl describe pod -n pricing ${pod}`);
    expect(describe).toMatch(/Last State:\s+Terminated\n\s+Reason:\s+OOMKilled\n\s+Exit Code:\s+137\n/);
    expect(describe).toContain('QoS Class:                   Burstable\n');
    const node = run(s, `kubectl get pod -n pricing ${pod} -o jsonpath='{.spec.nodeName}'`);
    run(s, `ssh ${node}`);
    const kernel = run(s, 'dmesg').split('\n').filter((l) => /oom|Killed process|memory: usage/.test(l)).map((l) => l.replace(/^\[[^\]]*\] /, ''));
    expect(kernel.at(-6)).toMatch(/^memory: usage 262144kB, limit 262144kB, failcnt \d+$/);
    expect(kernel.at(-4)).toMatch(/^oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=\(null\),cpuset=cri-containerd-[0-9a-f]{64}\.scope,mems_allowed=0,oom_memcg=\/kubepods\.slice\/kubepods-burstable\.slice\/kubepods-burstable-pod[0-9a-f_]{36}\.slice,task_memcg=\/kubepods\.slice\/kubepods-burstable\.slice\/kubepods-burstable-pod[0-9a-f_]{36}\.slice\/cri-containerd-[0-9a-f]{64}\.scope,task=java,pid=\d+,uid=1000$/);
    expect(kernel.at(-2)).toMatch(/^Tasks in \/kubepods\.slice\/.*\.scope are going to be killed due to memory\.oom\.group set$/);
    expect(kernel.at(-3)).toMatch(/^Memory cgroup out of memory: Killed process \d+ \(java\) total-vm:4015104kB, anon-rss:2[56]\d{4}kB, file-rss:\d+kB, shmem-rss:0kB, UID:1000 pgtables:\d+kB oom_score_adj:996$/);
    const slice = run(s, `crictl inspect $(crictl ps -a --name quote-engine -q | head -1) | grep cgroupsPath | cut -d'"' -f4 | cut -d: -f1`).trim();
    const dir = `/sys/fs/cgroup/kubepods.slice/kubepods-burstable.slice/${slice}`;
    expect(run(s, `cat ${dir}/memory.max`)).toBe('268435456\n');
    expect(run(s, `cat ${dir}/memory.events`)).toMatch(/^low 0\nhigh 0\nmax \d+\noom (\d+)\noom_kill \1\noom_group_kill \1\n$/);
    expect(run(s, 'journalctl -u containerd --no-pager | grep -c TaskOOM')).toMatch(/^[1-9]\d*\n$/);
  });

  it('top follows the curve: quote-engine climbs between restarts, cart-sessions keeps climbing', () => {
    const s = start();
    const a = topMi(run(s, 'kubectl top pods -n pricing'));
    s.run('sleep 60', s.now + 1000);
    const b = topMi(run(s, 'kubectl top pods -n pricing'));
    for (const name of Object.keys(a)) expect(b[name] - a[name]).toBeGreaterThanOrEqual(12);
    const c = topMi(run(s, 'kubectl top pods -n storefront'));
    s.run('sleep 10m', s.now + 1000);
    const d = topMi(run(s, 'kubectl top pods -n storefront'));
    for (const name of Object.keys(c)) if (Object.hasOwn(d, name) && d[name] > c[name]) expect(d[name] - c[name]).toBeGreaterThanOrEqual(25);
  });

  it('a bigger limit cures the plateau but only delays the leak', () => {
    const s = start();
    expect(run(s, 'kubectl set resources deployment quote-engine -n pricing --limits=memory=512Mi --requests=memory=384Mi')).toBe('deployment.apps/quote-engine resource requirements updated\n');
    expect(run(s, 'kubectl set resources deployment cart-sessions -n storefront --limits=memory=1Gi')).toBe('deployment.apps/cart-sessions resource requirements updated\n');
    s.run('sleep 30m', s.now + 1000);
    const pricing = run(s, 'kubectl get pods -n pricing').trim().split('\n').slice(1);
    expect(pricing).toHaveLength(4);
    for (const l of pricing) expect(l).toMatch(/^quote-engine-\w+-\w{5}\s+1\/1\s+Running\s+0\s+3\dm$/);
    const flat = topMi(run(s, 'kubectl top pods -n pricing'));
    for (const mi of Object.values(flat)) expect(mi).toBeGreaterThan(320);
    // (1024 - 190) / 3 ≈ 278 minutes: the leak still dies, just hours later.
    s.run('sleep 5h', s.now + 1000);
    expect(run(s, 'kubectl get pods -n storefront')).toMatch(/cart-sessions-\w+-\w{5}\s+\d\/1\s+\w+\s+1 \(/);
  });
});

describe('a host process filling a node', () => {
  it('leaves a global OOM kill chosen by oom_score, MemoryPressure events and an evicted pod with kubelet\'s message', () => {
    const s = start();
    const events = run(s, 'kubectl describe node ip-10-30-3-77').split('Events:\n')[1];
    expect(events).toMatch(/Warning\s+SystemOOM\s+27m\s+kubelet\s+System OOM encountered, victim process: pdf-renderer, pid: \d+\n/);
    expect(events).toMatch(/Warning\s+EvictionThresholdMet\s+27m\s+kubelet\s+Attempting to reclaim memory\n/);
    expect(events).toMatch(/Normal\s+NodeHasSufficientMemory\s+21m\s+kubelet\s+Node ip-10-30-3-77 status is now: NodeHasSufficientMemory\n/);
    const evicted = run(s, 'kubectl get pods -n docs').split('\n').find((l) => / Error /.test(l))!.split(/\s+/)[0];
    expect(run(s, `kubectl describe pod -n docs ${evicted}`)).toMatch(/\nStatus:\s+Failed\nReason:\s+Evicted\nMessage:\s+The node was low on resource: memory\. Threshold quantity: 100Mi, available: \d+Ki\. Container pdf-renderer was using \d+Ki, request is 32Mi, has larger consumption of memory\. \n/);
    run(s, 'ssh ip-10-30-3-77');
    const kernel = run(s, 'dmesg').split('\n').map((l) => l.replace(/^\[[^\]]*\] /, ''));
    expect(kernel.find((l) => l.startsWith('log-relay invoked oom-killer:'))).toBe('log-relay invoked oom-killer: gfp_mask=0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP), order=0, oom_score_adj=-900');
    expect(kernel.find((l) => l.startsWith('oom-kill:'))).toMatch(/^oom-kill:constraint=CONSTRAINT_NONE,nodemask=\(null\),cpuset=cri-containerd-[0-9a-f]{64}\.scope,mems_allowed=0,global_oom,task_memcg=\/kubepods\.slice\/kubepods-burstable\.slice\/kubepods-burstable-pod[0-9a-f_]{36}\.slice\/cri-containerd-[0-9a-f]{64}\.scope,task=pdf-renderer,pid=\d+,uid=1000$/);
    expect(kernel.find((l) => l.startsWith('Out of memory:'))).toMatch(/^Out of memory: Killed process \d+ \(pdf-renderer\) total-vm:\d+kB, anon-rss:\d+kB, file-rss:\d+kB, shmem-rss:0kB, UID:1000 pgtables:\d+kB oom_score_adj:996$/);
    const evictionLog = run(s, 'journalctl -u kubelet --no-pager | grep Eviction').trim().split('\n').map((l) => l.replace(/^.*\] /, ''));
    expect(evictionLog).toEqual([
      '"Eviction manager: attempting to reclaim" resourceName="memory"',
      '"Eviction manager: must evict pod(s) to reclaim" resourceName="memory"',
      `"Eviction manager: pods ranked for eviction" pods=["docs/${evicted}"]`,
      `"Eviction manager: pod is evicted successfully" pod="docs/${evicted}"`,
      `"Eviction manager: pods evicted, waiting for pod to be cleaned up" pods=["docs/${evicted}"]`,
    ]);
  });
});
