import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/parse.ts';
import { Session } from '../session/session.ts';
import { tinyScenarioYaml } from '../testing/tinyScenario.ts';

const CPU = '    c: { vendorId: GenuineIntel, modelName: CPU, family: 6, model: 106, stepping: 6, microcode: "0x1", mhz: 2900, cacheKb: 55296, bogomips: 5800, addressSizes: 46 bits physical, flags: "fpu sse" }';
const image = (ref: string, c: string) => `    - { ref: "${ref}", digest: "sha256:${c.repeat(64)}", size: 10Mi, binary: /app/run, shell: false, cpu: 10m, memory: 20Mi, logs: [{ after: 0s, text: "up" }] }`;

/**
 * Two nodes; an operator (relay-operator in relay-system) whose webhook adds `relay.test/drain` to
 * every pod in default and which releases it on deletion; route-planner, then label-printer
 * (ignores SIGTERM, 45 s grace) and a 3-replica StatefulSet. History: the operator's namespace is
 * deleted a day ago (its ConfigMap keeps the operator's other finalizer), route-planner rolls out
 * 3 h ago; node-2 powers off 30 min ago when `lost` is set.
 */
export function terminatingSession(opts: { lost?: boolean } = {}): Session {
  let yaml = tinyScenarioYaml({
    cpuModels: CPU,
    nodes: '    - { name: node-1, ip: 10.0.0.10, zone: eu-west-1a, instanceType: m5.2xlarge, cpu: c, age: 10d }\n    - { name: node-2, ip: 10.0.0.11, zone: eu-west-1b, instanceType: m5.2xlarge, cpu: c, age: 10d }',
    images: [image('registry.test/relay-operator:1', 'a'), image('registry.test/route-planner:1', 'b'), image('registry.test/route-planner:2', 'c'), image('registry.test/label-printer:4', 'd'), image('registry.test/ledger-db:15', 'e')].join('\n'),
    workloads: `    - { name: relay-operator, namespace: relay-system, replicas: 1, image: "registry.test/relay-operator:1" }
    - { name: route-planner, namespace: dispatch, replicas: 2, image: "registry.test/route-planner:1" }
    - { name: label-printer, namespace: default, replicas: 1, image: "registry.test/label-printer:4", terminationGracePeriodSeconds: 45 }
    - { name: web, namespace: default, replicas: 1, image: "registry.test/route-planner:2", preStop: { sleep: 5 } }
  statefulSets:
    - { name: ledger-db, namespace: ledger, replicas: 2, image: "registry.test/ledger-db:15", serviceName: ledger-db, ports: [5432] }
  configMaps:
    - { name: relay-routes, namespace: relay-system, age: 2d, data: { routes: "all" }, finalizers: [relay.test/route-cleanup] }`,
    history: `    - { ago: 1d, do: deleteNamespace, namespace: relay-system }
    - { ago: 3h, do: setImage, workload: route-planner, image: "registry.test/route-planner:2" }`,
    faults: `  - { kind: controller-finalizer, finalizer: relay.test/drain, controller: relay-system/relay-operator, namespaces: [dispatch] }
  - { kind: controller-finalizer, finalizer: relay.test/route-cleanup, controller: relay-system/relay-operator }
  - { kind: sigterm-ignored, images: ["registry.test/label-printer:*"] }
${opts.lost ? '  - { kind: kubelet-down, nodes: [node-2], at: "2025-12-31T23:30:00Z", mode: powered-off }' : ''}`,
  });
  yaml = yaml.replace('- { ago: 0s, do: start }', '- { ago: 2d, do: start }').replace('namespaces: [default]', 'namespaces: [default, dispatch, relay-system, ledger]')
    .replace('    labels: {}', '').replace(/(  nodeDefaults:\n)/, '$1');
  const r = parseScenario('scenarios/tiny.yaml', yaml);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return Session.start(r.scenario);
}

const names = (s: Session, ns: string, grep: string) => s.run(`kubectl get pods -n ${ns} --no-headers | grep ${grep} | cut -d" " -f1`).output.trim().split('\n').filter(Boolean);

describe('finalizers an uninstalled operator left behind', () => {
  it('old pods stay after the rollout in their terminal phase, held by the finalizer; patching it away lets them go', () => {
    const s = terminatingSession();
    const old = names(s, 'dispatch', 'Error');
    expect(old).toHaveLength(2);
    expect(s.run('kubectl get pods -n dispatch').output).toMatch(new RegExp(`${old[0]}\\s+0/1\\s+Error\\s+0\\s+2d\\n`));
    expect(s.run(`kubectl get pod ${old[0]} -n dispatch -o jsonpath='{.metadata.finalizers}{" "}{.metadata.deletionTimestamp}{" "}{.metadata.deletionGracePeriodSeconds}'`).output)
      .toBe('["relay.test/drain"] 2025-12-31T21:00:32Z 0');
    expect(s.run(`kubectl get pod ${old[0]} -n dispatch -o yaml | grep -A1 finalizers`).output).toBe('  finalizers:\n  - relay.test/drain\n');
    // The new pods were created after the operator went: no finalizer.
    expect(s.run(`kubectl get pods -n dispatch -l app=route-planner -o jsonpath='{range .items[*]}{.status.phase}{":"}{.metadata.finalizers}{" "}{end}'`).output)
      .toBe('Running: Running: Failed:["relay.test/drain"] Failed:["relay.test/drain"] ');
    // --force does not get past a finalizer: the object stays.
    const forced = s.run(`kubectl delete pod ${old[0]} -n dispatch --grace-period=0 --force --wait=false`);
    expect(forced.output).toBe(`Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\npod "${old[0]}" force deleted\n`);
    expect(s.run(`kubectl get pod ${old[0]} -n dispatch --no-headers`).output).toMatch(/0\/1\s+Error/);
    expect(s.run(`kubectl patch pod ${old[0]} -n dispatch -p '{"metadata":{"finalizers":[]}}' --type=merge`).output).toBe(`pod/${old[0]} patched\n`);
    expect(s.run(`kubectl patch pod ${old[1]} -n dispatch --type=json -p '[{"op":"remove","path":"/metadata/finalizers"}]'`).output).toBe(`pod/${old[1]} patched\n`);
    expect(s.run(`kubectl get pod ${old[0]} ${old[1]} -n dispatch`).output).toBe(`Error from server (NotFound): pods "${old[0]}" not found\nError from server (NotFound): pods "${old[1]}" not found\n`);
  });

  it('the operator\'s namespace stays Terminating with the controller\'s conditions until the last finalizer goes', () => {
    const s = terminatingSession();
    expect(s.run('kubectl get ns relay-system').output).toBe('NAME           STATUS        AGE\nrelay-system   Terminating   10d\n');
    expect(s.run(`kubectl get ns relay-system -o jsonpath='{range .status.conditions[*]}{.type}{" "}{.status}{" "}{.reason}{": "}{.message}{"\\n"}{end}'`).output).toBe(
      'NamespaceDeletionDiscoveryFailure False ResourcesDiscovered: All resources successfully discovered\n'
      + 'NamespaceDeletionGroupVersionParsingFailure False ParsedGroupVersions: All legacy kube types successfully parsed\n'
      + 'NamespaceDeletionContentFailure False ContentDeleted: All content successfully deleted, may be waiting on finalization\n'
      + 'NamespaceContentRemaining True SomeResourcesRemain: Some resources are remaining: configmaps. has 1 resource instances\n'
      + 'NamespaceFinalizersRemaining True SomeFinalizersRemain: Some content in the namespace has finalizers remaining: relay.test/route-cleanup in 1 resource instances\n');
    // Everything without a finalizer went: the operator, its pods, the default ServiceAccount.
    expect(s.run('kubectl get all,sa -n relay-system').output).not.toContain('relay-operator');
    expect(s.run('kubectl get cm -n relay-system').output).toBe('NAME           DATA   AGE\nrelay-routes   1      2d\n');
    expect(s.run(`kubectl patch cm relay-routes -n relay-system --type=merge -p '{"metadata":{"finalizers":null}}'`).output).toBe('configmap/relay-routes patched\n');
    expect(s.run('kubectl get ns relay-system').output).toBe('Error from server (NotFound): namespaces "relay-system" not found\n');
  });
});

describe('graceful termination', () => {
  it('an app that ignores SIGTERM takes exactly its grace period, then SIGKILL: 137', () => {
    const s = terminatingSession();
    const [p] = names(s, 'default', 'label-printer');
    expect(s.run(`kubectl delete pod ${p} --wait=false`).output).toBe(`pod "${p}" deleted\n`);
    s.run('sleep 44');
    expect(s.run(`kubectl get pod ${p} --no-headers`).output).toMatch(/1\/1\s+Terminating/);
    s.run('sleep 2');
    expect(s.run(`kubectl get pod ${p}`).output).toBe(`Error from server (NotFound): pods "${p}" not found\n`);
    const journal = s.run('ssh node-1 journalctl -u containerd --no-pager -o cat | grep -e StopContainer -e "Stop container" -e "Kill container" -e TaskExit | tail -5').output;
    expect(journal.split('\n').map((l) => l.replace(/[0-9a-f]{64}/g, 'ID').replace(/time="[^"]+"/, 'time'))).toEqual([
      'time level=info msg="StopContainer for \\"ID\\" with timeout 45 (s)"',
      'time level=info msg="Stop container \\"ID\\" with signal terminated"',
      'time level=info msg="Kill container \\"ID\\""',
      expect.stringMatching(/^time level=info msg="TaskExit event container_id:\\"ID\\" id:\\"ID\\" pid:\d+ exit_status:137 exited_at:\{seconds:1767225645/),
      'time level=info msg="StopContainer for \\"ID\\" returns successfully"',
      '',
    ]);
  });

  it('a well-behaved app with a 5 s preStop sleep goes in about 7 s', () => {
    const s = terminatingSession();
    const [p] = names(s, 'default', 'web');
    s.run(`kubectl delete pod ${p} --wait=false`);
    s.run('sleep 6');
    expect(s.run(`kubectl get pod ${p} --no-headers`).output).toMatch(/Terminating/);
    s.run('sleep 2');
    expect(s.run(`kubectl get pod ${p}`).output).toBe(`Error from server (NotFound): pods "${p}" not found\n`);
  });
});

describe('a StatefulSet pod on a machine that is gone', () => {
  it('stays Terminating, its identity is not replaced until it is force-deleted; then the controller recreates it elsewhere', () => {
    const s = terminatingSession({ lost: true });
    expect(s.run('kubectl get pods -n ledger -o wide --no-headers').output).toMatch(/ledger-db-1\s+1\/1\s+Terminating\s+0\s+47h\s+\S+\s+node-2/);
    expect(s.run('kubectl get sts -n ledger').output).toBe('NAME        READY   AGE\nledger-db   1/2     2d\n');
    expect(s.run('ssh node-2 uptime; echo $?').output).toBe('ssh: connect to host 10.0.0.11 port 22: Connection timed out\n255\n');
    expect(s.run('kubectl delete pod ledger-db-1 -n ledger --grace-period=0 --force').output).toBe('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\npod "ledger-db-1" force deleted\n');
    s.run('sleep 5');
    expect(s.run('kubectl get pods -n ledger -o wide --no-headers').output).toMatch(/ledger-db-1\s+1\/1\s+Running\s+0\s+\d+s\s+\S+\s+node-1/);
    expect(s.run('kubectl get sts -n ledger').output).toBe('NAME        READY   AGE\nledger-db   2/2     2d\n');
  });
});
