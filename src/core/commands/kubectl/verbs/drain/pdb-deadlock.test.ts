import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../../../scenario/parse.ts';
import { Session } from '../../../../session/session.ts';
import { isPodReady } from '../../../../sim/disruption.ts';

const OLD = 'ip-10-40-1-88';
const OLD2 = 'ip-10-40-2-145';
const scenario = (() => {
  const parsed = parseScenario('scenarios/pdb-deadlock.yaml', readFileSync('scenarios/pdb-deadlock.yaml', 'utf8'));
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.scenario;
})();
const podsOn = (s: Session, node: string) => Object.values(s.state.pods).filter((p) => p.spec.nodeName === node && p.metadata.labels?.app === 'payment-service').map((p) => p.metadata.name).sort();
const proxyOn = (s: Session, node: string) => Object.values(s.state.pods).find((p) => p.spec.nodeName === node && p.metadata.name.startsWith('kube-proxy-'))!.metadata.name;
const refused = (n: string) => `error when evicting pods/"${n}" -n "payments" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.\n`;
const PATCH_ALWAYS = `kubectl patch pdb payment-service-pdb -n payments --type=merge -p '{"spec":{"unhealthyPodEvictionPolicy":"AlwaysAllow"}}'`;

describe('kubectl drain against payment-service-pdb (pdb-deadlock)', () => {
  it('retries every 5 s while the budget allows nothing, and Ctrl-C ends it with nothing more printed', () => {
    const s = Session.start(scenario);
    const pods = podsOn(s, OLD);
    expect(pods).toHaveLength(5);
    const first = s.run(`kubectl drain ${OLD} --ignore-daemonsets`, s.now + 1000);
    expect(first.following).toBe(true);
    expect(first.output).toBe(
      `node/${OLD} already cordoned\n` +
      `Warning: ignoring DaemonSet-managed Pods: kube-system/${proxyOn(s, OLD)}\n` +
      pods.map((n) => `evicting pod payments/${n}\n`).join('') +
      pods.map(refused).join(''));
    const again = s.tick(s.now + 5000);
    expect(again.output).toBe(pods.map((n) => `evicting pod payments/${n}\n`).join('') + pods.map(refused).join(''));
    expect(s.tick(s.now + 2000).output).toBe('');
    expect(s.interrupt().output).toBe('^C\n');
    expect(s.following).toBe(false);
    expect(podsOn(s, OLD)).toEqual(pods);
  });

  it('gives up at --timeout with kubectl\'s closing lines', () => {
    const s = Session.start(scenario);
    const pods = podsOn(s, OLD);
    s.run(`kubectl drain ${OLD} --ignore-daemonsets --timeout=12s`, s.now + 1000);
    const out = s.tick(s.now + 15_000).output;
    const err = `error when evicting pods/"${pods[0]}" -n "payments": global timeout reached: 12s`;
    expect(out.endsWith(
      `There are pending pods in node "${OLD}" when an error occurred: ${err}\n` +
      pods.map((n) => `pod/${n}\n`).join('') +
      `error: unable to drain node "${OLD}" due to error: ${err}, continuing command...\n` +
      `There are pending nodes to be drained:\n ${OLD}\n${err}\n`)).toBe(true);
    expect(s.following).toBe(false);
  });

  it('goes through once the budget lets unready pods go; the pods turn Ready on upgraded nodes and the rollout finishes', () => {
    const s = Session.start(scenario);
    expect(s.run(PATCH_ALWAYS, s.now + 1000).output).toBe('poddisruptionbudget.policy/payment-service-pdb patched\n');
    const pods = podsOn(s, OLD);
    const d1 = s.run(`kubectl drain ${OLD} --ignore-daemonsets`, s.now + 1000);
    expect(d1.output).toBe(
      `node/${OLD} already cordoned\n` +
      `Warning: ignoring DaemonSet-managed Pods: kube-system/${proxyOn(s, OLD)}\n` +
      pods.map((n) => `evicting pod payments/${n}\n`).join('') +
      pods.map((n) => `pod/${n} evicted\n`).join('') +
      `node/${OLD} drained\n`);
    expect(s.run(`kubectl drain ${OLD2} --ignore-daemonsets`, s.now + 1000).output).toMatch(new RegExp(`node/${OLD2} drained\\n$`));
    const status = s.run('kubectl rollout status deployment/payment-service -n payments', s.now + 500);
    const later = status.following ? s.tick(s.now + 30_000).output : '';
    expect((status.output + later).endsWith('deployment "payment-service" successfully rolled out\n')).toBe(true);
    expect(s.following).toBe(false);
    const pay = Object.values(s.state.pods).filter((p) => p.metadata.labels?.app === 'payment-service' && !p.metadata.deletionTimestamp);
    expect(pay).toHaveLength(20);
    expect(pay.every(isPodReady)).toBe(true);
    expect(pay.some((p) => p.spec.nodeName === OLD || p.spec.nodeName === OLD2)).toBe(false);
    expect(s.run('kubectl get pdb -n payments', s.now + 1000).output).toBe(
      'NAME                  MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE\n' +
      'payment-service-pdb   15              N/A               5                     4d\n' +
      'payments-pdb          N/A             1                 0                     4d\n');
  });

  it('fails at once on a pod under two budgets (500 is not retried)', () => {
    const s = Session.start(scenario);
    expect(s.run('kubectl create pdb extra -n payments --selector=app=payment-service --max-unavailable=25%', s.now + 1000).output).toBe('poddisruptionbudget.policy/extra created\n');
    const pods = podsOn(s, OLD);
    const r = s.run(`kubectl drain ${OLD} --ignore-daemonsets`, s.now + 1000);
    expect(r.following).toBe(false);
    const errs = pods.map((n) => `error when evicting pods/"${n}" -n "payments": This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.`);
    const agg = `[${errs.join(', ')}]`;
    expect(r.output).toBe(
      `node/${OLD} already cordoned\n` +
      `Warning: ignoring DaemonSet-managed Pods: kube-system/${proxyOn(s, OLD)}\n` +
      pods.map((n) => `evicting pod payments/${n}\n`).join('') +
      `There are pending pods in node "${OLD}" when an error occurred: ${agg}\n` + pods.map((n) => `pod/${n}\n`).join('') +
      `error: unable to drain node "${OLD}" due to error: ${agg}, continuing command...\n` +
      `There are pending nodes to be drained:\n ${OLD}\n` + errs.map((e) => `${e}\n`).join(''));
    expect(s.run('kubectl delete pdb extra -n payments', s.now + 1000).output).toBe('poddisruptionbudget.policy "extra" deleted\n');
  });

  it('rollout status follows until Ctrl-C, printing nothing on interrupt', () => {
    const s = Session.start(scenario);
    const r = s.run('kubectl rollout status deploy/payment-service -n payments', s.now + 1000);
    expect(r).toMatchObject({ following: true, output: 'Waiting for deployment "payment-service" rollout to finish: 10 of 20 updated replicas are available...\n' });
    expect(s.tick(s.now + 60_000).output).toBe('');
    expect(s.interrupt().output).toBe('^C\n');
  });
});

describe('pdb verbs: patch, create, delete, get, with bad input', () => {
  it('refuses a merge patch that leaves both minAvailable and maxUnavailable set, accepts null to remove one', () => {
    const s = Session.start(scenario);
    const both = s.run(`kubectl patch pdb payment-service-pdb -n payments --type=merge -p '{"spec":{"maxUnavailable":"25%"}}'`, s.now + 1000).output;
    expect(both).toMatch(/^The PodDisruptionBudget "payment-service-pdb" is invalid: spec: Invalid value: policy\.PodDisruptionBudgetSpec\{MinAvailable:\(\*intstr\.IntOrString\)\(0xc[0-9a-f]{9}\), Selector:\(\*v1\.LabelSelector\)\(0xc[0-9a-f]{9}\), MaxUnavailable:\(\*intstr\.IntOrString\)\(0xc[0-9a-f]{9}\), UnhealthyPodEvictionPolicy:\(\*policy\.UnhealthyPodEvictionPolicyType\)\(nil\)\}: minAvailable and maxUnavailable cannot be both set\n$/);
    expect(s.run(`kubectl patch pdb payment-service-pdb -n payments --type=json -p '[{"op":"replace","path":"/spec/minAvailable","value":"101%"}]'`, s.now + 1000).output)
      .toBe('The PodDisruptionBudget "payment-service-pdb" is invalid: spec.minAvailable: Invalid value: "101%": must not be greater than 100%\n');
    expect(s.run(`kubectl patch pdb payment-service-pdb -n payments --type=merge -p '{"spec":{"unhealthyPodEvictionPolicy":"Sometimes"}}'`, s.now + 1000).output)
      .toBe('The PodDisruptionBudget "payment-service-pdb" is invalid: spec.unhealthyPodEvictionPolicy: Unsupported value: "Sometimes": supported values: "AlwaysAllow", "IfHealthyBudget"\n');
    expect(s.run(`kubectl patch pdb payment-service-pdb -n payments --type=merge -p '{"spec":{"minAvailable":null,"maxUnavailable":"25%"}}'`, s.now + 1000).output).toBe('poddisruptionbudget.policy/payment-service-pdb patched\n');
    expect(s.run('kubectl get pdb payment-service-pdb -n payments', s.now + 1000).output).toBe(
      'NAME                  MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE\npayment-service-pdb   N/A             25%               0                     4d\n');
    expect(s.run('kubectl patch pdb nope -n payments -p \'{"spec":{}}\'', s.now + 1000).output).toBe('Error from server (NotFound): poddisruptionbudgets.policy "nope" not found\n');
  });

  it('answers create pdb mistakes with kubectl\'s errors', () => {
    const s = Session.start(scenario);
    const out = (l: string) => s.run(l, s.now + 1000).output;
    expect(out('kubectl create pdb')).toBe("error: exactly one NAME is required, got 0\nSee 'kubectl create poddisruptionbudget -h' for help and examples\n");
    expect(out('kubectl create pdb a --selector=app=x')).toBe('error: one of min-available or max-unavailable must be specified\n');
    expect(out('kubectl create pdb a --selector=app=x --min-available=1 --max-unavailable=1')).toBe('error: min-available and max-unavailable cannot be both specified\n');
    expect(out('kubectl create pdb a --min-available=1')).toBe('error: a selector must be specified\n');
    expect(out('kubectl create pdb a --selector=app=x --min-available=lots')).toBe('error: invalid format specified for min-available\n');
    expect(out('kubectl create pdb payment-service-pdb -n payments --selector=app=x --min-available=1')).toBe('error: failed to create poddisruptionbudget: poddisruptionbudgets.policy "payment-service-pdb" already exists\n');
    expect(out('kubectl create pdb a --selector=app=x --min-available=1 --bogus')).toBe("error: unknown flag: --bogus\nSee 'kubectl create poddisruptionbudget --help' for usage.\n");
    expect(out('kubectl create')).toBe('error: must specify one of -f and -k\n');
    expect(out('kubectl create pdb __proto__ --selector=constructor=x --min-available=1')).toBe(
      'The PodDisruptionBudget "__proto__" is invalid: metadata.name: Invalid value: "__proto__": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\', and must start and end with an alphanumeric character (e.g. \'example.com\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\')\n');
    expect(out('kubectl create pdb a --selector=!! --max-unavailable=1')).toBe('error: couldn\'t parse the selector string "!!": unable to parse requirement: found \'!\', expected: identifier\n');
    expect(out('kubectl create pdb a b c')).toBe("error: exactly one NAME is required, got 3\nSee 'kubectl create poddisruptionbudget -h' for help and examples\n");
    expect(out('echo $?')).toBe('1\n');
    // A client dry run lists both budgets and deletes neither.
    expect(out('kubectl delete pdb --all -n payments --dry-run=client')).toBe('poddisruptionbudget.policy "payment-service-pdb" deleted (dry run)\npoddisruptionbudget.policy "payments-pdb" deleted (dry run)\n');
    expect(out('kubectl get pdb -n payments -o name')).toBe('poddisruptionbudget.policy/payment-service-pdb\npoddisruptionbudget.policy/payments-pdb\n');
  });

  it('prints the budget as yaml with the controller\'s status', () => {
    const s = Session.start(scenario);
    const y = s.run('kubectl get pdb payment-service-pdb -n payments -o yaml', s.now + 1000).output;
    expect(y).toContain('spec:\n  minAvailable: 15\n  selector:\n    matchLabels:\n      app: payment-service\nstatus:\n  conditions:\n  - lastTransitionTime: ');
    expect(y).toContain('    message: ""\n    observedGeneration: 1\n    reason: InsufficientPods\n    status: "False"\n    type: DisruptionAllowed\n  currentHealthy: 10\n  desiredHealthy: 15\n  disruptionsAllowed: 0\n  expectedPods: 20\n  observedGeneration: 1\n');
  });
});
