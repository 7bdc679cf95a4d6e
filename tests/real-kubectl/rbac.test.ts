import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseScenario } from '../../src/core/scenario/parse.ts';
import { Session } from '../../src/core/session/session.ts';
import { rfc3339 } from '../../src/core/time.ts';
import { runRealKubectl, whyNoRealKubectl } from './compare.ts';

const noKubectl = whyNoRealKubectl();

/**
 * Our ClusterRoles' rules as the real kubectl 1.33 describes them (BreakdownRule, CompactRules,
 * sorted by the rule's printed form). kube-fake-api registers kinds it does not know as namespaced,
 * so each role is served as a Role in `default`: the describer of both kinds is the same.
 */
describe.skipIf(!!noKubectl)(`ClusterRole rules described by the real kubectl 1.33 (${noKubectl ?? 'kubectl 1.33 present'})`, () => {
  const r = parseScenario('scenarios/rbac-forbidden.yaml', readFileSync('scenarios/rbac-forbidden.yaml', 'utf8'));
  if (!r.ok) throw new Error(r.errors.join('\n'));
  const session = Session.start(r.scenario);
  it.each(['admin', 'edit', 'view', 'ci-deployer', 'system:discovery'])('describe clusterrole %s', (name) => {
    const ours = session.run(`kubectl describe clusterrole ${name}`).output;
    const obj = JSON.parse(session.run(`kubectl get clusterrole ${name} -o json`).output) as { kind: string; metadata: Record<string, unknown> };
    const role = { ...obj, kind: 'Role', metadata: { ...obj.metadata, namespace: 'default' } };
    const real = runRealKubectl([role], ['describe', 'role', name, '-n', 'default'], rfc3339(session.now), (out) => out === ours);
    expect(real.stderr).toBe('');
    expect(ours).toBe(real.stdout);
  });
});
