/**
 * `kubectl api-versions`, `kubectl plugin list` and `kubectl auth whoami` typed in a session, with
 * their help held against the real kubectl 1.33 when it is on this machine.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { Session } from '../../../../session/session.ts';
import { load } from '../../../../../../tests/unit/garbage.ts';
import { findKubectl133 } from '../../../../../../tests/real-kubectl/compare.ts';

/** Each line's output, and its exit status as the shell's `$?` reads it. */
const typed = (lines: string[], s = Session.start(load('crashloop.yaml'))) => lines.map((l) => {
  const out = s.run(l).output;
  return { out, rc: Number(s.run('echo $?').output.trim()) };
});

describe('kubectl api-versions, plugin, auth whoami', () => {
  it('api-versions lists every served group/version, sorted, the core v1 last', () => {
    const [{ out }] = typed(['kubectl api-versions']);
    const lines = out.trimEnd().split('\n');
    expect(lines).toEqual([...lines].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(lines).toEqual(expect.arrayContaining(['apps/v1', 'autoscaling/v1', 'autoscaling/v2', 'batch/v1', 'rbac.authorization.k8s.io/v1', 'authorization.k8s.io/v1']));
    expect(lines.at(-1)).toBe('v1');
  });

  it('plugin list finds no kubectl-* executable on the laptop: kubectl\'s error, exit 1', () => {
    expect(typed(['kubectl plugin list'])).toEqual([{ out: 'error: unable to find any kubectl plugins in your PATH\n', rc: 1 }]);
  });

  it('auth whoami shows the kubeconfig\'s user and groups, an impersonated service account, and the review with -o yaml', () => {
    const [me, sa, yaml] = typed(['kubectl auth whoami', 'kubectl auth whoami --as=system:serviceaccount:data:default', 'kubectl auth whoami -o yaml']);
    expect(me.out).toBe('ATTRIBUTE   VALUE\nUsername    kubernetes-admin\nGroups      [system:masters system:authenticated]\n');
    expect(sa.out).toBe('ATTRIBUTE   VALUE\nUsername    system:serviceaccount:data:default\nGroups      [system:serviceaccounts system:serviceaccounts:data system:authenticated]\n');
    expect(yaml.out).toMatch(/^apiVersion: authentication\.k8s\.io\/v1\nkind: SelfSubjectReview\nmetadata:\n  creationTimestamp: "[\dT:Z-]+"\nstatus:\n  userInfo:\n    groups:\n    - system:masters\n    - system:authenticated\n    username: kubernetes-admin\n$/);
  });
});

const real = findKubectl133();
describe.skipIf(!real)(`their --help${real ? '' : ' (skipped: no kubectl.1.33 beside kubectl)'}`, () => {
  it('prints the whole help of kubectl 1.33', () => {
    for (const words of [['api-versions'], ['plugin'], ['plugin', 'list'], ['auth', 'whoami']]) {
      expect(typed([`kubectl ${words.join(' ')} --help`])[0].out).toBe(spawnSync(real!, [...words, '--help'], { encoding: 'utf8' }).stdout);
    }
  });
});
