import type { EtcdMember } from '../../../model/etcd.ts';
import type { ClusterState } from '../../../model/state.ts';
import { commitLatencyMs, FSYNC_BUCKETS_S, leaderOf } from '../../../sim/etcd/latency.ts';

/**
 * What etcd 3.5 serves on its metrics listener (`--listen-metrics-urls=http://127.0.0.1:2381`):
 * `/metrics` in the Prometheus text format (a subset: disk, MVCC size, raft, server), and
 * `/health`. Numbers are formatted as client_golang does (Go's %g, shortest: 1.1534336e+09).
 */

/** Go's strconv.FormatFloat(f, 'g', -1, 64), as the Prometheus text encoder writes every sample. */
export function goFloat(x: number): string {
  if (!Number.isFinite(x)) return x > 0 ? '+Inf' : x < 0 ? '-Inf' : 'NaN';
  if (x === 0) return '0';
  // Shortest digits; %e when the decimal exponent is below -4 or at least 6 (Go's rule for precision -1).
  const exp = Math.floor(Math.log10(Math.abs(x)));
  if (exp < -4 || exp >= 6) {
    const [m, e] = x.toExponential().split('e');
    const n = Number(e);
    return `${m}e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
  }
  return String(x);
}

function histogram(name: string, help: string, buckets: number[], count: number, sum: number): string {
  let s = `# HELP ${name} ${help}\n# TYPE ${name} histogram\n`;
  // The simulator keeps expected (fractional) counts: a scrape sees whole fsyncs.
  FSYNC_BUCKETS_S.forEach((le, i) => { s += `${name}_bucket{le="${le}"} ${goFloat(Math.floor(buckets[i]))}\n`; });
  s += `${name}_bucket{le="+Inf"} ${goFloat(Math.floor(count))}\n${name}_sum ${goFloat(Math.round(sum * 1e6) / 1e6)}\n${name}_count ${goFloat(Math.floor(count))}\n`;
  return s;
}

const sample = (name: string, type: 'gauge' | 'counter', help: string, value: number, labels = '') => `# HELP ${name} ${help}\n# TYPE ${name} ${type}\n${name}${labels} ${goFloat(value)}\n`;

export function etcdMetrics(state: ClusterState, m: EtcdMember): string {
  const e = state.etcd!;
  const h = m.walFsync;
  const isLeader = e.leader === m.id;
  const hasLeader = leaderOf(e, state.now) !== undefined;
  const commit = commitLatencyMs(state) ?? 0;
  const commitBuckets = h.buckets.map((b, i) => (i + 1 < h.buckets.length ? (b + h.buckets[i + 1]) / 2 : b));
  return [
    histogram('etcd_disk_backend_commit_duration_seconds', 'The latency distributions of commit called by backend.', commitBuckets, h.count, h.sumSeconds * 1.4),
    histogram('etcd_disk_wal_fsync_duration_seconds', 'The latency distributions of fsync called by WAL.', h.buckets, h.count, h.sumSeconds),
    sample('etcd_mvcc_db_total_size_in_bytes', 'gauge', 'Total size of the underlying database physically allocated in bytes.', m.dbSizeBytes),
    sample('etcd_mvcc_db_total_size_in_use_in_bytes', 'gauge', 'Total size of the underlying database logically in use in bytes.', m.dbInUseBytes),
    sample('etcd_server_has_leader', 'gauge', 'Whether or not a leader exists. 1 is existence, 0 is not.', hasLeader ? 1 : 0),
    sample('etcd_server_heartbeat_send_failures_total', 'counter', 'The total number of leader heartbeat send failures (likely overloaded from slow disk).', m.counters.heartbeatFailures),
    sample('etcd_server_is_leader', 'gauge', 'Whether or not this member is a leader. 1 if is, 0 otherwise.', isLeader ? 1 : 0),
    sample('etcd_server_leader_changes_seen_total', 'counter', 'The number of leader changes seen.', m.counters.leaderChanges),
    sample('etcd_server_proposals_committed_total', 'counter', 'The total number of consensus proposals committed.', e.raftIndex),
    sample('etcd_server_proposals_failed_total', 'counter', 'The total number of failed proposals seen.', m.counters.proposalsFailed),
    sample('etcd_server_proposals_pending', 'gauge', 'The current number of pending proposals to commit.', isLeader ? Math.round(commit / 5) : 0),
    sample('etcd_server_quota_backend_bytes', 'gauge', 'Current backend storage quota size in bytes.', e.quotaBackendBytes),
    sample('etcd_server_slow_apply_total', 'counter', 'The total number of slow apply requests (likely overloaded from slow disk).', m.counters.slowApplies),
    sample('etcd_server_version', 'gauge', 'Which version is running. 1 for \'server_version\' label with current version.', 1, `{server_version="${e.version}"}`),
  ].join('');
}

/** `/health` of etcd 3.5: `{"health":"true","reason":""}`, false with the alarm or missing leader. */
export function etcdHealth(state: ClusterState): string {
  const e = state.etcd!;
  if (e.alarms.length) return `{"health":"false","reason":"ALARM ${e.alarms.map((a) => a.alarm).join(',')}"}`;
  if (!leaderOf(e, state.now)) return '{"health":"false","reason":"RAFT NO LEADER"}';
  return '{"health":"true","reason":""}';
}
