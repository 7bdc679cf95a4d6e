import { describe, expect, it } from 'vitest';
import { verb } from './index.ts';
import { runVerb } from '../describe/runVerb.ts';
import { fixtureWithRuntime, golden, haveShared } from '../../../../../../tests/real-kubectl/fixture.ts';

describe.skipIf(!haveShared)('kubectl events (fixture state; needs ../shared)', () => {
  const s = haveShared ? fixtureWithRuntime() : undefined!;
  const run = (line: string) => runVerb(verb, s, line.split(' ').filter(Boolean));

  it('prints the namespace\'s events as real kubectl 1.33 does', () => {
    expect(run('-n payments')).toEqual({ stdout: golden('events-payments.txt'), stderr: '', exitCode: 0 });
    expect(run('-n payments --for pod/payment-service-6c8d7f9b4-7kq2m').stdout).toBe(golden('events-for-pod-sigill.txt'));
    expect(run('-A --types=Warning').stdout).toBe(golden('events-all-namespaces-warnings.txt'));
  });

  it('drops the header with --no-headers', () => {
    expect(run('-n payments --for pod/payment-service-6c8d7f9b4-7kq2m --no-headers').stdout).toBe(golden('events-for-pod-sigill.txt').split('\n').slice(1).join('\n'));
  });

  it('answers errors and empty results in kubectl\'s words', () => {
    expect(run('-n shop --for pod/nope')).toEqual({ stdout: '', stderr: 'No events found in shop namespace.\n', exitCode: 0 });
    expect(run('-A --for pod/nope')).toEqual({ stdout: '', stderr: 'No events found.\n', exitCode: 0 });
    expect(run('--types=Bogus -n shop')).toEqual({ stdout: '', stderr: 'error: valid --types are Normal or Warning\n', exitCode: 1 });
    expect(run('--for pod -n shop')).toEqual({ stdout: '', stderr: 'error: --for must be in resource/name form\n', exitCode: 1 });
    expect(run('--for bogus/x -n shop')).toEqual({ stdout: '', stderr: 'the server doesn\'t have a resource type "bogus"\n', exitCode: 1 });
  });

  it('answers garbage with each whole output, as real kubectl 1.33 does', () => {
    // Each as kubectl 1.33 answers it against the same objects (checked through kube-fake-api).
    const cases: [string, string][] = [
      ['--for /', 'error: a resource must be present, got: /, Resource=\n'],
      ['--for /x', 'error: a resource must be present, got: /, Resource=\n'],
      ['--for a/b/c', 'error: arguments in resource/name form may not have more than one slash\n'],
      ['--for __proto__/x', 'the server doesn\'t have a resource type "__proto__"\n'],
      ['--types=,', 'error: valid --types are Normal or Warning\n'],
    ];
    for (const [line, stderr] of cases) expect(run(line), line).toEqual({ stdout: '', stderr, exitCode: 1 });
    // Words after the flags are ignored and `pod/` names no object: the default namespace's events,
    // as real kubectl 1.33 prints them for `kubectl events extra words`.
    const oom = (age: string, pid: string, anon: string, file: string, pt: string) =>
      `${age.padEnd(12)}Warning   OOMKilling   Node/worker-3   Memory cgroup out of memory: Killed process ${pid} (java) total-vm:4015344kB, anon-rss:${anon}kB, file-rss:${file}kB, shmem-rss:0kB, UID:1000 pgtables:${pt}kB oom_score_adj:936\n`;
    const defaultEvents = 'LAST SEEN   TYPE      REASON       OBJECT          MESSAGE\n' + oom('16m', '2180377', '259108', '21412', '1108') + oom('10m', '2196540', '258764', '21260', '1100') + oom('4m13s', '2211873', '259012', '21388', '1104');
    expect(run('extra words')).toEqual({ stdout: defaultEvents, stderr: '', exitCode: 0 });
    expect(run('--for pod/')).toEqual({ stdout: defaultEvents, stderr: '', exitCode: 0 });
    // Types match without regard to case.
    const all = run('-A');
    // 21 events and the header, as real kubectl lists the fixture.
    expect(all.stdout.split('\n').filter((l) => / (Normal|Warning) /.test(l))).toHaveLength(21);
    expect(run('--types=normal,WARNING -A')).toEqual(all);
    expect(run('--types=warning -A').stdout).toBe(golden('events-all-namespaces-warnings.txt'));
    expect(run('--types=normal -n shop').stdout.split('\n')[0]).toBe('LAST SEEN               TYPE     REASON    OBJECT                              MESSAGE');
  });
});
