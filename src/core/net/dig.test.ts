import { execFileSync, spawnSync } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stateFromObjects } from '../testing/fromObjects.ts';
import { coreDnsReply, dig, formatRecord, type DigEnv, type DnsRecord, type DnsReply } from './dig.ts';

const NOW = Date.UTC(2024, 5, 12, 10, 30, 0);

function clusterState() {
  const s = stateFromObjects([], NOW);
  s.services['default/web'] = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default', uid: 'u1', creationTimestamp: '2024-06-12T09:00:00Z' }, spec: { clusterIP: '10.96.12.7', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }], type: 'ClusterIP' } } as never;
  return s;
}

/** A pod's view: resolv.conf names CoreDNS; `dropped` makes every query time out (a NetworkPolicy without DNS egress). */
function podEnv(dropped = false): DigEnv {
  const state = clusterState();
  return {
    now: NOW, resolvConfServer: '10.96.0.10', search: ['default.svc.cluster.local', 'svc.cluster.local', 'cluster.local'],
    lookupServer: () => undefined,
    ask: (_server, q, t) => (dropped ? 'timeout' : coreDnsReply(state, q, t)),
  };
}

describe('dig (bind9 9.18 format)', () => {
  it('prints a CoreDNS answer with the mDNS warning, OPT section and stats', () => {
    const r = dig(['web.default.svc.cluster.local'], podEnv());
    expect(r.exitCode).toBe(0);
    expect(r.stdout.replace(/id: \d+/, 'id: N').replace(/COOKIE: \w+/, 'COOKIE: C').replace(/time: \d msec/, 'time: T msec')).toBe(`
; <<>> DiG 9.18.49-1~deb12u3-Debian <<>> web.default.svc.cluster.local
;; global options: +cmd
;; Got answer:
;; WARNING: .local is reserved for Multicast DNS
;; You are currently testing what happens when an mDNS query is leaked to DNS
;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: N
;; flags: qr aa rd; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 1
;; WARNING: recursion requested but not available

;; OPT PSEUDOSECTION:
; EDNS: version: 0, flags:; udp: 1232
; COOKIE: C (echoed)
;; QUESTION SECTION:
;web.default.svc.cluster.local.\tIN\tA

;; ANSWER SECTION:
web.default.svc.cluster.local. 30 IN\tA\t10.96.12.7

;; Query time: T msec
;; SERVER: 10.96.0.10#53(10.96.0.10) (UDP)
;; WHEN: Wed Jun 12 10:30:00 UTC 2024
;; MSG SIZE  rcvd: 86

`);
  });

  it('+short prints only the address; NXDOMAIN prints nothing and still exits 0', () => {
    expect(dig(['+short', 'kubernetes.default.svc.cluster.local'], podEnv()).stdout).toBe('10.96.0.1\n');
    expect(dig(['+short', 'nope.default.svc.cluster.local'], podEnv())).toEqual({ stdout: '', stderr: '', exitCode: 0, waitedMs: 0 });
    expect(dig(['+short', '+search', 'web'], podEnv()).stdout).toBe('10.96.12.7\n');
    expect(dig(['+short', '-x', '10.96.0.10'], podEnv()).stdout).toBe('kube-dns.kube-system.svc.cluster.local.\n');
  });

  it('a dropped query times out three times (15 s) and exits 9', () => {
    const r = dig(['@10.96.0.10', 'web.default.svc.cluster.local'], podEnv(true));
    expect(r).toEqual({
      stdout: `\n; <<>> DiG 9.18.49-1~deb12u3-Debian <<>> @10.96.0.10 web.default.svc.cluster.local\n; (1 server found)\n;; global options: +cmd\n${';; communications error to 10.96.0.10#53: timed out\n'.repeat(3)};; no servers could be reached\n`,
      stderr: '', exitCode: 9, waitedMs: 15000,
    });
    expect(dig(['+short', '+time=1', '+tries=1', 'x'], podEnv(true))).toEqual({ stdout: ';; communications error to 10.96.0.10#53: timed out\n;; no servers could be reached\n', stderr: '', exitCode: 9, waitedMs: 1000 });
  });

  it('answers a bad option with dig\'s usage on stderr, exit 1', () => {
    const r = dig(['+bogus', 'x'], podEnv());
    expect(r.exitCode).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe('Invalid option: +bogus');
  });

  it('lays records out on bind\'s 8-column tab stops', () => {
    const rec = (name: string): DnsRecord => ({ name, ttl: 30, type: 'A', data: '10.0.0.1' });
    expect(formatRecord(rec('a.b.'))).toBe('a.b.\t\t\t30\tIN\tA\t10.0.0.1');
    expect(formatRecord(rec('kubernetes.default.svc.cluster.local.'))).toBe('kubernetes.default.svc.cluster.local. 30 IN A\t10.0.0.1');
  });
});

// ---- The real dig against a tiny DNS server that answers what our CoreDNS model answers. ----

/** Encodes a name uncompressed. */
function name(n: string): Buffer {
  if (n === '.') return Buffer.from([0]);
  return Buffer.concat([...n.replace(/\.$/, '').split('.').map((l) => Buffer.concat([Buffer.from([l.length]), Buffer.from(l)])), Buffer.from([0])]);
}
function u16(n: number) { const b = Buffer.alloc(2); b.writeUInt16BE(n); return b; }
function u32(n: number) { const b = Buffer.alloc(4); b.writeUInt32BE(n >>> 0); return b; }
const TYPE_CODE: Record<string, number> = { A: 1, SOA: 6, PTR: 12, CNAME: 5, AAAA: 28 };
function rdata(r: DnsRecord): Buffer {
  if (r.type === 'A') return Buffer.from(r.data.split('.').map(Number));
  if (r.type === 'SOA') { const [m, rn, ...nums] = r.data.split(' '); return Buffer.concat([name(m), name(rn), ...nums.map((x) => u32(Number(x)))]); }
  return name(r.data);
}
function record(r: DnsRecord, qname: string): Buffer {
  const d = rdata(r);
  return Buffer.concat([r.name === qname ? Buffer.from([0xc0, 12]) : name(r.name), u16(TYPE_CODE[r.type]), u16(1), u32(r.ttl), u16(d.length), d]);
}
function encode(query: Buffer, reply: DnsReply): Buffer {
  let o = 12;
  const labels: string[] = [];
  while (query[o]) { labels.push(query.subarray(o + 1, o + 1 + query[o]).toString()); o += query[o] + 1; }
  const qname = `${labels.join('.')}.`;
  const question = query.subarray(12, o + 5);
  const rcode = { NOERROR: 0, SERVFAIL: 2, NXDOMAIN: 3, REFUSED: 5 }[reply.status];
  const flags = 0x8000 | (reply.aa ? 0x400 : 0) | 0x100 | (reply.ra ? 0x80 : 0) | rcode;
  // dig's OPT record carries its cookie option first (code 10, 8 client bytes): echo it.
  const cookie = query.subarray(o + 5 + 11, o + 5 + 11 + 12);
  const opt = Buffer.concat([Buffer.from([0]), u16(41), u16(reply.ednsUdp), u32(0), u16(reply.cookie ? 12 : 0), reply.cookie ? cookie : Buffer.alloc(0)]);
  return Buffer.concat([query.subarray(0, 2), u16(flags), u16(1), u16(reply.answers.length), u16(reply.authority.length), u16(1), question,
    ...reply.answers.map((r) => record(r, qname)), ...reply.authority.map((r) => record(r, qname)), opt]);
}

const HAVE_DIG = spawnSync('dig', ['-v']).status === 0;

describe.skipIf(!HAVE_DIG)('dig: the real bind9 dig reads our CoreDNS answers the same way (skipped without dnsutils)', () => {
  let server: Socket;
  let port = 0;
  const state = clusterState();
  beforeAll(async () => {
    server = createSocket('udp4');
    server.on('message', (msg, from) => {
      let o = 12; const labels: string[] = [];
      while (msg[o]) { labels.push(msg.subarray(o + 1, o + 1 + msg[o]).toString()); o += msg[o] + 1; }
      const qtype = Object.entries(TYPE_CODE).find(([, c]) => c === msg.readUInt16BE(o + 1))?.[0] ?? 'A';
      server.send(encode(msg, coreDnsReply(state, `${labels.join('.')}.`, qtype)), from.port, from.address);
    });
    await new Promise<void>((res) => server.bind(0, '127.0.0.1', () => res()));
    port = server.address().port;
  });
  afterAll(() => server.close());

  const normal = (s: string) => s.replace(/id: \d+/, 'id: N').replace(/COOKIE: \w+/, 'COOKIE: C').replace(/time: \d+ msec/, 'time: T msec')
    .replace(/WHEN: .*/, 'WHEN: W').replace(/<<>> .* <<>> .*/, '<<>> BANNER').replace(/#\d+\(/, '#P(');
  for (const line of [['web.default.svc.cluster.local'], ['nope.default.svc.cluster.local'], ['-x', '10.96.0.1'], ['+noall', '+answer', 'kubernetes.default.svc.cluster.local'], ['+short', 'web.default.svc.cluster.local'], ['-t', 'AAAA', 'web.default.svc.cluster.local'], ['example.com']]) {
    it(`dig ${line.join(' ')}`, async () => {
      const real = await new Promise<string>((res) => {
        // execFile is async so this process's UDP server can answer while dig waits.
        import('node:child_process').then(({ execFile }) => execFile('dig', ['-p', String(port), '@127.0.0.1', '+time=2', '+tries=1', ...line], (_e, out) => res(out)));
      });
      const ours = dig(['@127.0.0.1', ...line], { now: NOW, resolvConfServer: '127.0.0.1', search: [], lookupServer: () => undefined, ask: (_s, q, t) => coreDnsReply(state, q, t) });
      expect(normal(ours.stdout)).toBe(normal(real));
    });
  }
  it('has a real dig to compare with', () => { expect(execFileSync('dig', ['-v'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })).toBeDefined(); });
});
