import type { Command, CommandResult } from '../types.ts';
import { CLUSTER_DNS } from '../../container/view.ts';
import { dnsReachable } from '../../sim/network.ts';
import { hashString } from '../../sim/rng.ts';
import { strftime } from '../../time.ts';
import { noView, viewOf } from '../busybox/common.ts';
import { arpa, BIND_GIVE_UP_MS, lookupFqdn, podEnd, reverseName } from './common.ts';
import { noServers } from './nslookup.ts';

const VERSION = '9.20.9';
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
/** The TTL CoreDNS's kubernetes plugin gives cluster records (kubeadm's Corefile: `ttl 30`). */
const TTL = 30;

/** Bytes of a name in DNS wire format: each label with its length byte, and the root's zero. */
const wireLength = (name: string) => name.split('.').filter(Boolean).reduce((n, l) => n + l.length + 1, 1);

/**
 * bind9's `dig [@SERVER] NAME [A] [+short] [+search]` and `dig -x IP` (bind-tools 9.20, netshoot)
 * against CoreDNS: the full reply (header, flags `qr aa rd` with the recursion warning, EDNS, the
 * question and answer sections, `;; Query time`, `;; SERVER`, `;; WHEN`, `;; MSG SIZE`), or the
 * answer alone with `+short`. dig does not use the search list unless `+search`, so a short
 * Service name is NXDOMAIN. A DNS the network drops: three timeouts and `no servers could be reached`.
 */
export const dig: Command = {
  name: 'dig',
  places: ['debug'],
  toolsets: ['netshoot'],
  summary: 'DNS lookup utility',
  run(ctx): CommandResult {
    const args = ctx.argv.slice(1);
    let server = CLUSTER_DNS;
    let short = false;
    let search = false;
    let reverse: string | undefined;
    const names: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a.startsWith('@')) server = a.slice(1);
      else if (a === '+short') short = true;
      else if (a === '+search') search = true;
      else if (a === '+nosearch' || a === '+noshort') { search = a === '+nosearch' ? false : search; short = a === '+noshort' ? false : short; }
      else if (a === '-x') reverse = args[++i];
      else if (a.startsWith('+')) continue;
      else if (/^(A|IN)$/i.test(a)) continue;
      else if (a.startsWith('-')) return { stdout: '', stderr: `Invalid option: ${a}\nUsage:  dig [@global-server] [domain] [q-type] [q-class] {q-opt}\n            {global-d-opt} host [@local-server] {local-d-opt}\n            [ host [@local-server] {local-d-opt} [...]]\n\nUse "dig -h" (or "dig -h | more") for complete list of options\n`, exitCode: 1 };
      else names.push(a);
    }
    const view = viewOf(ctx);
    if (!view) return noView('dig');
    const typed = reverse !== undefined ? `-x ${reverse}` : names[0] ?? '';
    const banner = `\n; <<>> DiG ${VERSION} <<>> ${[...args].join(' ')}\n;; global options: +cmd\n`;
    if (server !== CLUSTER_DNS || !dnsReachable(ctx.state, podEnd(view), CLUSTER_DNS)) {
      ctx.wait(BIND_GIVE_UP_MS, true);
      const [errors, last] = [noServers(server).split('\n').slice(0, 3).join('\n'), ';; no servers could be reached\n'];
      return { stdout: short ? `${errors}\n${last}` : `${errors}\n${banner}${last}`, stderr: '', exitCode: 9 };
    }
    if (!typed) return { stdout: '', stderr: '', exitCode: 0 };
    let qname: string;
    let type: 'A' | 'PTR';
    let answer: string | undefined;
    if (reverse !== undefined) {
      if (!IPV4.test(reverse)) return { stdout: '', stderr: `Invalid IP address ${reverse}\n`, exitCode: 10 };
      qname = `${arpa(reverse)}.`;
      type = 'PTR';
      const ptr = reverseName(ctx.state, reverse);
      answer = ptr && `${ptr}.`;
    } else {
      const found = lookupFqdn(ctx.state, view, names[0], search);
      qname = `${found.fqdn}.`;
      type = 'A';
      answer = found.ip;
    }
    if (short) return { stdout: answer ? `${answer}\n` : '', stderr: '', exitCode: 0 };
    const id = hashString(`${qname}@${ctx.state.now}`) % 65536;
    const status = answer ? 'NOERROR' : 'NXDOMAIN';
    // CoreDNS answers the cluster zone itself: authoritative, no recursion offered. A name outside
    // it is forwarded upstream (recursion available) and comes back with the root zone's SOA.
    const inZone = qname.endsWith('.cluster.local.') || qname.endsWith('.in-addr.arpa.');
    const flags = inZone ? 'qr aa rd' : 'qr rd ra';
    // NXDOMAIN carries the zone's SOA: CoreDNS's own for cluster.local, the root's from upstream.
    const serial = Math.floor(ctx.state.now / 1000) - 86_400;
    const soa = inZone ? `cluster.local.\t\t${TTL}\tIN\tSOA\tns.dns.cluster.local. hostmaster.cluster.local. ${serial} 7200 1800 86400 ${TTL}`
      : '.\t\t\t86400\tIN\tSOA\ta.root-servers.net. nstld.verisign-grs.com. 2026120700 1800 900 604800 86400';
    // Answer and authority names are compressed to a pointer; the SOA's names are written out.
    const rdataLength = type === 'A' ? 4 : wireLength(answer ?? '');
    const soaLength = inZone ? 2 + 10 + wireLength('ns.dns') + 2 + wireLength('hostmaster') + 2 + 20 : 1 + 10 + wireLength('a.root-servers.net') + wireLength('nstld.verisign-grs.com') + 20;
    const size = 12 + wireLength(qname) + 4 + (answer ? 12 + rdataLength : soaLength) + 11;
    let out = banner;
    out += `;; Got answer:\n;; ->>HEADER<<- opcode: QUERY, status: ${status}, id: ${id}\n`;
    out += `;; flags: ${flags}; QUERY: 1, ANSWER: ${answer ? 1 : 0}, AUTHORITY: ${answer ? 0 : 1}, ADDITIONAL: 1\n`;
    if (inZone) out += ';; WARNING: recursion requested but not available\n';
    out += '\n;; OPT PSEUDOSECTION:\n; EDNS: version: 0, flags:; udp: 1232\n';
    out += `;; QUESTION SECTION:\n;${qname}\t\tIN\t${type}\n\n`;
    out += answer ? `;; ANSWER SECTION:\n${qname}\t${TTL}\tIN\t${type}\t${answer}\n\n` : `;; AUTHORITY SECTION:\n${soa}\n\n`;
    out += `;; Query time: 0 msec\n;; SERVER: ${server}#53(${server}) (UDP)\n;; WHEN: ${strftime('%a %b %d %T %Z %Y', ctx.state.now)}\n;; MSG SIZE  rcvd: ${size}\n\n`;
    return { stdout: out, stderr: '', exitCode: 0 };
  },
};
