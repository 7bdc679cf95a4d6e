/**
 * Grows a scenario to the size of a real cluster for the scale bench: `nodes` nodes and about
 * `pods` pods, keeping the incident's shape. For sigill-node: a tenth of the nodes are the
 * autoscaler's late m5a nodes (the scenario's own faulty node among them, under its own name), a
 * tenth of the pods are ledger-api (scaled up after the late nodes joined, so some land there and
 * crash-loop), kube-proxy runs on every node, and the rest are 50-replica web services spread over
 * team namespaces. Pure data in, data out: the result goes through the same build as any scenario.
 */
import { clone } from '../../src/core/clone.ts';
import type { Scenario } from '../../src/core/scenario/types.ts';

/** Replicas per generated web service. */
const SERVICE_REPLICAS = 50;
/** Generated services per team namespace. */
const SERVICES_PER_TEAM = 5;

/**
 * A copy of `base` (sigill-node) with `nodes` nodes and about `pods` pods (exact when the numbers
 * divide evenly). The base's nodes, workloads and history stay; new ones are added beside them.
 */
export function growScenario(base: Scenario, pods: number, nodes: number): Scenario {
  const s = clone(base);
  const spec = s.cluster;
  const template = spec.nodes.find((n) => !s.faultyNodes.includes(n.name))!;
  const faultyTemplate = spec.nodes.find((n) => s.faultyNodes.includes(n.name))!;
  const zones = [...new Set(spec.nodes.map((n) => n.zone))];
  const lateNodes = Math.max(1, Math.round(nodes / 10));
  const extra = nodes - spec.nodes.length;
  const added: typeof spec.nodes = [];
  for (let i = 0; i < extra; i++) {
    const late = i < lateNodes - 1;
    const a = 100 + Math.floor(i / 250);
    const b = (i % 250) + 1;
    const t = late ? faultyTemplate : template;
    added.push({ ...t, name: `ip-10-${a}-${Math.floor(b / 10)}-${b}`, ip: `10.${a}.${Math.floor(b / 10)}.${b}`, zone: zones[i % zones.length] });
  }
  spec.nodes.push(...added);
  const lateNames = [...s.faultyNodes, ...added.filter((n) => n.instanceType === faultyTemplate.instanceType).map((n) => n.name)];
  s.faultyNodes = lateNames;

  // ledger-api: a tenth of the pods, three quarters of them before the late nodes joined.
  const ledger = spec.workloads.find((w) => w.name === 'ledger-api')!;
  const ledgerPods = Math.round(pods / 10);
  ledger.replicas = Math.round((ledgerPods * 3) / 4);
  const fixed = nodes * spec.daemonSets.length + spec.workloads.filter((w) => w !== ledger).reduce((n, w) => n + w.replicas, 0) + ledgerPods;
  const web = spec.workloads.find((w) => w.name === 'storefront')!;
  let rest = Math.max(0, pods - fixed) + web.replicas;
  web.replicas = Math.min(rest, SERVICE_REPLICAS);
  rest -= web.replicas;
  for (let i = 0; rest > 0; i++) {
    const team = `team-${String(Math.floor(i / SERVICES_PER_TEAM) + 1).padStart(2, '0')}`;
    if (!spec.namespaces.includes(team)) spec.namespaces.push(team);
    const replicas = Math.min(rest, SERVICE_REPLICAS);
    spec.workloads.push({ ...clone(web), name: `web-${String(i + 1).padStart(3, '0')}`, namespace: team, replicas, requests: { cpu: '100m', memory: '128Mi' } });
    rest -= replicas;
  }

  // History: the late nodes join with the scenario's own, then ledger-api scales up to its tenth.
  const history = [];
  for (const h of spec.history) {
    if (h.do === 'addNode' && s.faultyNodes.includes(h.node)) {
      for (const name of lateNames) history.push({ ...h, node: name });
    } else if (h.do === 'scale' && h.workload === 'ledger-api') {
      history.push({ ...h, replicas: ledgerPods });
    } else history.push(h);
  }
  spec.history = history;
  s.meta = { ...s.meta, id: `${s.meta.id}-x${pods}` };
  return s;
}
