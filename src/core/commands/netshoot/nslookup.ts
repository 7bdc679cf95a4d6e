import type { Command, CommandResult } from '../types.ts';
import { CLUSTER_DNS } from '../../container/view.ts';
import { dnsReachable } from '../../sim/network.ts';
import { noView, viewOf } from '../busybox/common.ts';
import { arpa, BIND_GIVE_UP_MS, lookupFqdn, podEnd, reverseName } from './common.ts';

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** The lines bind9's tools print when no server answers (three tries), then give up. */
export const noServers = (server: string) => `${`;; communications error to ${server}#53: timed out\n`.repeat(3)};; no servers could be reached\n`;

/**
 * bind9's `nslookup NAME [SERVER]` (bind-tools 9.20, netshoot): the server as `Address:
 * 10.96.0.10#53`; a name found through the pod's search list as its FQDN (CoreDNS answers the
 * cluster zone authoritatively, so no `Non-authoritative answer:`); an address's PTR from the
 * Service it belongs to; `** server can't find NAME: NXDOMAIN` and exit 1 otherwise. A DNS the
 * network drops: three `communications error … timed out` and `no servers could be reached`.
 */
export const bindNslookup: Command = {
  name: 'nslookup',
  places: ['debug'],
  toolsets: ['netshoot'],
  summary: 'query Internet name servers interactively',
  run(ctx): CommandResult {
    const args = ctx.argv.slice(1).filter((a) => !a.startsWith('-'));
    if (args.length === 0) return { stdout: '', stderr: '', exitCode: 0 };
    const view = viewOf(ctx);
    if (!view) return noView('nslookup');
    const server = args[1] ?? CLUSTER_DNS;
    if (!IPV4.test(server)) return { stdout: '', stderr: `nslookup: couldn't get address for '${server}': not found\n`, exitCode: 1 };
    const reached = server === CLUSTER_DNS ? dnsReachable(ctx.state, podEnd(view), CLUSTER_DNS) : false;
    if (!reached) {
      ctx.wait(BIND_GIVE_UP_MS, true);
      return { stdout: noServers(server), stderr: '', exitCode: 1 };
    }
    const head = `Server:\t\t${server}\nAddress:\t${server}#53\n\n`;
    const name = args[0];
    if (IPV4.test(name)) {
      const ptr = reverseName(ctx.state, name);
      return ptr ? { stdout: `${head}${arpa(name)}\tname = ${ptr}.\n\n`, stderr: '', exitCode: 0 }
        : { stdout: `${head}** server can't find ${arpa(name)}: NXDOMAIN\n\n`, stderr: '', exitCode: 1 };
    }
    const found = lookupFqdn(ctx.state, view, name, true);
    if (!found.ip) return { stdout: `${head}** server can't find ${name.replace(/\.$/, '')}: NXDOMAIN\n\n`, stderr: '', exitCode: 1 };
    return { stdout: `${head}Name:\t${found.fqdn}\nAddress: ${found.ip}\n\n`, stderr: '', exitCode: 0 };
  },
};
