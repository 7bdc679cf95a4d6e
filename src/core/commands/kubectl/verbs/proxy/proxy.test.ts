/**
 * `kubectl proxy` typed in a session: where it serves (as kubectl 1.33 prints it, checked with the
 * real binary), in the foreground until Ctrl-C; the bind errors an unprivileged laptop user meets.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { Session } from '../../../../session/session.ts';
import { load } from '../../../../../../tests/unit/garbage.ts';
import { findKubectl133 } from '../../../../../../tests/real-kubectl/compare.ts';

describe('kubectl proxy', () => {
  it('serves in the foreground until Ctrl-C', () => {
    const s = Session.start(load('crashloop.yaml'));
    const r = s.run('kubectl proxy');
    expect(r).toEqual({ output: 'Starting to serve on 127.0.0.1:8001\n', following: true });
    expect(s.tick(s.now + 60_000).output).toBe('');
    expect(s.interrupt().output).toBe('^C\n');
    expect(s.run('echo $?').output).toBe('130\n');
  });

  it('names the address as Go\'s listener does, and refuses what the laptop cannot bind', () => {
    const lines = ['kubectl proxy --address=0.0.0.0 -p 8080', 'kubectl proxy -u /tmp/proxy.sock', 'kubectl proxy --port=80', 'kubectl proxy --address=10.1.2.3'];
    const out = lines.map((l) => { const s = Session.start(load('crashloop.yaml')); return s.run(l).output; });
    expect(out).toEqual([
      'Starting to serve on [::]:8080\n',
      'Starting to serve on /tmp/proxy.sock\n',
      'error: listen tcp 127.0.0.1:80: bind: permission denied\n',
      'error: listen tcp 10.1.2.3:8001: bind: cannot assign requested address\n',
    ]);
  });
});

const real = findKubectl133();
describe.skipIf(!real)(`kubectl proxy --help${real ? '' : ' (skipped: no kubectl.1.33 beside kubectl)'}`, () => {
  it('prints the whole help of kubectl 1.33', () => {
    expect(Session.start(load('crashloop.yaml')).run('kubectl proxy --help').output).toBe(spawnSync(real!, ['proxy', '--help'], { encoding: 'utf8' }).stdout);
  });
});
