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
const ATTACH = 'All commands and output from this session will be recorded in container logs, including credentials and sensitive information passed through the command prompt.\nIf you don\'t see a command prompt, try pressing enter.\n';

describe('kubectl debug (sigill-node scenario)', () => {
  const s = start();
  const pod = Object.values(s.state.pods).find((p) => p.metadata.name.startsWith('ledger-api-'))!;
  const name = pod.metadata.name;

  it('adds an ephemeral container and enters it with -it', () => {
    const r = runKubectl(s.state, `kubectl debug -it ${name} -n production --image=busybox --target=ledger-api`);
    const eph = r.state.pods[`production/${name}`].spec.ephemeralContainers ?? [];
    expect(eph).toHaveLength(1);
    const container = eph[0].name;
    expect(container).toMatch(/^debugger-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`Targeting container "ledger-api". If you don't see processes from this container it may be because the container runtime doesn't support this feature.\nDefaulting debug container name to ${container}.\n${ATTACH}`);
    // Leaving the shell prints kubectl's reattach hint for an ephemeral container (the pod restarts Always).
    const hint = `Session ended, the ephemeral container will not be restarted but may be reattached using 'kubectl attach ${name} -c ${container} -i -t' if it is still running\n`;
    expect(r.result.enter).toEqual({ place: 'debug', host: pod.spec.nodeName, user: 'root', cwd: '/', debug: { pod: `production/${name}`, container, target: 'ledger-api', image: 'busybox' }, onLeave: { actions: [], output: hint } });
    // Deterministic: the same command on the same state names the same container, and state.rng is untouched.
    expect(runKubectl(s.state, `kubectl debug -it ${name} -n production --image=busybox --target=ledger-api`).stderr).toBe(r.stderr);
    expect(r.state.rng).toBe(s.state.rng);
  });

  it('without -it only names the container; -c names it', () => {
    const r = runKubectl(s.state, `kubectl debug ${name} -n production --image=busybox`);
    expect(r.stderr).toMatch(/^Defaulting debug container name to debugger-\w{5}\.\n$/);
    expect(r.result.enter).toBeUndefined();
    expect(runKubectl(s.state, `kubectl debug ${name} -n production --image=busybox -c dbg`)).toMatchObject({ stdout: '', stderr: '', exitCode: 0 });
  });

  it('creates a node-debugger pod and enters its container, the node at /host (whole sessions in node.test.ts)', () => {
    const r = runKubectl(s.state, 'kubectl debug node/ip-10-42-3-208 -it --image=ubuntu --profile=general');
    const podName = Object.keys(r.state.pods).find((k) => k.startsWith('default/node-debugger-ip-10-42-3-208-'))!.slice('default/'.length);
    expect(podName).toMatch(/^node-debugger-ip-10-42-3-208-\w{5}$/);
    expect(r.stdout).toBe(`Creating debugging pod ${podName} with container debugger on node ip-10-42-3-208.\n`);
    expect(r.stderr).toBe("If you don't see a command prompt, try pressing enter.\n");
    expect(r.result.enter).toEqual({ place: 'debug', host: 'ip-10-42-3-208', user: 'root', cwd: '/', debug: { pod: `default/${podName}`, container: 'debugger', image: 'ubuntu', nodeDebug: true, hostRoot: true },
      onLeave: { actions: [{ type: 'pod/shellExited', namespace: 'default', name: podName, container: 'debugger' }], output: '' } });
  });

  it('answers errors and never throws', () => {
    expect(runKubectl(s.state, 'kubectl debug nope -n production --image=busybox')).toMatchObject({ stderr: 'Error from server (NotFound): pods "nope" not found\n', exitCode: 1 });
    expect(runKubectl(s.state, 'kubectl debug node/nope -it --image=busybox --profile=general')).toMatchObject({ stderr: 'Error from server (NotFound): nodes "nope" not found\n', exitCode: 1 });
    expect(runKubectl(s.state, `kubectl debug ${name} -n production --image=busybox --bogus`)).toMatchObject({ stderr: "error: unknown flag: --bogus\nSee 'kubectl debug --help' for usage.\n", exitCode: 1 });
    const expected: [string, string][] = [
      ["debug", "error: NAME is required for debug\nSee 'kubectl debug -h' for help and examples\n"],
      ["debug __proto__ --image=x", "Error from server (NotFound): pods \"__proto__\" not found\n"],
      // kubectl 1.33's resource builder refuses the shape before asking the server.
      ["debug node/ --image=x", "error: arguments in resource/name form must have a single resource and name\n"],
      ["debug / --image=x", "error: arguments in resource/name form must have a single resource and name\n"],
      ["debug x/y/z --image=x", "error: arguments in resource/name form may not have more than one slash\n"],
      [`debug ${name} --profile=evil --image=x`, "error: unknown profile: evil\n"],
    ];
    for (const [line, stderr] of expected) expect(runKubectl(s.state, `kubectl ${line}`), line).toMatchObject({ stdout: '', stderr, exitCode: 1 });
  });
});
