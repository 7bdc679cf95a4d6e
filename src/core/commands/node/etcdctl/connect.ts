import type { EtcdCluster, EtcdMember } from '../../../model/etcd.ts';
import type { ParsedFlags } from '../../flags.ts';
import type { CommandContext } from '../../types.ts';
import { zapTime } from '../../../sim/etcd/logs.ts';
import { hashString } from '../../../sim/rng.ts';
import { memberAvailable } from '../../../sim/etcd/latency.ts';
import { parseDuration } from '../../../time.ts';

/**
 * How etcdctl reaches the members named by `--endpoints` from the machine it runs on: endpoint
 * parsing, TLS material (kubeadm's etcd demands client certificates), timeouts, and the client's
 * zap warning line that precedes a failed RPC (etcd 3.5's clientv3 retry interceptor).
 */

export const ETCDCTL_VERSION = '3.5.15';

/** One endpoint as typed, and what answers there. */
export interface Endpoint {
  /** As etcdctl prints it: the text given in --endpoints (or a member's client URL with --cluster). */
  display: string;
  /** host:port without the scheme. */
  address: string;
  member?: EtcdMember;
  /** Why nothing answers: no member at that address, TLS refused, the member busy or down. */
  problem?: 'unreachable' | 'tls' | 'busy';
}

export interface Connection {
  endpoints: Endpoint[];
  /** --command-timeout and --dial-timeout, ms. */
  commandTimeoutMs: number;
  dialTimeoutMs: number;
}

export type ConnectResult = { ok: true; conn: Connection } | { ok: false; stderr: string; exitCode: number };

/** `--endpoints` split as etcdctl's StringSlice does (commas), default `127.0.0.1:2379`. */
export function endpointList(flags: ParsedFlags): string[] {
  const raw = flags.given.has('endpoints') ? String(flags.values.endpoints) : '127.0.0.1:2379';
  return raw.split(',').map((s) => s.trim()).filter(Boolean);
}

/**
 * Resolves endpoints to members. `127.0.0.1`/`localhost` mean the member on this host. TLS: an
 * `https://` endpoint (or any endpoint once --cacert is given) needs --cacert, --cert and --key
 * naming files that exist; kubeadm's etcd rejects a client without a certificate.
 */
export function connect(ctx: CommandContext, flags: ParsedFlags, list: readonly string[]): ConnectResult {
  const e = ctx.state.etcd;
  const timeout = parseDuration(String(flags.values['command-timeout']));
  const dial = parseDuration(String(flags.values['dial-timeout']));
  if (timeout === undefined) return { ok: false, stderr: `Error: invalid argument "${flags.values['command-timeout']}" for "--command-timeout" flag: time: invalid duration "${flags.values['command-timeout']}"\n`, exitCode: 1 };
  if (dial === undefined) return { ok: false, stderr: `Error: invalid argument "${flags.values['dial-timeout']}" for "--dial-timeout" flag: time: invalid duration "${flags.values['dial-timeout']}"\n`, exitCode: 1 };
  for (const f of ['cacert', 'cert', 'key'] as const) {
    const path = String(flags.values[f]);
    if (path && !ctx.readFile(path).ok) return { ok: false, stderr: `Error: open ${path}: no such file or directory\n`, exitCode: 1 };
  }
  const haveCerts = Boolean(flags.values.cacert && flags.values.cert && flags.values.key);
  const endpoints = list.map((display): Endpoint => {
    const scheme = /^([a-z]+):\/\//.exec(display)?.[1];
    const address = display.replace(/^[a-z]+:\/\//, '').replace(/\/$/, '');
    const member = e ? memberAt(e, ctx.host.name, address) : undefined;
    if (!member) return { display, address, problem: 'unreachable' };
    const tls = scheme === 'https' || (scheme === undefined && Boolean(flags.values.cacert));
    if (e!.clientCertAuth && (!tls || !haveCerts)) return { display, address, member, problem: 'tls' };
    if (!memberAvailable(member, ctx.state.now)) return { display, address, member, problem: 'busy' };
    return { display, address, member };
  });
  return { ok: true, conn: { endpoints, commandTimeoutMs: timeout, dialTimeoutMs: dial } };
}

function memberAt(e: EtcdCluster, hostName: string, address: string): EtcdMember | undefined {
  const [host, port] = address.split(':');
  if (port !== '2379') return undefined;
  if (host === '127.0.0.1' || host === 'localhost') return e.members.find((m) => m.host === hostName && m.started);
  return e.members.find((m) => m.started && m.clientURL.replace(/^[a-z]+:\/\//, '') === address);
}

/** Why the RPC failed, as gRPC describes it inside the warning line. */
function grpcDesc(ep: Endpoint): string {
  switch (ep.problem) {
    case 'tls': return `latest balancer error: last connection error: connection error: desc = \\"transport: authentication handshake failed: remote error: tls: bad certificate\\"`;
    case 'unreachable': return `latest balancer error: last connection error: connection error: desc = \\"transport: Error while dialing: dial tcp ${ep.address}: connect: connection refused\\"`;
    default: return 'context deadline exceeded';
  }
}

/** The clientv3 retry interceptor's warning, printed on stderr before `Error: …`. */
export function clientWarning(ctx: CommandContext, ep: Endpoint, error?: string): string {
  const ptr = (hashString(`${ctx.state.now}/${ep.address}`) % 0xfffff).toString(16).padStart(5, '0');
  return `{"level":"warn","ts":"${zapTime(ctx.state.now)}","logger":"etcd-client","caller":"v3@v${ETCDCTL_VERSION}/retry_interceptor.go:62","msg":"retrying of unary invoker failed","target":"etcd-endpoints://0xc000${ptr}000/${ep.address}","attempt":0,"error":"${error ?? `rpc error: code = DeadlineExceeded desc = ${grpcDesc(ep)}`}"}\n`;
}

/** Decimal form of a hex member/cluster id (JSON output and alarm lines print ids in decimal). */
export const decimalId = (hex: string) => BigInt(`0x${hex || '0'}`).toString();
