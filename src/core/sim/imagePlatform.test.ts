import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/parse.ts';
import { Session } from '../session/session.ts';
import { tinyScenarioYaml } from '../testing/tinyScenario.ts';

const CPU = '    c: { vendorId: GenuineIntel, modelName: CPU, family: 6, model: 106, stepping: 6, microcode: "0x1", mhz: 2900, cacheKb: 55296, bogomips: 5800, addressSizes: 46 bits physical, flags: "fpu sse" }';
const REF = 'registry.internal:5000/payments/api:4.13.0';

/**
 * Two nodes, one of them a Graviton (arm64) machine, and the payments image built for amd64 only:
 * the Deployment's pod is pinned to the arm64 node by `nodeSelector`.
 */
function cluster(): Session {
  const yaml = tinyScenarioYaml({
    cpuModels: CPU,
    nodes: [
      '    - { name: node-x86, ip: 10.0.0.10, zone: eu-west-1a, instanceType: m6i.2xlarge, cpu: c, age: 10d }',
      '    - { name: node-arm, ip: 10.0.0.11, zone: eu-west-1a, instanceType: m7g.2xlarge, cpu: c, age: 2d, arch: arm64 }',
    ].join('\n'),
    images: `    - { ref: "${REF}", digest: "sha256:${'c'.repeat(64)}", size: 10Mi, binary: /app/api, shell: false, cpu: 10m, memory: 20Mi, platforms: [linux/amd64] }`,
    workloads: `    - { name: api, namespace: default, replicas: 1, image: "${REF}", nodeSelector: { kubernetes.io/arch: arm64 } }`,
    faults: '  []',
  });
  const r = parseScenario('scenarios/tiny.yaml', yaml);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return Session.start(r.scenario);
}

describe('image platforms against the node architecture', () => {
  it('an amd64-only image on an arm64 node: no match for platform in manifest, visible in events, the node list and crictl', () => {
    const s = cluster();
    s.run('sleep 3');
    const pod = s.run('kubectl get pods -o name').output.trim().replace('pod/', '');
    expect(s.run('kubectl get pods --no-headers').output).toMatch(new RegExp(`^${pod}\\s+0/1\\s+ErrImagePull\\s+0\\s+3s\\n$`));
    const err = `rpc error: code = NotFound desc = failed to pull and unpack image "${REF}": no match for platform in manifest: not found`;
    expect(s.run(`kubectl get pod ${pod} -o jsonpath={.status.containerStatuses[0].state.waiting.message}`).output).toBe(err);
    expect(s.run(`kubectl describe pod ${pod} | grep -A8 '^Events:'`).output).toBe([
      'Events:',
      '  Type     Reason     Age   From               Message',
      '  ----     ------     ----  ----               -------',
      `  Normal   Scheduled  3s    default-scheduler  Successfully assigned default/${pod} to node-arm`,
      `  Normal   Pulling    1s    kubelet            Pulling image "${REF}"`,
      '  Warning  Failed     1s    kubelet            Error: ErrImagePull',
      `  Warning  Failed     1s    kubelet            Failed to pull image "${REF}": ${err}`,
    ].join('\n') + '\n');
    // The architecture is only in what the tools show: the node's label and nodeInfo.
    expect(s.run('kubectl get nodes -L kubernetes.io/arch').output).toBe([
      'NAME       STATUS   ROLES    AGE   VERSION   ARCH',
      'node-arm   Ready    <none>   2d    v1.31.4   arm64',
      'node-x86   Ready    <none>   10d   v1.31.4   amd64',
    ].join('\n') + '\n');
    expect(s.run('kubectl get node node-arm -o jsonpath={.status.nodeInfo.architecture}').output).toBe('arm64');
    expect(s.run('kubectl describe node node-arm | grep Architecture').output).toBe('  Architecture:               arm64\n');

    // On the arm64 node, the same pull fails in crictl and containerd's journal; the machine says aarch64.
    s.run('ssh node-arm');
    expect(s.run('uname -m').output).toBe('aarch64\n');
    const pulled = s.run(`crictl pull ${REF}`).output;
    expect(pulled.split('\n').at(-2)).toBe(`FATA[0001] pulling image: ${err}`);
    expect(s.run(`journalctl -u containerd --no-pager | grep 'PullImage' | tail -1 | cut -d' ' -f7-`).output)
      .toBe(`level=error msg="PullImage \\"${REF}\\" failed" error="failed to pull and unpack image \\"${REF}\\": no match for platform in manifest: not found"\n`);
    s.run('exit');

    // On the amd64 node the same image pulls.
    s.run('ssh node-x86');
    expect(s.run('uname -m').output).toBe('x86_64\n');
    expect(s.run(`crictl pull ${REF}`).output).toBe(`Image is up to date for sha256:${'c'.repeat(64)}\n`);
    s.run('exit');
  });

  it('the fix: pinning the Deployment to amd64 nodes starts the pod there', () => {
    const s = cluster();
    s.run('sleep 3');
    s.run(`kubectl patch deployment api -p '{"spec":{"template":{"spec":{"nodeSelector":{"kubernetes.io/arch":"amd64"}}}}}'`);
    s.run('sleep 30');
    expect(s.run('kubectl get pods -o wide --no-headers').output).toMatch(/^api-\w+-\w+\s+1\/1\s+Running\s+0\s+\d+s\s+\S+\s+node-x86\s/);
  });
});
