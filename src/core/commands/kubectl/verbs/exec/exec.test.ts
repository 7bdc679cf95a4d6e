import { describe, expect, it } from 'vitest';
import { verb } from './index.ts';
import { runVerb } from '../describe/runVerb.ts';
import { fixtureWithRuntime, haveShared } from '../../../../../../tests/real-kubectl/fixture.ts';

describe.skipIf(!haveShared)('kubectl exec (fixture state; needs ../shared)', () => {
  const base = haveShared ? fixtureWithRuntime() : undefined!;
  // A running checkout-api pod (shell image) and a running payment-service pod (distroless image).
  const running = haveShared ? Object.values(base.pods).find((p) => p.metadata.name.startsWith('checkout-api') && p.status.containerStatuses?.[0].state.running)! : undefined!;
  const distroless = haveShared ? Object.values(base.pods).find((p) => p.metadata.name.startsWith('payment-service-5f6b') && p.status.containerStatuses?.[0].state.running)! : undefined!;
  const run = (line: string) => runVerb(verb, base, line.split(' ').filter(Boolean));

  it('fails with the runtime\'s error when the image has no shell', () => {
    const r = run(`${distroless.metadata.name} -n payments -- sh`);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^error: Internal error occurred: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "sh": executable file not found in \$PATH: unknown\n$/);
    expect(run(`${distroless.metadata.name} -n payments -- sh`).stderr).toBe(r.stderr);
  });

  it('enters a shell frame with -it sh', () => {
    const r = run(`-it ${running.metadata.name} -n shop -- sh`);
    expect(r).toMatchObject({ stdout: '', stderr: '', exitCode: 0, enter: { place: 'debug', host: running.spec.nodeName, user: 'root', cwd: '/', debug: { pod: `shop/${running.metadata.name}`, container: 'checkout-api', image: 'registry.example.com/shop/checkout-api:2.14.1' } } });
  });

  it('runs a few commands in a running container', () => {
    expect(run(`${running.metadata.name} -n shop -- hostname`)).toEqual({ stdout: `${running.metadata.name}\n`, stderr: '', exitCode: 0 });
    expect(run(`${running.metadata.name} -n shop -- env`).stdout).toContain('JAVA_TOOL_OPTIONS=-XX:MaxRAMPercentage=75.0\n');
    expect(run(`${running.metadata.name} -n shop -- cat /etc/os-release`).stdout.split('\n')[0]).toBe('PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"');
    expect(run(`${running.metadata.name} -n shop -- cat /nope`)).toEqual({ stdout: '', stderr: 'cat: /nope: No such file or directory\ncommand terminated with exit code 1\n', exitCode: 1 });
  });

  it('answers argument and state errors in kubectl\'s words', () => {
    expect(run(`${running.metadata.name} -n shop ls`)).toEqual({ stdout: '', stderr: "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n", exitCode: 1 });
    expect(run(`${running.metadata.name} -n shop`).stderr).toBe('error: you must specify at least one command for the container\n');
    expect(run('-n shop').stderr).toBe('error: pod, type/name or --filename must be specified\n');
    expect(run('nope -n shop -- ls').stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect(run('deploy/nope -n shop -- ls').stderr).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
    expect(run('checkout-api-7d9f8b6c5d-x2x9k -n shop -- ls')).toEqual({ stdout: '', stderr: 'error: unable to upgrade connection: container not found ("checkout-api")\n', exitCode: 1 });
    expect(run(`${running.metadata.name} -n shop -c nope -- ls`).stderr).toBe('error: unable to upgrade connection: container not found ("nope")\n');
  });

  it('answers garbage with each whole error the learner sees', () => {
    const cases: [string, string, number][] = [
      ['-- --', 'error: pod, type/name or --filename must be specified\n', 1],
      ['/ -- sh', 'error: arguments in resource/name form must have a single resource and name\n', 1],
      ['a/b/c -- sh', 'error: arguments in resource/name form may not have more than one slash\n', 1],
      ['__proto__ -- sh', 'Error from server (NotFound): pods "__proto__" not found\n', 1],
      // The image's shell is dash: `sh -c` without a command is its usage error, exit 2.
      [`${running.metadata.name} -n shop -- sh -c`, 'sh: 0: -c requires an argument\ncommand terminated with exit code 2\n', 2],
    ];
    for (const [line, stderr, exitCode] of cases) expect(run(line), line).toEqual({ stdout: '', stderr, exitCode });
    // Two quote characters are a program name like any other (the test splits on spaces, no shell).
    const quoted = run(`${running.metadata.name} -n shop -- ''`);
    expect(quoted.exitCode).toBe(1);
    expect(quoted.stderr).toMatch(/^error: Internal error occurred: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "''": executable file not found in \$PATH: unknown\n$/);
  });
});
