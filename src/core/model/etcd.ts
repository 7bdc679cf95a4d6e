/**
 * The etcd cluster behind the API server, as its members know it: who is a member, who leads,
 * how big the database is, which alarms are raised. Disk latency is a property of the machine
 * (Host.blockDevices, see host.ts); a member names the device its data directory lives on, and
 * every latency the cluster shows (etcdctl, the API server, kubectl, node leases) is derived from
 * those devices by sim/etcd/latency.ts.
 */

/** One etcd member, as `etcdctl member list` and `endpoint status` show it. */
export interface EtcdMember {
  /** Member id, 16 lower-case hex digits (etcdctl prints it in hex; JSON and alarms in decimal). */
  id: string;
  /** `--name`, kubeadm uses the node name. */
  name: string;
  /** The node (ClusterState.hosts key) the static pod runs on. */
  host: string;
  /** Block device of /var/lib/etcd on that host, e.g. `nvme1n1` (Host.blockDevices). */
  device: string;
  peerURL: string; // https://10.0.1.12:2380
  clientURL: string; // https://10.0.1.12:2379
  /** `unstarted`: added with `member add` but never started (no name, no client URL yet). */
  started: boolean;
  isLearner: boolean;
  /** Backend file size and the part of it holding live keys, bytes. */
  dbSizeBytes: number;
  dbInUseBytes: number;
  /** While set and in the future the member answers nothing (restarting, defragmenting), ms. */
  unavailableUntil?: number;
  /** Why it is unavailable, for logs and etcdctl errors. */
  unavailableReason?: 'restart' | 'defrag';
  /** When the etcd process last started, ms (for metrics counters and process uptime). */
  startedAt: number;
  /** Monotonic counters exported on :2381/metrics. */
  counters: { slowApplies: number; leaderChanges: number; heartbeatFailures: number; proposalsFailed: number };
  /**
   * WAL fsync histogram as etcd exports it: cumulative counts per `le` bucket of
   * FSYNC_BUCKETS_S (sim/etcd/latency.ts), plus the total count and the sum in seconds.
   */
  /** WAL fsync histogram: cumulative expected counts per FSYNC_BUCKETS_S bound (fractional; scrapes round down). */
  walFsync: { buckets: number[]; count: number; sumSeconds: number };
}

/** An alarm raised by a member (`etcdctl alarm list`: `memberID:<decimal> alarm:NOSPACE `). */
export interface EtcdAlarm {
  memberId: string; // hex
  alarm: 'NOSPACE' | 'CORRUPT';
}

/** A source of write load on etcd beyond the baseline (an events storm), bytes per minute of new data. */
export interface EtcdWriteStorm {
  /** What writes: `namespace/name` of the workload spamming Events. */
  source: string;
  bytesPerMinute: number;
  since: number;
}

export interface EtcdCluster {
  /** Cluster id, 16 hex digits. */
  clusterId: string;
  /** Server version, e.g. `3.5.15` (etcdctl tables print it per endpoint). */
  version: string;
  members: EtcdMember[];
  /** Member id of the leader; undefined while an election runs or quorum is lost. */
  leader?: string;
  /** While an election runs (leader lost), until this time, ms. */
  electionUntil?: number;
  raftTerm: number;
  raftIndex: number;
  /** Current MVCC revision and the last compacted one. */
  revision: number;
  compactRevision: number;
  /**
   * The revision of the API server compactor's last write (its `compact_rev_key` transaction), which
   * its next run compacts to; undefined before its first run (sim/etcd/compactor.ts).
   */
  compactorRevision?: number;
  /** Bytes of the current revision's keys, and of older revisions not yet compacted away. */
  liveBytes: number;
  historyBytes: number;
  /** --quota-backend-bytes (default 2 GiB). */
  quotaBackendBytes: number;
  alarms: EtcdAlarm[];
  storm?: EtcdWriteStorm;
  /** Last time the control-plane simulation stepped (sim/etcd/controlPlane.ts), ms. */
  steppedAt: number;
  /** --client-cert-auth: clients must present a certificate over TLS (kubeadm's default). */
  clientCertAuth: boolean;
  /** The API server's address as kubelets and kubectl reach it: `https://10.0.1.10:6443`. */
  apiServerURL: string;
}

/** Per-node kubelet heartbeat bookkeeping: last successful Lease renewal and the Ready flapping. */
export interface NodeHeartbeat {
  /** Last successful Lease renewal, ms. */
  renewedAt: number;
  /** Consecutive failed renewals. */
  failures: number;
}
