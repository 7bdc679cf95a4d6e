import type { EtcdCluster, EtcdMember } from '../../../model/etcd.ts';
import type { Host } from '../../../model/host.ts';
import type { ClusterState } from '../../../model/state.ts';
import { readHostFile } from '../../../host/files.ts';
import type { Action } from '../../../sim/actions.ts';
import { applyAction } from '../../../sim/reduce.ts';
import { FSYNC_BUCKETS_S } from '../../../sim/etcd/latency.ts';
import type { Command, CommandResult } from '../../types.ts';
import { amdHost, NOW } from '../testing.ts';
import { stateFromObjects } from '../../../testing/fromObjects.ts';

/**
 * The three-member etcd 3.4.23 cluster of shared/reference/golden/etcdctl-*.txt, rebuilt as
 * state: cp-1..cp-3 on 127.0.0.1..3 (client :2379, plain http), the member ids and cluster id the
 * capture printed, cp-2 leading at term 2, index 56, revision 49, 37 kB databases. Disks are fast.
 */
export function goldenEtcdState(): ClusterState {
  const s = stateFromObjects([], NOW);
  const ids: Record<string, string> = { 'cp-1': 'f1ecb1eba0781532', 'cp-2': '64b6d0c80b59e0c9', 'cp-3': 'd38806b9d568d39b' };
  const members: EtcdMember[] = [1, 2, 3].map((i) => {
    const name = `cp-${i}`;
    const host: Host = { ...amdHost(), name, ip: `127.0.0.${i}`, files: { '/usr/local/bin/etcdctl': '\x7fELF' }, containers: [], sandboxes: [] };
    host.blockDevices = [{ name: 'nvme1n1', readsPerSec: 0.5, writesPerSec: 200, readKBps: 10, writeKBps: 3000, readAwaitMs: 0.4, writeAwaitMs: 1, flushesPerSec: 110, fsyncP50Ms: 1, fsyncP99Ms: 3, writeMBps: 400, utilPct: 5 }];
    s.hosts[name] = host;
    return {
      id: ids[name], name, host: name, device: 'nvme1n1', peerURL: `http://127.0.0.${i}:2380`, clientURL: `http://127.0.0.${i}:2379`, started: true, isLearner: false,
      dbSizeBytes: 36864, dbInUseBytes: 36864, startedAt: NOW - 60_000,
      counters: { slowApplies: 0, leaderChanges: 1, heartbeatFailures: 0, proposalsFailed: 0 },
      walFsync: { buckets: FSYNC_BUCKETS_S.map(() => 0), count: 0, sumSeconds: 0 },
    };
  });
  const etcd: EtcdCluster = {
    clusterId: '7e3bb3340c181d40', version: '3.4.23', members, leader: ids['cp-2'], raftTerm: 2, raftIndex: 56, revision: 49, compactRevision: 29,
    liveBytes: 30000, historyBytes: 6864, quotaBackendBytes: 16 * 1024 * 1024, alarms: [], steppedAt: NOW, apiServerURL: 'https://127.0.0.1:6443', clientCertAuth: false,
  };
  s.etcd = etcd;
  return s;
}

export const GOLDEN_ENDPOINTS = '--endpoints=http://127.0.0.1:2379,http://127.0.0.2:2379,http://127.0.0.3:2379';

/** Runs `cmd` on `host` as the session would: dispatches apply, waits advance the clock. Returns the new state too. */
export function runEtcd(cmd: Command, state: ClusterState, host: string, line: string): CommandResult & { state: ClusterState } {
  let current = state;
  const r = cmd.run({
    argv: line.split(' ').filter(Boolean),
    stdin: '',
    get state() { return current; },
    frame: { place: 'node', host, user: 'root', cwd: '/root' },
    get host() { return current.hosts[host]; },
    dispatch(a: Action) { current = applyAction(current, a); },
    wait(ms) { current = applyAction(current, { type: 'clock/advance', to: current.now + ms }); },
    history: [],
    readFile: (p) => readHostFile(current, current.hosts[host], p, '/root'),
  });
  return { ...r, state: current };
}
