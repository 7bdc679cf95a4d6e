import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/parse.ts';
import { Session } from '../session/session.ts';
import { tinyScenarioYaml } from '../testing/tinyScenario.ts';

const CPU = '    c: { vendorId: GenuineIntel, modelName: CPU, family: 6, model: 106, stepping: 6, microcode: "0x1", mhz: 2900, cacheKb: 55296, bogomips: 5800, addressSizes: 46 bits physical, flags: "fpu sse" }';
const MESSAGE = 'unmount failed: exit status 16';

/**
 * One node; `archiver` (one replica) and `web` in default; archiver's `archive` volume sits on an
 * NFS export that stopped answering, so its teardown fails (the `volume-unmount` fault).
 */
function cluster(): Session {
  const yaml = tinyScenarioYaml({
    cpuModels: CPU,
    nodes: '    - { name: node-1, ip: 10.0.0.10, zone: eu-west-1a, instanceType: m5.2xlarge, cpu: c, age: 10d }',
    images: ['archiver', 'web'].map((n, i) => `    - { ref: "registry.test/${n}:1", digest: "sha256:${'ab'[i].repeat(64)}", size: 10Mi, binary: /app/${n}, shell: false, cpu: 10m, memory: 20Mi, logs: [{ after: 0s, text: "up" }] }`).join('\n'),
    workloads: `    - { name: archiver, namespace: default, replicas: 1, image: "registry.test/archiver:1" }
    - { name: web, namespace: default, replicas: 1, image: "registry.test/web:1" }`,
    faults: `  - { kind: volume-unmount, namespace: default, matchLabels: { app: archiver }, volume: archive, uniqueName: "kubernetes.io/nfs/{uid}-archive", message: "${MESSAGE}" }`,
  });
  const r = parseScenario('scenarios/tiny.yaml', yaml);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return Session.start(r.scenario);
}

const podOf = (s: Session, app: string) => s.run(`kubectl get pods -l app=${app} -o name`).output.trim().split('\n')[0].replace('pod/', '');

describe('volume-unmount fault: a pod that cannot release its volume', () => {
  it('the deleted pod stays (its phase Failed, so get shows Error) after its container stopped; only kubelet\'s journal says why, every 2m2s', () => {
    const s = cluster();
    s.run('sleep 10');
    const pod = podOf(s, 'archiver');
    const uid = s.run(`kubectl get pod ${pod} -o jsonpath={.metadata.uid}`).output;
    expect(s.run(`kubectl delete pod ${pod} --wait=false`).output).toBe(`pod "${pod}" deleted\n`);
    s.run('sleep 5m');
    // The replacement runs; the old pod object is still there, its container gone (kubectl shows a terminal pod's reason, not Terminating).
    const rows = s.run('kubectl get pods --no-headers -l app=archiver').output.trim().split('\n');
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.startsWith(pod))).toMatch(/^\S+\s+0\/1\s+Error\s+0\s+5m\d+s$/);
    expect(rows.find((r) => !r.startsWith(pod))).toMatch(/\s1\/1\s+Running\s/);
    // kubelet never sends its final delete (grace 0) while a volume is mounted: the grace period stays as deleted.
    expect(s.run(`kubectl get pod ${pod} -o jsonpath='{.metadata.deletionTimestamp} {.metadata.deletionGracePeriodSeconds}'`).output).toBe('2026-01-01T00:00:40Z 30');
    // describe's events end with the kill: kubelet records no event for a failed teardown.
    expect(s.run(`kubectl describe pod ${pod} | grep -A10 '^Events:' | tail -1`).output).toMatch(/Normal\s+Killing\s+\S+\s+kubelet\s+Stopping container archiver\n$/);

    s.run('ssh node-1');
    const journal = s.run(`journalctl -u kubelet --no-pager | grep -e 'UnmountVolume' | cut -d' ' -f6-`).output.trim().split('\n');
    // A started/failed pair at the first try and after each 2m2s back-off: 3 attempts in 5 minutes.
    expect(journal).toHaveLength(6);
    const unique = `kubernetes.io/nfs/${uid}-archive`;
    expect(journal[0]).toMatch(new RegExp(`^I0101 00:00:\\d\\d\\.\\d{6} +\\d+ reconciler_common\\.go:159\\] "operationExecutor\\.UnmountVolume started for volume \\\\"archive\\\\" \\(UniqueName: \\\\"${unique.replaceAll('.', '\\.')}\\\\"\\) pod \\\\"${uid}\\\\" \\(UID: \\\\"${uid}\\\\"\\) "$`));
    expect(journal[1]).toMatch(/^E0101 00:00:\d\d\.\d{6} +\d+ nestedpendingoperations\.go:348\] Operation for "\{volumeName:/);
    expect(journal[1].endsWith(`(durationBeforeRetry 2m2s). Error: UnmountVolume.TearDown failed for volume "archive" (UniqueName: "${unique}") pod "${uid}" (UID: "${uid}") : ${MESSAGE}`)).toBe(true);
    // The retries are 2m2s apart.
    const at = (line: string) => Number(line.slice(9, 11)) * 60 + Number(line.slice(12, 14));
    expect(at(journal[2]) - at(journal[0])).toBe(122);
    expect(at(journal[4]) - at(journal[2])).toBe(122);
    s.run('exit');
    // Other pods on the node delete normally.
    const web = podOf(s, 'web');
    s.run(`kubectl delete pod ${web} --wait=false`);
    s.run('sleep 40');
    expect(s.run(`kubectl get pod ${web}`).output).toBe(`Error from server (NotFound): pods "${web}" not found\n`);
  });

  it('force deletion removes the object while the volume stays mounted on the node', () => {
    const s = cluster();
    s.run('sleep 10');
    const pod = podOf(s, 'archiver');
    s.run(`kubectl delete pod ${pod} --wait=false`);
    s.run('sleep 2m');
    expect(s.run(`kubectl delete pod ${pod} --grace-period=0 --force`).output).toBe(`Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\npod "${pod}" force deleted\n`);
    s.run('sleep 5');
    expect(s.run(`kubectl get pod ${pod}`).output).toBe(`Error from server (NotFound): pods "${pod}" not found\n`);
  });
});
