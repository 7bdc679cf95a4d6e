import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../scenario/parse.ts';
import { Session } from '../../session/session.ts';
import { tinyScenarioYaml } from '../../testing/tinyScenario.ts';

const CPU = '    c: { vendorId: GenuineIntel, modelName: CPU, family: 6, model: 106, stepping: 6, microcode: "0x1", mhz: 2900, cacheKb: 55296, bogomips: 5800, addressSizes: 46 bits physical, flags: "fpu sse" }';
const NODE = '    - { name: node-1, ip: 10.0.0.10, zone: eu-west-1a, instanceType: m5.2xlarge, cpu: c, age: 10d }';
const DIGEST = `sha256:${'c'.repeat(64)}`;
const image = (ref: string) => `    - { ref: "${ref}", digest: "${DIGEST}", size: 10Mi, binary: /app/api, shell: false, cpu: 10m, memory: 20Mi, logs: [{ after: 0s, text: "api listening" }] }`;
const REF = 'harbor.test/team/api:2.0';
const ROBOT = 'robot$team+puller';
const OLD = `{"auths":{"harbor.test":{"username":"${ROBOT}","password":"old-token","auth":"${btoa(`${ROBOT}:old-token`)}"}}}`;

/** One node; Deployment `api` (ServiceAccount `api`, whose pull Secret holds a token the registry no longer accepts); a private registry. */
function privateRegistry(): Session {
  const yaml = tinyScenarioYaml({
    cpuModels: CPU, nodes: NODE, images: image(REF),
    workloads: `    - { name: api, namespace: default, replicas: 1, image: "${REF}", serviceAccountName: api }`,
    faults: `  - { kind: registry, images: ["harbor.test/team/*"], accounts: [{ username: "${ROBOT}", password: new-token }] }`,
  }).replace('  namespaces: [default]\n', `  namespaces: [default]\n  secrets:\n    - { name: old-pull, namespace: default, age: 90d, type: kubernetes.io/dockerconfigjson, data: { .dockerconfigjson: '${OLD}' } }\n  serviceAccounts:\n    - { name: api, namespace: default, age: 90d, imagePullSecrets: [old-pull] }\n`);
  const r = parseScenario('scenarios/tiny.yaml', yaml);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return Session.start(r.scenario);
}
const pods = (s: Session) => s.run('kubectl get pods --no-headers').output;
const waitingMessage = (s: Session) => s.run('kubectl get pods -o jsonpath={.items[*].status.containerStatuses[0].state.waiting.message}').output;
const resolve = `failed to pull and unpack image "${REF}": failed to resolve reference "${REF}"`;

describe('registry: pulls that depend on credentials and quotas', () => {
  it('a rejected token is 401 from the token service; the pod carries its ServiceAccount\'s pull Secret from creation', () => {
    const s = privateRegistry();
    s.run('sleep 5');
    expect(pods(s)).toMatch(/^api-\w+-\w+\s+0\/1\s+ErrImagePull\s+0\s+5s\n$/);
    expect(waitingMessage(s)).toBe(`rpc error: code = Unknown desc = ${resolve}: failed to authorize: failed to fetch oauth token: unexpected status from GET request to https://harbor.test/service/token?scope=repository%3Ateam%2Fapi%3Apull&service=harbor-registry: 401 Unauthorized`);
    expect(s.run('kubectl get pods -o jsonpath={.items[0].spec.imagePullSecrets}').output).toBe('[{"name":"old-pull"}]');
    expect(s.run("kubectl get secret old-pull -o jsonpath='{.data.\\.dockerconfigjson}' | base64 -d").output).toBe(OLD);
  });

  it('crictl pull on the node: anonymous is refused, the person\'s own credentials pull and leave the image cached there', () => {
    const s = privateRegistry();
    s.run('ssh node-1');
    const anon = s.run(`crictl pull ${REF}`);
    expect(s.run('echo $?').output).toBe('1\n');
    expect(anon.output.split('\n')[1]).toBe(`FATA[0001] pulling image: rpc error: code = Unknown desc = ${resolve}: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`);
    expect(anon.output).toMatch(/^E\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ remote_image\.go:180\] "PullImage from image service failed" err="rpc error: code = Unknown desc = /);
    expect(s.run(`crictl pull --creds '${ROBOT}:wrong' ${REF}`).output).toContain('401 Unauthorized\n');
    expect(s.run(`crictl pull --creds '${ROBOT}:new-token' ${REF}`).output).toBe(`Image is up to date for ${DIGEST}\n`);
    expect(s.run(`journalctl -u containerd --no-pager | grep 'PullImage' | tail -2 | cut -d' ' -f7-`).output).toBe([
      `level=info msg="PullImage \\"${REF}\\""`,
      `level=info msg="PullImage \\"${REF}\\" returns image reference \\"${DIGEST}\\""`,
    ].join('\n') + '\n');
    expect(s.run('crictl images harbor.test/team/api').output).toBe('IMAGE                  TAG                 IMAGE ID            SIZE\nharbor.test/team/api   2.0                 ccccccccccccc       10.5MB\n');
    expect(s.run(`crictl rmi ${REF}`).output).toBe(`Deleted: ${REF}\n`);
    expect(s.run('crictl images harbor.test/team/api').output).toBe('IMAGE               TAG                 IMAGE ID            SIZE\n');
    s.run(`crictl pull --creds '${ROBOT}:new-token' ${REF}`);
    s.run('exit');
    // IfNotPresent: kubelet now finds the image on this node and never asks the registry.
    s.run('sleep 5m');
    expect(pods(s)).toMatch(/^api-\w+-\w+\s+1\/1\s+Running\s+0\s+5m\d*s?\n$/);
    expect(s.run('kubectl get events --field-selector reason=Pulled -o jsonpath={.items[-1].message}').output).toBe(`Container image "${REF}" already present on machine`);
  });

  it('a new docker-registry Secret on the ServiceAccount reaches only new pods: after a rollout restart the pull succeeds', () => {
    const s = privateRegistry();
    s.run('sleep 5');
    expect(s.run(`kubectl create secret docker-registry new-pull --docker-server=harbor.test --docker-username='${ROBOT}' --docker-password=new-token`).output).toBe('secret/new-pull created\n');
    expect(s.run("kubectl get secret new-pull -o jsonpath='{.type} {.data.\\.dockerconfigjson}'").output.split(' ')[0]).toBe('kubernetes.io/dockerconfigjson');
    expect(s.run("kubectl get secret new-pull -o jsonpath='{.data.\\.dockerconfigjson}' | base64 -d").output)
      .toBe(`{"auths":{"harbor.test":{"username":"${ROBOT}","password":"new-token","auth":"${btoa(`${ROBOT}:new-token`)}"}}}`);
    expect(s.run(`kubectl patch serviceaccount api -p '{"imagePullSecrets":[{"name":"new-pull"}]}'`).output).toBe('serviceaccount/api patched\n');
    s.run('sleep 2m');
    expect(pods(s)).toMatch(/^api-\w+-\w+\s+0\/1\s+ImagePullBackOff\s+0\s+2m\d+s\n$/);
    s.run('kubectl rollout restart deployment api');
    s.run('sleep 30');
    expect(pods(s)).toMatch(/^api-\w+-\w+\s+1\/1\s+Running\s+0\s+\d+s\n$/);
    expect(s.run('kubectl get pods -o jsonpath={.items[0].spec.imagePullSecrets}').output).toBe('[{"name":"new-pull"}]');
  });

  it('missing pull Secret: kubelet says so and pulls anonymously', () => {
    const s = privateRegistry();
    expect(s.run('kubectl delete secret old-pull').output).toBe('secret "old-pull" deleted\n');
    s.run('kubectl delete pods --all');
    s.run('sleep 5');
    expect(s.run('kubectl get events --field-selector reason=FailedToRetrieveImagePullSecret -o jsonpath={.items[0].message}').output)
      .toBe('Unable to retrieve some image pull secrets (old-pull); attempting to pull the image may not succeed.');
    expect(waitingMessage(s)).toContain('insufficient_scope: authorization failed');
  });

  it('Docker Hub over its anonymous quota with imagePullPolicy Always: a replacement pod fails with 429 even where the image is cached', () => {
    const ref = 'finlabs/fx:1.0';
    const yaml = tinyScenarioYaml({
      cpuModels: CPU, nodes: NODE, images: image(ref),
      workloads: `    - { name: fx, namespace: default, replicas: 1, image: "${ref}", imagePullPolicy: Always }`,
      history: '',
      faults: '  - { kind: registry, images: ["docker.io/finlabs/*"], anonymous: true, rateLimited: { from: "2026-01-01T00:01:00Z", until: "2026-01-01T06:00:00Z" } }',
    });
    const r = parseScenario('scenarios/tiny.yaml', yaml);
    if (!r.ok) throw new Error(r.errors.join('\n'));
    const s = Session.start(r.scenario);
    s.run('sleep 2m');
    expect(pods(s)).toMatch(/^fx-\w+-\w+\s+1\/1\s+Running\s+0\s+2m\d*s?\n$/);
    s.run('kubectl delete pods --all');
    s.run('sleep 35');
    expect(waitingMessage(s)).toBe(`rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/finlabs/fx:1.0": failed to copy: httpReadSeeker: failed open: unexpected status code https://registry-1.docker.io/v2/finlabs/fx/manifests/${DIGEST}: 429 Too Many Requests - Server message: toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limit`);
    s.run(`kubectl patch deployment fx -p '{"spec":{"template":{"spec":{"containers":[{"name":"fx","imagePullPolicy":"IfNotPresent"}]}}}}'`);
    s.run('sleep 60');
    expect(pods(s)).toMatch(/^fx-\w+-\w+\s+1\/1\s+Running\s+0\s+\d+s\n$/);
  });
});
