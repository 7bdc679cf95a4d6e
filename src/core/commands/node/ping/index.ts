import type { Host } from '../../../model/host.ts';
import type { ClusterState } from '../../../model/state.ts';
import { hashString } from '../../../sim/rng.ts';
import type { Command, CommandResult } from '../../types.ts';
import { matching } from '../args.ts';
import { machineNames } from '../dig/index.ts';

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const USAGE = `
Usage
  ping [options] <destination>

Options:
  <destination>      dns name or ip address
  -c <count>         stop after <count> replies
  -i <interval>      seconds between sending each packet
  -q                 quiet output
  -W <timeout>       time to wait for response
  -w <deadline>      reply wait <deadline> in seconds

For more details see ping(8).
`;

/**
 * Who answers an echo request from `host` to `ip`, and how far away it is:
 * - the node itself and loopback: at once, ttl 64;
 * - another node: ttl 64, a fraction of a millisecond across the VPC;
 * - a running pod: ttl 64 on this node, 63 through its node otherwise (the CNI routes pod
 *   addresses; this simulation polices only TCP/UDP with NetworkPolicies, as most CNIs leave ICMP
 *   to policies that name it, so an echo reaches any pod);
 * - a Service's ClusterIP: nothing — it is a virtual address kube-proxy's iptables rules
 *   translate for TCP/UDP ports only, so no one answers ICMP (the classic "ping the Service fails");
 * - anything else: no reply.
 */
function echoTarget(state: ClusterState, host: Host, ip: string): { ttl: number; baseMs: number } | undefined {
  if (ip === host.ip || ip.startsWith('127.')) return { ttl: 64, baseMs: 0.03 };
  const node = Object.values(state.hosts).find((h) => h.kind === 'node' && h.ip === ip);
  if (node) return { ttl: 64, baseMs: 0.35 };
  const pod = Object.values(state.pods).find((p) => p.status.podIP === ip && p.status.phase === 'Running' && !p.spec.hostNetwork);
  if (pod) return pod.spec.nodeName === host.name ? { ttl: 64, baseMs: 0.06 } : { ttl: 63, baseMs: 0.45 };
  return undefined;
}

/** iputils' rtt precision: three decimals under 1 ms, two under 10, one under 100. */
const ms = (t: number) => (t < 1 ? t.toFixed(3) : t < 10 ? t.toFixed(2) : t < 100 ? t.toFixed(1) : String(Math.round(t)));

/**
 * `ping` (iputils 20221126) on a node: `-c N`, `-W SECS`, `-w DEADLINE`, `-i INTERVAL`, `-q`, to an
 * address or a name the node's resolver knows (machines; cluster.local names are not, see dig).
 * One request per interval on the virtual clock; without `-c` it runs until Ctrl-C. Ends with
 * iputils' statistics; exit 0 when a reply came, 1 when none did, 2 on a bad name.
 */
export const ping: Command = {
  name: 'ping',
  places: ['node'],
  summary: 'send ICMP ECHO_REQUEST to network hosts',
  run(ctx) {
    const args = ctx.argv.slice(1);
    let count: number | undefined; let waitS = 10; let deadline: number | undefined; let interval = 1; let quiet = false;
    let dest: string | undefined;
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      const num = (v: string | undefined, what: string): number | CommandResult => {
        const n = Number(v);
        return v !== undefined && Number.isFinite(n) && n >= 0 ? n : { stdout: '', stderr: `ping: invalid argument: '${v ?? ''}'\n`, exitCode: 2 };
      };
      const m = /^-([cWwi])(.*)$/.exec(a);
      if (m) {
        const n = num(m[2] || args[++i], m[1]);
        if (typeof n !== 'number') return n;
        if (m[1] === 'c') { if (n < 1) return { stdout: '', stderr: `ping: invalid argument: '${m[2] || args[i]}': out of range: 1 <= value <= 9223372036854775807\n`, exitCode: 1 }; count = Math.floor(n); }
        else if (m[1] === 'W') waitS = n; else if (m[1] === 'w') deadline = n; else interval = Math.max(0.2, n);
        continue;
      }
      if (a === '-q') { quiet = true; continue; }
      if (a === '-n' || a === '-4') continue;
      if (a === '-V') return { stdout: 'ping from iputils 20221126\nlibcap: yes, IDN: yes, NLS: no, error.h: yes, getrandom(): yes, __fpending(): yes\n', stderr: '', exitCode: 0 };
      if (a.startsWith('-')) return { stdout: '', stderr: `ping: invalid option -- '${a.slice(1, 2)}'\n${USAGE}`, exitCode: 2 };
      dest = a;
    }
    if (!dest) return { stdout: '', stderr: 'ping: usage error: Destination address required\n', exitCode: 1 };
    const names = machineNames(ctx.state);
    const ip = IPV4.test(dest) ? dest : Object.hasOwn(names, dest) ? names[dest] : undefined;
    if (!ip) return { stdout: '', stderr: `ping: ${dest}: Name or service not known\n`, exitCode: 2 };
    const state0 = ctx.state;
    const host = ctx.host;
    const start = state0.now;
    const head = `PING ${dest} (${ip}) 56(84) bytes of data.\n`;
    const sent: number[] = [];
    const rtts: number[] = [];
    const rtt = (seq: number, base: number) => base * (0.8 + (hashString(`${host.name}>${ip}#${seq}`) % 1000) / 2500);
    /** Requests go out at start + k·interval; replies print at send time (their delay is below a millisecond). */
    const replyLines = (state: ClusterState, from: number, to: number): string => {
      let out = '';
      for (let k = sent.length; ; k++) {
        const at = start + k * interval * 1000;
        if (at > to || (count !== undefined && k >= count) || (deadline !== undefined && at - start >= deadline * 1000)) break;
        if (at < from) { /* already due before this poll: still sent */ }
        sent.push(at);
        const t = echoTarget(state, host, ip);
        if (t) { const r = rtt(k + 1, t.baseMs); rtts.push(r); if (!quiet) out += `64 bytes from ${ip}: icmp_seq=${k + 1} ttl=${t.ttl} time=${ms(r)} ms\n`; }
      }
      return out;
    };
    const stats = () => {
      const n = sent.length;
      const got = rtts.length;
      const span = n > 1 ? Math.round(sent[n - 1] - sent[0] + (n - 1) * 1.7) : 0;
      let out = `\n--- ${dest} ping statistics ---\n${n} packets transmitted, ${got} received, ${n === 0 ? 0 : Math.round(((n - got) * 100) / n)}% packet loss, time ${span}ms\n`;
      if (got) {
        const avg = rtts.reduce((a, b) => a + b, 0) / got;
        const mdev = Math.sqrt(Math.max(0, rtts.reduce((a, b) => a + b * b, 0) / got - avg * avg));
        out += `rtt min/avg/max/mdev = ${Math.min(...rtts).toFixed(3)}/${avg.toFixed(3)}/${Math.max(...rtts).toFixed(3)}/${mdev.toFixed(3)} ms\n`;
      } else out += '\n';
      return out;
    };
    // With a count (or deadline), ping ends by itself: after the last request it waits for a late reply (-W, 10 s by default) when one is missing.
    if (count !== undefined || deadline !== undefined) {
      const n = count ?? Math.max(1, Math.ceil((deadline! * 1000) / (interval * 1000)));
      const lastAt = start + (n - 1) * interval * 1000;
      let out = head + replyLines(state0, start, lastAt);
      const missing = rtts.length < sent.length;
      const linger = missing ? Math.min(waitS * 1000, deadline !== undefined ? deadline * 1000 - (lastAt - start) : Infinity) : 0;
      ctx.wait(lastAt - start + Math.max(0, linger), true);
      out += stats();
      return { stdout: out, stderr: '', exitCode: rtts.length ? 0 : 1 };
    }
    return {
      stdout: head + replyLines(state0, start, start), stderr: '', exitCode: 0,
      follow: {
        poll: (state, fromMs, toMs) => ({ stdout: replyLines(state, fromMs, toMs), stderr: '' }),
        nextAt: () => start + sent.length * interval * 1000,
        onInterrupt: () => ({ stdout: stats(), stderr: '', exitCode: rtts.length ? 0 : 1 }),
      },
    };
  },
  complete(_words, partial, ctx) {
    return matching(['-c', '-W', '-w', '-i', '-q', ...Object.keys(machineNames(ctx.state))], partial);
  },
};
