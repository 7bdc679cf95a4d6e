import type { Container, Node, Pod } from '../../model/k8s.ts';
import { rfc3339 } from '../../time.ts';
import { describeEvents } from './events.ts';
import { addQuantity, formatQuantity, parseQuantity, quantityValue, zeroQuantity, type Quantity } from '../../model/quantity.ts';
import type { Lease, Related } from './types.ts';
import { byteCompare, describeWith, printAnnotations, printLabels, rfc1123, since, type PrefixWriter } from './writer.ts';

/**
 * `kubectl describe node`, kubectl 1.33 layout: roles, labels, annotations, taints, the Lease,
 * the Conditions table, addresses, capacity/allocatable, system info, pod CIDRs, the
 * non-terminated pods with their share of allocatable, allocated totals and the Events table.
 * `related.pods` are all pods (filtered here to the node's non-terminated ones, as kubectl's
 * field selector does); `related.lease` is the node's Lease (see leaseFromNode when none exists).
 */
export function describeNode(node: Node, related: Related, now: number): string {
  return describeWith((w) => {
    w.write(0, `Name:\t${node.metadata.name}\n`);
    const roles = nodeRoles(node);
    w.write(0, `Roles:\t${roles.length ? roles.join(',') : '<none>'}\n`);
    printLabels(w, 'Labels', node.metadata.labels);
    printAnnotations(w, 'Annotations', node.metadata.annotations);
    w.write(0, `CreationTimestamp:\t${rfc1123(node.metadata.creationTimestamp)}\n`);
    const taints = [...(node.spec?.taints ?? [])].sort((a, b) => byteCompare(`${a.effect},${a.key}`, `${b.effect},${b.key}`));
    w.write(0, 'Taints:\t');
    if (!taints.length) w.write(0, '<none>\n');
    taints.forEach((t, i) => {
      if (i) w.write(0, '\t');
      const text = !t.effect ? (t.value ? `${t.key}=${t.value}:` : t.key) : t.value ? `${t.key}=${t.value}:${t.effect}` : `${t.key}:${t.effect}`;
      w.write(0, `${text}\n`);
    });
    w.write(0, `Unschedulable:\t${node.spec?.unschedulable === true}\n`);
    const lease = related.lease;
    if (lease === null) {
      w.write(0, `Lease:\tFailed to get lease: leases.coordination.k8s.io "${node.metadata.name}" not found\n`);
    } else {
      const l = lease ?? leaseFromNode(node, now);
      w.write(0, 'Lease:\n');
      w.write(1, `HolderIdentity:\t${l.spec.holderIdentity ?? '<unset>'}\n`);
      w.write(1, `AcquireTime:\t${l.spec.acquireTime ? rfc1123(l.spec.acquireTime) : '<unset>'}\n`);
      w.write(1, `RenewTime:\t${l.spec.renewTime ? rfc1123(l.spec.renewTime) : '<unset>'}\n`);
    }
    const conditions = node.status?.conditions ?? [];
    if (conditions.length) {
      w.write(0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
      w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
      for (const c of conditions) {
        w.write(1, `${c.type} \t${c.status} \t${rfc1123(c.lastHeartbeatTime)} \t${rfc1123(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
      }
    }
    w.write(0, 'Addresses:\n');
    for (const a of node.status?.addresses ?? []) w.write(1, `${a.type}:\t${a.address}\n`);
    const printList = (list: Record<string, string>) => {
      for (const k of Object.keys(list).sort(byteCompare)) w.write(0, `  ${k}:\t${formatQuantity(parseQuantity(list[k]) ?? zeroQuantity())}\n`);
    };
    if (Object.keys(node.status?.capacity ?? {}).length) {
      w.write(0, 'Capacity:\n');
      printList(node.status.capacity);
    }
    if (Object.keys(node.status?.allocatable ?? {}).length) {
      w.write(0, 'Allocatable:\n');
      printList(node.status.allocatable);
    }
    const info = node.status?.nodeInfo;
    w.write(0, 'System Info:\n');
    w.write(0, `  Machine ID:\t${info?.machineID ?? ''}\n`);
    w.write(0, `  System UUID:\t${info?.systemUUID ?? ''}\n`);
    w.write(0, `  Boot ID:\t${info?.bootID ?? ''}\n`);
    w.write(0, `  Kernel Version:\t${info?.kernelVersion ?? ''}\n`);
    w.write(0, `  OS Image:\t${info?.osImage ?? ''}\n`);
    w.write(0, `  Operating System:\t${info?.operatingSystem ?? ''}\n`);
    w.write(0, `  Architecture:\t${info?.architecture ?? ''}\n`);
    w.write(0, `  Container Runtime Version:\t${info?.containerRuntimeVersion ?? ''}\n`);
    w.write(0, `  Kubelet Version:\t${info?.kubeletVersion ?? ''}\n`);
    w.write(0, `  Kube-Proxy Version:\t${info?.kubeProxyVersion ?? ''}\n`);
    if (node.spec?.podCIDR) w.write(0, `PodCIDR:\t${node.spec.podCIDR}\n`);
    if (node.spec?.podCIDRs?.length) w.write(0, `PodCIDRs:\t${node.spec.podCIDRs.join(',')}\n`);
    if (node.spec?.providerID) w.write(0, `ProviderID:\t${node.spec.providerID}\n`);
    const pods = (related.pods ?? []).filter((p) => p.spec?.nodeName === node.metadata.name && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
    describeNodeResource(w, node, pods, now);
    if (related.events) describeEvents(w, related.events, now);
  });
}

type Totals = Map<string, Quantity>;

/** kubectl's PodRequestsAndLimits: container sums, raised to any larger init container's. */
export function podRequestsAndLimits(pod: Pod): { requests: Totals; limits: Totals } {
  const sum = (containers: Container[], pick: 'requests' | 'limits') => {
    const out: Totals = new Map();
    for (const c of containers) {
      for (const [k, v] of Object.entries(c.resources?.[pick] ?? {})) {
        const q = parseQuantity(v);
        if (!q) continue;
        const cur = out.get(k);
        out.set(k, cur ? addQuantity(cur, q) : q);
      }
    }
    return out;
  };
  const init = (pod.spec as { initContainers?: Container[] }).initContainers ?? [];
  const maxInit = (base: Totals, pick: 'requests' | 'limits') => {
    for (const c of init) {
      for (const [k, q] of sum([c], pick)) {
        const cur = base.get(k);
        if (!cur || q.milli > cur.milli) base.set(k, q);
      }
    }
    return base;
  };
  return { requests: maxInit(sum(pod.spec.containers ?? [], 'requests'), 'requests'), limits: maxInit(sum(pod.spec.containers ?? [], 'limits'), 'limits') };
}

/** float64(a)/float64(b)*100 truncated to an integer, as kubectl computes the percentages. */
const percent = (a: bigint, b: bigint) => (b === 0n ? 0 : Math.trunc((Number(a) / Number(b)) * 100));

/** `describeNodeResource`: the pods table and the allocated totals, as shares of allocatable. */
function describeNodeResource(pw: PrefixWriter, node: Node, pods: Pod[], now: number): void {
  const allocatable = Object.keys(node.status?.allocatable ?? {}).length ? node.status.allocatable : (node.status?.capacity ?? {});
  const alloc = (name: string) => parseQuantity(allocatable[name]) ?? zeroQuantity();
  const cpuAlloc = alloc('cpu').milli;
  const memAlloc = quantityValue(alloc('memory'));
  pw.write(0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  pw.write(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  pw.write(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const reqs: Totals = new Map();
  const lims: Totals = new Map();
  const get = (t: Totals, k: string, f: 'DecimalSI' | 'BinarySI') => t.get(k) ?? zeroQuantity(f);
  for (const pod of pods) {
    const { requests, limits } = podRequestsAndLimits(pod);
    for (const [t, src] of [[reqs, requests], [lims, limits]] as const) {
      for (const [k, q] of src) t.set(k, t.has(k) ? addQuantity(t.get(k)!, q) : q);
    }
    const cr = get(requests, 'cpu', 'DecimalSI');
    const cl = get(limits, 'cpu', 'DecimalSI');
    const mr = get(requests, 'memory', 'BinarySI');
    const ml = get(limits, 'memory', 'BinarySI');
    pw.write(1, `${pod.metadata.namespace ?? ''}\t${pod.metadata.name}\t\t${formatQuantity(cr)} (${percent(cr.milli, cpuAlloc)}%)\t${formatQuantity(cl)} (${percent(cl.milli, cpuAlloc)}%)\t${formatQuantity(mr)} (${percent(quantityValue(mr), memAlloc)}%)\t${formatQuantity(ml)} (${percent(quantityValue(ml), memAlloc)}%)\t${since(pod.metadata.creationTimestamp, now)}\n`);
  }
  pw.write(0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  pw.write(1, 'Resource\tRequests\tLimits\n');
  pw.write(1, '--------\t--------\t------\n');
  const row = (name: string, allocValue: bigint, value: (q: Quantity) => bigint) => {
    const r = get(reqs, name, 'DecimalSI');
    const l = get(lims, name, 'DecimalSI');
    pw.write(1, `${name}\t${formatQuantity(r)} (${percent(value(r), allocValue)}%)\t${formatQuantity(l)} (${percent(value(l), allocValue)}%)\n`);
  };
  row('cpu', cpuAlloc, (q) => q.milli);
  row('memory', memAlloc, quantityValue);
  row('ephemeral-storage', quantityValue(alloc('ephemeral-storage')), quantityValue);
  const names = Object.keys(allocatable).sort(byteCompare);
  for (const n of names.filter((k) => k.startsWith('hugepages-'))) row(n, quantityValue(alloc(n)), quantityValue);
  const standard = new Set(['cpu', 'memory', 'ephemeral-storage', 'pods', 'storage']);
  for (const n of names.filter((k) => !k.startsWith('hugepages-') && !standard.has(k) && !k.startsWith('requests.') && !k.startsWith('limits.'))) {
    pw.write(1, `${n}\t${formatQuantity(get(reqs, n, 'DecimalSI'))}\t${formatQuantity(get(lims, n, 'DecimalSI'))}\n`);
  }
}

/** `node-role.kubernetes.io/<role>` and `kubernetes.io/role` labels, sorted. */
export function nodeRoles(node: Node): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const r = k.slice('node-role.kubernetes.io/'.length);
      if (r) roles.add(r);
    } else if (k === 'kubernetes.io/role' && v) roles.add(v);
  }
  return [...roles].sort(byteCompare);
}

/** Kubelet renews its Lease every 10 s while it is alive. */
const LEASE_RENEW_MS = 10_000;

/**
 * A node's Lease when the state holds none: kubelet holds it under the node's name and, while the
 * node is Ready, renews it every 10 s (so RenewTime is the last 10 s tick after the Ready
 * heartbeat); on a node that is not Ready the renewals stopped at the last heartbeat.
 */
export function leaseFromNode(node: Node, now: number): Lease {
  const ready = (node.status?.conditions ?? []).find((c) => c.type === 'Ready');
  const beat = ready?.lastHeartbeatTime ? Date.parse(ready.lastHeartbeatTime) : undefined;
  let renew = beat;
  // kubelet renews its Lease whenever it runs, also while it reports NotReady itself (Ready False).
  if (beat !== undefined && ready?.status !== 'Unknown' && now > beat) renew = beat + Math.floor((now - beat) / LEASE_RENEW_MS) * LEASE_RENEW_MS;
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name: node.metadata.name, namespace: 'kube-node-lease', uid: `lease-${node.metadata.uid}`, creationTimestamp: node.metadata.creationTimestamp },
    // renewTime is a MicroTime on the wire: six fractional digits, which the API insists on.
    spec: { holderIdentity: node.metadata.name, leaseDurationSeconds: 40, renewTime: renew === undefined ? undefined : rfc3339(renew).replace('Z', '.000000Z') },
  };
}
