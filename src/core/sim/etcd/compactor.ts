import type { EtcdCluster } from '../../model/etcd.ts';
import type { ClusterState } from '../../model/state.ts';
import { MINUTE, SECOND } from '../../time.ts';
import { hashString } from '../rng.ts';
import { commitLatencyMs, memberAvailable, memberDevice } from './latency.ts';
import { humanBytes } from './controlPlane.ts';
import { etcdLog, goDurationText } from './logs.ts';

/**
 * The API server's periodic compaction (`--etcd-compaction-interval`, 5 minutes by default), which
 * is what every etcd member logs through quiet hours. Each run writes `compact_rev_key` (a
 * revision after the Lease renewals and other writes since its last run, which it accounts for)
 * and compacts to the revision its previous run wrote; each member then logs the three lines
 * etcd 3.5 logs for it:
 *
 *   mvcc/index.go:214 "compact tree index"
 *   mvcc/kvstore_compaction.go:69 "finished scheduled compaction" (took, hash, database sizes)
 *   mvcc/hash.go:137 "storing new hash"
 *
 * The hash is the same on every member, as a healthy cluster's is. The compactor's write fails
 * while etcd cannot commit (no leader, no quorum) or refuses writes (NOSPACE), and then it
 * compacts nothing, as a real API server logs an error and retries at the next interval.
 *
 * Only the revision bookkeeping moves: the bytes of old revisions (`historyBytes`) stand for
 * what the scenario's storm wrote, which `etcdctl compact` reclaims.
 */

export const COMPACTION_INTERVAL_MS = 5 * MINUTE;
/** kubelet renews its node's Lease this often (one write each), ms. */
const LEASE_RENEW_MS = 10 * SECOND;

/**
 * Kubelet keeps a container's current log file to 10 MiB (containerLogMaxSize) and rotates the
 * rest away, so `kubectl logs` shows days, not months: a quiet stretch longer than this keeps only
 * its last part, and the lines before it go with the rotated files. Bounds the cost of long histories.
 */
export const KEPT_LOG_MS = 3 * 24 * 60 * MINUTE;

/** Runs the compactor at every interval boundary in (from, to]. */
export function runCompactions(state: ClusterState, e: EtcdCluster, from: number, to: number): void {
  const phase = hashString(`compactor/${e.clusterId}`) % COMPACTION_INTERVAL_MS;
  const first = Math.floor((from - phase) / COMPACTION_INTERVAL_MS + 1) * COMPACTION_INTERVAL_MS + phase;
  let start = first;
  if (to - first > KEPT_LOG_MS) {
    start = first + Math.ceil((to - first - KEPT_LOG_MS) / COMPACTION_INTERVAL_MS) * COMPACTION_INTERVAL_MS;
    rotateAway(state, e, start);
  }
  for (let at = start; at <= to; at += COMPACTION_INTERVAL_MS) compactOnce(state, e, at);
}

function compactOnce(state: ClusterState, e: EtcdCluster, at: number): void {
  if (commitLatencyMs(state, at) === undefined || e.alarms.some((a) => a.alarm === 'NOSPACE')) return;
  const target = e.compactorRevision;
  // Revisions written since the last run: every node's Lease renewal (one per 10 s), a few status
  // and Event writes, and the compactor's own transaction.
  const writes = Object.keys(state.nodes).length * (COMPACTION_INTERVAL_MS / LEASE_RENEW_MS) + (hashString(`writes/${at}`) % 40) + 1;
  e.revision += writes;
  e.raftIndex += writes;
  e.compactorRevision = e.revision;
  if (target === undefined || target <= e.compactRevision) return;
  const previous = e.compactRevision;
  e.compactRevision = target;
  const hash = hashString(`kv-hash/${e.clusterId}/${target}`) >>> 0;
  for (const m of e.members) {
    if (!memberAvailable(m, at)) continue;
    // Deleting old keys commits in batches: a few ms, plus the member's own flushes.
    const flushMs = memberDevice(state, m)?.fsyncP50Ms ?? 1;
    const tookMs = 2 + (hashString(`took/${m.id}/${target}`) % 9000) / 1000 + 3 * flushMs;
    const t0 = at + 1 + (hashString(`ti/${m.id}/${target}`) % 3);
    etcdLog(state, m.host, t0, 'info', 'mvcc/index.go:214', 'compact tree index', { revision: target });
    etcdLog(state, m.host, t0 + Math.round(tookMs), 'info', 'mvcc/kvstore_compaction.go:69', 'finished scheduled compaction', {
      'compact-revision': target, took: goDurationText(tookMs), hash,
      'current-db-size-bytes': m.dbSizeBytes, 'current-db-size': humanBytes(m.dbSizeBytes),
      'current-db-size-in-use-bytes': m.dbInUseBytes, 'current-db-size-in-use': humanBytes(m.dbInUseBytes),
    });
    etcdLog(state, m.host, t0 + Math.round(tookMs), 'info', 'mvcc/hash.go:137', 'storing new hash', { hash, revision: target, 'compact-revision': previous });
  }
}

/** Drops the etcd log lines before `before` on every member: they are in kubelet's rotated files. */
function rotateAway(state: ClusterState, e: EtcdCluster, before: number): void {
  for (const m of e.members) {
    for (const c of state.hosts[m.host]?.containers ?? []) {
      if (c.namespace === 'kube-system' && c.podName === `etcd-${m.host}` && c.state === 'CONTAINER_RUNNING') c.logs = c.logs.filter((l) => l.at >= before);
    }
  }
}
