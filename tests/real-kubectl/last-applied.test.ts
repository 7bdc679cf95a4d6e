import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runKubectl, splitWords } from '../../src/core/commands/kubectl/testing.ts';
import { parseScenario } from '../../src/core/scenario/parse.ts';
import { Session } from '../../src/core/session/session.ts';
import { rfc3339 } from '../../src/core/time.ts';
import { REPO_ROOT, runRealKubectl, whyNoRealKubectl } from './compare.ts';
import { exportState } from './export.ts';

const noKubectl = whyNoRealKubectl();

/**
 * `kubectl apply view-last-applied` on objects whose annotation `apply set-last-applied` wrote in
 * the simulation, held against the real kubectl 1.33 reading the same objects.
 */
const LINES = [
  'kubectl apply view-last-applied deploy/user-directory -n identity',
  'kubectl apply view-last-applied deploy/user-directory -n identity -o json',
  'kubectl apply view-last-applied deploy -n identity',
  'kubectl apply view-last-applied deploy auth-service user-directory -n identity',
  'kubectl apply view-last-applied deploy/user-directory -n identity -o wide',
  'kubectl apply view-last-applied deploy/nope -n identity',
  'kubectl apply view-last-applied -n identity',
];

describe.skipIf(!!noKubectl)(`apply view-last-applied, as the real kubectl 1.33 prints it (${noKubectl ?? 'kubectl 1.33 present'})`, () => {
  const parsed = parseScenario('scenarios/crashloop.yaml', readFileSync(path.join(REPO_ROOT, 'scenarios/crashloop.yaml'), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  const session = Session.start(parsed.scenario);
  session.run('kubectl get deploy user-directory -n identity -o yaml > /tmp/ud.yaml');
  expect(session.run('kubectl apply set-last-applied -f /tmp/ud.yaml --create-annotation').output).toBe('deployment.apps/user-directory configured\n');
  const state = session.state;
  // The annotation holds dates as text: kube-fake-api must not shift them (its frozen-clock filter).
  process.env.NO_UNSHIFT = '1';
  const objects = exportState(state);
  const now = rfc3339(state.now);

  it.each(LINES)('%s', (line) => {
    const mine = runKubectl(state, line);
    const real = runRealKubectl(objects, splitWords(line).slice(1), now, (out) => out === mine.stdout);
    expect({ stdout: mine.stdout, stderr: mine.stderr, exitCode: mine.exitCode }).toEqual(real);
  });
});

if (noKubectl) {
  describe('apply view-last-applied through the real kubectl', () => {
    it.skip(`skipped: ${noKubectl}`, () => undefined);
  });
}
