import type { CommandResult, Follow } from '../../../types.ts';
import type { KubectlVerb } from '../../verb.ts';
import { hashString } from '../../../../sim/rng.ts';
import { PROXY_EXAMPLES, PROXY_FLAGS, PROXY_LONG, PROXY_USAGE } from './help.ts';

const fail = (stderr: string): CommandResult => ({ stdout: '', stderr, exitCode: 1 });

/** Addresses the laptop can bind: its loopback and the wildcard addresses. */
const LOCAL = new Set(['127.0.0.1', 'localhost', '0.0.0.0', '::', '::1', '']);

/** A server that runs until Ctrl-C and prints nothing more (its requests are not logged below -v=6). */
const serving: Follow = { poll: () => ({ stdout: '', stderr: '' }) };

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
    if (socket !== '') return { stdout: `Starting to serve on ${socket}\n`, stderr: '', exitCode: 0, follow: serving };
    const address = String(v.address);
    let port = Number(v.port);
    if (!LOCAL.has(address)) return fail(`error: listen tcp ${address}:${port}: bind: cannot assign requested address\n`);
    if (port === 0) port = 32768 + (hashString(`proxy@${ctx.state.now}`) % 28232);
    const host = address === '0.0.0.0' || address === '::' || address === '' ? '[::]' : address === '::1' ? '[::1]' : address;
    if (port > 0 && port < 1024 && ctx.frame.user !== 'root') return fail(`error: listen tcp ${address}:${port}: bind: permission denied\n`);
    if (port < 0 || port > 65535) return fail(`error: listen tcp: address ${port}: invalid port\n`);
    return { stdout: `Starting to serve on ${host}:${port}\n`, stderr: '', exitCode: 0, follow: serving };
  },
};
