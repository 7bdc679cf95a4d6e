import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ClusterState } from '../../src/core/model/state.ts';
import { parseScenario } from '../../src/core/scenario/parse.ts';
import type { Scenario } from '../../src/core/scenario/types.ts';
import { Session } from '../../src/core/session/session.ts';
import { rfc3339 } from '../../src/core/time.ts';
import { REPO_ROOT, runRealKubectl, whyNoRealKubectl } from './compare.ts';
import { exportState, ours } from './export.ts';
import { canonicalMapOrder, nameAgeProjection } from './normalize.ts';

const noKubectl = whyNoRealKubectl();

function scenario(id: string): Scenario {
  const parsed = parseScenario(`scenarios/${id}.yaml`, readFileSync(path.join(REPO_ROOT, `scenarios/${id}.yaml`), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.scenario;
}

/** A scenario's built state, optionally after some learner commands (run through the session). */
function stateOf(s: Scenario, commands: string[] = []): ClusterState {
  const session = Session.start(s);
  for (const c of commands) {
    session.run(c);
    // A command that keeps running (sleep, a slow API) is let finish, a second at a time; one that
    // would run on (a drain retrying its evictions) gets its Ctrl-C after 30 s, as a learner would.
    const stop = session.now + 30_000;
    while (session.following && session.now < stop) session.tick(session.now + 1000);
    if (session.following) session.interrupt();
  }
  return session.state;
}

interface Case {
  /** Our kubectl line; the real kubectl gets the same arguments. */
  line: string;
  /** How the real output is made comparable: `map-order` for kubectl's Go-map loops. */
  normalize?: 'map-order';
}

interface World { title: string; state: () => ClusterState; describes: Case[]; gets: string[] }

/**
 * The scenarios' objects, exported with our own `kubectl get -o json`, served to the real
 * kubectl 1.33 by kube-fake-api with its clock at the state's `now`. Every `describe` and
 * `events` line must print exactly what ours prints. `get` tables are built by the API server
 * (Table responses), which kube-fake-api does not do: real kubectl then prints NAME and AGE only,
 * so for `get` we hold the NAME (and NAMESPACE) and AGE columns of our table, row by row, against
 * that — names, row order and ages, not the other cells.
 */
const WORLDS: World[] = [
  {
    title: 'crashloop as it starts',
    state: () => stateOf(scenario('crashloop')),
    describes: [
      { line: 'kubectl describe configmap auth-service-config -n identity', normalize: 'map-order' },
      { line: 'kubectl describe configmap auth-service-config-v2 -n identity', normalize: 'map-order' },
      { line: 'kubectl describe secret auth-db-credentials -n identity', normalize: 'map-order' },
      { line: 'kubectl describe service auth-service -n identity' },
      { line: 'kubectl describe daemonset kube-proxy -n kube-system' },
      { line: 'kubectl describe serviceaccount default -n identity' },
      { line: 'kubectl describe configmap kube-root-ca.crt -n identity' },
      { line: 'kubectl describe service auth-db -n identity' },
      { line: 'kubectl describe service kubernetes -n default' },
      { line: 'kubectl describe service kube-dns -n kube-system' },
      { line: 'kubectl describe deployment auth-service -n identity' },
      { line: 'kubectl describe replicaset auth-service-5c99dffc8d -n identity' },
      { line: 'kubectl describe pod auth-service-5c99dffc8d-4mcsc -n identity' },
      { line: 'kubectl describe node ip-10-60-1-21' },
      { line: 'kubectl events -n identity' },
    ],
    gets: ['kubectl get pods -n identity -o wide', 'kubectl get deploy -A', 'kubectl get rs -n identity', 'kubectl get cm -n identity', 'kubectl get secret -n identity', 'kubectl get svc -A', 'kubectl get nodes'],
  },
  {
    title: 'oomkilled as it starts',
    state: () => stateOf(scenario('oomkilled')),
    describes: [
      { line: 'kubectl describe pod quote-engine-55544987b6-v4rwf -n pricing' },
      { line: 'kubectl describe pod pdf-renderer-8fbfd7877-mmjgf -n docs' },
      { line: 'kubectl describe pod pdf-renderer-8fbfd7877-xj78g -n docs' },
      { line: 'kubectl describe node ip-10-30-3-77' },
      { line: 'kubectl describe deployment quote-engine -n pricing' },
      { line: 'kubectl describe replicaset quote-engine-55544987b6 -n pricing' },
      { line: 'kubectl events -A' },
    ],
    gets: ['kubectl get pods -A -o wide', 'kubectl get nodes'],
  },
  {
    title: 'oomkilled after ten more minutes (more OOM kills)',
    state: () => stateOf(scenario('oomkilled'), ['sleep 600']),
    describes: [
      { line: 'kubectl describe pod quote-engine-55544987b6-g9xnd -n pricing' },
      { line: 'kubectl describe node ip-10-30-1-88' },
      { line: 'kubectl events -n pricing' },
    ],
    gets: ['kubectl get pods -n pricing -o wide'],
  },
  {
    title: 'oomkilled while the node is still under MemoryPressure (history without the recovery)',
    state: () => {
      const s = scenario('oomkilled');
      return stateOf({ ...s, cluster: { ...s.cluster, history: s.cluster.history.filter((h) => h.do !== 'memoryRecovered') } });
    },
    describes: [
      { line: 'kubectl describe node ip-10-30-3-77' },
      { line: 'kubectl describe pod pdf-renderer-8fbfd7877-mmjgf -n docs' },
      { line: 'kubectl events -n docs' },
    ],
    gets: ['kubectl get nodes', 'kubectl get pods -n docs -o wide'],
  },
  {
    title: 'pdb-deadlock as it starts',
    state: () => stateOf(scenario('pdb-deadlock')),
    describes: [
      { line: 'kubectl describe pdb payment-service-pdb -n payments' },
      { line: 'kubectl describe pdb payments-pdb -n payments' },
      { line: 'kubectl describe deployment payment-service -n payments' },
      { line: 'kubectl describe replicaset payment-service-98c7f5bb -n payments' },
      { line: 'kubectl describe replicaset fraud-scorer-6f44857d98 -n payments' },
      { line: 'kubectl describe node ip-10-40-1-88' },
      { line: 'kubectl events -n payments' },
    ],
    gets: ['kubectl get pdb -n payments', 'kubectl get pods -n payments -o wide', 'kubectl get rs -n payments', 'kubectl get deploy -n payments', 'kubectl get nodes'],
  },
  {
    title: 'pdb-deadlock after a drain blocked for 30 s',
    state: () => stateOf(scenario('pdb-deadlock'), ['kubectl drain ip-10-40-1-88 --ignore-daemonsets']),
    describes: [
      { line: 'kubectl describe node ip-10-40-1-88' },
      { line: 'kubectl describe pdb payment-service-pdb -n payments' },
    ],
    gets: ['kubectl get nodes', 'kubectl get pdb -A'],
  },
  {
    title: 'pending as it starts',
    state: () => stateOf(scenario('pending')),
    describes: [
      { line: 'kubectl describe resourcequota risk-compute -n risk' },
      { line: 'kubectl describe limitrange risk-defaults -n risk' },
      { line: 'kubectl describe pvc model-store-data -n ml' },
      { line: 'kubectl describe storageclass gp3', normalize: 'map-order' },
      { line: 'kubectl describe storageclass gp2', normalize: 'map-order' },
      { line: 'kubectl describe node ip-10-64-1-17' },
      { line: 'kubectl describe node ip-10-64-8-11' },
      { line: 'kubectl describe deployment fraud-scorer -n risk' },
      { line: 'kubectl describe namespace risk' },
      { line: 'kubectl describe namespace ml' },
      { line: 'kubectl events -n risk' },
    ],
    // limitranges have no server table (NAME and CREATED AT), so the NAME/AGE projection does not apply.
    gets: ['kubectl get pods -n risk -o wide', 'kubectl get quota -n risk', 'kubectl get pvc -A', 'kubectl get sc'],
  },
  {
    title: 'pending after the default StorageClass is set and the fixes roll out',
    state: () => stateOf(scenario('pending'), [
      'kubectl annotate storageclass gp3 storageclass.kubernetes.io/is-default-class=true',
      'kubectl set resources deployment fraud-scorer -n risk --requests=cpu=300m,memory=1Gi',
      'sleep 30',
    ]),
    describes: [
      { line: 'kubectl describe pvc model-store-data -n ml' },
      { line: 'kubectl describe resourcequota risk-compute -n risk' },
      { line: 'kubectl describe storageclass gp3', normalize: 'map-order' },
      { line: 'kubectl describe pv' },
      { line: 'kubectl describe pod -n ml -l app=model-store' },
    ],
    // A default class's NAME cell carries ` (default)` in the server's table only.
    gets: ['kubectl get pv', 'kubectl get pvc -A'],
  },
  {
    title: 'etcd-slowness as it starts',
    state: () => stateOf(scenario('etcd-slowness')),
    describes: [
      { line: 'kubectl describe pod etcd-cp-1 -n kube-system' },
      { line: 'kubectl describe pod kube-apiserver-cp-2 -n kube-system' },
      { line: 'kubectl describe node cp-1' },
      { line: 'kubectl describe node wk-3' },
      { line: 'kubectl describe deployment report-fanout -n reporting' },
      { line: 'kubectl events -A' },
    ],
    gets: ['kubectl get pods -n kube-system -o wide', 'kubectl get nodes'],
  },
  {
    title: 'etcd-slowness 20 s later, while wk-3 blinks NotReady',
    state: () => stateOf(scenario('etcd-slowness'), ['sleep 5', 'sleep 5', 'sleep 5', 'sleep 5']),
    describes: [
      { line: 'kubectl describe node wk-3' },
      { line: 'kubectl events -A' },
    ],
    gets: ['kubectl get nodes'],
  },
];

describe.skipIf(!!noKubectl)(`scenario objects through the real kubectl 1.33 (${noKubectl ?? 'kubectl 1.33 present'})`, () => {
  describe.each(WORLDS)('$title', (world) => {
    const state = world.state();
    const objects = exportState(state);
    const now = rfc3339(state.now);
    const argsOf = (line: string) => line.split(' ').slice(1);

    it.each(world.describes)('$line', ({ line, normalize }) => {
      const mine = ours(state, line);
      const comparable = (out: string) => (normalize === 'map-order' ? canonicalMapOrder(out, mine) : out);
      const real = runRealKubectl(objects, argsOf(line), now, (out) => comparable(out) === mine);
      expect(real.stderr).toBe('');
      expect(mine).not.toBe('');
      expect(mine).toBe(comparable(real.stdout));
    });

    it.each(world.gets)('%s: NAME and AGE columns', (line) => {
      const mine = ours(state, line);
      const real = runRealKubectl(objects, argsOf(line), now, (out) => out === nameAgeProjection(mine));
      expect(real.stderr).toBe('');
      expect(nameAgeProjection(mine)).toBe(real.stdout);
    });
  });
});

if (noKubectl) {
  describe('scenario objects through the real kubectl', () => {
    it.skip(`skipped: ${noKubectl}`, () => undefined);
  });
}
