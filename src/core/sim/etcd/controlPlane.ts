import { frozenKubelets } from '../nodeLifecycle.ts';
import type { EtcdCluster, EtcdMember } from '../../model/etcd.ts';
import type { Node } from '../../model/k8s.ts';
import type { ClusterState } from '../../model/state.ts';
import { MINUTE, rfc3339, SECOND } from '../../time.ts';
import { recordEvent } from '../events.ts';
import { kubeletLog } from '../kubelet.ts';
import { hashString } from '../rng.ts';
import { apiRequest, commitLatencyMs, electedLeader, FSYNC_BUCKETS_S, fsyncCdfRow, fsyncQuantileMs, memberAvailable, memberDevice, voters } from './latency.ts';
import { runCompactions } from './compactor.ts';
import { apiserverLeaseTrace, apiserverLog, etcdLog, goDurationText } from './logs.ts';

/**
 * The control plane over time, in 10-second steps (kubelet's Lease renewal interval): node
 * heartbeats and the node controller's verdicts, the leader's log lines, the WAL fsync histogram,
 * database growth under an events storm, the end of restarts, defragmentations and elections.
 * While everything is healthy the steps are skipped in one jump, so a 40-day history costs nothing.
 */

export const STEP_MS = 10 * SECOND;
/** kubelet gives a Lease renewal this long (its client timeout), ms. */
export const LEASE_TIMEOUT_MS = 10 * SECOND;
/** The node controller marks a node Unknown after this long without a renewal (node-monitor-grace-period), ms. */
export const NODE_GRACE_MS = 40 * SECOND;
/** Time from losing a leader to a new one (election timeout 1 s plus a vote round). */
export const ELECTION_MS = 1200;

/** Uniform number in [0, 1) from a label: per-step wobble that must not consume the scenario's PRNG. */
const u = (label: string) => (hashString(label) % 100_000) / 100_000;

/** The leader is gone (restart, crash): followers notice and start an election. */
export function loseLeader(state: ClusterState, at: number): void {
  const e = state.etcd!;
  const old = e.leader;
  if (!old) return;
  e.leader = undefined;
  e.electionUntil = at + ELECTION_MS;
  for (const m of e.members) {
    if (m.id === old || !memberAvailable(m, at)) continue;
    etcdLog(state, m.host, at, 'info', 'raft/node.go:333', `raft.node: ${m.id} lost leader ${old} at term ${e.raftTerm + 1}`);
  }
}

/** Records the winner of a finished election: new term, log lines on every member. */
function settleElection(state: ClusterState, e: EtcdCluster, at: number): void {
  if (e.leader || e.electionUntil === undefined || e.electionUntil > at) return;
  const winner = electedLeader(e, at);
  if (!winner) return;
  e.raftTerm += 1;
  e.leader = winner.id;
  e.electionUntil = undefined;
  const t = Math.max(at - STEP_MS + ELECTION_MS, 0);
  etcdLog(state, winner.host, t, 'info', 'raft/raft.go:771', `${winner.id} became leader at term ${e.raftTerm}`);
  for (const m of e.members) {
    if (!memberAvailable(m, at)) continue;
    m.counters.leaderChanges += 1;
    etcdLog(state, m.host, t, 'info', 'raft/node.go:327', `raft.node: ${m.id} elected leader ${winner.id} at term ${e.raftTerm}`);
  }
}

/** Ends restarts and defragmentations that are over by `at`. */
function settleMembers(state: ClusterState, e: EtcdCluster, at: number): void {
  for (const m of e.members) {
    if (m.unavailableUntil !== undefined && m.unavailableUntil <= at) {
      if (m.unavailableReason === 'defrag') {
        etcdLog(state, m.host, m.unavailableUntil, 'info', 'backend/backend.go:549', 'finished defragmenting directory', { path: '/var/lib/etcd/member/snap/db', 'current-db-size-bytes-diff': m.dbInUseBytes - m.dbSizeBytes, 'current-db-size-bytes': m.dbInUseBytes, 'current-db-size': humanBytes(m.dbInUseBytes), 'current-db-size-in-use-bytes': m.dbInUseBytes });
        m.dbSizeBytes = m.dbInUseBytes;
      } else {
        m.startedAt = m.unavailableUntil;
        etcdLog(state, m.host, m.unavailableUntil, 'info', 'embed/etcd.go:308', 'starting an etcd server', { 'etcd-version': e.version, name: m.name, 'data-dir': '/var/lib/etcd', 'quota-backend-bytes': e.quotaBackendBytes });
      }
      m.unavailableUntil = undefined;
      m.unavailableReason = undefined;
    }
  }
  if (!e.leader && e.electionUntil === undefined) e.electionUntil = at; // a cluster without a leader keeps electing
  settleElection(state, e, at);
}

/** Whether nothing can happen until something is done to the cluster: the steps may be skipped. `commit`: commitLatencyMs at the step. */
function quiet(state: ClusterState, e: EtcdCluster, commit: number | undefined): boolean {
  if (commit === undefined || commit >= 50) return false;
  if (e.storm || e.alarms.length || e.electionUntil !== undefined || !e.leader) return false;
  if (e.members.some((m) => m.unavailableUntil !== undefined)) return false;
  return Object.values(state.nodes).every((n) => readyStatus(n) === 'True');
}

const readyStatus = (n: Node) => n.status.conditions.find((c) => c.type === 'Ready')?.status;

/** Adds the WAL fsyncs of (from, to] to every started member's histogram. */
function accrueFsyncs(state: ClusterState, e: EtcdCluster, from: number, to: number): void {
  const seconds = (to - from) / 1000;
  if (seconds <= 0) return;
  for (const m of e.members) {
    const dev = memberDevice(state, m);
    if (!dev || !m.started) continue;
    // Expected counts, kept fractional so the rare slow tail adds up over hours instead of rounding
    // to nothing at every step (the metrics endpoint prints them rounded down).
    const n = dev.flushesPerSec * seconds;
    if (n <= 0) continue;
    const h = m.walFsync;
    const cdf = fsyncCdfRow(dev);
    for (let i = 0; i < cdf.length; i++) h.buckets[i] += n * cdf[i];
    h.count += n;
    const sigma = (Math.log(dev.fsyncP99Ms) - Math.log(dev.fsyncP50Ms)) / 2.326;
    h.sumSeconds += (n * dev.fsyncP50Ms * Math.exp((sigma * sigma) / 2)) / 1000;
  }
}

/**
 * A logged slow fdatasync is one of the step's fsyncs: it leaves the buckets below its duration
 * (counted there by the distribution) and lands in the one that holds it, so the histogram's tail
 * reaches every duration etcd logged.
 */
function recordSlowFsync(h: EtcdMember['walFsync'], ms: number): void {
  FSYNC_BUCKETS_S.forEach((le, i) => { if (le * 1000 < ms) h.buckets[i] = Math.max(0, h.buckets[i] - 1); });
  h.sumSeconds += ms / 1000;
}

/** Runs the control plane from its last step up to `to` (ms). Called by sim/reduce.ts advance(). */
export function stepControlPlane(state: ClusterState, to: number): void {
  const e = state.etcd;
  if (!e) return;
  state.heartbeats ??= {};
  let t = e.steppedAt;
  while (t + STEP_MS <= to) {
    const from = t;
    t += STEP_MS;
    settleMembers(state, e, t);
    // Settled at t, the members' availability and the leader are the same at every moment of the
    // step: one commit latency serves the step's leader lines and every node's renewal.
    const commit = commitLatencyMs(state, t);
    if (quiet(state, e, commit)) {
      const last = t + Math.floor((to - t) / STEP_MS) * STEP_MS;
      accrueFsyncs(state, e, from, last);
      runCompactions(state, e, from, last);
      for (const n of Object.keys(state.nodes)) state.heartbeats[n] = { renewedAt: last - (hashString(n) % STEP_MS), failures: 0 };
      t = last;
      break;
    }
    accrueFsyncs(state, e, from, t);
    runCompactions(state, e, from, t);
    growUnderStorm(state, e, t);
    leaderLogs(state, e, t, commit);
    // A node whose kubelet is down (the node stage) renews nothing: sim/nodeLifecycle.ts owns its status.
    const down = frozenKubelets(state);
    for (const node of Object.values(state.nodes)) if ((down.get(node.metadata.name) ?? Infinity) > t) renewLease(state, node, t, commit);
  }
  e.steppedAt = t;
  // Defrags and restarts end when they end, not at the next step: an etcdctl that waited for one sees it done.
  settleMembers(state, e, to);
}

/** An events storm writes new keys: the database grows on every member until the quota trips NOSPACE. */
function growUnderStorm(state: ClusterState, e: EtcdCluster, at: number): void {
  const s = e.storm;
  if (s) {
    const [ns, name] = s.source.split('/');
    const dep = state.deployments[`${ns}/${name}`];
    if (!dep || dep.spec.replicas === 0) {
      e.storm = undefined; // its source is gone or scaled to zero
    } else {
      const bytes = Math.round((s.bytesPerMinute * STEP_MS) / MINUTE);
      e.liveBytes += Math.round(bytes * 0.4);
      e.historyBytes += bytes - Math.round(bytes * 0.4);
      e.revision += Math.round(bytes / 2400);
      e.raftIndex += Math.round(bytes / 2400);
    }
  }
  const inUse = e.liveBytes + e.historyBytes;
  for (const m of e.members) {
    m.dbInUseBytes = inUse;
    if (m.dbSizeBytes < inUse) m.dbSizeBytes = inUse;
  }
  raiseNospaceIfFull(state, e, at);
}

/** A member whose backend reached the quota raises NOSPACE (once): from then on etcd refuses writes. */
export function raiseNospaceIfFull(state: ClusterState, e: EtcdCluster, at: number): void {
  if (e.alarms.some((a) => a.alarm === 'NOSPACE')) return;
  const full = e.members.find((m) => m.id === e.leader && m.dbSizeBytes >= e.quotaBackendBytes) ?? e.members.find((m) => m.started && m.dbSizeBytes >= e.quotaBackendBytes);
  if (!full) return;
  e.alarms.push({ memberId: full.id, alarm: 'NOSPACE' });
  etcdLog(state, full.host, at, 'warn', 'etcdserver/server.go:2307', 'alarm raised', { alarm: 'NOSPACE', 'from': full.id });
}

/** What the leader writes to its log in one step: slow applies, missed heartbeats, slow fdatasync. `commit`: commitLatencyMs at the step. */
function leaderLogs(state: ClusterState, e: EtcdCluster, at: number, commit: number | undefined): void {
  const leader = e.members.find((m) => m.id === e.leader);
  if (!leader || commit === undefined) return;
  const dev = memberDevice(state, leader);
  if (dev && dev.fsyncP99Ms >= 150) {
    const peer = e.members.find((m) => m.id !== leader.id && m.started);
    leader.counters.heartbeatFailures += 1;
    etcdLog(state, leader.host, at - 6400, 'warn', 'etcdserver/raft.go:416', 'leader failed to send out heartbeat on time; took too long, leader is overloaded likely from slow disk', {
      to: peer?.id ?? '', 'heartbeat-interval': '100ms', 'expected-duration': '200ms', 'exceeded-duration': goDurationText(dev.fsyncP99Ms * (0.6 + u(`hb/${at}`))),
    });
    if (commit >= 100) {
      const took = commit * (4 + 8 * u(`apply/${at}`));
      leader.counters.slowApplies += 1;
      etcdLog(state, leader.host, at - 3100, 'warn', 'etcdserver/util.go:170', 'apply request took too long', {
        took: goDurationText(took), 'expected-duration': '100ms', prefix: 'read-only range ',
        request: 'key:"/registry/pods/" range_end:"/registry/pods0" limit:500 ', response: `range_response_count:500 size:${1_180_000 + (hashString(`r/${at}`) % 90_000)}`,
      });
    }
    // Bursts from whatever shares the disk push single flushes past etcd's 1 s warning.
    const burst = fsyncQuantileMs(dev, 0.999) * (1 + 5 * u(`burst/${at}`) ** 3);
    if (burst > 1000) {
      etcdLog(state, leader.host, at - 1700, 'warn', 'wal/wal.go:805', 'slow fdatasync', { took: goDurationText(burst), 'expected-duration': '1s' });
      recordSlowFsync(leader.walFsync, burst);
    }
  }
}

/** Node conditions kubelet reports when healthy, in its order. */
const HEALTHY: [string, string, string][] = [
  ['MemoryPressure', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
  ['DiskPressure', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
  ['PIDPressure', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
];
const UNREACHABLE = 'node.kubernetes.io/unreachable';

/**
 * One kubelet Lease renewal of `node` at about `tick` (`commit`: commitLatencyMs in that step): it takes as long as a write behind the
 * leader's backlog (with a per-renewal spread), and fails when it exceeds kubelet's 10 s timeout
 * or etcd refuses it. The node controller marks the node Unknown 40 s after the last success;
 * the next success makes kubelet post Ready again.
 */
function renewLease(state: ClusterState, node: Node, tick: number, commit: number | undefined): void {
  const name = node.metadata.name;
  const hb = (state.heartbeats![name] ??= { renewedAt: tick - STEP_MS, failures: 0 });
  const at = tick - (hashString(name) % STEP_MS);
  const host = state.hosts[name];
  const e = state.etcd!;
  const via = e.members[hashString(`${name}/${tick}`) % e.members.length]?.host ?? '';
  const write = apiRequest(state, 'write', at, commit);
  const spread = 8 + 64 * u(`lease/${name}/${tick}`);
  const ms = write.error ? write.ms : commit === undefined ? LEASE_TIMEOUT_MS : 40 + commit * spread;
  if (write.error === 'etcdserver: mvcc: database space exceeded') {
    hb.failures += 1;
    if (host) kubeletLog(host, at + 90, 'E', 'controller.go:195', `"Failed to update lease" err="etcdserver: mvcc: database space exceeded"`);
    apiserverLog(state, via, at + 80, 'E', 'status.go:71', `"Unhandled Error" err="apiserver received an error that is not an metav1.Status: rpctypes.EtcdError{code:0x8, desc:\\"etcdserver: mvcc: database space exceeded\\"}: etcdserver: mvcc: database space exceeded" logger="UnhandledError"`);
  } else if (ms >= LEASE_TIMEOUT_MS) {
    hb.failures += 1;
    if (host) {
      const lines = timeoutLines(name, e.apiServerURL);
      kubeletLog(host, at + LEASE_TIMEOUT_MS, 'E', 'controller.go:195', lines.lease);
      kubeletLog(host, at + LEASE_TIMEOUT_MS + 420, 'E', 'kubelet_node_status.go:535', lines.status);
    }
    apiserverLog(state, via, at + 7000, 'E', 'status.go:71', `"Unhandled Error" err="apiserver received an error that is not an metav1.Status: &errors.errorString{s:\\"etcdserver: request timed out\\"}: etcdserver: request timed out" logger="UnhandledError"`);
  } else {
    hb.failures = 0;
    hb.renewedAt = at + Math.round(ms);
    if (ms > 2000) {
      apiserverLeaseTrace(state, via, at + Math.round(ms), { node: name, tick, ms: Math.round(ms), client: node.status.addresses[0]?.address ?? '', version: state.serverVersion });
    }
  }
  const ready = readyStatus(node);
  if (ready === 'True' && tick - hb.renewedAt > NODE_GRACE_MS) markUnknown(state, node, tick);
  else if (ready !== 'True' && hb.failures === 0) markReady(state, node, hb.renewedAt);
}


/**
 * kubelet's two lines for a renewal that timed out, by node and API server URL: the same text
 * every time, built once and shared by every record (a slow etcd fails thousands an hour).
 */
function timeoutLines(name: string, apiServerURL: string): { lease: string; status: string } {
  const key = `${name} ${apiServerURL}`;
  let lines = timeoutTexts.get(key);
  if (!lines) {
    const url = `${apiServerURL}/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/${name}?timeout=10s`;
    lines = {
      lease: `"Failed to update lease" err="Put \\"${url}\\": context deadline exceeded"`,
      status: `"Error updating node status, will retry" err="error getting node \\"${name}\\": Get \\"${apiServerURL}/api/v1/nodes/${name}?timeout=10s\\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)"`,
    };
    if (timeoutTexts.size > 1000) timeoutTexts.clear();
    timeoutTexts.set(key, lines);
  }
  return lines;
}
const timeoutTexts = new Map<string, { lease: string; status: string }>();

/** The node lifecycle controller's verdict: every condition Unknown, the unreachable taints, a NodeNotReady event. */
export function markUnknown(state: ClusterState, node: Node, at: number): void {
  const now = rfc3339(at);
  for (const c of node.status.conditions) {
    c.status = 'Unknown';
    c.reason = 'NodeStatusUnknown';
    c.message = 'Kubelet stopped posting node status.';
    c.lastTransitionTime = now;
  }
  const taints = (node.spec.taints ?? []).filter((t) => t.key !== UNREACHABLE);
  node.spec.taints = [...taints, { key: UNREACHABLE, effect: 'NoSchedule', timeAdded: now }, { key: UNREACHABLE, effect: 'NoExecute', timeAdded: now }];
  recordEvent(state, {
    object: { kind: 'Node', name: node.metadata.name, uid: node.metadata.uid },
    type: 'Normal', reason: 'NodeNotReady', message: `Node ${node.metadata.name} status is now: NodeNotReady`, component: 'node-controller',
  });
}

/** kubelet got through again: it posts its conditions (Ready True) and the controller lifts the unreachable and not-ready taints. */
export function markReady(state: ClusterState, node: Node, at: number): void {
  const now = rfc3339(at);
  node.status.conditions = [
    ...HEALTHY.map(([type, reason, message]) => ({ type, status: 'False' as const, lastHeartbeatTime: now, lastTransitionTime: now, reason, message })),
    { type: 'Ready', status: 'True', lastHeartbeatTime: now, lastTransitionTime: now, reason: 'KubeletReady', message: 'kubelet is posting ready status' },
  ];
  const taints = (node.spec.taints ?? []).filter((t) => t.key !== UNREACHABLE && t.key !== 'node.kubernetes.io/not-ready');
  if (taints.length) node.spec.taints = taints; else delete node.spec.taints;
  recordEvent(state, {
    object: { kind: 'Node', name: node.metadata.name, uid: node.metadata.uid },
    type: 'Normal', reason: 'NodeReady', message: `Node ${node.metadata.name} status is now: NodeReady`, component: 'kubelet', host: node.metadata.name,
  });
}

/** go-humanize's Bytes (SI, as etcdctl prints DB SIZE): `37 kB`, `1.2 GB`. */
export function humanBytes(n: number): string {
  if (n < 10) return `${n} B`;
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
  const e = Math.floor(Math.log(n) / Math.log(1000));
  const val = Math.floor((n / 1000 ** e) * 10 + 0.5) / 10;
  return `${val < 10 ? val.toFixed(1) : val.toFixed(0)} ${units[e]}`;
}
