import { describe, expect, it } from 'vitest';
import type { Session } from '../session/session.ts';
import { initSession as cluster } from '../testing/initialized.ts';

const pod = (s: Session) => s.run('kubectl get pods -o name').output.trim().replace('pod/', '');
const row = (s: Session) => s.run('kubectl get pods --no-headers').output.trim().split(/\s+/).slice(1, 4).join(' ');

describe('init containers and native sidecars', () => {
  it('run in order before the app: Init:0/2, Init:1/2, PodInitializing, then Running with the sidecar counted in READY', () => {
    const s = cluster();
    expect(row(s)).toBe('0/2 Init:0/2 0');
    s.run('sleep 2');
    expect(row(s)).toBe('1/2 Init:1/2 0');
    s.run('sleep 4');
    expect(row(s)).toBe('1/2 PodInitializing 0');
    expect(s.run(`kubectl get pod ${pod(s)} -o jsonpath='{.status.phase} {.status.conditions[?(@.type=="Initialized")].status}'`).output).toBe('Pending True');
    s.run('sleep 1');
    expect(row(s)).toBe('2/2 Running 0');
    expect(s.run(`kubectl logs ${pod(s)} -c migrate`).output).toBe('applied 3 migrations\n');
    expect(s.run(`kubectl logs ${pod(s)} -c proxy`).output).toBe('proxy ready\n');
    expect(s.run(`kubectl get pod ${pod(s)} -o jsonpath='{range .status.initContainerStatuses[*]}{.name} {.ready} {.started} {.state.running.startedAt} {.state.terminated.reason} {.state.terminated.startedAt} {.state.terminated.finishedAt}{"\\n"}{end}'`).output)
      .toBe('proxy true true 2026-01-01T00:00:02Z   \nmigrate true false  Completed 2026-01-01T00:00:03Z 2026-01-01T00:00:06Z\n');
    // Events name init containers by spec.initContainers{…}, in the order kubelet ran them.
    expect(s.run('kubectl get events --sort-by=.lastTimestamp -o custom-columns=AT:.lastTimestamp,REASON:.reason,OBJECT:.involvedObject.fieldPath --no-headers | grep Started').output).toBe([
      '2026-01-01T00:00:02Z   Started             spec.initContainers{proxy}',
      '2026-01-01T00:00:03Z   Started             spec.initContainers{migrate}',
      '2026-01-01T00:00:07Z   Started             spec.containers{web}',
      '',
    ].join('\n'));
  });
});

const job = (name: string, restartPolicy: string, init: string, image: string) =>
  `{ apiVersion: batch/v1, kind: Job, metadata: { name: ${name}, namespace: default }, spec: { backoffLimit: 0, template: { spec: { restartPolicy: ${restartPolicy}, initContainers: ${init}, containers: [{ name: main, image: "${image}" }] } } } }`;
const rowOf = (s: Session, prefix: string) => s.run(`kubectl get pods --no-headers | grep ^${prefix}`).output.trim().split(/\s+/).slice(1, 4).join(' ');

describe('init containers that fail, sidecars that exit, and the end of the pod', () => {
  it('a failing init container: Init:CrashLoopBackOff with the back-off, its logs under -c; the app never starts', () => {
    const s = cluster({ init: '[{ name: migrate, image: "registry.test/migrate:bad" }]' });
    s.run('sleep 5');
    expect(row(s)).toBe('0/1 Init:CrashLoopBackOff 0');
    expect(s.run(`kubectl logs ${pod(s)} -c migrate`).output).toBe('error: relation "orders" already exists\n');
    expect(s.run(`kubectl logs ${pod(s)}`).output).toBe(`Defaulted container "web" out of: web, migrate (init)\nError from server (BadRequest): container "web" in pod "${pod(s)}" is waiting to start: PodInitializing\n`);
    s.run('sleep 35');
    expect(row(s)).toBe('0/1 Init:CrashLoopBackOff 2');
    expect(s.run(`kubectl get pod ${pod(s)} -o jsonpath='{.status.conditions[?(@.type=="Initialized")].message}'`).output).toBe('containers with incomplete status: [migrate]');
    expect(s.run('kubectl get events --field-selector reason=BackOff -o custom-columns=MSG:.message,PATH:.involvedObject.fieldPath --no-headers').output)
      .toBe(`Back-off restarting failed container migrate in pod ${pod(s)}_default(${s.run(`kubectl get pod ${pod(s)} -o jsonpath={.metadata.uid}`).output})   spec.initContainers{migrate}\n`);
  });

  it('under restartPolicy Never a failed init container fails the pod: Init:Error, the Job fails', () => {
    const s = cluster({ manifests: [job('once', 'Never', '[{ name: migrate, image: "registry.test/migrate:bad" }]', 'registry.test/web:1')] });
    s.run('sleep 10');
    expect(rowOf(s, 'once-')).toBe('0/1 Init:Error 0');
    expect(s.run('kubectl get job once --no-headers').output).toMatch(/^once +Failed +0\/1 +10s +10s\n$/);
  });

  it('a lifecycle fault can target an init container by its image: bad-config makes the migration exit 1', () => {
    const s = cluster({ faults: '[{ kind: bad-config, images: ["registry.test/migrate:1"], checks: [{ env: DATABASE_URL, missing: true, after: 1s, logs: [{ after: 0s, text: "fatal: DATABASE_URL is not set" }] }] }]' });
    s.run('sleep 5');
    expect(row(s)).toBe('1/2 Init:CrashLoopBackOff 0');
    expect(s.run(`kubectl logs ${pod(s)} -c migrate`).output).toBe('fatal: DATABASE_URL is not set\n');
  });

  it('a sidecar that exits is restarted beside the app: the pod stays Running, RESTARTS counts it', () => {
    const s = cluster({ init: '[{ name: proxy, image: "registry.test/migrate:bad", restartPolicy: Always }]' });
    s.run('sleep 3');
    expect(row(s)).toBe('2/2 Running 0');
    // It exited at 4 s: the printer shows the sidecar's back-off even though the app runs on (printPod, 1.33).
    s.run('sleep 2');
    expect(row(s)).toBe('1/2 Init:CrashLoopBackOff 0');
    s.run('sleep 10');
    expect(s.run('kubectl get pods --no-headers').output).toMatch(/^web-\w+-\w+ +2\/2 +Running +1 \(11s ago\) +15s\n$/);
    expect(s.run(`kubectl get pod ${pod(s)} -o jsonpath='{.status.phase} {.status.initContainerStatuses[0].restartCount} {.status.containerStatuses[0].restartCount}'`).output).toBe('Running 1 0');
  });

  it('a Job whose sidecar keeps running completes when its main container does; the sidecar is stopped after it', () => {
    const s = cluster({ manifests: [job('report', 'Never', '[{ name: proxy, image: "registry.test/proxy:1", restartPolicy: Always }]', 'registry.test/migrate:1')] });
    s.run('sleep 10');
    expect(rowOf(s, 'report-')).toBe('0/2 Completed 0');
    const p = s.run('kubectl get pods -o name | grep report-').output.trim().replace('pod/', '');
    expect(s.run(`kubectl get pod ${p} -o jsonpath='{.status.phase} {.status.initContainerStatuses[0].state.terminated.reason} {.status.containerStatuses[0].state.terminated.finishedAt} {.status.initContainerStatuses[0].state.terminated.finishedAt}'`).output)
      .toBe('Succeeded Completed 2026-01-01T00:00:06Z 2026-01-01T00:00:06Z');
    expect(s.run('kubectl get job report --no-headers').output).toMatch(/^report +Complete +1\/1 /);
  });

  it('deleting the pod stops the app first and the sidecar after it', () => {
    const s = cluster();
    s.run('sleep 10');
    const p = pod(s);
    const ids = s.run(`kubectl get pod ${p} -o jsonpath='{.status.containerStatuses[0].containerID} {.status.initContainerStatuses[0].containerID}'`).output.replaceAll('containerd://', '').split(' ');
    s.run(`kubectl delete pod ${p} --wait=false`);
    s.run('sleep 5');
    s.run('ssh node-1');
    const stops = s.run('journalctl -u containerd --no-pager | grep -e "Stop container" -e TaskExit | grep -v sandbox').output;
    const named = stops.split('\n').filter(Boolean).map((l) => `${l.slice(7, 15)} ${l.includes('TaskExit') ? 'exit' : 'stop'} ${l.includes(ids[0]) ? 'web' : l.includes(ids[1]) ? 'proxy' : '?'}`);
    // SIGTERM to the app at once; the sidecar's only once the app exited (2 s later), then its own 2 s.
    expect(named.filter((l) => l.includes('stop'))).toEqual(['00:00:10 stop web', '00:00:12 stop proxy']);
    expect(named.filter((l) => l.includes('exit'))).toEqual(['00:00:12 exit web', '00:00:14 exit proxy']);
  });

  it('the scheduler counts a sidecar\'s requests with the app\'s, and an init container\'s alone at its peak', () => {
    const s = cluster({ init: '[{ name: proxy, image: "registry.test/proxy:1", restartPolicy: Always, requests: { cpu: "4" } }, { name: migrate, image: "registry.test/migrate:1", requests: { cpu: "3900m" } }]' });
    // 4 + 3.9 = 7.9 cores while migrating fits 7910m; a second replica does not.
    expect(row(s)).toBe('0/2 Init:0/2 0');
    s.run('kubectl scale deployment web --replicas=2');
    s.run('sleep 1');
    expect(s.run('kubectl get events --field-selector reason=FailedScheduling -o custom-columns=MSG:.message --no-headers').output)
      .toBe('0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.\n');
  });
});
