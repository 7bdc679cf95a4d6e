import { HAVE_REFERENCE, REFERENCE_DIR } from '../../../../tests/shared.ts';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { stateFromObjects } from '../../testing/fromObjects.ts';
import { FIXTURE_NOW, runKubectl } from './testing.ts';
import { kubectlCommand } from './index.ts';

const REF = REFERENCE_DIR;
const items = HAVE_REFERENCE ? (JSON.parse(readFileSync(`${REF}/fixtures/cluster.json`, 'utf8')).items as unknown[]) : [];
const state = stateFromObjects(items, FIXTURE_NOW, 'v1.29.4');
const run = (line: string) => runKubectl(state, line);

describe.skipIf(!HAVE_REFERENCE)('kubectl root (needs ../shared)', () => {
  it('prints the top-level help alone and with --help', () => {
    const r = run('kubectl');
    expect(r.exitCode).toBe(0);
    expect(r.stdout.startsWith('kubectl controls the Kubernetes cluster manager.\n\n Find more information at: https://kubernetes.io/docs/reference/kubectl/\n\nBasic Commands (Beginner):\n  create          Create a resource from a file or from stdin\n')).toBe(true);
    expect(r.stdout.endsWith('Usage:\n  kubectl [flags] [options]\n\nUse "kubectl <command> --help" for more information about a given command.\nUse "kubectl options" for a list of global command-line options (applies to all commands).\n')).toBe(true);
    expect(run('kubectl --help').stdout).toBe(r.stdout);
  });

  it('suggests near commands like cobra', () => {
    expect(run('kubectl gett pods')).toMatchObject({ stdout: '', exitCode: 1,
      stderr: 'error: unknown command "gett" for "kubectl"\n\nDid you mean this?\n\tset\n\tget\n\nRun \'kubectl --help\' for usage.\n' });
    expect(run('kubectl describle pod x').stderr).toBe('error: unknown command "describle" for "kubectl"\n\nDid you mean this?\n\tdescribe\n\nRun \'kubectl --help\' for usage.\n');
    expect(run('kubectl frobnicate').stderr).toBe('error: unknown command "frobnicate" for "kubectl"\nRun \'kubectl --help\' for usage.\n');
  });

  it('finds the verb after global flags and reports flag errors', () => {
    expect(run('kubectl -n shop get pods --no-headers').stdout.split('\n').length).toBe(4);
    expect(run('kubectl --foo')).toMatchObject({ stderr: "error: unknown flag: --foo\nSee 'kubectl --help' for usage.\n", exitCode: 1 });
    expect(run('kubectl cordon -z worker-1')).toMatchObject({ stderr: "error: unknown shorthand flag: 'z' in -z\nSee 'kubectl cordon --help' for usage.\n", exitCode: 1 });
  });

  it('prints a verb help from its data', () => {
    const r = run('kubectl cordon --help');
    expect(r.stdout).toBe(`Mark node as unschedulable.

Examples:
  # Mark node "foo" as unschedulable
  kubectl cordon foo

Options:
    --dry-run='none':
	Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.

    -l, --selector='':
	Selector (label query) to filter on

Usage:
  kubectl cordon NODE [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`);
    expect(run('kubectl get -h').stdout).toContain('    -A, --all-namespaces=false:\n\tIf present, list the requested object(s) across all namespaces.');
  });

  it('completes verbs, types, names, namespaces and flags', () => {
    const c = (words: string[], partial: string) => kubectlCommand.complete!(words, partial, { state, frame: { place: 'laptop', host: 'laptop', user: 'u', cwd: '/' }, host: state.hosts.laptop });
    expect(c(['kubectl'], 'cor')).toEqual(['cordon']);
    expect(c(['kubectl', 'get'], 'dep')).toEqual(['deploy', 'deployment', 'deployments']);
    expect(c(['kubectl', 'get', 'pods', '-n', 'shop'], 'checkout-api-7d9f8b6c5d-x')).toEqual(['checkout-api-7d9f8b6c5d-x2x9k']);
    expect(c(['kubectl', 'get', 'pods', '-n'], 'pa')).toEqual(['payments']);
    expect(c(['kubectl', 'cordon'], 'worker-')).toHaveLength(8);
    expect(c(['kubectl', 'get'], '--show-l')).toEqual(['--show-labels']);
    expect(c(['kubectl', 'get', '-n', 'payments'], 'deploy/pay')).toEqual(['deploy/payment-service']);
  });
});

describe.skipIf(!HAVE_REFERENCE)('simple mutating verbs (needs ../shared)', () => {
  it('cordon and uncordon, like the golden', () => {
    const golden = readFileSync(`${REF}/golden/kubectl-v1.33.1/cordon-worker-7.txt`, 'utf8');
    const first = run('kubectl cordon worker-7');
    expect(first).toMatchObject({ stdout: golden, stderr: '', exitCode: 0 });
    expect(first.actions).toEqual([{ type: 'node/setUnschedulable', node: 'worker-7', unschedulable: true }]);
    expect(runKubectl(first.state, 'kubectl cordon worker-7').stdout).toBe('node/worker-7 already cordoned\n');
    expect(runKubectl(first.state, 'kubectl uncordon node/worker-7').stdout).toBe('node/worker-7 uncordoned\n');
    expect(run('kubectl cordon worker-99')).toMatchObject({ stderr: 'Error from server (NotFound): nodes "worker-99" not found\n', exitCode: 1 });
    expect(run('kubectl cordon')).toMatchObject({ stderr: "error: USAGE: cordon NODE [flags]\nSee 'kubectl cordon -h' for help and examples\n", exitCode: 1 });
  });

  it('label: add, refuse to overwrite, overwrite, remove', () => {
    const a = run('kubectl label node worker-5 cpu=haswell');
    expect(a.stdout).toBe('node/worker-5 labeled\n');
    expect(a.state.nodes['worker-5'].metadata.labels?.cpu).toBe('haswell');
    expect(runKubectl(a.state, 'kubectl label node worker-5 cpu=skylake')).toMatchObject({
      stderr: "error: 'cpu' already has a value (haswell), and --overwrite is false\n", exitCode: 1 });
    const b = runKubectl(a.state, 'kubectl label nodes/worker-5 cpu=skylake --overwrite');
    expect([b.stdout, b.state.nodes['worker-5'].metadata.labels?.cpu]).toEqual(['node/worker-5 labeled\n', 'skylake']);
    const c = runKubectl(b.state, 'kubectl label node worker-5 cpu-');
    expect(c.stdout).toBe('node/worker-5 unlabeled\n');
    expect(Object.hasOwn(c.state.nodes['worker-5'].metadata.labels ?? {}, 'cpu')).toBe(false);
    expect(run('kubectl label deploy payment-service -n payments team=payments').stdout).toBe('deployment.apps/payment-service not labeled\n');
    expect(run('kubectl label node worker-5').stderr).toBe("error: at least one label update is required\nSee 'kubectl label -h' for help and examples\n");
  });

  it('annotate', () => {
    const a = run('kubectl annotate pod checkout-api-7d9f8b6c5d-x2x9k -n shop oncall=alice');
    expect(a.stdout).toBe('pod/checkout-api-7d9f8b6c5d-x2x9k annotated\n');
    expect(runKubectl(a.state, 'kubectl annotate pod checkout-api-7d9f8b6c5d-x2x9k -n shop oncall=bob').stderr).toBe(
      "error: --overwrite is false but found the following declared annotation(s): 'oncall' already has a value (alice)\n");
  });

  it('taint: add, duplicate, remove, bad effect', () => {
    const a = run('kubectl taint nodes worker-7 cpu=no-avx512:NoSchedule');
    expect(a.stdout).toBe('node/worker-7 tainted\n');
    expect(a.state.nodes['worker-7'].spec.taints).toEqual([{ key: 'cpu', value: 'no-avx512', effect: 'NoSchedule' }]);
    expect(runKubectl(a.state, 'kubectl taint node worker-7 cpu=x:NoSchedule').stderr).toBe(
      'error: node worker-7 already has cpu taint(s) with same effect(s) and --overwrite is false\n');
    const b = runKubectl(a.state, 'kubectl taint node/worker-7 cpu:NoSchedule-');
    expect([b.stdout, b.state.nodes['worker-7'].spec.taints]).toEqual(['node/worker-7 untainted\n', undefined]);
    expect(run('kubectl taint nodes worker-7 cpu:NoSchedule-').stderr).toBe('error: taint "cpu:NoSchedule" not found\n');
    expect(run('kubectl taint nodes worker-7 a=b:Never').stderr).toBe('error: invalid taint effect: Never, unsupported taint effect\n');
  });

  it('scale and patch dispatch the replaced object', () => {
    const s = run('kubectl scale deployment/payment-service -n payments --replicas=25');
    expect(s.stdout).toBe('deployment.apps/payment-service scaled\n');
    expect(s.state.deployments['payments/payment-service'].spec.replicas).toBe(25);
    expect(run('kubectl scale deploy payment-service -n payments').stderr).toBe('error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n');
    expect(run('kubectl scale deploy nope -n payments --replicas=1').stderr).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
    const p = run(`kubectl patch deploy payment-service -n payments -p '{"spec":{"template":{"spec":{"containers":[{"name":"payment-service","image":"registry.example.com/payments/payment-service:3.7.2"}]}}}}'`);
    expect(p.stdout).toBe('deployment.apps/payment-service patched\n');
    const c = p.state.deployments['payments/payment-service'].spec.template.spec.containers[0];
    expect([c.image, c.env?.length]).toEqual(['registry.example.com/payments/payment-service:3.7.2', 2]);
    expect(run(`kubectl patch deploy payment-service -n payments --type merge -p '{"spec":{"replicas":20}}'`).stdout).toBe('deployment.apps/payment-service patched (no change)\n');
    expect(run(`kubectl patch node worker-1 --type json -p '[{"op":"add","path":"/spec/unschedulable","value":true}]'`).state.nodes['worker-1'].spec.unschedulable).toBe(true);
    expect(run('kubectl patch node worker-1').stderr).toBe('error: must specify --patch or --patch-file containing the contents of the patch\n');
  });

  it('version, config, api-resources', () => {
    expect(run('kubectl version')).toMatchObject({ stdout: 'Client Version: v1.33.1\nKustomize Version: v5.6.0\nServer Version: v1.29.4\n',
      stderr: 'WARNING: version difference between client (1.33) and server (1.29) exceeds the supported minor version skew of +/-1\n' });
    expect(run('kubectl config current-context').stdout).toBe('kubernetes\n');
    expect(run('kubectl config get-contexts').stdout).toBe('CURRENT   NAME         CLUSTER      AUTHINFO           NAMESPACE\n*         kubernetes   kubernetes   kubernetes-admin   \n');
    expect(run('kubectl config nope').stderr).toBe('error: unknown command "nope"\nSee \'kubectl config -h\' for help and examples\n');
    const api = run('kubectl api-resources --api-group=apps').stdout;
    expect(api).toBe([
      'NAME                  SHORTNAMES   APIVERSION   NAMESPACED   KIND',
      'controllerrevisions                apps/v1      true         ControllerRevision',
      'daemonsets            ds           apps/v1      true         DaemonSet',
      'deployments           deploy       apps/v1      true         Deployment',
      'replicasets           rs           apps/v1      true         ReplicaSet',
      'statefulsets          sts          apps/v1      true         StatefulSet', ''].join('\n'));
  });

  it('garbage never throws', () => {
    const lines = ['kubectl label', 'kubectl label node', 'kubectl label node worker-1 =', 'kubectl label node worker-1 -', 'kubectl taint', 'kubectl taint node', 'kubectl taint node worker-1 :', 'kubectl taint pods x a=b:NoSchedule',
      'kubectl scale --replicas=-3 deploy/x', 'kubectl scale --replicas=x', 'kubectl patch deploy x -p "{{"', 'kubectl patch node worker-1 --type json -p "{}"', 'kubectl patch node worker-1 --type json -p "[{\\"op\\":\\"remove\\",\\"path\\":\\"/nope\\"}]"',
      'kubectl annotate', 'kubectl version -o xml', 'kubectl config use-context', 'kubectl api-resources -o foo', 'kubectl uncordon -l "a in ("', 'kubectl -n', 'kubectl help get', 'kubectl options', 'kubectl ""'];
    for (const line of lines) {
      const r = run(line);
      expect(typeof r.stdout).toBe('string');
      expect(r.exitCode === 0 || r.stderr.length > 0).toBe(true);
    }
  });
});
