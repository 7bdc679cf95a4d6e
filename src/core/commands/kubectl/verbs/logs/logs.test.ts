import { describe, expect, it } from 'vitest';
import { verb } from './index.ts';
import { runVerb } from '../describe/runVerb.ts';
import { fixtureWithRuntime, golden, haveShared } from '../../../../../../tests/real-kubectl/fixture.ts';
import type { ClusterState } from '../../../../model/state.ts';

describe.skipIf(!haveShared)('kubectl logs (fixture state; needs ../shared)', () => {
  const s = haveShared ? fixtureWithRuntime() : undefined!;
  const run = (line: string, state: ClusterState = s) => runVerb(verb, state, line.split(' ').filter(Boolean));

  it('prints the previous instance, as real kubectl does (logs-previous-oomkilled.txt)', () => {
    expect(run('checkout-api-7d9f8b6c5d-x2x9k -n shop --previous')).toEqual({ stdout: golden('logs-previous-oomkilled.txt'), stderr: '', exitCode: 0 });
    expect(run('checkout-api-7d9f8b6c5d-x2x9k -n shop -p=true').stdout).toBe(golden('logs-previous-oomkilled.txt'));
  });

  it('reads the last terminated instance of a CrashLoopBackOff container without -p', () => {
    expect(run('checkout-api-7d9f8b6c5d-x2x9k -n shop --tail=2').stdout).toBe(golden('logs-previous-oomkilled.txt').split('\n').slice(-3).join('\n'));
  });

  it('prefixes RFC 3339 times with --timestamps and the source with --prefix', () => {
    const out = run('checkout-api-7d9f8b6c5d-x2x9k -n shop -p --tail=1 --timestamps --prefix').stdout;
    expect(out).toBe('[pod/checkout-api-7d9f8b6c5d-x2x9k/checkout-api] 2024-06-12T10:24:59.500431047Z 2024-06-12T10:25:41.508Z  INFO 1 --- [nio-8080-exec-4] c.e.shop.checkout.cart.CartWarmup        : warming price cache: 412000 entries\n');
  });

  it('says when there is no previous instance (logs-previous-not-found.txt)', () => {
    expect(run('payment-service-5f6b8d7c9-4z74w -n payments --previous')).toEqual({ stdout: '', stderr: golden('logs-previous-not-found.stderr.txt'), exitCode: 1 });
  });

  it('picks the first pod of a deployment and says how many it found', () => {
    const r = run('deploy/checkout-api -n shop --previous --tail=1');
    expect(r.stderr).toBe('Found 3 pods, using pod/checkout-api-7d9f8b6c5d-p7wzn\nError from server (BadRequest): previous terminated container "checkout-api" in pod "checkout-api-7d9f8b6c5d-p7wzn" not found\n');
    expect(r.exitCode).toBe(1);
  });

  it('defaults to the first of several containers and reports a waiting one', () => {
    const pod = s.pods['shop/checkout-api-7d9f8b6c5d-x2x9k'];
    const multi = structuredClone(pod);
    multi.spec.containers.push({ ...multi.spec.containers[0], name: 'sidecar' });
    multi.status.containerStatuses!.push({ ...multi.status.containerStatuses![0], name: 'sidecar', state: { waiting: { reason: 'ContainerCreating' } }, lastState: {} });
    const st = { ...s, pods: { ...s.pods, 'shop/checkout-api-7d9f8b6c5d-x2x9k': multi } };
    const r = run('checkout-api-7d9f8b6c5d-x2x9k -n shop -p --tail=1', st);
    expect(r.stderr).toBe('Defaulted container "checkout-api" out of: checkout-api, sidecar\n');
    expect(run('checkout-api-7d9f8b6c5d-x2x9k -n shop -c sidecar', st)).toEqual({ stdout: '', stderr: 'Error from server (BadRequest): container "sidecar" in pod "checkout-api-7d9f8b6c5d-x2x9k" is waiting to start: ContainerCreating\n', exitCode: 1 });
  });

  it('answers argument errors in kubectl\'s words', () => {
    const usage = "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n";
    expect(run('-n shop')).toEqual({ stdout: '', stderr: usage, exitCode: 1 });
    expect(run('nope -n shop')).toEqual({ stdout: '', stderr: 'error: error from server (NotFound): pods "nope" not found in namespace "shop"\n', exitCode: 1 });
    expect(run('deploy/nope -n shop').stderr).toBe('error: error from server (NotFound): deployments.apps "nope" not found in namespace "shop"\n');
    expect(run('nodes/worker-3').stderr).toBe('error: cannot get the logs from *v1.Node: selector for *v1.Node not implemented\n');
    expect(run('checkout-api-7d9f8b6c5d-x2x9k -n shop -c nope').stderr).toBe('error: container nope is not valid for pod checkout-api-7d9f8b6c5d-x2x9k\n');
    expect(run('checkout-api-7d9f8b6c5d-x2x9k extra -n shop').stderr).toBe('error: container extra is not valid for pod checkout-api-7d9f8b6c5d-x2x9k\n');
    expect(run('checkout-api-7d9f8b6c5d-x2x9k -n shop --tail=-5').stderr).toBe('error: --tail must be greater than or equal to -1\n');
    expect(run('checkout-api-7d9f8b6c5d-x2x9k -n shop --tail=abc').stderr).toBe('error: invalid argument "abc" for "--tail" flag: strconv.ParseInt: parsing "abc": invalid syntax\nSee \'kubectl logs --help\' for usage.\n');
  });

  it('follows: prints lines appended after it started, and ends when the container has exited', () => {
    const r = run('checkout-api-7d9f8b6c5d-x2x9k -n shop -f --tail=0');
    expect(r.stdout).toBe('');
    const polled = r.follow!.poll(s, Date.parse('2024-06-12T10:24:59Z'), Date.parse('2024-06-12T10:25:00Z'));
    expect(polled.stdout.split('\n').length).toBe(6);
    expect(polled.done).toEqual({ exitCode: 0 });
  });

  it('answers garbage with each whole error, as real kubectl 1.33 does against the fixture', () => {
    const cases: [string, string][] = [
      ['/', 'error: arguments in resource/name form must have a single resource and name\n'],
      ['pod/', 'error: arguments in resource/name form must have a single resource and name\n'],
      ['/x', 'error: arguments in resource/name form must have a single resource and name\n'],
      ['__proto__', 'error: error from server (NotFound): pods "__proto__" not found in namespace "default"\n'],
      ['a/b/c -n x', 'error: arguments in resource/name form may not have more than one slash\n'],
      ['x -c __proto__ -n shop', 'error: error from server (NotFound): pods "x" not found in namespace "shop"\n'],
      ['-p -f --all-containers', "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n"],
    ];
    for (const [line, stderr] of cases) expect(run(line), line).toEqual({ stdout: '', stderr, exitCode: 1 });
  });
});
