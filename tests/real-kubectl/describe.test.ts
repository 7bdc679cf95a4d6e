import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { KubeObject, Pod } from '../../src/core/model/k8s.ts';
import type { ClusterState } from '../../src/core/model/state.ts';
import { verb } from '../../src/core/commands/kubectl/verbs/describe/index.ts';
import { runVerb } from '../../src/core/commands/kubectl/verbs/describe/runVerb.ts';
import { relatedOf } from '../../src/core/kinds/registry.ts';
import { describeNode, leaseFromNode, type Lease } from '../../src/core/printers/describe/index.ts';
import { fixtureState, FIXTURE_NOW } from '../../src/core/printers/describe/fixture.ts';
import { compareWithRealKubectl, SHARED_DIR, whyNoRealKubectl } from './compare.ts';

const FIXTURE = path.join(SHARED_DIR, 'reference/fixtures/cluster.json');
const GOLDEN = path.join(SHARED_DIR, 'reference/golden/kubectl-v1.33.1');
const noShared = existsSync(FIXTURE) ? undefined : `shared/ not found beside the repository (${FIXTURE})`;
const noKubectl = whyNoRealKubectl();

interface Case { title: string; kind: string; name: string; namespace?: string; golden: string }
const CASES: Case[] = [
  { title: 'the SIGILL pod', kind: 'pod', name: 'payment-service-6c8d7f9b4-7kq2m', namespace: 'payments', golden: 'describe-pod-sigill.txt' },
  { title: 'the OOMKilled pod', kind: 'pod', name: 'checkout-api-7d9f8b6c5d-x2x9k', namespace: 'shop', golden: 'describe-pod-oomkilled.txt' },
  { title: 'node worker-7', kind: 'node', name: 'worker-7', golden: 'describe-node-worker-7.txt' },
  { title: 'the stuck deployment', kind: 'deployment', name: 'payment-service', namespace: 'payments', golden: 'describe-deployment-payment-service.txt' },
];

/** Everything real kubectl's describer reads for the object: the object, its events and related objects. */
function objectsFor(state: ClusterState, kind: string, name: string, namespace: string | undefined): unknown[] {
  const key = `${namespace}/${name}`;
  const object: KubeObject = kind === 'node' ? state.nodes[name] : kind === 'pod' ? state.pods[key] : state.deployments[key];
  const related = relatedOf(state, object, true);
  const items: unknown[] = [object, ...(related.events ?? []), ...(related.pods ?? []), ...(related.replicaSets ?? [])];
  if (kind === 'node') items.push(leaseFromNode(state.nodes[name], state.now));
  return items;
}

describe.skipIf(!!noShared)(`our describe vs the golden files (${noShared ?? 'shared/ present'})`, () => {
  const fx = noShared ? { items: [] as { kind: string; metadata: { name: string } }[] } : JSON.parse(readFileSync(FIXTURE, 'utf8'));
  const state = fixtureState(fx);
  it.each(CASES)('$title equals $golden', (c) => {
    const expected = readFileSync(path.join(GOLDEN, c.golden), 'utf8');
    if (c.kind === 'node') {
      // The golden was captured with the fixture's own Lease; ours derives one when the state has none.
      const lease = fx.items.find((i: { kind: string; metadata: { name: string } }) => i.kind === 'Lease' && i.metadata.name === c.name) as Lease;
      const node = state.nodes[c.name];
      expect(describeNode(node, { ...relatedOf(state, node, true), lease }, FIXTURE_NOW)).toBe(expected);
    } else {
      expect(runVerb(verb, state, [c.kind, c.name, '-n', c.namespace!])).toEqual({ stdout: expected, stderr: '', exitCode: 0 });
    }
  });
});

describe.skipIf(!!noShared || !!noKubectl)(`our describe vs live kubectl 1.33 on the same objects (${noShared ?? noKubectl ?? 'tools present'})`, () => {
  const state = noShared ? (undefined as unknown as ClusterState) : fixtureState(JSON.parse(readFileSync(FIXTURE, 'utf8')));
  it.each(CASES)('$title', (c) => {
    const ours = runVerb(verb, state, [c.kind, c.name, ...(c.namespace ? ['-n', c.namespace] : [])]).stdout;
    const r = compareWithRealKubectl(objectsFor(state, c.kind, c.name, c.namespace), c.kind, c.name, c.namespace, ours);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(ours).toBe(r.real);
  });

  it('also holds for a pod the simulation changed (restarted, now Running)', () => {
    const pod = structuredClone(state.pods['shop/checkout-api-7d9f8b6c5d-x2x9k']) as Pod;
    pod.status.containerStatuses![0].state = { running: { startedAt: '2024-06-12T10:29:40Z' } };
    pod.status.containerStatuses![0].ready = true;
    pod.status.containerStatuses![0].restartCount = 13;
    pod.metadata.annotations = { 'kubectl.kubernetes.io/restartedAt': '2024-06-12T10:20:00Z', note: 'x'.repeat(150) };
    const changed = { ...state, pods: { ...state.pods, 'shop/checkout-api-7d9f8b6c5d-x2x9k': pod } };
    const ours = runVerb(verb, changed, ['pod', pod.metadata.name, '-n', 'shop']).stdout;
    const r = compareWithRealKubectl(objectsFor(changed, 'pod', pod.metadata.name, 'shop'), 'pod', pod.metadata.name, 'shop', ours);
    expect(ours).toBe(r.real);
  });
});

if (noShared || noKubectl) {
  // Say loudly why the live comparison did not run, so a green run is never mistaken for a check.
  describe('real-kubectl comparison', () => {
    it.skip(`skipped: ${noShared ?? noKubectl}`, () => undefined);
  });
}
