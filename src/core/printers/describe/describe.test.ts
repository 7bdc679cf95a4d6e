import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { KubeEvent } from '../../model/k8s.ts';
import { describeDeployment, describeNode, describePod, describePodDisruptionBudget, describeReplicaSet, eventsFor, leaseFromNode, type Lease, type PodDisruptionBudget } from './index.ts';
import { fixtureState, FIXTURE_NOW } from './fixture.ts';
import { TabWriter } from '../tabwriter.ts';
import { goSort } from './goSort.ts';
import { formatQuantity, parseQuantity } from '../../model/quantity.ts';
import { eventsTable } from '../../commands/kubectl/verbs/events/index.ts';
import { apiOrder, sortEvents } from './events.ts';

const SHARED = path.resolve(process.cwd(), '../shared/reference');
const haveShared = existsSync(path.join(SHARED, 'fixtures/cluster.json'));
const golden = (f: string) => readFileSync(path.join(SHARED, 'golden/kubectl-v1.33.1', f), 'utf8');
const fixture = () => JSON.parse(readFileSync(path.join(SHARED, 'fixtures/cluster.json'), 'utf8')) as { items: { kind: string; metadata: { name: string } }[] };

describe.skipIf(!haveShared)('describers against real kubectl 1.33 goldens (needs ../shared beside the repo)', () => {
  const fx = haveShared ? fixture() : { items: [] };
  const s = fixtureState(fx);
  const evs: KubeEvent[] = Object.values(s.events);
  const pods = () => Object.keys(s.pods).sort().map((k) => s.pods[k]);

  it.each([
    ['describe-pod-sigill.txt', 'payments', 'payment-service-6c8d7f9b4-7kq2m'],
    ['describe-pod-oomkilled.txt', 'shop', 'checkout-api-7d9f8b6c5d-x2x9k'],
  ])('%s', (file, ns, name) => {
    const pod = s.pods[`${ns}/${name}`];
    expect(describePod(pod, { events: eventsFor(evs, { name, namespace: ns, uids: [pod.metadata.uid] }) }, FIXTURE_NOW)).toBe(golden(file));
  });

  it.each(['worker-3', 'worker-7'])('describe-node-%s.txt (with the fixture Lease)', (name) => {
    const node = s.nodes[name];
    const lease = fx.items.find((i) => i.kind === 'Lease' && i.metadata.name === name) as unknown as Lease;
    const events = [...eventsFor(evs, { name, kind: 'Node', uids: [node.metadata.uid] }), ...eventsFor(evs, { name, kind: 'Node', uids: [name] })];
    expect(describeNode(node, { pods: pods(), lease, events }, FIXTURE_NOW)).toBe(golden(`describe-node-${name}.txt`));
  });

  it.each([
    ['describe-deployment-payment-service.txt', 'payments', 'payment-service'],
    ['describe-deployment-checkout-api.txt', 'shop', 'checkout-api'],
  ])('%s', (file, ns, name) => {
    const d = s.deployments[`${ns}/${name}`];
    const events = eventsFor(evs, { name, namespace: ns, kind: 'Deployment', uids: [d.metadata.uid] });
    expect(describeDeployment(d, { replicaSets: Object.values(s.replicaSets), events }, FIXTURE_NOW)).toBe(golden(file));
  });

  it('describe-rs-payment-service-6c8d7f9b4.txt', () => {
    const rs = s.replicaSets['payments/payment-service-6c8d7f9b4'];
    expect(describeReplicaSet(rs, { pods: pods(), events: [] }, FIXTURE_NOW)).toBe(golden('describe-rs-payment-service-6c8d7f9b4.txt'));
  });

  it('describe-pdb-payment-service-pdb.txt', () => {
    const pdb = fx.items.find((i) => i.kind === 'PodDisruptionBudget') as unknown as PodDisruptionBudget;
    expect(describePodDisruptionBudget(pdb, { events: [] }, FIXTURE_NOW)).toBe(golden('describe-pdb-payment-service-pdb.txt'));
  });

  it('orders more than 12 events as Go\'s unstable sort does (events-payments.txt)', () => {
    const inNs = apiOrder(evs.filter((e) => e.metadata.namespace === 'payments'));
    expect(inNs.length).toBeGreaterThan(12);
    expect(eventsTable(sortEvents(inNs), FIXTURE_NOW, false)).toBe(golden('events-payments.txt'));
  });

  it('derives the Lease from the Ready heartbeat in 10 s renewals when the state has none', () => {
    const l = leaseFromNode(s.nodes['worker-7'], FIXTURE_NOW);
    // Ready heartbeat 10:25:51; renewals every 10 s up to 10:30:00.
    expect(l.spec).toEqual({ holderIdentity: 'worker-7', leaseDurationSeconds: 40, renewTime: '2024-06-12T10:29:51.000000Z' });
  });
});

describe('TabWriter (Go text/tabwriter, describe settings)', () => {
  it('aligns a column block and restarts after a line without tabs', () => {
    const w = new TabWriter();
    w.write('Name:\tx\nService Account:\tdefault\nIPs:\n  IP:\t10.0.0.1\nControlled By:\tRS/x\n');
    expect(w.toString()).toBe('Name:             x\nService Account:  default\nIPs:\n  IP:           10.0.0.1\nControlled By:  RS/x\n');
  });
  it('pads the cell before a trailing empty text and keeps nested columns apart', () => {
    const w = new TabWriter();
    w.write('a\tb\tc\nlonger\tb\n');
    expect(w.toString()).toBe('a       b  c\nlonger  b\n');
  });
});

describe('goSort', () => {
  it('is an insertion sort (stable) up to 12 items and sorts larger inputs fully', () => {
    const small = [3, 1, 2, 1].map((v, i) => ({ v, i }));
    expect(goSort(small, (a, b) => a.v < b.v).map((x) => x.i)).toEqual([1, 3, 2, 0]);
    const big = Array.from({ length: 200 }, (_, i) => (i * 7919) % 211);
    expect(goSort([...big], (a, b) => a < b)).toEqual([...big].sort((a, b) => a - b));
  });

  // Tied keys in list order, item i carrying key keys[i]; the expected index orders are what real
  // kubectl 1.33 (Go 1.24 sort.Sort) printed for `kubectl events` over events e-000… with those
  // keys as lastTimestamp (kube-fake-api lists them by name). The 20-, 60- and 100-item cases
  // go through breakPatterns: its swap positions one slot early (the old bug) or another xorshift
  // shift triple moves tied items there.
  const tiedBy = (keys: number[]) => goSort(keys.map((k, i) => ({ k, i })), (a, b) => a.k < b.k).map((x) => x.i);
  it.each([
    ['20 items, two keys (a ReplicaSet\'s SuccessfulCreate events)', [0, 2, 2, 0, 2, 0, 2, 0, 2, 2, 0, 0, 2, 0, 2, 2, 0, 0, 2, 0],
      [10, 13, 19, 3, 17, 5, 16, 7, 0, 11, 12, 1, 9, 8, 14, 15, 6, 4, 18, 2]],
    ['17 items, three keys', Array.from({ length: 17 }, (_, i) => (i * 5) % 3),
      [6, 15, 12, 3, 9, 0, 8, 5, 11, 2, 14, 7, 4, 10, 13, 1, 16]],
    ['60 items, three keys (ninther pivots)', Array.from({ length: 60 }, (_, i) => (i * 7) % 3),
      [21, 57, 54, 3, 51, 48, 6, 45, 42, 9, 39, 36, 12, 33, 0, 15, 30, 27, 18, 24, 31, 10, 22, 58, 19, 25, 1, 55, 28, 52, 16, 4, 49, 13, 34, 46, 7, 37, 43, 40, 50, 41, 8, 38, 44, 11, 35, 47, 32, 5, 29, 14, 20, 53, 2, 17, 56, 26, 23, 59]],
    ['100 items, five keys', Array.from({ length: 100 }, (_, i) => (i * i) % 5),
      [20, 95, 90, 85, 80, 5, 75, 70, 65, 60, 10, 55, 50, 0, 45, 15, 40, 35, 30, 25, 49, 9, 99, 96, 24, 19, 26, 1, 94, 29, 91, 31, 89, 86, 34, 84, 36, 81, 4, 39, 16, 41, 79, 76, 44, 14, 46, 6, 74, 71, 69, 51, 66, 64, 54, 11, 56, 61, 21, 59, 38, 48, 62, 63, 53, 8, 52, 67, 68, 12, 7, 13, 72, 73, 42, 47, 43, 77, 57, 78, 3, 37, 82, 83, 17, 58, 33, 87, 88, 32, 2, 18, 92, 93, 28, 27, 23, 97, 98, 22]],
  ])('leaves ties where Go\'s sort.Sort leaves them: %s', (_, keys, expected) => {
    expect(tiedBy(keys)).toEqual(expected);
  });
  it('keeps 60 fully equal items in list order (partialInsertionSort finds them sorted)', () => {
    expect(tiedBy(Array.from({ length: 60 }, () => 0))).toEqual(Array.from({ length: 60 }, (_, i) => i));
  });
});

describe('quantities', () => {
  it.each([['500m', '500m'], ['1000m', '1'], ['0.5', '500m'], ['1024Mi', '1Gi'], ['768Mi', '768Mi'], ['15389544Ki', '15389544Ki'], ['93478772582', '93478772582'], ['0', '0'], ['512', '512']])('%s → %s', (a, b) => {
    expect(formatQuantity(parseQuantity(a)!)).toBe(b);
  });
  it('rejects garbage', () => {
    expect(parseQuantity('12 apples')).toBeUndefined();
    expect(parseQuantity('Mi')).toBeUndefined();
  });
});
