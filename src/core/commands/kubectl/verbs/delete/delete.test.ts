import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../../../scenario/parse.ts';
import { Session } from '../../../../session/session.ts';
import { runKubectl } from '../../testing.ts';

function start(): Session {
  const parsed = parseScenario('scenarios/sigill-node.yaml', readFileSync('scenarios/sigill-node.yaml', 'utf8'));
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return Session.start(parsed.scenario);
}
const WARNING = 'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n';

describe('kubectl delete (sigill-node scenario)', () => {
  const s = start();
  const name = Object.values(s.state.pods).find((p) => p.metadata.name.startsWith('storefront-'))!.metadata.name;

  it('deletes a pod gracefully and waits until it is gone; the ReplicaSet replaces it', () => {
    const before = s.state.now;
    const r = runKubectl(s.state, `kubectl delete pod ${name} -n production`);
    expect(r).toMatchObject({ stdout: `pod "${name}" deleted\n`, stderr: '', exitCode: 0 });
    expect(Object.hasOwn(r.state.pods, `production/${name}`)).toBe(false);
    expect(r.state.now - before).toBe(2000);
    expect(Object.keys(r.state.pods).filter((k) => k.startsWith('production/storefront-'))).toHaveLength(4);
    expect(r.actions[0]).toEqual({ type: 'object/delete', kind: 'Pod', namespace: 'production', name, force: false });
  });

  it('force-deletes at once after kubectl\'s warning; pod/NAME form; -o name', () => {
    const r = runKubectl(s.state, `kubectl delete pod/${name} -n production --force --grace-period=0`);
    expect(r).toMatchObject({ stdout: `pod "${name}" force deleted\n`, stderr: WARNING, exitCode: 0 });
    expect(r.state.now).toBe(s.state.now);
    expect(runKubectl(s.state, `kubectl delete pod ${name} -n production -o name`).stdout).toBe(`pod/${name}\n`);
  });

  it('deletes a Deployment with its ReplicaSets and pods', () => {
    const r = runKubectl(s.state, 'kubectl delete deployment storefront -n production');
    expect(r).toMatchObject({ stdout: 'deployment.apps "storefront" deleted\n', stderr: '', exitCode: 0 });
    expect(Object.keys(r.state.deployments)).not.toContain('production/storefront');
    expect(Object.values(r.state.replicaSets).some((rs) => rs.metadata.name.startsWith('storefront-'))).toBe(false);
    const later = runKubectl(r.state, 'kubectl get pods -n production -l app=storefront');
    expect(later.stderr).toBe('');
    expect(Object.values(r.state.pods).filter((p) => p.metadata.name.startsWith('storefront-')).every((p) => p.metadata.deletionTimestamp)).toBe(true);
  });

  it('answers errors in kubectl\'s words and never throws', () => {
    expect(runKubectl(s.state, 'kubectl delete pod nope -n production')).toMatchObject({ stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n', exitCode: 1 });
    expect(runKubectl(s.state, 'kubectl delete pod nope -n production --ignore-not-found')).toMatchObject({ stdout: 'No resources found\n', exitCode: 0 });
    expect(runKubectl(s.state, 'kubectl delete pods -n production -l app=nothing')).toMatchObject({ stdout: 'No resources found\n', exitCode: 0 });
    expect(runKubectl(s.state, 'kubectl delete pod')).toMatchObject({ stderr: 'error: resource(s) were provided, but no name was specified\n', exitCode: 1 });
    expect(runKubectl(s.state, `kubectl delete pod ${name} --now --grace-period=5`)).toMatchObject({ stderr: 'error: --now and --grace-period cannot be specified together\n', exitCode: 1 });
    expect(runKubectl(s.state, `kubectl delete pod ${name} --force --grace-period=5`)).toMatchObject({ stderr: 'error: --force and --grace-period greater than 0 cannot be specified together\n', exitCode: 1 });
    expect(runKubectl(s.state, 'kubectl delete node ip-10-42-1-17').stderr).toBe('Error from server (Forbidden): nodes "ip-10-42-1-17" is forbidden: User "learner" cannot delete resource "nodes" in API group "" at the cluster scope\n');
    expect(runKubectl(s.state, 'kubectl delete').stderr.startsWith('error: You must provide one or more resources by argument or filename.\n')).toBe(true);
    const expected: [string, string][] = [
      ["delete __proto__ x", "error: the server doesn't have a resource type \"__proto__\"\n"],
      ["delete pod/ -n", "error: flag needs an argument: 'n' in -n\nSee 'kubectl delete --help' for usage.\n"],
      ["delete pods --all -l a=b", "error: cannot set --all and --selector at the same time\n"],
      ["delete pod x -o yaml", "error: unexpected -o output mode: yaml. We only support '-o name'\n"],
      ["delete pod x --grace-period=abc", "error: invalid argument \"abc\" for \"--grace-period\" flag: strconv.ParseInt: parsing \"abc\": invalid syntax\nSee 'kubectl delete --help' for usage.\n"],
      ["delete pod x --timeout=zz", "error: invalid argument \"zz\" for \"--timeout\" flag: time: invalid duration \"zz\"\nSee 'kubectl delete --help' for usage.\n"],
      ["delete pod,deploy __proto__ -n production", "Error from server (NotFound): pods \"__proto__\" not found\nError from server (NotFound): deployments.apps \"__proto__\" not found\n"],
    ];
    for (const [line, stderr] of expected) expect(runKubectl(s.state, `kubectl ${line}`), line).toMatchObject({ stdout: '', stderr, exitCode: 1 });
  });

  it('deletes by field selector across namespaces, and answers a field the kind lacks as the API server does', () => {
    const failedGone = runKubectl(s.state, 'kubectl delete pods -A --field-selector=status.phase=Failed');
    expect(failedGone.stdout).toBe('No resources found\n');
    const running = runKubectl(s.state, 'kubectl delete pods -n production --field-selector=status.phase=Running,spec.nodeName=nope --dry-run=client');
    expect(running.stdout).toBe('No resources found\n');
    expect(runKubectl(s.state, 'kubectl delete pods -n production --field-selector=spec.bogus=x').stderr).toBe(
      'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "spec.bogus=x": field label not supported: spec.bogus\n');
  });
});

