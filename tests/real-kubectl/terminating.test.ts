import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/core/scenario/parse.ts';
import { Session } from '../../src/core/session/session.ts';
import { rfc3339 } from '../../src/core/time.ts';
import { compareWithRealKubectl, REPO_ROOT, whyNoRealKubectl } from './compare.ts';

const noKubectl = whyNoRealKubectl();

/**
 * The terminating gauntlet's objects as our terminal exports them, described by the real kubectl 1.33
 * through kube-fake-api: a StatefulSet (the kind's describer), a pod stuck Terminating on a dead
 * node, one held by a finalizer in its terminal phase, and the namespace stuck deleting.
 */
describe.skipIf(!!noKubectl)(`terminating objects described by the real kubectl (${noKubectl ?? 'kubectl 1.33 present'})`, () => {
  const parsed = parseScenario('scenarios/terminating.yaml', readFileSync(path.join(REPO_ROOT, 'scenarios/terminating.yaml'), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  const session = Session.start(parsed.scenario);
  const json = (line: string) => JSON.parse(session.run(line).output) as { items?: unknown[] };
  const now = rfc3339(session.now);

  it('describe statefulset with a replica Terminating on a dead node', () => {
    const ours = session.run('kubectl describe statefulset ledger-db -n ledger').output;
    const objects = [...json('kubectl get statefulset,pods,events -n ledger -o json').items!];
    const real = compareWithRealKubectl(objects, 'statefulset', 'ledger-db', 'ledger', ours, now);
    expect(real.stderr).toBe('');
    expect(ours).toBe(real.real);
  });

  it('describe pod of ledger-db-0, Terminating with its grace period', () => {
    const ours = session.run('kubectl describe pod ledger-db-0 -n ledger').output;
    const objects = [json('kubectl get pod ledger-db-0 -n ledger -o json'), ...json('kubectl get events -n ledger --field-selector involvedObject.name=ledger-db-0 -o json').items!];
    const real = compareWithRealKubectl(objects, 'pod', 'ledger-db-0', 'ledger', ours, now);
    expect(real.stderr).toBe('');
    expect(ours).toBe(real.real);
  });

  it('describe pod of an old route-planner pod held by a finalizer (phase Failed)', () => {
    const name = session.run("kubectl get pods -n dispatch | grep Error | head -1 | awk '{print $1}'").output.trim();
    const ours = session.run(`kubectl describe pod ${name} -n dispatch`).output;
    const real = compareWithRealKubectl([json(`kubectl get pod ${name} -n dispatch -o json`)], 'pod', name, 'dispatch', ours, now);
    expect(real.stderr).toBe('');
    expect(ours).toBe(real.real);
  });

  it('describe namespace relay-system, Terminating', () => {
    const ours = session.run('kubectl describe namespace relay-system').output;
    const real = compareWithRealKubectl([json('kubectl get namespace relay-system -o json')], 'namespace', 'relay-system', undefined, ours, now);
    expect(real.stderr).toBe('');
    expect(ours).toBe(real.real);
  });
});
