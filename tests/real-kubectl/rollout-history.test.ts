import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runKubectl } from '../../src/core/commands/kubectl/testing.ts';
import { parseScenario } from '../../src/core/scenario/parse.ts';
import { Session } from '../../src/core/session/session.ts';
import { rfc3339 } from '../../src/core/time.ts';
import { REPO_ROOT, runRealKubectl, whyNoRealKubectl } from './compare.ts';
import { exportState } from './export.ts';

const noKubectl = whyNoRealKubectl();

/**
 * `kubectl rollout history` over what the resource builder finds — a type alone (every object of
 * it in the namespace), several types, several names, a selector — with its errors collected
 * last, held against the real kubectl 1.33 on crashloop's objects: stdout, stderr and exit code.
 */
const LINES = [
  'kubectl rollout history deploy -n identity',
  'kubectl rollout history deployments -n data',
  'kubectl rollout history deploy',
  'kubectl rollout history deploy -n identity --revision=1',
  'kubectl rollout history deploy -n identity -l app=auth-service',
  'kubectl rollout history deploy user-directory auth-service -n identity',
  'kubectl rollout history deploy nope user-directory -n identity',
  'kubectl rollout history deploy,rs -n data',
  'kubectl rollout history rs/redis-master-7cd475d688 -n data',
  'kubectl rollout history ds -n kube-system',
  'kubectl rollout history ds/kube-proxy -n kube-system --revision=1',
  'kubectl rollout history deploy/user-directory -n identity --revision=2',
  'kubectl rollout history svc -n nothing-here',
];

describe.skipIf(!!noKubectl)(`rollout history of many objects, as the real kubectl 1.33 prints it (${noKubectl ?? 'kubectl 1.33 present'})`, () => {
  const parsed = parseScenario('scenarios/crashloop.yaml', readFileSync(path.join(REPO_ROOT, 'scenarios/crashloop.yaml'), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  const state = Session.start(parsed.scenario).state;
  const objects = exportState(state);
  const now = rfc3339(state.now);

  it.each(LINES)('%s', (line) => {
    const mine = runKubectl(state, line);
    const real = runRealKubectl(objects, line.split(' ').slice(1), now, (out) => out === mine.stdout);
    expect({ stdout: mine.stdout, stderr: mine.stderr, exitCode: mine.exitCode }).toEqual(real);
  });

  it('lists every Deployment of the namespace with a type alone', () => {
    expect(runKubectl(state, 'kubectl rollout history deploy -n identity').stdout.match(/^deployment\.apps\/\S+ $/gm)).toEqual(['deployment.apps/auth-service ', 'deployment.apps/user-directory ']);
  });
});

if (noKubectl) {
  describe('rollout history through the real kubectl', () => {
    it.skip(`skipped: ${noKubectl}`, () => undefined);
  });
}
