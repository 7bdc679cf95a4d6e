import type { CommandResult, Follow } from '../../../types.ts';
import type { KubectlVerb } from '../../verb.ts';
import { hashString } from '../../../../sim/rng.ts';
import type { ClusterState } from '../../../../model/state.ts';
import { apiObjectGet, goJson, rawGet } from '../get/raw.ts';
import { PROXY_EXAMPLES, PROXY_FLAGS, PROXY_LONG, PROXY_USAGE } from './help.ts';

const fail = (stderr: string): CommandResult => ({ stdout: '', stderr, exitCode: 1 });

/** Addresses the laptop can bind: its loopback and the wildcard addresses. */
const LOCAL = new Set(['127.0.0.1', 'localhost', '0.0.0.0', '::', '::1', '']);

/**
 * A server that runs until Ctrl-C and prints nothing more (its requests are not logged below
 * -v=6); on a TCP port, `curl localhost:PORT/PATH` gets the API server's answer through it, JSON
 * indented as the API server writes it for curl's User-Agent.
 */
function serving(port?: number): Follow {
  return {
    poll: () => ({ stdout: '', stderr: '' }),
    ...(port !== undefined ? { listening: [{ port, serve: (state, _method, path) => proxied(state, path) }] } : {}),
  };
}

/** The API server's answer to a GET forwarded by the proxy: status and body. */
function proxied(state: ClusterState, path: string): { status: number; body: string } {
  const q = path.indexOf('?');
  const route = (q < 0 ? path : path.slice(0, q)).replace(/\/+$/, '') || '/';
  const api = apiObjectGet(state, route);
  if (api) return { status: api.code, body: goJson(api.body, true) };
  const r = rawGet(state, path);
  if (r.exitCode === 0) return { status: 200, body: r.stdout };
  const notFound = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the server could not find the requested resource', reason: 'NotFound', details: {}, code: 404 };
  if (/NotFound/.test(r.stderr)) return { status: 404, body: goJson(notFound, true) };
  // A failing health check: the handler's plain-text body.
  const body = /an error on the server \((".*")\) has prevented/.exec(r.stderr);
  return { status: 500, body: body ? JSON.parse(body[1]) as string : 'internal server error' };
}

/**
 * `kubectl proxy [--port=PORT] [--address=ADDR] [-u SOCKET]` (kubectl 1.33 pkg/cmd/proxy): says
 * where it serves, as Go's listener names the address (`[::]:8001` for 0.0.0.0, a random free port
 * for `--port=0`), then stays in the foreground until Ctrl-C. A port below 1024 is refused to the
 * learner's unprivileged user, an address the laptop does not have cannot be bound.
 */
export const proxy: KubectlVerb = {
  name: 'proxy',
  short: 'Run a proxy to the Kubernetes API server',
  long: PROXY_LONG,
  examples: PROXY_EXAMPLES,
  usage: PROXY_USAGE,
  flags: PROXY_FLAGS,
  run(inv, ctx) {
    const v = inv.flags.values;
    const socket = String(v['unix-socket'] ?? '');
    if (socket !== '') return { stdout: `Starting to serve on ${socket}\n`, stderr: '', exitCode: 0, follow: serving() };
    const address = String(v.address);
    let port = Number(v.port);
    if (!LOCAL.has(address)) return fail(`error: listen tcp ${address}:${port}: bind: cannot assign requested address\n`);
    if (port === 0) port = 32768 + (hashString(`proxy@${ctx.state.now}`) % 28232);
    const host = address === '0.0.0.0' || address === '::' || address === '' ? '[::]' : address === '::1' ? '[::1]' : address;
    if (port > 0 && port < 1024 && ctx.frame.user !== 'root') return fail(`error: listen tcp ${address}:${port}: bind: permission denied\n`);
    if (port < 0 || port > 65535) return fail(`error: listen tcp: address ${port}: invalid port\n`);
    return { stdout: `Starting to serve on ${host}:${port}\n`, stderr: '', exitCode: 0, follow: serving(port) };
  },
};
