import { parseFlags, pflagMessage, type FlagSpec, type ParsedFlags } from '../../flags.ts';
import { parsedFromFlags } from '../../parsed.ts';
import type { Command, CommandContext, CommandResult } from '../../types.ts';
import { matching } from '../args.ts';
import { connect, type Connection } from './connect.ts';
import { GLOBAL_FLAGS, rootUsage, usageText, type EtcdctlHelp } from './help.ts';
import { alarmDisarm, alarmList, checkPerf, compactCmd, defrag, endpointHealth, endpointStatus, memberAdd, memberList, moveLeader, version } from './run.ts';

/**
 * `etcdctl` (etcd 3.5, API v3) on a control-plane node: member list/add, endpoint
 * status/health, alarm list/disarm, defrag, compact, move-leader, check perf, version. Reads and
 * acts on ClusterState.etcd; waits the virtual time each RPC takes (a defrag on a slow disk, a
 * health check behind a slow leader). Output formats (simple, table, json) match etcdctl byte for
 * byte; errors are `Error: …` on stderr with etcdctl's exit codes (1, 128 for bad arguments).
 */

export interface Sub extends EtcdctlHelp {
  /** Takes --endpoints into a Connection first (everything except `version`). */
  needsCluster: boolean;
  run(ctx: CommandContext, flags: ParsedFlags, args: string[], conn: Connection | undefined): CommandResult;
}

const CLUSTER: FlagSpec = { name: 'cluster', type: 'bool', help: 'use all endpoints from the cluster member list' };

export const SUBS: Sub[] = [
  { path: 'alarm disarm', short: 'Disarms all alarms', usage: 'etcdctl alarm disarm [flags]', flags: [], needsCluster: true, run: alarmDisarm },
  { path: 'alarm list', short: 'Lists all alarms', usage: 'etcdctl alarm list [flags]', flags: [], needsCluster: true, run: alarmList },
  {
    path: 'check perf', short: 'Check the performance of the etcd cluster', usage: 'etcdctl check perf [options] [flags]', needsCluster: true, run: checkPerf,
    description: 'If no endpoint is provided, localhost will be used. If multiple endpoints are provided, first endpoint will be used.',
    flags: [
      { name: 'auto-compact', type: 'bool', help: 'Compact storage with last revision after test is finished.' },
      { name: 'auto-defrag', type: 'bool', help: 'Defragment storage after test is finished.' },
      { name: 'load', type: 'string', default: 's', help: "The performance check's workload model. Accepted workloads: s(small), m(medium), l(large), xl(xLarge)" },
      { name: 'prefix', type: 'string', default: '/etcdctl-check-perf/', help: "The prefix for writing the performance check's keys." },
    ],
  },
  { path: 'compact', short: 'Compacts the event history in etcd', usage: 'etcdctl compact [options] <revision> [flags]', needsCluster: true, run: compactCmd,
    flags: [{ name: 'physical', type: 'bool', help: "'true' to wait for compaction to physically remove all old revisions" }] },
  { path: 'defrag', short: 'Defragments the storage of the etcd members with given endpoints', usage: 'etcdctl defrag [flags]', needsCluster: true, run: defrag,
    flags: [CLUSTER] },
  { path: 'endpoint health', short: 'Checks the healthiness of endpoints specified in `--endpoints` flag', usage: 'etcdctl endpoint health [flags]', flags: [CLUSTER], needsCluster: true, run: endpointHealth },
  { path: 'endpoint status', short: 'Prints out the status of endpoints specified in `--endpoints` flag', usage: 'etcdctl endpoint status [flags]', flags: [CLUSTER], needsCluster: true, run: endpointStatus,
    description: 'When --write-out is set to simple, this command prints out comma-separated status lists for each endpoint.\n\tThe items in the lists are endpoint, ID, version, db size, is leader, is learner, raft term, raft index, raft applied index, errors.' },
  { path: 'member add', short: 'Adds a member into the cluster', usage: 'etcdctl member add <memberName> [options] [flags]', needsCluster: true, run: memberAdd,
    flags: [{ name: 'learner', type: 'bool', help: 'indicates if the new member is raft learner' }, { name: 'peer-urls', type: 'string', help: 'comma separated peer URLs for the new member.' }] },
  { path: 'member list', short: 'Lists all members in the cluster', usage: 'etcdctl member list [flags]', flags: [], needsCluster: true, run: memberList,
    description: 'When --write-out is set to simple, this command prints out comma-separated member lists for each endpoint.\n\tThe items in the lists are ID, Status, Name, Peer Addrs, Client Addrs, Is Learner.' },
  { path: 'move-leader', short: 'Transfers leadership to another etcd cluster member.', usage: 'etcdctl move-leader <transferee-member-id> [flags]', flags: [], needsCluster: true, run: moveLeader },
  { path: 'version', short: 'Prints the version of etcdctl', usage: 'etcdctl version [flags]', flags: [], needsCluster: false, run: version },
];

/** Parent words whose sub-commands must follow (`etcdctl endpoint` alone prints its usage). */
const GROUPS = ['alarm', 'check', 'endpoint', 'member'];

const valueFlags = new Set([...GLOBAL_FLAGS, ...SUBS.flatMap((s) => s.flags)].filter((f) => f.type !== 'bool').flatMap((f) => [`--${f.name}`, ...(f.short ? [`-${f.short}`] : [])]));

/** The command words among args (skipping flags and their values), in order. */
function words(args: readonly string[]): number[] {
  const at: number[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') break;
    if (a.startsWith('-') && a.length > 1) {
      if (!a.includes('=') && valueFlags.has(a)) i++;
      continue;
    }
    at.push(i);
  }
  return at;
}

const err = (msg: string, code = 1): CommandResult => ({ stdout: '', stderr: `Error: ${msg}\n`, exitCode: code });

/** The flags a sub-command accepts: its own, the global ones, -h. */
const specsOf = (sub: Sub): FlagSpec[] => [...sub.flags, ...GLOBAL_FLAGS, { name: 'help', short: 'h', type: 'bool', help: '' }];

/** Runs a sub-command whose flags parsed: help, output format, then the connection it needs. */
function runSub(ctx: CommandContext, sub: Sub, flags: ParsedFlags): CommandResult {
  if (flags.values.help === true) return { stdout: usageText(sub), stderr: '', exitCode: 0 };
  const format = String(flags.values['write-out']);
  if (!['simple', 'json', 'table', 'fields', 'protobuf'].includes(format)) return err('unsupported output format', 3);
  if (!sub.needsCluster) return sub.run(ctx, flags, flags.positionals, undefined);
  let list = String(flags.values.endpoints);
  if (!flags.given.has('endpoints')) list = '127.0.0.1:2379';
  const endpoints = list.split(',').map((s) => s.trim()).filter(Boolean);
  // clientv3.New refuses an empty endpoint list; etcdctl exits with ExitBadConnection (2).
  if (endpoints.length === 0) return { stdout: '', stderr: 'Error: etcdclient: no available endpoints\n', exitCode: 2 };
  const conn = connect(ctx, flags, endpoints);
  if (!conn.ok) return { stdout: '', stderr: conn.stderr, exitCode: conn.exitCode };
  return sub.run(ctx, flags, flags.positionals, conn.conn);
}

export const etcdctl: Command = {
  name: 'etcdctl',
  places: ['node'],
  summary: 'A simple command line client for etcd3.',
  run(ctx) {
    // etcdctl is installed on the control-plane nodes only.
    if (!ctx.readFile('/usr/local/bin/etcdctl').ok) return { stdout: '', stderr: 'bash: etcdctl: command not found\n', exitCode: 127 };
    const args = ctx.argv.slice(1);
    const at = words(args);
    const first = at.length ? args[at[0]] : undefined;
    if (first === undefined) {
      const parsed = parseFlags(args, [...GLOBAL_FLAGS, { name: 'help', short: 'h', type: 'bool', help: '' }, { name: 'version', type: 'bool', help: '' }]);
      if (!parsed.ok) return err(pflagMessage(parsed.error));
      if (parsed.flags.values.version === true) return { stdout: 'etcdctl version: 3.5.15\nAPI version: 3.5\n', stderr: '', exitCode: 0 };
      return { stdout: rootUsage(SUBS), stderr: '', exitCode: 0 };
    }
    let sub = SUBS.find((s) => s.path === first);
    let used = 1;
    if (!sub && GROUPS.includes(first)) {
      const second = at.length > 1 ? args[at[1]] : undefined;
      sub = SUBS.find((s) => s.path === `${first} ${second}`);
      used = 2;
      if (!sub) {
        // cobra runs the parent, which only prints its usage (exit 0), for a missing or unknown sub-command.
        const children = SUBS.filter((s) => s.path.startsWith(`${first} `));
        return { stdout: `NAME:\n\tetcdctl ${first} - ${first} related commands\n\nUSAGE:\n\tetcdctl ${first} <subcommand> [flags]\n\nCOMMANDS:\n${children.map((c) => `\t${c.path.split(' ')[1]}\t${c.short}\n`).join('')}\n`, stderr: '', exitCode: 0 };
      }
    }
    if (!sub) return { stdout: '', stderr: `Error: unknown command "${first}" for "etcdctl"\nRun 'etcdctl --help' for usage.\n`, exitCode: 1 };
    const rest = args.filter((_, i) => !at.slice(0, used).includes(i));
    const specs = specsOf(sub);
    const parsed = parseFlags(rest, specs);
    if (!parsed.ok) return { stdout: '', stderr: `Error: ${pflagMessage(parsed.error)}\n${usageText(sub)}\n`, exitCode: 1 };
    const flags = parsed.flags;
    const record = parsedFromFlags('etcdctl', sub.path.split(' '), flags);
    const result = runSub(ctx, sub, flags);
    return { ...result, parsed: record };
  },
  verbs: () => SUBS.map((s) => ({ path: s.path.split(' '), flags: specsOf(s) })),
  complete(words, partial) {
    if (words.length <= 1) return matching([...new Set(SUBS.map((s) => s.path.split(' ')[0]))], partial);
    if (words.length === 2 && GROUPS.includes(words[1])) return matching(SUBS.filter((s) => s.path.startsWith(`${words[1]} `)).map((s) => s.path.split(' ')[1]), partial);
    if (partial.startsWith('-')) return matching(['--endpoints=', '--cacert=', '--cert=', '--key=', '--write-out=', '--cluster', '--command-timeout='], partial);
    return [];
  },
};
