// The kind registry before kinds/apiservice.ts: apiservice reaches sim/network, whose fault stages load the
// registry, which lists apiservice; entered from here first, that cycle would read apiService before it exists.
import '../kinds/registry.ts';
import type { Container, Node, Pod } from '../model/k8s.ts';
import type { ClusterState } from '../model/state.ts';
import { parseQuantity, quantityValue } from '../model/quantity.ts';
import { hashString } from './rng.ts';
import { apiServiceAvailable } from '../kinds/apiservice.ts';
import { containerMemoryBytes } from './memory.ts';
import { cpuLimitMilli, demandAt, usedMilli } from './cpu.ts';

/** One container's usage as metrics-server would report it: millicores and bytes. */
export interface Usage { cpuMilli: number; memBytes: number }

const MI = 1024 * 1024;
/** metrics-server scrapes every 15 s; readings move between scrapes, not within one. */
const SCRAPE_MS = 15_000;

/** A deterministic factor in [1 - spread, 1 + spread] from a key (no PRNG draw). */
const wobble = (key: string, spread: number) => 1 - spread + ((hashString(key) % 10_001) / 10_000) * 2 * spread;

/**
 * Usage of a pod's running containers: CPU from the CPU model (sim/cpu.ts: the demand, held just
 * under `limits.cpu` by CFS throttling) with a small wobble per pod, container and scrape window; memory from the simulation's memory
 * model at state.now (sim/memory.ts), so a growing container climbs toward its limit between restarts. Containers that are not
 * running use nothing; a pod with no running container has no metrics (undefined).
 */
export function podUsage(state: ClusterState, pod: Pod): { total: Usage; containers: { name: string; usage: Usage }[] } | undefined {
  const statuses = pod.status?.containerStatuses ?? [];
  if (!statuses.some((s) => s.state?.running)) return undefined;
  const window = Math.floor(state.now / SCRAPE_MS);
  const containers = (pod.spec.containers ?? []).map((c: Container) => {
    const running = statuses.some((s) => s.name === c.name && s.state?.running);
    if (!running) return { name: c.name, usage: { cpuMilli: 0, memBytes: 0 } };
    const key = `${pod.metadata.uid}/${c.name}`;
    const host = pod.spec.nodeName ? state.hosts[pod.spec.nodeName] : undefined;
    const limit = cpuLimitMilli(c);
    const demand = demandAt(state, pod, c, host, state.now);
    // Under a CFS limit the average sits just below it, whatever the demand above it.
    const used = usedMilli(demand, limit) * wobble(`${key}/cpu/${window}`, limit !== undefined && demand >= limit ? 0.01 : 0.12);
    const cpu = Math.max(1, Math.round(limit === undefined ? used : Math.min(used, limit * 0.995)));
    const mem = containerMemoryBytes(state, pod, c.name);
    return { name: c.name, usage: { cpuMilli: cpu, memBytes: mem } };
  });
  const total = containers.reduce((t, c) => ({ cpuMilli: t.cpuMilli + c.usage.cpuMilli, memBytes: t.memBytes + c.usage.memBytes }), { cpuMilli: 0, memBytes: 0 });
  return { total, containers };
}

/**
 * A node's usage: its pods plus the system (kubelet, containerd, kernel) — a baseline that grows
 * with the machine's size, fixed per node. Undefined when the node is not Ready (metrics-server
 * cannot scrape it).
 */
export function nodeUsage(state: ClusterState, node: Node): Usage | undefined {
  const ready = (node.status?.conditions ?? []).find((c) => c.type === 'Ready');
  if (ready?.status !== 'True') return undefined;
  const cap = node.status?.capacity ?? {};
  const cores = Number(quantityValue(parseQuantity(cap.cpu) ?? { milli: 0n, format: 'DecimalSI' }));
  const memBytes = Number(quantityValue(parseQuantity(cap.memory) ?? { milli: 0n, format: 'BinarySI' }));
  const name = node.metadata.name;
  let cpu = Math.round((60 + cores * 12) * wobble(`${name}/cpu/${Math.floor(state.now / SCRAPE_MS)}`, 0.1));
  let mem = Math.round((450 * MI + memBytes * 0.04) * wobble(`${name}/mem`, 0.05));
  for (const pod of Object.values(state.pods)) {
    if (pod.spec?.nodeName !== name) continue;
    const u = podUsage(state, pod);
    if (!u) continue;
    cpu += u.total.cpuMilli;
    mem += u.total.memBytes;
  }
  return { cpuMilli: cpu, memBytes: mem };
}

/**
 * Whether the resource metrics API (metrics.k8s.io, served by metrics-server behind the API
 * aggregator) is down: its APIService `v1beta1.metrics.k8s.io` is not Available (kinds/apiservice.ts
 * checks its Service's endpoints). Without that APIService: the cluster runs a `metrics-server`
 * Deployment in kube-system and none of its pods is Ready. A cluster with neither has its metrics
 * from a managed add-on the scenario does not model, which answers.
 */
export function metricsApiDown(state: ClusterState): boolean {
  const available = apiServiceAvailable(state, 'v1beta1.metrics.k8s.io');
  if (available !== undefined) return !available;
  const server = Object.hasOwn(state.deployments, 'kube-system/metrics-server') ? state.deployments['kube-system/metrics-server'] : undefined;
  if (!server) return false;
  return !Object.values(state.pods).some((p) => p.metadata.namespace === 'kube-system' && p.metadata.ownerReferences?.length && p.metadata.name.startsWith('metrics-server-')
    && p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
}
