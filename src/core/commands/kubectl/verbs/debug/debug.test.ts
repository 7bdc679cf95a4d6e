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
const ATTACH = 'If you don\'t see a command prompt, try pressing enter.\n';
const LEGACY = '--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".\n';
const TARGETING = 'Targeting container "ledger-api". If you don\'t see processes from this container it may be because the container runtime doesn\'t support this feature.\n';

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
    // kubectl 1.33: the targeting notice on stdout (Validate), the rest on stderr, in this order on the terminal.
    expect(r.stdout).toBe(TARGETING);
    expect(r.stderr).toBe(`${LEGACY}Defaulting debug container name to ${container}.\n${ATTACH}`);
    expect(r.result.interleaved).toBe(`${TARGETING}${LEGACY}Defaulting debug container name to ${container}.\n${ATTACH}`);
    // Leaving the shell prints kubectl's reattach hint for an ephemeral container (the pod restarts Always).
    const hint = `Session ended, the ephemeral container will not be restarted but may be reattached using 'kubectl attach ${name} -c ${container} -i -t' if it is still running\n`;
    expect(r.result.enter).toEqual({ place: 'debug', host: pod.spec.nodeName, user: 'root', cwd: '/', debug: { pod: `production/${name}`, container, target: 'ledger-api', image: 'busybox' }, onLeave: { actions: [], output: hint } });
    // Deterministic: the same command on the same state names the same container, and state.rng is untouched.
    expect(runKubectl(s.state, `kubectl debug -it ${name} -n production --image=busybox --target=ledger-api`).stderr).toBe(r.stderr);
    expect(r.state.rng).toBe(s.state.rng);
  });

  it('without -it only names the container; -c names it', () => {
    const r = runKubectl(s.state, `kubectl debug ${name} -n production --image=busybox`);
    expect(r.stderr).toMatch(/^--profile=legacy is deprecated [^\n]+\nDefaulting debug container name to debugger-\w{5}\.\n$/);
    expect(r.result.enter).toBeUndefined();
    expect(runKubectl(s.state, `kubectl debug ${name} -n production --image=busybox -c dbg`)).toMatchObject({ stdout: '', stderr: LEGACY, exitCode: 0 });
    expect(runKubectl(s.state, `kubectl debug ${name} -n production --image=busybox -c dbg2 --profile=general`)).toMatchObject({ stdout: '', stderr: '', exitCode: 0 });
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
    expect(runKubectl(s.state, 'kubectl debug nope -n production --image=busybox')).toMatchObject({ stderr: `${LEGACY}Error from server (NotFound): pods "nope" not found\n`, exitCode: 1 });
    expect(runKubectl(s.state, 'kubectl debug nope -n production --image=busybox --target=ledger-api')).toMatchObject({ stdout: TARGETING, stderr: `${LEGACY}Error from server (NotFound): pods "nope" not found\n`, exitCode: 1 });
    expect(runKubectl(s.state, 'kubectl debug node/nope -it --image=busybox --profile=general')).toMatchObject({ stderr: 'Error from server (NotFound): nodes "nope" not found\n', exitCode: 1 });
    expect(runKubectl(s.state, `kubectl debug ${name} -n production --image=busybox --bogus`)).toMatchObject({ stderr: "error: unknown flag: --bogus\nSee 'kubectl debug --help' for usage.\n", exitCode: 1 });
    const expected: [string, string][] = [
      // Validate's refusals, in its order (checked against kubectl 1.33 without a cluster).
      ["debug", "error: you must specify --image when not using --copy-to.\n"],
      ["debug --image=busybox", "error: NAME or filename is required for debug\n"],
      [`debug ${name} --attach`, "error: you must specify --container or create a new container using --image in order to attach.\n"],
      [`debug ${name} --image=busybox --replace`, "error: --replace may only be used with --copy-to.\n"],
      [`debug ${name} --copy-to=x`, "error: you must specify --image, --set-image or command arguments.\n"],
      [`debug ${name} --copy-to=x -- sh`, "error: you must specify an existing container or a new image when specifying args.\n"],
      [`debug ${name} --copy-to=x --image=busybox --target=c`, "error: --target is incompatible with --copy-to. Use --share-processes instead.\n"],
      [`debug ${name} --image=busybox -t`, "error: -i/--stdin is required for containers with -t/--tty=true\n"],
      ["debug __proto__ --image=x", `${LEGACY}Error from server (NotFound): pods "__proto__" not found\n`],
      // kubectl 1.33's resource builder refuses the shape before asking the server.
      ["debug node/ --image=x", "error: arguments in resource/name form must have a single resource and name\n"],
      ["debug / --image=x", "error: arguments in resource/name form must have a single resource and name\n"],
      ["debug x/y/z --image=x", "error: arguments in resource/name form may not have more than one slash\n"],
      [`debug ${name} --profile=evil --image=x`, "error: unknown profile: evil\n"],
    ];
    for (const [line, stderr] of expected) expect(runKubectl(s.state, `kubectl ${line}`), line).toMatchObject({ stdout: '', stderr, exitCode: 1 });
  });
});
