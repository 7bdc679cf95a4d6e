import { CLUSTER_DNS, CLUSTER_DOMAIN, resolveServiceName } from '../container/view.ts';
import { sortedValues } from '../kinds/common.ts';
import type { ClusterState } from '../model/state.ts';
import { hashString } from '../sim/rng.ts';

/**
 * bind9's `dig` (9.18, as Debian bookworm and netshoot ship it): argument parsing and the output
 * format, shared by every place that has dig (a node's shell, netshoot's toolset). The caller says
 * which DNS server a query reaches and what it answers (`DigEnv.ask`); this module only talks
 * like dig. Checked byte for byte against the real dig in src/core/net/dig.test.ts.
 */

/** One resource record as dig prints it (`name. TTL IN TYPE data`). Names end with a dot. */
export interface DnsRecord {
  name: string;
  ttl: number;
  type: 'A' | 'PTR' | 'SOA' | 'CNAME';
  data: string;
}

/** What a DNS server answered one question. */
export interface DnsReply {
  status: 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL' | 'REFUSED';
  /** Authoritative answer (CoreDNS for its own zones); recursion available (a forwarding stub). */
  aa: boolean;
  ra: boolean;
  answers: DnsRecord[];
  authority: DnsRecord[];
  /** The EDNS UDP size the server advertises (CoreDNS 1232, systemd-resolved 65494). */
  ednsUdp: number;
  /** Whether the server echoes dig's client cookie (CoreDNS does; systemd-resolved's stub does not). */
  cookie: boolean;
}

/** Where dig runs: the server resolv.conf names and how a query to a server fares. */
export interface DigEnv {
  /** Virtual time (ms since epoch), for `;; WHEN:`. */
  now: number;
  /** The first `nameserver` of the place's /etc/resolv.conf. */
  resolvConfServer: string;
  /** The place's resolv.conf search list, used only with `+search`. */
  search: string[];
  /** Resolves `@name` to an address (dig looks the server's name up first); undefined: not found. */
  lookupServer(name: string): string | undefined;
  /**
   * The reply of `server` to `qname` (ending with a dot) of `qtype`; `timeout` when the packets
   * are dropped or nothing answers; `refused` when an ICMP port-unreachable comes back (a Service
   * without endpoints, which kube-proxy rejects).
   */
  ask(server: string, qname: string, qtype: string): DnsReply | 'timeout' | 'refused';
}

/** What one dig invocation printed, and how much virtual time it waited (timeouts). */
export interface DigResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  waitedMs: number;
}

export const DIG_VERSION = '9.18.49-1~deb12u3-Debian';
const USAGE = `Usage:  dig [@global-server] [domain] [q-type] [q-class] {q-opt}
            {global-d-opt} host [@local-server] {local-d-opt}
            [ host [@local-server] {local-d-opt} [...]]

Use "dig -h" (or "dig -h | more") for complete list of options
`;
const TYPES = new Set(['A', 'AAAA', 'ANY', 'CNAME', 'MX', 'NS', 'PTR', 'SOA', 'SRV', 'TXT', 'CAA', 'HTTPS']);
/** The `+[no]option` display switches dig has and this module honours. */
const DISPLAY = ['cmd', 'comments', 'question', 'answer', 'authority', 'additional', 'stats'] as const;
type Display = (typeof DISPLAY)[number];
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** bind's masterdump indent: tabs to `to` (8-column stops), or one space when already at or past it. */
function indent(line: string, to: number): string {
  let col = 0;
  for (const ch of line) col = ch === '\t' ? (Math.floor(col / 8) + 1) * 8 : col + 1;
  if (col >= to) return line + ' ';
  return line + '\t'.repeat(Math.floor(to / 8) - Math.floor(col / 8));
}

/** A record in dig's columns (TTL at 24, class 32, type 40, data 48). */
export function formatRecord(r: DnsRecord): string {
  return indent(indent(indent(indent(r.name, 24) + r.ttl, 32) + 'IN', 40) + r.type, 48) + r.data;
}

/** The question line (`;name.` class at 32, type at 40; bind counts columns from the name, not the `;`). */
function questionLine(qname: string, qtype: string): string {
  return `;${indent(indent(qname, 32) + 'IN', 40)}${qtype}`;
}

/** Wire length of a name (labels with length bytes, the root byte). */
const wireName = (n: string) => (n === '.' ? 1 : n.replace(/\.$/, '').split('.').reduce((s, l) => s + l.length + 1, 0) + 1);
/** Wire size of a record's data: A 4, names uncompressed (dig shows the size the server sent; CoreDNS compresses little). */
function rdataSize(r: DnsRecord): number {
  if (r.type === 'A') return 4;
  if (r.type === 'SOA') { const [m, rn] = r.data.split(' '); return wireName(m) + wireName(rn) + 20; }
  return wireName(r.data);
}

/** `;; MSG SIZE  rcvd:` — the reply's size in bytes: header, question, records (owner names compressed to the question), OPT. */
function messageSize(qname: string, reply: DnsReply): number {
  const rec = (r: DnsRecord) => (r.name === qname ? 2 : wireName(r.name)) + 10 + rdataSize(r);
  return 12 + wireName(qname) + 4 + reply.answers.reduce((s, r) => s + rec(r), 0) + reply.authority.reduce((s, r) => s + rec(r), 0) + 11 + (reply.cookie ? 12 : 0);
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number) => String(n).padStart(2, '0');
/** `;; WHEN:` as dig prints it in UTC (`Mon Dec 07 00:41:14 UTC 2026`). */
function when(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

/** `in-addr.arpa` name of an IPv4 address (`-x 10.96.0.1` → `1.0.96.10.in-addr.arpa.`). */
export const reverseName = (ip: string) => `${ip.split('.').reverse().join('.')}.in-addr.arpa.`;

interface Query { name: string; type: string }

/** How long dig waits per try (`+time`, default 5 s) and how many tries (`+tries`, default 3). */
interface Options { server?: string; port: number; short: boolean; search: boolean; time: number; tries: number; show: Record<Display, boolean> }

/**
 * Runs `dig ARGS` (argv without `dig`). Honours `@server`, `-p`, `-t`, `-x`, a type after the
 * name, `+short`, `+search`, `+time=`, `+tries=`/`+retry=`, `+[no]all` and the display switches
 * (`+noall +answer`). A server that does not answer costs `time × tries` and prints dig 9.18's
 * `;; communications error to S#53: timed out` per try, then `;; no servers could be reached` (exit 9).
 */
export function dig(args: readonly string[], env: DigEnv): DigResult {
  const o: Options = { port: 53, short: false, search: false, time: 5, tries: 3, show: { cmd: true, comments: true, question: true, answer: true, authority: true, additional: true, stats: true } };
  const queries: Query[] = [];
  const bad = (opt: string): DigResult => ({ stdout: '', stderr: `Invalid option: ${opt}\n${USAGE}`, exitCode: 1, waitedMs: 0 });
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const next = () => args[++i];
    if (a.startsWith('@')) { o.server = a.slice(1); continue; }
    if (a === '-h') return { stdout: USAGE, stderr: '', exitCode: 0, waitedMs: 0 };
    if (a === '-v') return { stdout: '', stderr: `DiG ${DIG_VERSION}\n`, exitCode: 0, waitedMs: 0 };
    if (a === '-p') { const p = Number(next()); if (!Number.isInteger(p) || p < 0 || p > 65535) return { stdout: '', stderr: `dig: port '${args[i]}' is not a valid number\n`, exitCode: 10, waitedMs: 0 }; o.port = p; continue; }
    if (a === '-t') { const t = (next() ?? '').toUpperCase(); if (!TYPES.has(t)) return { stdout: '', stderr: `dig: invalid type ${args[i] ?? ''}\n`, exitCode: 10, waitedMs: 0 }; if (queries.length) queries[queries.length - 1].type = t; else queries.push({ name: '', type: t }); continue; }
    if (a === '-x') { const ip = next() ?? ''; if (!IPV4.test(ip)) return { stdout: '', stderr: `dig: '${ip}' is not a legal IPv4 address\n`, exitCode: 10, waitedMs: 0 }; queries.push({ name: reverseName(ip), type: 'PTR' }); continue; }
    if (a === '-4' || a === '-6' || a === '-u' || a === '-m') continue;
    if (a.startsWith('-')) return bad(a);
    if (a.startsWith('+')) {
      const m = /^\+(no)?([a-z]+)(?:=(.*))?$/.exec(a);
      if (!m) return bad(a);
      const on = !m[1];
      const key = m[2];
      if (key === 'short') o.short = on;
      else if (key === 'search') o.search = on;
      else if (key === 'all') for (const d of DISPLAY) o.show[d] = on;
      else if ((DISPLAY as readonly string[]).includes(key)) o.show[key as Display] = on;
      else if (key === 'time' || key === 'tries' || key === 'retry') {
        const n = Number(m[3]);
        if (!m[3] || !Number.isInteger(n) || n < 0) return bad(a);
        if (key === 'time') o.time = Math.max(1, n); else o.tries = Math.max(1, key === 'retry' ? n + 1 : n);
      } else if (!['recurse', 'edns', 'cookie', 'tcp', 'vc', 'ttlid', 'multiline', 'identify', 'nssearch', 'trace', 'stats', 'besteffort'].includes(key)) return bad(a);
      continue;
    }
    const up = a.toUpperCase();
    if (TYPES.has(up) && queries.length && queries[queries.length - 1].name) { queries[queries.length - 1].type = up; continue; }
    if (up === 'IN') continue;
    if (queries.length && !queries[queries.length - 1].name) queries[queries.length - 1].name = a;
    else queries.push({ name: a, type: 'A' });
  }
  if (queries.length === 0) queries.push({ name: '.', type: 'NS' });

  let stdout = '';
  let waitedMs = 0;
  let exitCode = 0;
  const cmdLine = `\n; <<>> DiG ${DIG_VERSION} <<>> ${args.join(' ')}\n`;
  let server = env.resolvConfServer;
  if (o.server !== undefined) {
    const ip = IPV4.test(o.server) ? o.server : env.lookupServer(o.server);
    if (!ip) return { stdout: '', stderr: `dig: couldn't get address for '${o.server}': not found\n`, exitCode: 10, waitedMs: 0 };
    server = ip;
  }
  const serverText = `${server}#${o.port}(${o.server !== undefined && !IPV4.test(o.server) ? o.server : server})`;
  queries.forEach((q, qi) => {
    let qname = q.name.endsWith('.') ? q.name : `${q.name}.`;
    // The `; <<>> DiG` banner and global options open the output once, before the first query.
    const headerLines = qi === 0 && !o.short && o.show.cmd ? `${cmdLine}${o.server !== undefined ? '; (1 server found)\n' : ''};; global options: +cmd\n` : '';
    stdout += headerLines;
    // +search: the search list as the resolver tries it, the first that is not NXDOMAIN answers.
    const candidates = o.search && !q.name.endsWith('.') && q.name.split('.').length - 1 < 5 ? [...env.search.map((s) => `${q.name}.${s}.`), qname] : [qname];
    let reply: DnsReply | 'timeout' | 'refused' = 'timeout';
    for (const c of candidates) {
      reply = o.port === 53 ? env.ask(server, c, q.type) : 'timeout';
      qname = c;
      if (reply === 'timeout' || reply === 'refused' || reply.status !== 'NXDOMAIN') break;
    }
    if (reply === 'timeout' || reply === 'refused') {
      if (reply === 'timeout') waitedMs += o.time * 1000 * o.tries;
      // On a terminal (line-buffered) the banner comes first, then one line per try.
      stdout += `;; communications error to ${server}#${o.port}: ${reply === 'timeout' ? 'timed out' : 'connection refused'}\n`.repeat(o.tries) + ';; no servers could be reached\n';
      exitCode = 9;
      return;
    }
    if (o.short) {
      stdout += reply.answers.map((r) => `${r.data}\n`).join('');
      return;
    }
    const id = hashString(`${qname}${q.type}${env.now}`) % 65536;
    const comments = o.show.comments;
    let out = '';
    if (comments) {
      out += ';; Got answer:\n';
      if (/\.local\.$/.test(qname)) out += ';; WARNING: .local is reserved for Multicast DNS\n;; You are currently testing what happens when an mDNS query is leaked to DNS\n';
      const flags = ['qr', ...(reply.aa ? ['aa'] : []), 'rd', ...(reply.ra ? ['ra'] : [])].join(' ');
      out += `;; ->>HEADER<<- opcode: QUERY, status: ${reply.status}, id: ${id}\n`;
      out += `;; flags: ${flags}; QUERY: 1, ANSWER: ${reply.answers.length}, AUTHORITY: ${reply.authority.length}, ADDITIONAL: 1\n`;
      if (!reply.ra) out += ';; WARNING: recursion requested but not available\n';
      out += `\n;; OPT PSEUDOSECTION:\n; EDNS: version: 0, flags:; udp: ${reply.ednsUdp}\n`;
      if (reply.cookie) out += `; COOKIE: ${(hashString(`cookie${env.now}`).toString(16) + hashString(`c${env.now}`).toString(16)).padStart(16, '0').slice(0, 16)} (echoed)\n`;
    }
    if (o.show.question) out += `${comments ? ';; QUESTION SECTION:\n' : ''}${questionLine(qname, q.type)}\n${comments ? '\n' : ''}`;
    const section = (title: string, rs: DnsRecord[], on: boolean) => {
      if (!on || rs.length === 0) return;
      out += `${comments ? `;; ${title} SECTION:\n` : ''}${rs.map((r) => formatRecord(r) + '\n').join('')}${comments ? '\n' : ''}`;
    };
    section('ANSWER', reply.answers, o.show.answer);
    section('AUTHORITY', reply.authority, o.show.authority);
    if (o.show.stats) {
      out += `;; Query time: ${id % 4} msec\n;; SERVER: ${serverText} (UDP)\n;; WHEN: ${when(env.now)}\n;; MSG SIZE  rcvd: ${messageSize(qname, reply)}\n\n`;
    }
    stdout += out;
  });
  return { stdout, stderr: '', exitCode, waitedMs };
}

/** CoreDNS's SOA for cluster.local, which it returns with every negative answer in its zones. */
const CLUSTER_SOA = (now: number): DnsRecord => ({ name: `${CLUSTER_DOMAIN}.`, ttl: 30, type: 'SOA', data: `ns.dns.${CLUSTER_DOMAIN}. hostmaster.${CLUSTER_DOMAIN}. ${Math.floor(now / 1000)} 7200 1800 86400 30` });
/** The root zone's SOA, as a recursive resolver passes it on with an NXDOMAIN for a name that does not exist. */
const ROOT_SOA: DnsRecord = { name: '.', ttl: 86400, type: 'SOA', data: 'a.root-servers.net. nstld.verisign-grs.com. 2024061200 1800 900 604800 86400' };

/** The Service whose ClusterIP is `ip`, as CoreDNS's reverse zone names it. */
function serviceByIp(state: ClusterState, ip: string): string | undefined {
  if (ip === '10.96.0.1') return `kubernetes.default.svc.${CLUSTER_DOMAIN}.`;
  if (ip === CLUSTER_DNS) return `kube-dns.kube-system.svc.${CLUSTER_DOMAIN}.`;
  const s = sortedValues(state.services).find((x) => x.spec.clusterIP === ip);
  return s ? `${s.metadata.name}.${s.metadata.namespace}.svc.${CLUSTER_DOMAIN}.` : undefined;
}

/**
 * What CoreDNS (kubeadm's Corefile: `kubernetes cluster.local in-addr.arpa ip6.arpa … ttl 30`)
 * answers: A records for Services, PTR for their ClusterIPs, NXDOMAIN with the zone's SOA for
 * names it does not have; names outside its zones are forwarded, and this closed cluster's
 * upstream knows none of them (NXDOMAIN, recursion available).
 */
export function coreDnsReply(state: ClusterState, qname: string, qtype: string): DnsReply {
  const base = { aa: true, ra: false, ednsUdp: 1232, cookie: true };
  const lower = qname.toLowerCase();
  if (lower.endsWith('.in-addr.arpa.')) {
    const ip = lower.slice(0, -'.in-addr.arpa.'.length).split('.').reverse().join('.');
    const svc = IPV4.test(ip) ? serviceByIp(state, ip) : undefined;
    if (svc && qtype === 'PTR') return { ...base, status: 'NOERROR', answers: [{ name: qname, ttl: 30, type: 'PTR', data: svc }], authority: [] };
    return { ...base, status: 'NXDOMAIN', answers: [], authority: [CLUSTER_SOA(state.now)] };
  }
  if (lower.endsWith(`.${CLUSTER_DOMAIN}.`)) {
    const ip = resolveServiceName(state, lower);
    if (!ip) return { ...base, status: 'NXDOMAIN', answers: [], authority: [CLUSTER_SOA(state.now)] };
    if (qtype !== 'A' && qtype !== 'ANY') return { ...base, status: 'NOERROR', answers: [], authority: [CLUSTER_SOA(state.now)] };
    return { ...base, status: 'NOERROR', answers: [{ name: qname, ttl: 30, type: 'A', data: ip }], authority: [] };
  }
  return { status: 'NXDOMAIN', aa: false, ra: true, ednsUdp: 1232, cookie: true, answers: [], authority: [ROOT_SOA] };
}

/**
 * What a node's systemd-resolved stub (127.0.0.53, Ubuntu's resolv.conf) answers: it forwards to
 * the VPC's resolver, which knows the machines' names (`hosts`: name → address) and nothing of
 * the cluster's DNS (cluster.local is CoreDNS's; ask it with `@10.96.0.10`).
 */
export function stubResolverReply(hosts: Record<string, string>, qname: string, qtype: string): DnsReply {
  const base = { aa: false, ra: true, ednsUdp: 65494, cookie: false };
  const key = qname.toLowerCase().replace(/\.$/, '');
  const short = key.split('.')[0];
  const ip = Object.hasOwn(hosts, key) ? hosts[key] : key.endsWith('.compute.internal') && Object.hasOwn(hosts, short) ? hosts[short] : undefined;
  if (ip && (qtype === 'A' || qtype === 'ANY')) return { ...base, status: 'NOERROR', answers: [{ name: qname, ttl: 60, type: 'A', data: ip }], authority: [] };
  if (ip) return { ...base, status: 'NOERROR', answers: [], authority: [] };
  return { ...base, status: 'NXDOMAIN', answers: [], authority: [ROOT_SOA] };
}
