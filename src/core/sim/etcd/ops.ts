import type { EtcdMember } from '../../model/etcd.ts';
import type { ClusterState } from '../../model/state.ts';
import { keyOf } from '../../model/state.ts';
import { SECOND } from '../../time.ts';
import { recordEvent } from '../events.ts';
import { hashString } from '../rng.ts';
import { humanBytes, loseLeader, raiseNospaceIfFull } from './controlPlane.ts';
import { memberAvailable, memberDevice } from './latency.ts';
import { etcdLog } from './logs.ts';

/**
 * What etcd does when an operator acts on it (etcdctl, a restart of its static pod). Called by
 * sim/reduce.ts for the `etcd/*` actions; commands only dispatch. Times in ms, sizes in bytes.
 */

/**
 * `etcdctl move-leader`: the leader hands over to `to` (a started voter) at once, one term later.
 * Returns false when the transfer cannot happen (unknown, unstarted or busy transferee).
 */
export function moveLeader(state: ClusterState, to: string): boolean {
  const e = state.etcd;
  if (!e) return false;
  const from = e.members.find((m) => m.id === e.leader);
  const target = e.members.find((m) => m.id === to);
  if (!from || !target || target.isLearner || !memberAvailable(target, state.now)) return false;
  if (from.id === target.id) return true;
  const at = state.now;
  etcdLog(state, from.host, at, 'info', 'etcdserver/server.go:1456', 'leadership transfer starting', { 'local-member-id': from.id, 'current-leader-member-id': from.id, 'transferee-member-id': target.id });
  etcdLog(state, from.host, at, 'info', 'raft/raft.go:1254', `${from.id} [term ${e.raftTerm}] starts to transfer leadership to ${target.id}`);
  e.raftTerm += 1;
  e.leader = target.id;
  e.raftIndex += 2; // the leader's empty entry of the new term, and the transfer's own
  for (const m of e.members.filter((x) => x.started)) {
    m.counters.leaderChanges += 1;
    etcdLog(state, m.host, at + 40, 'info', 'raft/node.go:327', `raft.node: ${m.id} elected leader ${target.id} at term ${e.raftTerm}`);
  }
  etcdLog(state, target.host, at + 40, 'info', 'raft/raft.go:771', `${target.id} became leader at term ${e.raftTerm}`);
  return true;
}

/** How long defragmenting `m` takes: rewriting its live data at the disk's write speed, ms. */
export function defragDurationMs(state: ClusterState, m: EtcdMember): number {
  const dev = memberDevice(state, m);
  const mbps = dev?.writeMBps ?? 200;
  return Math.max(300, Math.round((m.dbInUseBytes / 1e6 / mbps) * SECOND));
}

/**
 * Starts defragmenting member `id`: it rewrites its backend and answers nothing meanwhile (if it
 * leads, nothing commits). The file shrinks to the bytes in use when it finishes (see
 * controlPlane settleMembers). Returns the duration, or undefined for an unknown or busy member.
 */
export function startDefrag(state: ClusterState, id: string): number | undefined {
  const m = state.etcd?.members.find((x) => x.id === id);
  if (!m || !memberAvailable(m, state.now)) return undefined;
  const ms = defragDurationMs(state, m);
  m.unavailableUntil = state.now + ms;
  m.unavailableReason = 'defrag';
  etcdLog(state, m.host, state.now, 'info', 'backend/backend.go:497', 'defragmenting', { path: '/var/lib/etcd/member/snap/db', 'current-db-size-bytes': m.dbSizeBytes, 'current-db-size': humanBytes(m.dbSizeBytes), 'current-db-size-in-use-bytes': m.dbInUseBytes, 'current-db-size-in-use': humanBytes(m.dbInUseBytes) });
  return ms;
}

/**
 * `etcdctl compact REV`: drops the history before REV. Frees pages inside the backend (in use
 * shrinks) but not the file (DB SIZE stays until a defrag). Errors as etcd words them.
 */
export function compact(state: ClusterState, revision: number): { ok: true } | { ok: false; error: string } {
  const e = state.etcd;
  if (!e) return { ok: false, error: 'etcdserver: no etcd' };
  if (revision > e.revision) return { ok: false, error: 'etcdserver: mvcc: required revision is a future revision' };
  if (revision <= e.compactRevision) return { ok: false, error: 'etcdserver: mvcc: required revision has been compacted' };
  const span = e.revision - e.compactRevision;
  const share = span > 0 ? (revision - e.compactRevision) / span : 1;
  e.historyBytes = Math.round(e.historyBytes * (1 - share));
  e.compactRevision = revision;
  e.raftIndex += 1;
  const leader = e.members.find((m) => m.id === e.leader);
  for (const m of e.members) m.dbInUseBytes = e.liveBytes + e.historyBytes;
  if (leader) etcdLog(state, leader.host, state.now + 200, 'info', 'mvcc/kvstore_compaction.go:66', 'finished scheduled compaction', { 'compact-revision': revision, took: `${(180 + (hashString(`c/${revision}`) % 400)).toFixed(0)}ms` });
  return { ok: true };
}

/** `etcdctl alarm disarm`: clears every alarm, returning what was cleared. A member still over quota raises it again. */
export function disarmAlarms(state: ClusterState): { memberId: string; alarm: string }[] {
  const e = state.etcd;
  if (!e) return [];
  const cleared = e.alarms;
  e.alarms = [];
  raiseNospaceIfFull(state, e, state.now);
  return cleared;
}

/**
 * `etcdctl member add NAME --peer-urls=URL [--learner]`: a new member in the configuration,
 * unstarted until an etcd process joins with it. As a voter it raises the quorum at once (3 of 4),
 * which a cluster with one slow member feels immediately.
 */
export function addMember(state: ClusterState, name: string, peerURL: string, learner: boolean): EtcdMember | undefined {
  const e = state.etcd;
  if (!e) return undefined;
  const raw = hashString(`${name}/${peerURL}/${e.clusterId}`).toString(16).padStart(8, '0') + hashString(`${peerURL}/${name}`).toString(16).padStart(8, '0');
  const id = (raw[0] === '0' ? '9' : raw[0]) + raw.slice(1);
  const host = e.members[0]?.host ?? '';
  const m: EtcdMember = {
    id, name, host, device: '', peerURL, clientURL: '', started: false, isLearner: learner, dbSizeBytes: 0, dbInUseBytes: 0, startedAt: state.now,
    counters: { slowApplies: 0, leaderChanges: 0, heartbeatFailures: 0, proposalsFailed: 0 },
    walFsync: { buckets: e.members[0]?.walFsync.buckets.map(() => 0) ?? [], count: 0, sumSeconds: 0 },
  };
  e.members.push(m);
  e.raftIndex += 1;
  for (const x of e.members.filter((y) => y.started)) etcdLog(state, x.host, state.now, 'info', 'membership/cluster.go:421', 'added member', { 'cluster-id': e.clusterId, 'local-member-id': x.id, 'added-peer-id': id, 'added-peer-peer-urls': [peerURL] });
  return m;
}

/**
 * The etcd process on `host` stops (crictl stop, its manifest moved away, a crash): the member is
 * gone until kubelet has restarted it and it has replayed its WAL, slower on a slow disk; if it
 * led, the others elect a new leader. Nothing about its disk changes.
 */
export function restartMember(state: ClusterState, host: string, downMs?: number): void {
  const e = state.etcd;
  const m = e?.members.find((x) => x.host === host && x.started);
  if (!e || !m) return;
  const dev = memberDevice(state, m);
  const replay = Math.round(2 * SECOND + (dev ? dev.fsyncP99Ms * 80 : 0));
  m.unavailableUntil = state.now + (downMs ?? 10 * SECOND + replay);
  m.unavailableReason = 'restart';
  etcdLog(state, m.host, state.now, 'info', 'osutil/interrupt_unix.go:64', 'received signal; shutting down', { signal: 'terminated' });
  if (e.leader === m.id) loseLeader(state, state.now);
}

/**
 * The events storm of the curveball: `source` (`namespace/name` of a Deployment) has been writing
 * Events fast enough to add `bytes` to the database; it keeps writing `bytesPerMinute` while it
 * runs. Its Events show in `kubectl get events`. NOSPACE trips when a member reaches the quota.
 */
export function eventsStorm(state: ClusterState, source: string, bytes: number, bytesPerMinute: number, reason: string, message: string): void {
  const e = state.etcd;
  if (!e) return;
  e.storm = { source, bytesPerMinute, since: state.now };
  e.liveBytes += Math.round(bytes * 0.55);
  e.historyBytes += bytes - Math.round(bytes * 0.55);
  e.revision += Math.round(bytes / 2400);
  e.raftIndex += Math.round(bytes / 2400);
  for (const m of e.members) {
    m.dbInUseBytes = e.liveBytes + e.historyBytes;
    if (m.dbSizeBytes < m.dbInUseBytes) m.dbSizeBytes = m.dbInUseBytes;
  }
  const [ns, name] = source.split('/');
  const dep = state.deployments[keyOf(ns, name)];
  if (dep) {
    for (let i = 0; i < 3; i++) {
      recordEvent(state, { object: { kind: 'Deployment', apiVersion: 'apps/v1', namespace: ns, name: `${name}`, uid: dep.metadata.uid }, type: 'Warning', reason, message: `${message} (shard ${i})`, component: name });
    }
    for (const ev of Object.values(state.events)) if (ev.involvedObject.uid === dep.metadata.uid && ev.reason === reason) ev.count = 18_000 + (hashString(ev.message) % 9000);
  }
  raiseNospaceIfFull(state, e, state.now);
}
