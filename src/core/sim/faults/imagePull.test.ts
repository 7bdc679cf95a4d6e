import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../scenario/parse.ts';
import { Session } from '../../session/session.ts';
import { tinyScenarioYaml } from '../../testing/tinyScenario.ts';

const CPU = '    c: { vendorId: GenuineIntel, modelName: CPU, family: 6, model: 106, stepping: 6, microcode: "0x1", mhz: 2900, cacheKb: 55296, bogomips: 5800, addressSizes: 46 bits physical, flags: "fpu sse" }';
const NODE = '    - { name: node-1, ip: 10.0.0.10, zone: eu-west-1a, instanceType: m5.2xlarge, cpu: c, age: 10d }';
const image = (ref: string) => `    - { ref: "${ref}", digest: "sha256:${'c'.repeat(64)}", size: 10Mi, binary: /app/api, shell: false, cpu: 10m, memory: 20Mi, logs: [{ after: 0s, text: "api listening" }] }`;

/** One node, one Deployment `api` running `ref`, and one image-pull rule. */
function cluster(ref: string, fault: string, extraImages = ''): Session {
  const yaml = tinyScenarioYaml({
    cpuModels: CPU, nodes: NODE, images: image(ref) + extraImages,
    workloads: `    - { name: api, namespace: default, replicas: 1, image: "${ref}" }`,
    faults: `  - ${fault}`,
  });
  const r = parseScenario('scenarios/tiny.yaml', yaml);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return Session.start(r.scenario);
}
const podName = (s: Session) => s.run('kubectl get pods -o name').output.trim().replace('pod/', '');
const status = (s: Session) => s.run('kubectl get pods --no-headers').output.split(/\s+/).slice(1, 3).join(' ');
const waiting = (s: Session) => s.run(`kubectl describe pod ${podName(s)} | grep -A2 '    State:'`).output;
const eventMessages = (s: Session) => s.run(`kubectl get events --field-selector involvedObject.name=${podName(s)} --sort-by=.lastTimestamp -o custom-columns=TYPE:.type,REASON:.reason,COUNT:.count,MESSAGE:.message --no-headers`).output;

describe('image-pull fault: the pull stage', () => {
  it('a tag that does not exist: ErrImagePull with the runtime error, then ImagePullBackOff while kubelet backs off', () => {
    const ref = 'registry.internal:5000/payments/api:4.13.0';
    const full = `registry.internal:5000/payments/api:4.13.0`;
    const s = cluster(ref, `{ kind: image-pull, images: ["${ref}"], cause: not-found }`);
    s.run('sleep 3');
    const err = `rpc error: code = NotFound desc = failed to pull and unpack image "${full}": failed to resolve reference "${full}": ${full}: not found`;
    expect(status(s)).toBe('0/1 ErrImagePull');
    expect(waiting(s)).toBe(`    State:          Waiting\n      Reason:       ErrImagePull\n    Ready:          False\n`);
    expect(s.run(`kubectl get pod ${podName(s)} -o jsonpath={.status.containerStatuses[0].state.waiting.message}`).output).toBe(err);
    s.run('sleep 20');
    expect(status(s)).toBe('0/1 ImagePullBackOff');
    expect(s.run(`kubectl get pod ${podName(s)} -o jsonpath={.status.containerStatuses[0].state.waiting.message}`).output).toBe(`Back-off pulling image "${ref}"`);
    expect(s.run(`kubectl logs ${podName(s)}`).output).toBe(`Error from server (BadRequest): container "api" in pod "${podName(s)}" is waiting to start: trying and failing to pull image\n`);
    s.run('sleep 600');
    // Pulls at 2 s, 12 s, 32 s, 72 s, 152 s, 312 s and 612 s: the back-off doubles from 10 s and stops at 5 min.
    expect(s.run(`kubectl describe pod ${podName(s)} | grep -A20 '^Events:'`).output).toBe([
      'Events:',
      '  Type     Reason     Age                From               Message',
      '  ----     ------     ----               ----               -------',
      `  Normal   Scheduled  10m                default-scheduler  Successfully assigned default/${podName(s)} to node-1`,
      `  Normal   Pulling    11s (x7 over 10m)  kubelet            Pulling image "${ref}"`,
      '  Warning  Failed     11s (x7 over 10m)  kubelet            Error: ErrImagePull',
      `  Warning  Failed     11s (x7 over 10m)  kubelet            Failed to pull image "${ref}": ${err}`,
      '  Warning  Failed     1s (x56 over 10m)  kubelet            Error: ImagePullBackOff',
      `  Normal   BackOff    1s (x56 over 10m)  kubelet            Back-off pulling image "${ref}"`,
    ].join('\n') + '\n');
    expect(s.run('kubectl get pods --no-headers').output).toMatch(/^api-\w+-\w+\s+0\/1\s+ImagePullBackOff\s+0\s+10m\n$/);
    s.run('ssh node-1');
    const journal = s.run('journalctl -u containerd --no-pager | grep -e PullImage -e "next host" | head -3 | cut -d" " -f7-').output;
    expect(journal).toBe([
      `level=info msg="PullImage \\"${ref}\\""`,
      `level=info msg="trying next host - response was http.StatusNotFound" host=registry.internal:5000`,
      `level=error msg="PullImage \\"${ref}\\" failed" error="failed to pull and unpack image \\"${full}\\": failed to resolve reference \\"${full}\\": ${full}: not found"`,
    ].join('\n') + '\n');
  });

  it('a registry that wants credentials: no basic auth credentials, then 401 with the wrong pull Secret, Running with the right one', () => {
    const ref = 'registry.internal:5000/payments/api:4.12.3';
    const full = ref;
    const s = cluster(ref, `{ kind: image-pull, images: ["registry.internal:5000/*"], cause: auth, acceptSecrets: [regcred] }`);
    s.run('sleep 5');
    const message = () => s.run(`kubectl get pods -o jsonpath={.items[*].status.containerStatuses[0].state.waiting.message}`).output;
    expect(message()).toBe(`rpc error: code = Unknown desc = failed to pull and unpack image "${full}": failed to resolve reference "${full}": pull access denied, repository does not exist or may require authorization: authorization failed: no basic auth credentials`);
    s.run('kubectl create secret generic old-token --from-literal=.dockerconfigjson={}');
    s.run(`kubectl patch deployment api -p '{"spec":{"template":{"spec":{"imagePullSecrets":[{"name":"old-token"}]}}}}'`);
    s.run('sleep 5');
    const newest = () => s.run('kubectl get pods --sort-by=.metadata.creationTimestamp --no-headers | tail -1').output;
    expect(newest()).toMatch(/^api-\w+-\w+\s+0\/1\s+ErrImagePull\s+0\s+5s\n$/);
    const pod = newest().split(/\s+/)[0];
    expect(s.run(`kubectl get pod ${pod} -o jsonpath={.status.containerStatuses[0].state.waiting.message}`).output)
      .toBe(`rpc error: code = Unknown desc = failed to pull and unpack image "${full}": failed to resolve reference "${full}": unexpected status from HEAD request to https://registry.internal:5000/v2/payments/api/manifests/4.12.3: 401 Unauthorized`);
    s.run('kubectl create secret generic regcred --from-literal=.dockerconfigjson={}');
    s.run(`kubectl patch deployment api -p '{"spec":{"template":{"spec":{"imagePullSecrets":[{"name":"regcred"}]}}}}'`);
    s.run('sleep 60');
    expect(s.run('kubectl get pods --no-headers').output).toMatch(/^api-\w+-\w+\s+1\/1\s+Running\s+0\s+\d+s\n$/);
  });

  it('a rate-limited registry and an image without a manifest for the node\'s platform', () => {
    const rate = cluster('nginx:1.27', '{ kind: image-pull, images: ["nginx:*"], cause: rate-limit }');
    rate.run('sleep 5');
    expect(rate.run("kubectl get events --field-selector reason=Failed -o custom-columns=MESSAGE:.message --no-headers | grep 'to pull'").output)
      .toBe('Failed to pull image "nginx:1.27": rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/nginx:1.27": failed to resolve reference "docker.io/library/nginx:1.27": unexpected status from HEAD request to https://registry-1.docker.io/v2/library/nginx/manifests/1.27: 429 Too Many Requests\n');
    const arm = cluster('ghcr.io/acme/agent:2.0', '{ kind: image-pull, images: ["ghcr.io/acme/agent:2.0"], cause: platform }');
    arm.run('sleep 5');
    expect(arm.run('kubectl get pods -o jsonpath={.items[0].status.containerStatuses[0].state.waiting.message}').output)
      .toBe('rpc error: code = NotFound desc = failed to pull and unpack image "ghcr.io/acme/agent:2.0": no match for platform in manifest: not found');
  });

  it('a pull no fault breaks succeeds; a workload image the scenario does not list is refused at load', () => {
    const s = cluster('registry.internal:5000/payments/api:4.12.3', '{ kind: image-pull, images: ["registry.internal:5000/other:*"], cause: not-found }');
    s.run('sleep 10');
    expect(s.run('kubectl get events --field-selector reason=Pulled -o jsonpath={.items[0].message}').output)
      .toMatch(/^Successfully pulled image "registry.internal:5000\/payments\/api:4.12.3" in \d\.\d{3}s \(\d\.\d{3}s including waiting\)\. Image size: 10485760 bytes\.$/);
    const yaml = tinyScenarioYaml({ cpuModels: CPU, nodes: NODE, images: image('registry.test/app:1'), workloads: '    - { name: api, namespace: default, replicas: 1, image: "registry.test/app:2" }', faults: '  []' }).replace('faults:\n  []', 'faults: []');
    const r = parseScenario('scenarios/tiny.yaml', yaml);
    expect(r.ok ? [] : r.errors.map((e) => e.replace(/:\d+:\d+:/, ':L:C:'))).toEqual(['scenarios/tiny.yaml:L:C: cluster.workloads[api].image: image "registry.test/app:2" is not listed under cluster.images — add an entry for it (digest, size, binary, logs); did you mean "registry.test/app:1"? (valid: registry.test/app:1)']);
  });
});
