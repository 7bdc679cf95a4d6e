import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../../../scenario/parse.ts';
import { Session } from '../../../../session/session.ts';

const root = join(import.meta.dirname, '..', '..', '..', '..', '..', '..');
function start(): Session {
  const r = parseScenario('scenarios/oomkilled.yaml', readFileSync(join(root, 'scenarios', 'oomkilled.yaml'), 'utf8'));
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return Session.start(r.scenario);
}
const QE = 'deployment quote-engine -n pricing';

describe('kubectl set (kubectl 1.33 wording)', () => {
  const s = start();
  const run = (line: string) => s.run(line, s.now + 1000).output;

  it('set resources patches the template, rolls the Deployment, and prints nothing when nothing changed', () => {
    expect(run(`kubectl set resources ${QE} --limits=memory=512Mi --requests=memory=384Mi`)).toBe('deployment.apps/quote-engine resource requirements updated\n');
    expect(run(`kubectl set resources ${QE} --limits=memory=512Mi --requests=memory=384Mi`)).toBe('');
    expect(run("kubectl get deploy quote-engine -n pricing -o jsonpath='{.spec.template.spec.containers[0].resources}'")).toBe('{"limits":{"memory":"512Mi"},"requests":{"cpu":"250m","memory":"384Mi"}}');
    expect(run('kubectl rollout history deployment/quote-engine -n pricing').split('\n').filter((l) => /^\d/.test(l))).toHaveLength(3);
    expect(run(`kubectl set resources ${QE} -c quote-engine --limits=cpu=1 --dry-run=client`)).toBe('deployment.apps/quote-engine resource requirements updated (dry run)\n');
    expect(run(`kubectl set resources ${QE} -c 'quote-*' --limits=memory=0.5Gi`)).toBe('');
  });

  it('answers garbage with kubectl\'s errors and exit code 1', () => {
    const cases: [string, string][] = [
      [`kubectl set resources ${QE}`, 'error: you must specify an update to requests or limits (in the form of --requests/--limits)\n'],
      [`kubectl set resources ${QE} --limits=memory`, 'error: Invalid argument syntax memory, expected <resource>=<value>\n'],
      [`kubectl set resources ${QE} --limits=memory=lots`, "error: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'\n"],
      [`kubectl set resources ${QE} --requests=memory=2Gi`, 'error: failed to patch resources update to pod template Deployment.apps "quote-engine" is invalid: spec.template.spec.containers[0].resources.requests: Invalid value: "2Gi": must be less than or equal to memory limit of 512Mi\n'],
      [`kubectl set resources ${QE} -c nope --limits=memory=1Gi`, 'error: unable to find container named nope\n'],
      ['kubectl set resources -n pricing --limits=memory=1Gi', "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n"],
      ['kubectl set resources deploy -n pricing --limits=memory=1Gi', 'error: resource(s) were provided, but no name was specified\n'],
      ['kubectl set resources deploy nope -n pricing --limits=memory=1Gi', 'Error from server (NotFound): deployments.apps "nope" not found\n'],
      ['kubectl set resources gizmo x --limits=memory=1Gi', 'error: the server doesn\'t have a resource type "gizmo"\n'],
      ['kubectl set resources node ip-10-30-1-21 --limits=memory=1Gi', 'error: nodes/ip-10-30-1-21 the object is not a pod or does not have a pod template: *v1.Node\n'],
      [`kubectl set resources ${QE} --limits=memory=1Gi --dry-run=maybe`, 'error: Invalid dry-run value (maybe). Must be "none", "server", or "client".\n'],
      [`kubectl set resources ${QE} --limits=memory=1Gi --all -l app=x`, 'error: cannot set --all and --selector at the same time\n'],
      [`kubectl set resources ${QE} --limits=memory=1Gi --bogus`, "error: unknown flag: --bogus\nSee 'kubectl set resources --help' for usage.\n"],
      ['kubectl set frob', 'error: unknown command "frob"\nSee \'kubectl set -h\' for help and examples\n'],
      ['kubectl set image deploy/quote-engine -n pricing', 'error: at least one image update is required\n'],
      ['kubectl set image -n pricing a=b:1', 'error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n'],
      ['kubectl set image deploy/quote-engine -n pricing nope=x:1', 'error: unable to find container named "nope"\n'],
      ['kubectl set image deploy/quote-engine -n pricing a=b:1 deploy/other', 'error: all resources must be specified before image changes: deploy/other\n'],
      ['kubectl set env deploy/quote-engine -n pricing', 'error: at least one environment variable must be provided\n'],
      ['kubectl set env deploy/quote-engine -n pricing 1BAD=x', 'error: invalid env: 1BAD=x\n'],
    ];
    for (const [line, out] of cases) {
      expect(run(line), line).toBe(out);
      expect(s.run('echo $?', s.now + 1000).output, line).toBe('1\n');
    }
    expect(run('kubectl set')).toMatch(/^Configure application resources\.\n[\s\S]*Available Commands:\n  env {14}Update environment variables on a pod template\n  image {12}Update the image of a pod template\n  resources {8}Update resource requests\/limits on objects with pod templates\n/);
  });

  it('-o prints what the server answered as kubectl 1.33 does: the name, the object, a jsonpath; no table formats', () => {
    const own = start();
    const run = (line: string) => own.run(line, own.now + 1000).output;
    expect(run(`kubectl set image ${QE} quote-engine=registry.test/qe:9 -o name`)).toBe('deployment.apps/quote-engine\n');
    expect(run(`kubectl set resources ${QE} --limits=cpu=2 --dry-run=client -o jsonpath={.spec.template.spec.containers[0].resources.limits}`)).toBe('{"cpu":"2","memory":"256Mi"}');
    expect(run("kubectl get deploy quote-engine -n pricing -o jsonpath='{.spec.template.spec.containers[0].resources.limits.cpu}'")).toBe('');
    expect(run(`kubectl set env ${QE} MODE=fast -o yaml`)).toMatch(/^apiVersion: apps\/v1\nkind: Deployment\n[^]*        - name: MODE\n          value: fast\n/);
    expect(run(`kubectl set image ${QE} quote-engine=registry.test/qe:10 -o wide`)).toBe(
      'error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n');
  });

  it('set image and set env edit the template; --list prints the environment', () => {
    expect(run('kubectl set env deploy/quote-engine -n pricing --list')).toBe('# Deployment quote-engine, container quote-engine\nJAVA_TOOL_OPTIONS=-XX:MaxRAMPercentage=75.0\nPRICING_DB_HOST=pricing-db.pricing.svc.cluster.local\n');
    expect(run('kubectl set env deploy/quote-engine -n pricing RATECARD_CACHE=lazy')).toBe('deployment.apps/quote-engine env updated\n');
    expect(run('kubectl set env deploy/quote-engine -n pricing RATECARD_CACHE-')).toBe('deployment.apps/quote-engine env updated\n');
    expect(run('kubectl set image deploy/quote-engine -n pricing quote-engine=registry.internal:5000/pricing/quote-engine:3.3.2')).toBe('deployment.apps/quote-engine image updated\n');
    expect(run("kubectl get deploy quote-engine -n pricing -o jsonpath='{.spec.template.spec.containers[0].image}'")).toBe('registry.internal:5000/pricing/quote-engine:3.3.2');
  });

  it('refuses to change a running pod\'s resources, through set and through patch', () => {
    const pod = run("kubectl get pods -n docs -o jsonpath='{.items[0].metadata.name}'");
    const forbidden = 'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';
    expect(run(`kubectl set resources pod ${pod} -n docs --limits=memory=1Gi`)).toBe(`error: failed to patch resources update to pod template Pod "${pod}" is invalid: spec: Forbidden: ${forbidden}\n`);
    expect(run(`kubectl patch pod ${pod} -n docs -p '{"spec":{"containers":[{"name":"pdf-renderer","resources":{"limits":{"memory":"1Gi"}}}]}}'`)).toBe(`The Pod "${pod}" is invalid: spec: Forbidden: ${forbidden}\n`);
    expect(run(`kubectl patch deploy pdf-renderer -n docs -p '{"spec":{"template":{"spec":{"containers":[{"name":"pdf-renderer","resources":{"requests":{"memory":"1Gi"}}}]}}}}'`)).toBe('The Deployment "pdf-renderer" is invalid: spec.template.spec.containers[0].resources.requests: Invalid value: "1Gi": must be less than or equal to memory limit of 512Mi\n');
    expect(run(`kubectl patch deploy pdf-renderer -n docs --type=json -p '[{"op":"replace","path":"/spec/template/spec/containers/0/resources/limits/memory","value":"768Mi"}]'`)).toBe('deployment.apps/pdf-renderer patched\n');
    expect(run("kubectl get rs -n docs -o jsonpath='{.items[*].spec.replicas}'")).toMatch(/^\d+ \d+$/);
  });

  it('set serviceaccount rolls the template; a running pod refuses it', () => {
    const own = start();
    const run = (line: string) => own.run(line, own.now + 1000).output;
    expect(run('kubectl set sa deploy/quote-engine -n pricing quoter')).toBe('deployment.apps/quote-engine serviceaccount updated\n');
    expect(run("kubectl get deploy quote-engine -n pricing -o jsonpath='{.spec.template.spec.serviceAccountName}'")).toBe('quoter');
    // kubectl sends the patch even when nothing changes, and says so.
    expect(run('kubectl set sa deploy/quote-engine -n pricing quoter')).toBe('deployment.apps/quote-engine serviceaccount updated\n');
    const pod = run("kubectl get pods -n docs -o jsonpath='{.items[0].metadata.name}'");
    expect(run(`kubectl set sa pod/${pod} -n docs quoter`)).toMatch(new RegExp(`^error: failed to patch ServiceAccountName Pod "${pod}" is invalid: spec: Forbidden: pod updates may not change fields other than`));
  });
});

describe('kubectl set selector and set subject change what the cluster does', () => {
  const load = (id: string) => {
    const r = parseScenario(`scenarios/${id}.yaml`, readFileSync(join(root, 'scenarios', `${id}.yaml`), 'utf8'));
    if (!r.ok) throw new Error(r.errors.join('\n'));
    return Session.start(r.scenario);
  };

  it('a Service whose selector matches nothing loses its endpoints', () => {
    const s = load('crashloop');
    const run = (line: string) => s.run(line, s.now + 2000).output;
    expect(run('kubectl set selector svc auth-service -n identity app=nothing')).toBe('service/auth-service selector updated\n');
    expect(run("kubectl get svc auth-service -n identity -o jsonpath='{.spec.selector}'")).toBe('{"app":"nothing"}');
    expect(run('kubectl get endpoints auth-service -n identity').split('\n')[1]).toMatch(/^auth-service   <none>\s+\d+d$/);
  });

  it('a user added to a RoleBinding gets the role\'s rights; adding them again changes nothing', () => {
    const s = load('rbac-forbidden');
    const run = (line: string) => s.run(line, s.now + 1000).output;
    expect(run('kubectl auth can-i get deployments -n staging --as=alice')).toBe('no\n');
    expect(run('kubectl set subject rolebinding ci-deployer -n staging --user=alice --group=devs')).toBe('rolebinding.rbac.authorization.k8s.io/ci-deployer subjects updated\n');
    expect(run('kubectl auth can-i get deployments -n staging --as=alice')).toBe('yes\n');
    expect(run('kubectl set subject rolebinding ci-deployer -n staging --user=alice')).toBe('');
    expect(run("kubectl get rolebinding ci-deployer -n staging -o jsonpath='{range .subjects[*]}{.kind}/{.name} {end}'")).toMatch(/User\/alice Group\/devs $/);
  });
});
