import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../scenario/parse.ts';
import { Session } from '../../session/session.ts';
import { tinyScenarioYaml } from '../../testing/tinyScenario.ts';

/** One node, one slow starter (`ledger`, healthy 50 s after start) with a liveness probe that gives up at ~40 s. */
function scenario(opts: { sigterm?: 'exit' | 'ignore'; refusal?: string } = {}): Session {
  const yaml = tinyScenarioYaml({
    cpuModels: '    c: { vendorId: GenuineIntel, modelName: CPU, family: 6, model: 106, stepping: 6, microcode: "0x1", mhz: 2900, cacheKb: 55296, bogomips: 5800, addressSizes: 46 bits physical, flags: "fpu sse" }',
    nodes: '    - { name: node-1, ip: 10.0.0.10, zone: eu-west-1a, instanceType: m5.2xlarge, cpu: c, age: 10d }',
    images: `    - { ref: "registry.test/ledger:2", digest: "sha256:${'b'.repeat(64)}", size: 10Mi, binary: /app/ledger, shell: false, cpu: 10m, memory: 20Mi,
        logs: [{ after: 0s, text: "ledger starting" }, { after: 1s, text: "replaying journal" }, { after: 50s, text: "listening on :8080" }] }`,
    workloads: `    - name: ledger
      namespace: default
      replicas: 1
      image: "registry.test/ledger:2"
      ports: [8080]
      liveness: { path: /healthz, port: 8080, initialDelaySeconds: 10, periodSeconds: 10 }`,
    faults: `  - kind: slow-start
    images: ["registry.test/ledger:*"]
    readyAfter: 50s
    ${opts.sigterm ? `sigterm: ${opts.sigterm}` : ''}
    ${opts.refusal ? `refusal: ${opts.refusal}` : ''}
    shutdownLogs: [{ text: "SIGTERM received, shutting down" }]`,
  });
  const r = parseScenario('scenarios/tiny.yaml', yaml);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return Session.start(r.scenario);
}

const pod = (s: Session) => s.run('kubectl get pods -o name').output.trim().replace('pod/', '');

describe('slow-start fault under liveness and startup probes', () => {
  it('liveness with a short initial delay kills it before it is ready: Unhealthy x3, Killing, exit 143, a restart', () => {
    const s = scenario();
    s.run('sleep 55'); // killed at 40 s (probes at 20, 30, 40 s: the pod was admitted 2 s before the start), restarted 10 s later
    const p = pod(s);
    expect(s.run(`kubectl get events --field-selector involvedObject.name=${p} -o custom-columns=TYPE:.type,REASON:.reason,COUNT:.count,MESSAGE:.message | grep -e Unhealthy -e Killing -e TYPE`).output).toBe(
      'TYPE      REASON      COUNT   MESSAGE\n'
      + 'Warning   Unhealthy   3       Liveness probe failed: Get "http://10.244.0.2:8080/healthz": dial tcp 10.244.0.2:8080: connect: connection refused\n'
      + 'Normal    Killing     1       Container ledger failed liveness probe, will be restarted\n');
    const desc = s.run(`kubectl describe pod ${p}`).output;
    expect(desc).toContain('    State:          Running\n      Started:      Thu, 01 Jan 2026 00:00:50 +0000\n    Last State:     Terminated\n      Reason:       Error\n      Exit Code:    143\n');
    expect(desc).toContain('    Restart Count:  1\n');
    expect(desc).toContain('    Liveness:       http-get http://:8080/healthz delay=10s timeout=1s period=10s #success=1 #failure=3\n');
    // The dead container's log ends with its own graceful shutdown, not a fatal line.
    expect(s.run(`kubectl logs ${p} --previous`).output).toBe('ledger starting\nreplaying journal\nSIGTERM received, shutting down\n');
  });

  it("kubelet's journal has the prober lines, the kill decision and the grace period", () => {
    const s = scenario();
    s.run('sleep 45');
    const p = pod(s);
    s.run('ssh node-1');
    const out = s.run('journalctl -u kubelet --no-pager | grep -e "Probe failed" -e "SyncLoop (probe)" -e "Message for Container" -e "Killing container" | cut -d] -f3-').output;
    const lines = out.split('\n').filter(Boolean).map((l) => l.trim());
    expect(lines).toHaveLength(6);
    expect(lines[0]).toMatch(new RegExp(`^"Probe failed" probeType="Liveness" pod="default/${p}" podUID="[0-9a-f-]+" containerName="ledger" probeResult="failure" output="Get \\\\"http://10.244.0.2:8080/healthz\\\\": dial tcp 10.244.0.2:8080: connect: connection refused"$`));
    expect(lines[3]).toBe(`"SyncLoop (probe)" probe="liveness" status="unhealthy" pod="default/${p}"`);
    expect(lines[4]).toMatch(/^"Message for Container of pod" containerName="ledger" containerStatusID="containerd:\/\/[0-9a-f]{64}" pod="default\/ledger-\w+-\w+" containerMessage="Container ledger failed liveness probe, will be restarted"$/);
    expect(lines[5]).toMatch(/^"Killing container with a grace period" pod="default\/ledger-\w+-\w+" podUID="[0-9a-f-]+" containerName="ledger" containerID="containerd:\/\/[0-9a-f]{64}" gracePeriod=30$/);
  });

  it('an app that ignores SIGTERM is SIGKILLed after the grace period: exit 137', () => {
    const s = scenario({ sigterm: 'ignore' });
    s.run('sleep 60');
    expect(s.run(`kubectl get pods -o jsonpath={.items[0].status.containerStatuses[0].state.running.startedAt}`).output).toBe('2026-01-01T00:00:02Z');
    s.run('sleep 15');
    const st = JSON.parse(s.run('kubectl get pods -o jsonpath={.items[0].status.containerStatuses[0].lastState.terminated}').output);
    expect([st.exitCode, st.reason, st.startedAt, st.finishedAt]).toEqual([137, 'Error', '2026-01-01T00:00:02Z', '2026-01-01T00:01:10Z']);
  });

  it('keeps crash-looping with growing back-off while nothing changes; a 503 reads as the status code', () => {
    const s = scenario({ refusal: 'http-503' });
    s.run('sleep 600');
    const out = s.run('kubectl get pods --no-headers').output;
    expect(out).toMatch(/^ledger-\w+-\w+\s+0\/1\s+CrashLoopBackOff\s+[5-9] \(\d+m?\d*s ago\)\s+10m\n$/);
    expect(s.run(`kubectl get events --field-selector reason=Unhealthy -o jsonpath={.items[0].message}`).output).toBe('Liveness probe failed: HTTP probe failed with statuscode: 503');
  });

  it('a startupProbe patched onto the Deployment rolls it, and the new pod comes up Ready and stays up', () => {
    const s = scenario();
    s.run('sleep 120');
    expect(s.run(`kubectl patch deployment ledger -p '{"spec":{"template":{"spec":{"containers":[{"name":"ledger","startupProbe":{"httpGet":{"path":"/healthz","port":8080},"failureThreshold":12}}]}}}}'`).output)
      .toBe('deployment.apps/ledger patched\n');
    s.run('sleep 90');
    expect(s.run('kubectl rollout status deployment/ledger').output).toBe('deployment "ledger" successfully rolled out\n');
    s.run('sleep 600');
    const line = s.run('kubectl get pods --no-headers').output;
    expect(line).toMatch(/^ledger-\w+-\w+\s+1\/1\s+Running\s+0\s+11m\n$/);
    const p = line.split(/\s+/)[0];
    const desc = s.run(`kubectl describe pod ${p}`).output;
    expect(desc).toContain('    Startup:        http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=12\n');
    expect(s.run(`kubectl get events --field-selector involvedObject.name=${p},reason=Unhealthy -o jsonpath={.items[*].message}`).output)
      .toBe('Startup probe failed: Get "http://10.244.0.3:8080/healthz": dial tcp 10.244.0.3:8080: connect: connection refused');
    expect(s.run(`kubectl get events --field-selector involvedObject.name=${p},reason=Unhealthy -o jsonpath={.items[*].count}`).output).toBe('5');
    expect(s.run(`kubectl get events --field-selector involvedObject.name=${p},reason=Killing`).output).toBe('No resources found in default namespace.\n');
  });

  it('raising initialDelaySeconds with a JSON patch also heals it', () => {
    const s = scenario();
    s.run('sleep 60');
    s.run(`kubectl patch deploy ledger --type json -p '[{"op":"replace","path":"/spec/template/spec/containers/0/livenessProbe/initialDelaySeconds","value":70}]'`);
    s.run('sleep 700');
    expect(s.run('kubectl get pods --no-headers').output).toMatch(/^ledger-\w+-\w+\s+1\/1\s+Running\s+0\s+11m\n$/);
  });
});
