import type { EtcdCluster, EtcdMember } from '../../model/etcd.ts';
import type { BlockDevice } from '../../model/host.ts';
import type { ClusterState } from '../../model/state.ts';
import { hashString } from '../rng.ts';

/**
 * How slow the control plane is, derived from the disks under etcd. One model feeds every symptom:
 * `time kubectl …`, the API server's and etcd's log lines, node Lease renewals timing out, pods
 * starting late. All times in ms.
 *
 * A write is committed when the leader and enough followers for a quorum have fsynced it to their
 * WAL, so a commit takes about the slowest fsync among the leader and the fastest quorum of
 * followers. A slow leader therefore slows every write; a slow follower does not, as long as the
 * others make a quorum.
 */

/** etcd's WAL fsync histogram buckets (prometheus ExponentialBuckets(0.001, 2, 14)), seconds. */
export const FSYNC_BUCKETS_S = [0.001, 0.002, 0.004, 0.008, 0.016, 0.032, 0.064, 0.128, 0.256, 0.512, 1.024, 2.048, 4.096, 8.192];

/** Network round trip between control-plane nodes, ms. */
export const PEER_RTT_MS = 1;

/**
 * Writes waiting in the leader's raft loop at any moment: every node's Lease renewal, status
 * patches, controller updates and Events, each needing its own fsync in turn. A linearizable read
 * (ReadIndex) waits behind them, which is why one slow disk makes a simple `kubectl get` take
 * seconds: 48 × 250 ms ≈ 12 s.
 */
export const RAFT_BACKLOG = 48;

/** Client-side work of one kubectl call besides etcd (TLS, discovery cache, API server), ms. */
export const API_BASE_MS = 40;

/** The API server gives up on etcd after this long: `etcdserver: request timed out`, ms. */
export const ETCD_REQUEST_TIMEOUT_MS = 7000;

/** Fraction of flushes on `dev` that take at most `seconds` (log-normal through p50 and p99). */
export function fsyncCdf(dev: Pick<BlockDevice, 'fsyncP50Ms' | 'fsyncP99Ms'>, seconds: number): number {
  const key = `${dev.fsyncP50Ms}/${dev.fsyncP99Ms}/${seconds}`;
  let p = cdfs.get(key);
  if (p === undefined) {
    if (cdfs.size > 10_000) cdfs.clear();
    cdfs.set(key, (p = fsyncCdfOf(dev, seconds)));
  }
  return p;
}
/** fsyncCdf's answers by disk and bound: the control plane asks the same 14 buckets every 10 s step. */
const cdfs = new Map<string, number>();

/**
 * fsyncCdf at every bucket bound of FSYNC_BUCKETS_S, in order: the control plane adds a step's
 * flushes to all 14 buckets every 10 s, so the row is kept per disk (while its p50 and p99 hold).
 */
export function fsyncCdfRow(dev: Pick<BlockDevice, 'fsyncP50Ms' | 'fsyncP99Ms'>): readonly number[] {
  const hit = cdfRows.get(dev);
  if (hit && hit.p50 === dev.fsyncP50Ms && hit.p99 === dev.fsyncP99Ms) return hit.row;
  const row = FSYNC_BUCKETS_S.map((le) => fsyncCdf(dev, le));
  cdfRows.set(dev, { p50: dev.fsyncP50Ms, p99: dev.fsyncP99Ms, row });
  return row;
}
const cdfRows = new WeakMap<object, { p50: number; p99: number; row: readonly number[] }>();

function fsyncCdfOf(dev: Pick<BlockDevice, 'fsyncP50Ms' | 'fsyncP99Ms'>, seconds: number): number {
  const mu = Math.log(dev.fsyncP50Ms / 1000);
  const sigma = Math.max(1e-6, (Math.log(dev.fsyncP99Ms) - Math.log(dev.fsyncP50Ms)) / 2.326);
  return normalCdf((Math.log(seconds) - mu) / sigma);
}

/** The flush latency at quantile q (0 < q < 1) on `dev`, ms. */
export function fsyncQuantileMs(dev: Pick<BlockDevice, 'fsyncP50Ms' | 'fsyncP99Ms'>, q: number): number {
  const sigma = (Math.log(dev.fsyncP99Ms) - Math.log(dev.fsyncP50Ms)) / 2.326;
  return dev.fsyncP50Ms * Math.exp(sigma * normalQuantile(q));
}

function normalCdf(z: number): number {
  // Abramowitz–Stegun 7.1.26 erf approximation (error < 1.5e-7).
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

function normalQuantile(p: number): number {
  // Bisection on the CDF: plenty for the few quantiles the simulator asks for.
  let lo = -8;
  let hi = 8;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (normalCdf(mid) < p) lo = mid; else hi = mid;
  }
  return (lo + hi) / 2;
}

/** The block device holding a member's data directory, if the host describes it. */
export function memberDevice(state: ClusterState, m: EtcdMember): BlockDevice | undefined {
  const devices = state.hosts[m.host]?.blockDevices;
  if (devices) for (const d of devices) if (d.name === m.device) return d;
  return undefined;
}

/** Whether the member answers at `at`: started and not restarting or defragmenting. */
export function memberAvailable(m: EtcdMember, at: number): boolean {
  return m.started && !(m.unavailableUntil !== undefined && m.unavailableUntil > at);
}

/** Voting members (learners do not count towards quorum), started or not. */
export const voters = (e: EtcdCluster) => e.members.filter((m) => !m.isLearner);

/** Members needed for a quorum: a majority of the voters. */
export const quorumSize = (e: EtcdCluster) => Math.floor(voters(e).length / 2) + 1;

/**
 * The leader at `at`: the recorded one, or after an election the voter whose timer fired first
 * (a hash of the term and the member id stands for the randomised timeout). Pure, so an API call
 * made between two steps sees the same leader the next step records.
 */
export function electedLeader(e: EtcdCluster, at: number): EtcdMember | undefined {
  if (e.leader) {
    for (const m of e.members) if (m.id === e.leader) return m;
    return undefined;
  }
  if (e.electionUntil === undefined || e.electionUntil > at) return undefined;
  const candidates = voters(e).filter((m) => memberAvailable(m, at));
  if (candidates.length < Math.floor(voters(e).length / 2) + 1) return undefined;
  return [...candidates].sort((a, b) => hashString(`${e.raftTerm}/${a.id}`) - hashString(`${e.raftTerm}/${b.id}`))[0];
}

/** The leader, when there is one (or an election has just produced one) and it answers. */
export function leaderOf(e: EtcdCluster, at: number): EtcdMember | undefined {
  const l = electedLeader(e, at);
  return l && memberAvailable(l, at) ? l : undefined;
}

/** A member's p99 fsync latency (2 ms when its disk is not described). */
const p99Of = (state: ClusterState, m: EtcdMember) => memberDevice(state, m)?.fsyncP99Ms ?? 2;

/**
 * How long a write takes to commit at `at` (p99 fsync of the leader and of the quorum's slowest
 * needed follower, plus a round trip), or undefined when nothing can commit: no leader, the
 * leader busy, or too few followers answering for a quorum.
 */
export function commitLatencyMs(state: ClusterState, at: number = state.now): number | undefined {
  const e = state.etcd;
  if (!e) return 0;
  const leader = leaderOf(e, at);
  if (!leader) return undefined;
  // Plain loops: every Lease renewal of every node asks this, tens of thousands of times a long move.
  let voting = 0;
  const followers: number[] = [];
  for (const m of e.members) {
    if (m.isLearner) continue;
    voting++;
    if (m.id !== leader.id && memberAvailable(m, at)) followers.push(p99Of(state, m));
  }
  const needed = Math.floor(voting / 2);
  if (followers.length < needed) return undefined;
  if (followers.length > 1) followers.sort((a, b) => a - b);
  const slowestFollower = needed > 0 ? followers[needed - 1] + PEER_RTT_MS : 0;
  return Math.max(p99Of(state, leader), slowestFollower);
}

/** What one API request meets: how long it takes (ms), and the error it ends with, if any. */
export interface ApiOutcome {
  ms: number;
  /** The API server's error text, e.g. `etcdserver: request timed out`. */
  error?: string;
}

/**
 * One kubectl call against the API server at `at`: reads wait behind the leader's backlog (see
 * RAFT_BACKLOG), writes commit on top of that. With no etcd modelled the call costs nothing.
 * Writes fail with `mvcc: database space exceeded` while a NOSPACE alarm is raised (deletes still
 * pass, as etcd's quota admits them); anything fails with `request timed out` when etcd cannot
 * commit. A small deterministic jitter (±6 %, from `at`) keeps repeated calls from looking canned.
 * `commit`: commitLatencyMs(state, at) when the caller has it already.
 */
export function apiRequest(state: ClusterState, kind: 'read' | 'write' | 'delete', at: number = state.now, commit = commitLatencyMs(state, at)): ApiOutcome {
  const e = state.etcd;
  if (!e) return { ms: 0 };
  if (commit === undefined) return { ms: ETCD_REQUEST_TIMEOUT_MS + API_BASE_MS, error: 'etcdserver: request timed out' };
  const jitter = 0.94 + (hashString(`api/${at}`) % 1200) / 10000;
  const ms = Math.round((API_BASE_MS + RAFT_BACKLOG * commit + (kind === 'read' ? 0 : commit)) * jitter);
  if (kind === 'write' && e.alarms.some((a) => a.alarm === 'NOSPACE')) return { ms, error: 'etcdserver: mvcc: database space exceeded' };
  return { ms };
}

/**
 * Extra time before a pod created now starts on its node: the chain of API writes between a
 * Deployment change and the kubelet (ReplicaSet, pod, binding, status), each waiting its turn
 * behind the leader. Minutes with a 250 ms leader; nothing when etcd is healthy or absent.
 */
export function controlPlaneLagMs(state: ClusterState): number {
  if (!state.etcd) return 0;
  const { ms } = apiRequest(state, 'write');
  return ms < 1000 ? 0 : 16 * ms;
}
