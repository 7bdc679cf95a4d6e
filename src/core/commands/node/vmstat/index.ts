import { cpuBusy, ioWait } from '../../../host/cpuload.ts';
import { memorySplit } from '../../../host/proc.ts';
import type { Host } from '../../../model/host.ts';
import type { ClusterState } from '../../../model/state.ts';
import { strftime } from '../../../time.ts';
import type { FlagSpec } from '../../flags.ts';
import type { Command, Follow } from '../../types.ts';
import { matching, parseTool } from '../args.ts';

const USAGE = `
Usage:
 vmstat [options] [delay [count]]

Options:
 -a, --active           active/inactive memory
 -f, --forks            number of forks since boot
 -m, --slabs            slabinfo
 -n, --one-header       do not redisplay header
 -s, --stats            event counter statistics
 -d, --disk             disk statistics
 -D, --disk-sum         summarize disk statistics
 -p, --partition <dev>  partition specific statistics
 -S, --unit <char>      define display unit
 -w, --wide             wide output
 -t, --timestamp        show timestamp
 -y, --no-first         skips first line of output

 -h, --help     display this help and exit
 -V, --version  output version information and exit

For more details see vmstat(8).
`;

const SPECS: FlagSpec[] = [
  { name: 'active', short: 'a', type: 'bool', help: '' },
  { name: 'one-header', short: 'n', type: 'bool', help: '' },
  { name: 'unit', short: 'S', type: 'string', help: '' },
  { name: 'wide', short: 'w', type: 'bool', help: '' },
  { name: 'timestamp', short: 't', type: 'bool', help: '' },
  { name: 'no-first', short: 'y', type: 'bool', help: '' },
  { name: 'version', short: 'V', type: 'bool', help: '' },
];

const UNITS: Record<string, number> = { k: 1000, K: 1024, m: 1_000_000, M: 1024 * 1024 };

interface Opts { wide: boolean; stamp: boolean; unit: number; active: boolean }

function headers(o: Opts): string {
  const mem = o.active ? ['inact', 'active'] : ['buff', 'cache'];
  const a = o.wide
    ? `--procs-- -----------------------memory---------------------- ---swap-- -----io---- -system-- ----------cpu----------`
    : `procs -----------memory---------- ---swap-- -----io---- -system-- ------cpu-----`;
  const b = o.wide
    ? `   r    b         swpd         free ${mem[0].padStart(12)} ${mem[1].padStart(12)}   si   so    bi    bo   in   cs  us  sy  id  wa  st  gu`
    : ` r  b   swpd   free ${mem[0].padStart(6)} ${mem[1].padStart(6)}   si   so    bi    bo   in   cs us sy id wa st`;
  return o.stamp ? `${a} -----timestamp-----\n${b}                 UTC\n` : `${a}\n${b}\n`;
}

/**
 * One vmstat line over [from, to]: run queue from the busy containers, memory from the same split
 * as free and /proc/meminfo (KiB, or `-S` units), block I/O from the disks' statistics, CPU split
 * from the containers' usage in the CPU model and the disks' latency (wa).
 */
function row(state: ClusterState, host: Host, from: number, to: number, o: Opts): string {
  const m = memorySplit(host);
  const scale = (kb: number) => Math.floor((kb * 1024) / o.unit);
  const running = host.containers.filter((c) => c.state === 'CONTAINER_RUNNING').length;
  const busy = cpuBusy(state, host, from, to);
  const wa = ioWait(host);
  const us = Math.round(busy * 85);
  const sy = Math.round(busy * 15);
  const waPct = Math.round(wa * 100);
  const id = Math.max(0, 100 - us - sy - waPct);
  const devs = host.blockDevices ?? [];
  const bi = Math.round(devs.reduce((n, d) => n + d.readKBps, 0) || 3);
  const bo = Math.round(devs.reduce((n, d) => n + d.writeKBps, 0) || 38 + running * 6);
  const r = Math.max(0, Math.round(busy * host.cpu.cores)) + 1;
  const b = waPct >= 5 ? 1 : 0;
  const intr = 180 + running * 45 + Math.round(busy * 900);
  const cs = 320 + running * 110 + Math.round(busy * 2400);
  const memA = o.active ? [scale(Math.round(m.cached * 0.6)), scale(m.used - Math.round(m.used * 0.1) + Math.round(m.cached * 0.4))] : [scale(m.buffers), scale(m.cached + m.sReclaimable)];
  const cells = o.wide
    ? `${String(r).padStart(4)} ${String(b).padStart(4)} ${String(0).padStart(12)} ${String(scale(m.free)).padStart(12)} ${String(memA[0]).padStart(12)} ${String(memA[1]).padStart(12)} ${'0'.padStart(4)} ${'0'.padStart(4)} ${String(bi).padStart(5)} ${String(bo).padStart(5)} ${String(intr).padStart(4)} ${String(cs).padStart(4)} ${String(us).padStart(3)} ${String(sy).padStart(3)} ${String(id).padStart(3)} ${String(waPct).padStart(3)} ${'0'.padStart(3)} ${'0'.padStart(3)}`
    : `${String(r).padStart(2)} ${String(b).padStart(2)} ${String(0).padStart(6)} ${String(scale(m.free)).padStart(6)} ${String(memA[0]).padStart(6)} ${String(memA[1]).padStart(6)} ${'0'.padStart(4)} ${'0'.padStart(4)} ${String(bi).padStart(5)} ${String(bo).padStart(5)} ${String(intr).padStart(4)} ${String(cs).padStart(4)} ${String(us).padStart(2)} ${String(sy).padStart(2)} ${String(id).padStart(2)} ${String(waPct).padStart(2)} ${'0'.padStart(2)}`;
  return o.stamp ? `${cells} ${strftime('%Y-%m-%d %H:%M:%S', to)}\n` : `${cells}\n`;
}

/**
 * procps-ng `vmstat [delay [count]]`: the first line averages since boot, the next ones cover
 * each delay; with a delay and no count it keeps printing (Ctrl-C ends it), the header repeating
 * every 20 lines unless `-n`. `-S k|K|m|M`, `-w`, `-t`, `-a`, `-y`.
 */
export const vmstat: Command = {
  name: 'vmstat',
  places: ['node', 'debug'],
  summary: 'report virtual memory statistics',
  flags: SPECS,
  run(ctx) {
    const p = parseTool('vmstat', ctx.argv.slice(1), SPECS, USAGE);
    if (!p.ok) return p.result;
    const v = p.flags.values;
    if (v.version === true) return { stdout: 'vmstat from procps-ng 4.0.4\n', stderr: '', exitCode: 0 };
    const [delayArg, countArg] = p.flags.positionals;
    for (const a of [delayArg, countArg]) if (a !== undefined && !/^-?\d+$/.test(a)) return { stdout: '', stderr: `vmstat: failed to parse argument: '${a}'\n`, exitCode: 1 };
    if (delayArg !== undefined && Number(delayArg) < 1) return { stdout: '', stderr: 'vmstat: delay must be positive integer\n', exitCode: 1 };
    const unitArg = String(v.unit);
    if (unitArg && !Object.hasOwn(UNITS, unitArg)) return { stdout: '', stderr: '-S requires k, K, m or M (default is KiB)\n', exitCode: 1 };
    const o: Opts = { wide: v.wide === true, stamp: v.timestamp === true, unit: unitArg ? UNITS[unitArg] : 1024, active: v.active === true };
    const host = ctx.host;
    const delay = delayArg === undefined ? 0 : Number(delayArg) * 1000;
    const count = countArg === undefined ? (delay ? Infinity : 1) : Number(countArg);
    let out = headers(o);
    let lines = 0;
    const skipFirst = v['no-first'] === true;
    if (!skipFirst) { out += row(ctx.state, host, host.bootAt, ctx.state.now, o); lines++; }
    const header = () => (v['one-header'] !== true && lines > 0 && lines % 20 === 0 ? headers(o) : '');
    if (count === Infinity) {
      const name = host.name;
      let due = ctx.state.now + delay;
      const follow: Follow = {
        nextAt: () => due,
        poll(state, _from, to) {
          if (to < due) return { stdout: '', stderr: '' };
          const h = Object.hasOwn(state.hosts, name) ? state.hosts[name] : host;
          const text = header() + row(state, h, due - delay, due, o);
          lines++;
          due += delay;
          return { stdout: text, stderr: '' };
        },
      };
      return { stdout: out, stderr: '', exitCode: 0, follow };
    }
    for (let i = skipFirst ? 0 : 1; i < count; i++) {
      const from = ctx.state.now;
      ctx.wait(delay);
      out += header() + row(ctx.state, ctx.host, from, ctx.state.now, o);
      lines++;
    }
    return { stdout: out, stderr: '', exitCode: 0 };
  },
  complete: (_w, partial) => matching(SPECS.map((s) => `--${s.name}`), partial),
};
