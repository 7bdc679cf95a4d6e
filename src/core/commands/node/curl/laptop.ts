import type { Command, CommandContext } from '../../types.ts';
import { curl, type CurlNetwork } from '../../kubectl/verbs/exec/curl.ts';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/**
 * The laptop's network as its curl sees it: its loopback, where background commands listen
 * (`kubectl port-forward … &`, `kubectl proxy &`); cluster names do not resolve there (no cluster
 * DNS), and pod or Service addresses are not routed from outside the cluster (the connect times out).
 */
function laptopNetwork(ctx: CommandContext): CurlNetwork {
  return {
    resolve: (host) => ({ ip: LOOPBACK.has(host) ? '127.0.0.1' : /^\d{1,3}(\.\d{1,3}){3}$/.test(host) ? host : undefined, waitedMs: 0 }),
    connect: (ip, port) => (ip === '127.0.0.1' ? (ctx.listener?.(port) ? 'open' : 'refused') : 'dropped'),
    get(ip, port, path) {
      const l = ip === '127.0.0.1' ? ctx.listener?.(port) : undefined;
      if (!l) return { empty: true };
      const r = l.serve(ctx.state, 'GET', path);
      return r.error ? { empty: true } : { status: r.status, body: r.body };
    },
  };
}

/**
 * `curl` on the learner's laptop (curl 8, as Debian and macOS ship it): the shared curl of
 * kubectl/verbs/exec/curl.ts over the laptop's loopback, with curl 8's wording for a refused
 * connect (`Couldn't connect to server`, exit 7).
 */
export const laptopCurl: Command = {
  name: 'curl',
  places: ['laptop'],
  summary: 'transfer a URL',
  run: (ctx) => curl(ctx, ctx.argv.slice(1), laptopNetwork(ctx), { refused: "Couldn't connect to server" }),
};
