import type { EtcdMember } from '../../../model/etcd.ts';
import type { ClusterState } from '../../../model/state.ts';
import { humanBytes } from '../../../sim/etcd/controlPlane.ts';
import { commitLatencyMs, leaderOf, memberAvailable, memberDevice } from '../../../sim/etcd/latency.ts';
import { defragDurationMs } from '../../../sim/etcd/ops.ts';
import { hashString } from '../../../sim/rng.ts';
import type { ParsedFlags } from '../../flags.ts';
import type { CommandContext, CommandResult } from '../../types.ts';
import { clientWarning, connect, decimalId, ETCDCTL_VERSION, type Connection, type Endpoint } from './connect.ts';
import { renderTable } from './table.ts';

/** The sub-commands' behaviour. Each reads ClusterState.etcd, waits what the RPCs take, dispatches what changes. */

type Run = (ctx: CommandContext, flags: ParsedFlags, args: string[], conn: Connection | undefined) => CommandResult;

const out = (stdout: string, stderr = '', exitCode = 0): CommandResult => ({ stdout, stderr, exitCode });
const format = (flags: ParsedFlags) => String(flags.values['write-out']);

/** Go's time.Duration String() with nanosecond digits: `3.091854ms`, `1.204118s`. */
export function goDur(ms: number, salt: string): string {
  const ns = Math.max(1, Math.round(ms * 1e6) + (hashString(salt) % 997));
  if (ns < 1e6) return `${trim((ns / 1e3).toFixed(3))}µs`;
  if (ns < 1e9) return `${trim((ns / 1e6).toFixed(6))}ms`;
  return `${trim((ns / 1e9).toFixed(9))}s`;
}
const trim = (s: string) => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);

/** Fails the whole command the way clientv3 does when the first RPC cannot get through. */
function unreachable(ctx: CommandContext, conn: Connection, ep: Endpoint): CommandResult {
  ctx.wait(conn.commandTimeoutMs, true);
  return out('', `${clientWarning(ctx, ep)}Error: context deadline exceeded\n`, 1);
}

/** The first endpoint that answers (clientv3 balances over all given endpoints). */
function firstReachable(conn: Connection): Endpoint | undefined {
  return conn.endpoints.find((e) => !e.problem);
}

/** The members' client URLs as endpoints (`--cluster`), learnt from the first endpoint that answers. */
function clusterEndpoints(ctx: CommandContext, flags: ParsedFlags, conn: Connection): Connection {
  const e = ctx.state.etcd!;
  const urls = [...e.members].filter((m) => m.started).sort((a, b) => (a.id < b.id ? -1 : 1)).map((m) => m.clientURL);
  const again = connect(ctx, flags, urls);
  return again.ok ? again.conn : conn;
}

/** Raft index of a member: followers trail the leader by an entry or two, a slow disk by more. */
function indexes(state: ClusterState, m: EtcdMember): { index: number; applied: number } {
  const e = state.etcd!;
  const dev = memberDevice(state, m);
  // Under load (a slow commit) followers trail the leader's log by an entry or two; otherwise they keep up.
  const loaded = (commitLatencyMs(state) ?? 0) >= 50;
  const lag = m.id === e.leader || !loaded ? 0 : 1 + (hashString(`${m.id}/${e.raftIndex}`) % 2);
  const slow = dev ? Math.floor(dev.fsyncP99Ms / 12) : 0;
  const index = e.raftIndex - lag;
  return { index, applied: index - slow };
}

const alarmText = (a: { memberId: string; alarm: string }) => `memberID:${decimalId(a.memberId)} alarm:${a.alarm} `;

export const version: Run = () => out(`etcdctl version: ${ETCDCTL_VERSION}\nAPI version: 3.5\n`);

export const memberList: Run = (ctx, flags, _args, conn) => {
  const ep = firstReachable(conn!);
  if (!ep) return unreachable(ctx, conn!, conn!.endpoints[0]);
  ctx.wait(3, true);
  const e = ctx.state.etcd!;
  const members = [...e.members].sort((a, b) => (a.id < b.id ? -1 : 1));
  const row = (m: EtcdMember) => [m.id, m.started ? 'started' : 'unstarted', m.started ? m.name : '', m.peerURL, m.started ? m.clientURL : '', String(m.isLearner)];
  switch (format(flags)) {
    case 'table': return out(renderTable(['ID', 'STATUS', 'NAME', 'PEER ADDRS', 'CLIENT ADDRS', 'IS LEARNER'], members.map(row)));
    case 'json': return out(JSON.stringify({
      header: { cluster_id: 0, member_id: 0, raft_term: e.raftTerm },
      members: members.map((m) => ({ ID: 0, ...(m.started ? { name: m.name } : {}), peerURLs: [m.peerURL], ...(m.started ? { clientURLs: [m.clientURL] } : {}), ...(m.isLearner ? { isLearner: true } : {}) })),
    }).replace(/"cluster_id":0/, `"cluster_id":${decimalId(e.clusterId)}`).replace(/"member_id":0/, `"member_id":${decimalId(ep.member!.id)}`).replace(/"ID":0/g, (() => { let i = 0; return () => `"ID":${decimalId(members[i++].id)}`; })()) + '\n');
    default: return out(members.map((m) => row(m).join(', ') + '\n').join(''));
  }
};

export const memberAdd: Run = (ctx, flags, args, conn) => {
  if (args.length < 1) return out('', 'Error: member name not provided\n', 128);
  if (args.length > 1) return out('', 'Error: too many arguments\n', 128);
  const peers = String(flags.values['peer-urls']);
  if (!peers) return out('', 'Error: member peer urls not provided\n', 128);
  const urls = peers.split(',');
  for (const u of urls) if (!/^https?:\/\/[^\s/]+:\d+$/.test(u)) return out('', `Error: URL address does not have the form "host:port": ${u}\n`, 1);
  const e = ctx.state.etcd!;
  if (e.members.some((m) => m.peerURL === urls[0])) return out('', 'Error: etcdserver: Peer URLs already exists\n', 1);
  const ep = firstReachable(conn!);
  if (!ep) return unreachable(ctx, conn!, conn!.endpoints[0]);
  const commit = commitLatencyMs(ctx.state);
  if (commit === undefined) return unreachable(ctx, conn!, { ...ep, problem: 'busy' });
  ctx.wait(Math.round(commit * 4 + 5), true);
  // --strict-reconfig-check: a new voter must not leave the started members short of the new quorum.
  const started = e.members.filter((m) => !m.isLearner && memberAvailable(m, ctx.state.now)).length;
  const voters = e.members.filter((m) => !m.isLearner).length + (flags.values.learner === true ? 0 : 1);
  if (started < Math.floor(voters / 2) + 1) return out('', 'Error: etcdserver: re-configuration failed due to not enough started members\n', 1);
  ctx.dispatch({ type: 'etcd/memberAdd', name: args[0], peerURL: urls[0], learner: flags.values.learner === true });
  const after = ctx.state.etcd!;
  const added = after.members[after.members.length - 1];
  const conf = [...after.members].sort((a, b) => (a.id < b.id ? -1 : 1)).filter((m) => m.started || m.id === added.id).map((m) => `${m.id === added.id ? args[0] : m.name}=${m.peerURL}`).join(',');
  return out(`Member ${added.id} added to cluster ${after.clusterId}\n\nETCD_NAME="${args[0]}"\nETCD_INITIAL_CLUSTER="${conf}"\nETCD_INITIAL_ADVERTISE_PEER_URLS="${urls.join(',')}"\nETCD_INITIAL_CLUSTER_STATE="existing"\n`);
};

interface EpStatus { ep: Endpoint; m: EtcdMember; index: number; applied: number }

export const endpointStatus: Run = (ctx, flags, _args, connIn) => {
  const conn = flags.values.cluster === true ? clusterEndpoints(ctx, flags, connIn!) : connIn!;
  if (flags.values.cluster === true && !firstReachable(connIn!)) return unreachable(ctx, connIn!, connIn!.endpoints[0]);
  let stderr = '';
  const list: EpStatus[] = [];
  for (const ep of conn.endpoints) {
    if (ep.problem) {
      ctx.wait(conn.commandTimeoutMs, true);
      stderr += `${clientWarning(ctx, ep)}Failed to get the status of endpoint ${ep.display} (context deadline exceeded)\n`;
      continue;
    }
    ctx.wait(2, true);
    list.push({ ep, m: ep.member!, ...indexes(ctx.state, ep.member!) });
  }
  const e = ctx.state.etcd!;
  const errors = e.alarms.map(alarmText);
  const code = stderr ? 1 : 0;
  const done = (r: CommandResult): CommandResult => ({ ...r, interleaved: r.stderr + r.stdout });
  switch (format(flags)) {
    case 'table': return done(out(list.length ? renderTable(['ENDPOINT', 'ID', 'VERSION', 'DB SIZE', 'IS LEADER', 'IS LEARNER', 'RAFT TERM', 'RAFT INDEX', 'RAFT APPLIED INDEX', 'ERRORS'],
      list.map((s) => [s.ep.display, s.m.id, e.version, humanBytes(s.m.dbSizeBytes), String(s.m.id === e.leader), String(s.m.isLearner), String(e.raftTerm), String(s.index), String(s.applied), errors.join(', ')])) : '', stderr, code));
    case 'json': return done(out(`[${list.map((s) => `{"Endpoint":${JSON.stringify(s.ep.display)},"Status":{"header":{"cluster_id":${decimalId(e.clusterId)},"member_id":${decimalId(s.m.id)},"revision":${e.revision},"raft_term":${e.raftTerm}},"version":"${e.version}","dbSize":${s.m.dbSizeBytes},"leader":${decimalId(e.leader ?? '')},"raftIndex":${s.index},"raftTerm":${e.raftTerm},"raftAppliedIndex":${s.applied}${errors.length ? `,"errors":${JSON.stringify(errors)}` : ''},"dbSizeInUse":${s.m.dbInUseBytes}}}`).join(',')}]\n`, stderr, code));
    default: return done(out(list.map((s) => `${s.ep.display}, ${s.m.id}, ${e.version}, ${humanBytes(s.m.dbSizeBytes)}, ${s.m.id === e.leader}, ${s.m.isLearner}, ${e.raftTerm}, ${s.index}, ${s.applied}, ${errors.join(', ')}\n`).join(''), stderr, code));
  }
};

export const endpointHealth: Run = (ctx, flags, _args, connIn) => {
  const conn = flags.values.cluster === true ? clusterEndpoints(ctx, flags, connIn!) : connIn!;
  if (flags.values.cluster === true && !firstReachable(connIn!)) return unreachable(ctx, connIn!, connIn!.endpoints[0]);
  const e = ctx.state.etcd!;
  const commit = commitLatencyMs(ctx.state);
  const nospace = e.alarms.some((a) => a.alarm === 'NOSPACE');
  // A linearizable read of the key "health" per endpoint, all at once: it waits for the leader's ReadIndex round.
  const results = conn.endpoints.map((ep) => {
    const tookMs = commit === undefined || ep.problem ? Infinity : 1.2 + commit * (2.2 + (hashString(`h/${ep.display}/${ctx.state.now}`) % 1000) / 1000);
    const failed = tookMs > conn.commandTimeoutMs;
    return { ep, tookMs: failed ? conn.commandTimeoutMs : tookMs, failed, error: failed ? 'context deadline exceeded' : nospace ? 'Active Alarm(s): NOSPACE ' : '' };
  }).sort((a, b) => a.tookMs - b.tookMs);
  ctx.wait(Math.round(Math.max(...results.map((r) => r.tookMs))), true);
  let stderr = '';
  for (const r of results.filter((x) => x.failed && x.ep.problem)) stderr += clientWarning(ctx, r.ep);
  const unhealthy = results.some((r) => r.error);
  const tail = unhealthy ? 'Error: unhealthy cluster\n' : '';
  const body = healthBody(flags, results);
  return { stdout: body, stderr: stderr + tail, exitCode: unhealthy ? 1 : 0, interleaved: stderr + body + tail };
};

function healthBody(flags: ParsedFlags, results: { ep: Endpoint; tookMs: number; error: string }[]): string {
  switch (format(flags)) {
    case 'table': return renderTable(['ENDPOINT', 'HEALTH', 'TOOK', 'ERROR'], results.map((r) => [r.ep.display, String(!r.error), goDur(r.tookMs, r.ep.display), r.error]));
    case 'json': return `[${results.map((r) => `{"endpoint":${JSON.stringify(r.ep.display)},"health":${!r.error},"took":"${goDur(r.tookMs, r.ep.display)}"${r.error ? `,"error":${JSON.stringify(r.error)}` : ''}}`).join(',')}]\n`;
    default: return results.map((r) => r.error
      ? `${r.ep.display} is unhealthy: failed to commit proposal: ${r.error}\n`
      : `${r.ep.display} is healthy: successfully committed proposal: took = ${goDur(r.tookMs, r.ep.display)}\n`).join('');
  }
}

export const alarmList: Run = (ctx, _flags, _args, conn) => {
  const ep = firstReachable(conn!);
  if (!ep) return unreachable(ctx, conn!, conn!.endpoints[0]);
  ctx.wait(2, true);
  return out(ctx.state.etcd!.alarms.map((a) => alarmText(a) + '\n').join(''));
};

export const alarmDisarm: Run = (ctx, _flags, _args, conn) => {
  const ep = firstReachable(conn!);
  if (!ep) return unreachable(ctx, conn!, conn!.endpoints[0]);
  const commit = commitLatencyMs(ctx.state);
  if (commit === undefined) return unreachable(ctx, conn!, { ...ep, problem: 'busy' });
  const before = ctx.state.etcd!.alarms;
  ctx.wait(Math.round(commit * 2 + 2), true);
  ctx.dispatch({ type: 'etcd/disarm' });
  return out(before.map((a) => alarmText(a) + '\n').join(''));
};

export const compactCmd: Run = (ctx, flags, args, conn) => {
  if (args.length !== 1) return out('', 'Error: compact command needs 1 argument.\n', 128);
  if (!/^-?\d+$/.test(args[0])) return out('', `Error: strconv.ParseInt: parsing ${JSON.stringify(args[0])}: invalid syntax\n`, 1);
  const ep = firstReachable(conn!);
  if (!ep) return unreachable(ctx, conn!, conn!.endpoints[0]);
  const rev = Number(args[0]);
  const e = ctx.state.etcd!;
  const commit = commitLatencyMs(ctx.state);
  if (commit === undefined) return unreachable(ctx, conn!, { ...ep, problem: 'busy' });
  const problem = rev > e.revision ? 'etcdserver: mvcc: required revision is a future revision' : rev <= e.compactRevision ? 'etcdserver: mvcc: required revision has been compacted' : undefined;
  ctx.wait(Math.round(commit * 3 + 2) + (flags.values.physical === true ? 400 : 0), true);
  if (problem) {
    return out('', `${clientWarning(ctx, ep, `rpc error: code = OutOfRange desc = ${problem}`)}Error: ${problem}\n`, 1);
  }
  ctx.dispatch({ type: 'etcd/compact', revision: rev });
  return out(`compacted revision ${rev}\n`);
};

export const defrag: Run = (ctx, flags, _args, connIn) => {
  const conn = flags.values.cluster === true ? clusterEndpoints(ctx, flags, connIn!) : connIn!;
  if (flags.values.cluster === true && !firstReachable(connIn!)) return unreachable(ctx, connIn!, connIn!.endpoints[0]);
  let stdout = '';
  let stderr = '';
  let failures = 0;
  // One endpoint after the other; a member still busy when the client gives up keeps defragmenting.
  for (const ep of conn.endpoints) {
    const m = ep.member;
    if (ep.problem || !m || !memberAvailable(m, ctx.state.now)) {
      ctx.wait(conn.commandTimeoutMs, true);
      stderr += `Failed to defragment etcd member[${ep.display}] (context deadline exceeded)\n`;
      failures++;
      continue;
    }
    const ms = defragDurationMs(ctx.state, m);
    ctx.dispatch({ type: 'etcd/defrag', member: m.id });
    if (ms > conn.commandTimeoutMs) {
      ctx.wait(conn.commandTimeoutMs, true);
      stderr += `Failed to defragment etcd member[${ep.display}] (context deadline exceeded)\n`;
      failures++;
    } else {
      ctx.wait(ms, true);
      stdout += `Finished defragmenting etcd member[${ep.display}]\n`;
    }
  }
  return out(stdout, stderr, failures ? 1 : 0);
};

export const moveLeader: Run = (ctx, _flags, args, conn) => {
  if (args.length !== 1) return out('', 'Error: move-leader command needs 1 argument\n', 128);
  if (!/^[0-9a-fA-F]{1,16}$/.test(args[0])) return out('', `Error: strconv.ParseUint: parsing ${JSON.stringify(args[0])}: invalid syntax\n`, 128);
  const target = args[0].toLowerCase().padStart(16, '0');
  const e = ctx.state.etcd!;
  const reachable = conn!.endpoints.filter((ep) => !ep.problem);
  if (reachable.length === 0) return unreachable(ctx, conn!, conn!.endpoints[0]);
  ctx.wait(2 * reachable.length, true);
  const leader = leaderOf(e, ctx.state.now);
  const leaderEp = reachable.find((ep) => ep.member && ep.member.id === leader?.id);
  if (!leaderEp) return out('', `Error: no leader endpoint given at [${conn!.endpoints.map((ep) => ep.display).join(' ')}]\n`, 128);
  const to = e.members.find((m) => m.id === target);
  if (!to || to.isLearner || !to.started) return out('', 'Error: etcdserver: bad leader transferee\n', 1);
  if (!memberAvailable(to, ctx.state.now)) { ctx.wait(conn!.commandTimeoutMs, true); return out('', 'Error: etcdserver: request timed out, leader transfer took too long\n', 1); }
  const from = leader!.id;
  ctx.wait(Math.round((commitLatencyMs(ctx.state) ?? 5) * 2 + 40), true);
  ctx.dispatch({ type: 'etcd/moveLeader', to: to.id });
  return out(`Leadership transferred from ${from} to ${to.id}\n`);
};

export const checkPerf: Run = (ctx, flags, _args, conn) => {
  const load = String(flags.values.load);
  const targets: Record<string, number> = { s: 150, m: 1000, l: 8000, xl: 15000 };
  if (!Object.hasOwn(targets, load)) return out('', `Error: unknown load option ${load}\n`, 1);
  const ep = conn!.endpoints[0];
  if (ep.problem) return unreachable(ctx, conn!, ep);
  const commit = commitLatencyMs(ctx.state);
  if (commit === undefined) return unreachable(ctx, conn!, { ...ep, problem: 'busy' });
  let bar = '';
  for (let i = 0; i < 60; i++) bar += `\r ${i} / 60 ${((i / 60) * 100).toFixed(2).padStart(8)}%${i > 0 && i < 59 ? ` 00m${String(60 - i).padStart(2, '0')}s` : ''}`;
  bar += '\r 60 / 60  100.00% 1m0s\n';
  ctx.wait(60_000, true);
  const want = targets[load];
  const throughput = Math.min(want, Math.round((want * 12) / Math.max(12, commit)));
  const slowest = (commit * 3.1 + 6) / 1000;
  const stddev = (commit * 0.42 + 1.1) / 1000;
  const lines = [
    throughput >= want * 0.9 ? `PASS: Throughput is ${throughput} writes/s` : `FAIL: Throughput too low: ${throughput} writes/s`,
    slowest < 0.5 ? `PASS: Slowest request took ${slowest.toFixed(6)}s` : `FAIL: Slowest request took too long: ${slowest.toFixed(6)}s`,
    stddev < 0.1 ? `PASS: Stddev is ${stddev.toFixed(6)}s` : `FAIL: Stddev too high: ${stddev.toFixed(6)}s`,
  ];
  const pass = lines.every((l) => l.startsWith('PASS'));
  return out(`${bar}${lines.join('\n')}\n${pass ? 'PASS' : 'FAIL'}\n`, '', pass ? 0 : 1);
};
