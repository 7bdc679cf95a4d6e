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
const image = (s: Session) => s.state.deployments['production/ledger-api'].spec.template.spec.containers[0].image;

describe('kubectl rollout (sigill-node scenario)', () => {
  it('undo brings back the previous image; history shows the new revision; status follows to the end', () => {
    const s = start();
    const at = () => s.now + 1000;
    expect(s.run('kubectl rollout history deployment/ledger-api -n production', at()).output).toBe(
      'deployment.apps/ledger-api \nREVISION  CHANGE-CAUSE\n1         release 4.11.0\n2         release 4.12.3: SIMD batch hashing in the reconciler\n\n');
    // Every ledger-api build dies on the faulty node: keep the new pods off it, or the rollout never completes.
    s.run('kubectl cordon ip-10-42-3-208', at());
    expect(s.run('kubectl rollout undo deploy ledger-api -n production', at()).output).toBe('deployment.apps/ledger-api rolled back\n');
    expect(image(s)).toBe('registry.internal:5000/payments/ledger-api:4.11.0');
    const st = s.run('kubectl rollout status deployment ledger-api -n production', at());
    expect(st).toEqual({ output: 'Waiting for deployment "ledger-api" rollout to finish: 4 out of 8 new replicas have been updated...\n', following: true });
    let rest = '';
    for (let i = 0; i < 120 && s.following; i++) rest += s.tick(s.now + 2000).output;
    expect(rest.endsWith('deployment "ledger-api" successfully rolled out\n')).toBe(true);
    expect(rest.split('\n').filter(Boolean).every((l) => l.startsWith('Waiting for deployment "ledger-api" rollout to finish: ') || l === 'deployment "ledger-api" successfully rolled out')).toBe(true);
    expect(s.run('kubectl rollout history deploy/ledger-api -n production', at()).output).toBe(
      'deployment.apps/ledger-api \nREVISION  CHANGE-CAUSE\n2         release 4.12.3: SIMD batch hashing in the reconciler\n3         release 4.11.0\n\n');
    expect(s.run('kubectl rollout status deploy/ledger-api -n production --watch=false', at()).output).toBe('deployment "ledger-api" successfully rolled out\n');
  });

  it('restart, pause, resume and their errors', () => {
    const s = start();
    const run = (line: string) => runKubectl(s.state, line);
    expect(run('kubectl rollout restart deployment/storefront -n production')).toMatchObject({ stdout: 'deployment.apps/storefront restarted\n', exitCode: 0 });
    expect(run('kubectl rollout restart deployment/storefront -n production').state.deployments['production/storefront'].spec.template.metadata.annotations?.['kubectl.kubernetes.io/restartedAt']).toBeDefined();
    const paused = run('kubectl rollout pause deploy/storefront -n production');
    expect(paused.stdout).toBe('deployment.apps/storefront paused\n');
    expect(runKubectl(paused.state, 'kubectl rollout pause deploy/storefront -n production')).toMatchObject({ stderr: 'error: deployments.apps "storefront" is already paused\n', exitCode: 1 });
    expect(runKubectl(paused.state, 'kubectl rollout undo deploy/storefront -n production --to-revision=1')).toMatchObject({ stderr: "error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/storefront' and try again\n", exitCode: 1 });
    expect(runKubectl(paused.state, 'kubectl rollout resume deploy/storefront -n production').stdout).toBe('deployment.apps/storefront resumed\n');
    expect(run('kubectl rollout resume deploy/storefront -n production')).toMatchObject({ stderr: 'error: deployments.apps "storefront" is not paused\n', exitCode: 1 });
    expect(run('kubectl rollout undo deploy/storefront -n production')).toMatchObject({ stderr: 'error: no rollout history found for deployment "storefront"\n', exitCode: 1 });
    expect(run('kubectl rollout undo deploy/ledger-api -n production --to-revision=9')).toMatchObject({ stderr: 'error: unable to find specified revision 9 in history\n', exitCode: 1 });
    expect(run('kubectl rollout undo deploy/ledger-api -n production --to-revision=2')).toMatchObject({ stdout: 'deployment.apps/ledger-api skipped rollback (current template already matches revision 2)\n', exitCode: 0 });
    expect(run('kubectl rollout history deploy/ledger-api -n production --revision=7')).toMatchObject({ stderr: 'error: unable to find the specified revision\n', exitCode: 1 });
    expect(run('kubectl rollout history deploy/ledger-api -n production --revision=1').stdout).toMatch(/^deployment\.apps\/ledger-api with revision #1\nPod Template:\n/);
    expect(run('kubectl rollout status deploy/nope -n production')).toMatchObject({ stderr: 'Error from server (NotFound): deployments.apps "nope" not found\n', exitCode: 1 });
  });

  it('answers garbage with each whole output, as real kubectl 1.33 does', () => {
    const s = start();
    expect(runKubectl(s.state, 'kubectl rollout status')).toMatchObject({ stderr: "error: required resource not specified\nSee 'kubectl rollout status -h' for help and examples\n", exitCode: 1 });
    const cases: [string, string][] = [
      ['rollout frobnicate deploy/x', 'error: unknown command "frobnicate"\nSee \'kubectl rollout -h\' for help and examples\n'],
      ['rollout status deploy/ledger-api -n production --timeout=x', 'error: invalid argument "x" for "--timeout" flag: time: invalid duration "x"\nSee \'kubectl rollout status --help\' for usage.\n'],
      ['rollout undo __proto__/x', 'error: the server doesn\'t have a resource type "__proto__"\n'],
      ['rollout undo deploy/', 'error: arguments in resource/name form must have a single resource and name\n'],
      ['rollout status pod/x', 'Error from server (NotFound): pods "x" not found\n'],
      ['rollout restart deploy/ --bogus', 'error: unknown flag: --bogus\nSee \'kubectl rollout restart --help\' for usage.\n'],
      ['rollout undo deploy/x --to-revision=abc', 'error: invalid argument "abc" for "--to-revision" flag: strconv.ParseInt: parsing "abc": invalid syntax\nSee \'kubectl rollout undo --help\' for usage.\n'],
    ];
    for (const [line, stderr] of cases) expect(runKubectl(s.state, `kubectl ${line}`), line).toMatchObject({ stdout: '', stderr, exitCode: 1 });
    // Bare `rollout` prints its help on stdout and exits 1, byte for byte as kubectl 1.33.
    const help = 'Manage the rollout of one or many resources.\n        \n Valid resource types include:\n\n  *  deployments\n  *  daemonsets\n  *  statefulsets\n\n' +
      'Examples:\n  # Rollback to the previous deployment\n  kubectl rollout undo deployment/abc\n  \n  # Check the rollout status of a daemonset\n  kubectl rollout status daemonset/foo\n  \n  # Restart a deployment\n  kubectl rollout restart deployment/abc\n  \n  # Restart deployments with the \'app=nginx\' label\n  kubectl rollout restart deployment --selector=app=nginx\n\n' +
      'Available Commands:\n  history       View rollout history\n  pause         Mark the provided resource as paused\n  restart       Restart a resource\n  resume        Resume a paused resource\n  status        Show the status of the rollout\n  undo          Undo a previous rollout\n\n' +
      'Usage:\n  kubectl rollout SUBCOMMAND [options]\n\nUse "kubectl rollout <command> --help" for more information about a given command.\nUse "kubectl options" for a list of global command-line options (applies to all commands).\n';
    expect(runKubectl(s.state, 'kubectl rollout')).toMatchObject({ stdout: help, stderr: '', exitCode: 1 });
    expect(runKubectl(s.state, 'kubectl rollout --help')).toMatchObject({ stdout: help, stderr: '', exitCode: 0 });
  });
});

describe('kubectl rollout for DaemonSets (cpu-throttling scenario)', () => {
  function throttling(): Session {
    const parsed = parseScenario('scenarios/cpu-throttling.yaml', readFileSync('scenarios/cpu-throttling.yaml', 'utf8'));
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    return Session.start(parsed.scenario);
  }
  const agentImage = (s: Session) => (s.state.objects?.daemonsets?.['logging/log-agent'] as unknown as { spec: { template: { spec: { containers: { image: string }[] } } } }).spec.template.spec.containers[0].image;

  it('undo rolls the agents back node by node; status follows; history renumbers the revision', () => {
    const s = throttling();
    const at = () => s.now + 1000;
    expect(s.run('kubectl rollout history daemonset/log-agent -n logging', at()).output).toBe(
      'daemonset.apps/log-agent \nREVISION  CHANGE-CAUSE\n1         log-agent 2.3.1\n2         log-agent 2.4.0: PII masking on every record\n\n');
    expect(s.run('kubectl rollout status ds/log-agent -n logging', at()).output).toBe('daemon set "log-agent" successfully rolled out\n');
    expect(s.run('kubectl rollout undo daemonset/log-agent -n logging', at()).output).toBe('daemonset.apps/log-agent rolled back\n');
    expect(agentImage(s)).toBe('registry.corp.internal/platform/log-agent:2.3.1');
    let out = s.run('kubectl rollout status daemonset/log-agent -n logging', at()).output;
    for (let i = 0; i < 100 && s.following; i++) out += s.tick(s.now + 1000).output;
    expect(out).toBe([
      'Waiting for daemon set "log-agent" rollout to finish: 0 out of 3 new pods have been updated...',
      'Waiting for daemon set "log-agent" rollout to finish: 1 out of 3 new pods have been updated...',
      'Waiting for daemon set "log-agent" rollout to finish: 2 out of 3 new pods have been updated...',
      'Waiting for daemon set "log-agent" rollout to finish: 2 of 3 updated pods are available...',
      'daemon set "log-agent" successfully rolled out',
      '',
    ].join('\n'));
    expect(s.run('kubectl rollout history daemonset/log-agent -n logging', at()).output).toBe(
      'daemonset.apps/log-agent \nREVISION  CHANGE-CAUSE\n2         log-agent 2.4.0: PII masking on every record\n3         log-agent 2.3.1\n\n');
    const pods = s.run('kubectl get pods -n logging -o custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[0].image,HASH:.metadata.labels.controller-revision-hash --no-headers', at()).output;
    expect(pods.trim().split('\n').map((l) => l.split(/\s+/)[1])).toEqual(Array(3).fill('registry.corp.internal/platform/log-agent:2.3.1'));
    const events = s.run('kubectl get events -n logging --field-selector involvedObject.kind=DaemonSet -o custom-columns=REASON:.reason --no-headers', at()).output;
    // Three pods replaced by the 2.4.0 rollout in the scenario's history, three by the undo.
    expect(events.trim().split('\n').sort()).toEqual([...Array(6).fill('SuccessfulCreate'), ...Array(6).fill('SuccessfulDelete')]);
    expect(s.run('kubectl rollout undo daemonset/log-agent -n logging --to-revision=3', at()).output).toBe('daemonset.apps/log-agent skipped rollback (current template already matches revision 3)\n');
  });

  it("prints kubectl's errors for DaemonSets", () => {
    const s = throttling();
    const run = (line: string) => runKubectl(s.state, line);
    expect(run('kubectl rollout undo ds/log-agent -n logging --to-revision=7')).toMatchObject({ stderr: 'error: unable to find specified revision 7 in history\n', exitCode: 1 });
    expect(run('kubectl rollout undo ds/kube-proxy -n kube-system')).toMatchObject({ stderr: 'error: no last revision to roll back to\n', exitCode: 1 });
    expect(run('kubectl rollout history ds/log-agent -n logging --revision=9')).toMatchObject({ stderr: 'error: unable to find the specified revision\n', exitCode: 1 });
    expect(run('kubectl rollout history ds/log-agent -n logging --revision=1').stdout).toMatch(/^daemonset\.apps\/log-agent with revision #1\nPod Template:\n[\s\S]*Image:\s+registry\.corp\.internal\/platform\/log-agent:2\.3\.1\n/);
    expect(run('kubectl rollout status ds/nope -n logging')).toMatchObject({ stderr: 'Error from server (NotFound): daemonsets.apps "nope" not found\n', exitCode: 1 });
    expect(run('kubectl rollout pause ds/log-agent -n logging')).toMatchObject({ stderr: 'error: daemonsets.apps "log-agent" pausing is not supported\n', exitCode: 1 });
    const restarted = run('kubectl rollout restart daemonset/log-agent -n logging');
    expect(restarted.stdout).toBe('daemonset.apps/log-agent restarted\n');
    expect(runKubectl(restarted.state, 'kubectl rollout history ds/log-agent -n logging').stdout).toContain('\n3         log-agent 2.4.0: PII masking on every record\n');
  });
});
