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
 * kubectl commands that change objects (`set`, `delete` by selector), held against the real kubectl
 * 1.33 on the same objects, each line from the scenario's start: what it prints, its errors and
 * exit code.
 */
const LINES: Record<string, string[]> = {
  crashloop: [
    'kubectl set selector svc auth-db -n identity app=auth-db,tier=db',
    'kubectl set selector svc/auth-service -n identity app=auth-service -o name',
    "kubectl set selector svc/auth-service -n identity app=auth-service --dry-run=client -o jsonpath={.spec.selector}",
    'kubectl set selector deploy/auth-service -n identity app=x',
    'kubectl set selector svc/auth-service -n identity tier!=db',
    "kubectl set selector svc/auth-service -n identity 'app=auth-service,tier in (a,b)'",
    'kubectl set selector svc/auth-service -n identity app=auth-service,!canary',
    'kubectl set selector svc/auth-service -n identity replicas>2',
    'kubectl set selector svc/nope -n identity app=x',
    'kubectl set selector -n identity',
    'kubectl set serviceaccount deploy auth-service -n identity default',
    'kubectl set sa deploy/user-directory -n identity robot --dry-run=server',
    "kubectl set sa deploy/user-directory -n identity robot -o jsonpath={.spec.template.spec.serviceAccountName}",
    'kubectl set serviceaccount svc/auth-db -n identity robot',
    'kubectl set serviceaccount -n identity',
    'kubectl set serviceaccount deploy/nope -n identity robot',
    // --from over one key: kubectl walks a Go map, so with several keys its order is random.
    'kubectl set env deploy/auth-service -n identity --from=configmap/auth-service-config-v2 --keys=DB_URL --prefix=APP_ --dry-run=client -o jsonpath={.spec.template.spec.containers[0].env}',
    'kubectl set env deploy/auth-service -n identity --from=cm/auth-service-config-v2 --keys=TOKEN_TTL',
    'kubectl set env deploy/auth-service -n identity --keys=DB_URL',
    'kubectl set env deploy/auth-service -n identity --from=svc/auth-db',
    'kubectl set env deploy/auth-service -n identity --from=configmap/nope',
    ...['env', 'image', 'resources', 'selector', 'serviceaccount', 'subject'].map((c) => `kubectl set ${c} --help`),
    'kubectl delete pods -n identity --field-selector=status.phase=Running --dry-run=client',
    'kubectl delete pods -A --field-selector=status.phase=Failed',
    'kubectl delete pods -n identity -l app=auth-service --field-selector=status.phase!=Running --dry-run=client -o name',
    'kubectl delete pod x -n identity --field-selector=status.phase=Running',
    'kubectl rollout restart deploy -n identity',
    'kubectl rollout restart deploy -n identity -l app=auth-service -o name',
    'kubectl rollout restart deploy -n nothing-here',
    'kubectl rollout restart svc -n identity',
    'kubectl rollout restart deploy/auth-service deploy/nope -n identity',
    'kubectl rollout restart --help',
    'kubectl rollout restart deploy/user-directory -n identity -o name',
    // --list over objects with one label or annotation each: kubectl walks a Go map, random with several.
    'kubectl label svc auth-db -n identity --list',
    'kubectl label cm kube-root-ca.crt -n identity --list',
    'kubectl label deploy -n identity -l app=user-directory --list',
    'kubectl label deploy/user-directory -n identity --list -o yaml',
    'kubectl annotate svc auth-db -n identity --list',
  ],
  'rbac-forbidden': [
    'kubectl set subject rolebinding ci-deployer -n staging --user=alice --group=devs',
    'kubectl set subject rolebinding/ci-deployer -n production --serviceaccount=ci-cd:deployer --user=bob --user=alice -o name',
    'kubectl set subject rolebinding/ci-deployer -n production --serviceaccount=ci-cd:deployer',
    'kubectl set subject rolebinding/ci-deployer -n production --serviceaccount=deployer',
    'kubectl set subject rolebinding/ci-deployer -n production',
    'kubectl set subject clusterrolebinding/cluster-admin --serviceaccount=:admin',
    'kubectl set subject svc/kubernetes --user=alice',
    'kubectl set subject rolebinding/ci-deployer -n production --user=carol --dry-run=client -o jsonpath={.subjects[*].name}',
  ],
};

describe.skipIf(!!noKubectl)(`kubectl set and delete by selector, as the real kubectl 1.33 prints them (${noKubectl ?? 'kubectl 1.33 present'})`, () => {
  for (const [scenario, lines] of Object.entries(LINES)) {
    const parsed = parseScenario(`scenarios/${scenario}.yaml`, readFileSync(path.join(REPO_ROOT, `scenarios/${scenario}.yaml`), 'utf8'));
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    const state = Session.start(parsed.scenario).state;
    const objects = exportState(state);
    const now = rfc3339(state.now);
    it.each(lines)(`${scenario}: %s`, (line) => {
      const mine = runKubectl(state, line);
      const real = runRealKubectl(objects, splitWords(line).slice(1), now, (out) => out === mine.stdout);
      expect({ stdout: mine.stdout, stderr: mine.stderr, exitCode: mine.exitCode }).toEqual(real);
    });
  }
});

if (noKubectl) {
  describe('kubectl set and delete by selector through the real kubectl', () => {
    it.skip(`skipped: ${noKubectl}`, () => undefined);
  });
}
