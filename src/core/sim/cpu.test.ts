import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/parse.ts';
import { Session } from '../session/session.ts';
import { cpuMaxText, cpuWeight, throttledShare } from './cpu.ts';

function start(): Session {
  const parsed = parseScenario('scenarios/cpu-throttling.yaml', readFileSync('scenarios/cpu-throttling.yaml', 'utf8'));
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return Session.start(parsed.scenario);
}

/** Runs a line 1 s after the last and follows it to its end (rollout status, sleep). */
function run(s: Session, line: string): string {
  let out = s.run(line, s.now + 1000).output;
  for (let i = 0; i < 500 && s.following; i++) out += s.tick(s.now + 2000).output;
  return out;
}

const CGROUP = "/sys/fs/cgroup$(cut -d: -f3 /proc/$(crictl inspect $(crictl ps --name log-agent -q) | grep -m1 '\"pid\"' | tr -dc 0-9)/cgroup)";
const stat = (text: string) => Object.fromEntries(text.trim().split('\n').map((l) => l.split(' ')).map(([k, v]) => [k, Number(v)]));

describe('the CPU model (cpu-throttling scenario)', () => {
  it('converts limits and requests as kubelet and runc do', () => {
    expect(cpuMaxText(200)).toBe('20000 100000');
    expect(cpuMaxText(1500)).toBe('150000 100000');
    expect(cpuMaxText(undefined)).toBe('max 100000');
    // 100m → shares 102 → weight 4; 1 CPU → 1024 → 39; no request → shares 2 → weight 1.
    expect([cpuWeight(100), cpuWeight(1000), cpuWeight(0)]).toEqual([4, 39, 1]);
    expect(throttledShare(300, undefined)).toBe(0);
    expect(throttledShare(80, 200)).toBeLessThan(0.01);
    expect(throttledShare(315, 200)).toBeGreaterThan(0.65);
  });

  it('shows the agent pinned at its limit in kubectl top while the nodes idle', () => {
    const s = start();
    const top = run(s, 'kubectl top pods -n logging');
    expect(top.split('\n')[0]).toBe('NAME              CPU(cores)   MEMORY(bytes)   ');
    const cpus = [...top.matchAll(/^log-agent-\w{5}\s+(\d+)m\s+\d+Mi\s+$/gm)].map((m) => Number(m[1]));
    expect(cpus).toHaveLength(3);
    for (const c of cpus) expect(c).toBeGreaterThanOrEqual(195), expect(c).toBeLessThanOrEqual(199);
    for (const m of run(s, 'kubectl top nodes').matchAll(/^ip-\S+\s+\d+m\s+(\d+)%/gm)) expect(Number(m[1])).toBeLessThan(30);
  });

  it("writes cpu.max, cpu.weight and a growing cpu.stat in the container's cgroup v2 directory", () => {
    const s = start();
    run(s, 'ssh ip-10-52-1-17');
    expect(run(s, `cat ${CGROUP}/cpu.max`)).toBe('20000 100000\n');
    expect(run(s, `cat ${CGROUP}/cpu.weight`)).toBe('4\n');
    const first = run(s, `cat ${CGROUP}/cpu.stat`);
    expect(first).toMatch(/^usage_usec \d+\nuser_usec \d+\nsystem_usec \d+\nnr_periods \d+\nnr_throttled \d+\nthrottled_usec \d+\nnr_bursts 0\nburst_usec 0\n$/);
    run(s, 'sleep 10');
    const a = stat(first);
    const b = stat(run(s, `cat ${CGROUP}/cpu.stat`));
    expect(a.nr_throttled / a.nr_periods).toBeGreaterThan(0.65);
    expect(a.user_usec + a.system_usec).toBe(a.usage_usec);
    // About 100 periods in 11 s of a busy container, ~70 % of them throttled; ~198m of CPU time.
    expect(b.nr_periods - a.nr_periods).toBeGreaterThanOrEqual(105);
    expect(b.nr_throttled - a.nr_throttled).toBeGreaterThanOrEqual(70);
    expect(b.usage_usec - a.usage_usec).toBeGreaterThan(2_000_000);
    // cgroup v1's path from older runbooks does not exist on a cgroup v2 node.
    expect(run(s, 'cat /sys/fs/cgroup/cpu/kubepods/cpu.stat')).toBe('cat: /sys/fs/cgroup/cpu/kubepods/cpu.stat: No such file or directory\n');
  });

  it('rolling the agent back stops the throttling and brings order-api’s latency back', () => {
    const s = start();
    const p99 = () => [...run(s, 'kubectl logs -n orders $(kubectl get pods -n orders -o name | head -1) --tail=1').matchAll(/"p99_ms":(\d+),"log_write_wait_p99_ms":(\d+),"log_lines":144000/g)].map((m) => [Number(m[1]), Number(m[2])])[0];
    const [before, waitBefore] = p99();
    expect(before).toBeGreaterThan(320);
    expect(waitBefore).toBeGreaterThan(200);
    expect(run(s, 'kubectl rollout undo daemonset/log-agent -n logging')).toBe('daemonset.apps/log-agent rolled back\n');
    run(s, 'kubectl rollout status daemonset/log-agent -n logging');
    run(s, 'sleep 120');
    const [after] = p99();
    expect(after).toBeLessThan(130);
    run(s, 'ssh ip-10-52-1-17');
    const a = stat(run(s, `cat ${CGROUP}/cpu.stat`));
    run(s, 'sleep 30');
    const b = stat(run(s, `cat ${CGROUP}/cpu.stat`));
    expect(b.nr_periods - a.nr_periods).toBeGreaterThanOrEqual(200);
    expect(b.nr_throttled - a.nr_throttled).toBeLessThanOrEqual(2);
  });
});
