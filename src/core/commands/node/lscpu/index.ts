import { machineName, type CpuInfo } from '../../../model/host.ts';
import { threadsPerCore } from '../../../host/proc.ts';
import type { Command } from '../../types.ts';
import { ok } from '../../types.ts';
import { parseTool } from '../args.ts';

const USAGE = `
Usage:
 lscpu [options]

Display information about the CPU architecture.

Options:
 -e, --extended[=<list>] print out an extended readable format
 -p, --parse[=<list>]    print out a parsable format
 -h, --help              display this help

For more details see lscpu(1).
`;

/** Per-core L1d/L1i/L2 sizes in KiB for the CPU generations the simulator uses. */
function coreCaches(cpu: CpuInfo): [number, number, number] {
  if (cpu.vendorId === 'AuthenticAMD') return [32, 32, 512];
  if (cpu.model >= 106) return [48, 32, 1280]; // Ice Lake-SP
  if (cpu.model === 85) return [32, 32, 1024]; // Skylake/Cascade Lake-SP
  return [32, 32, 256]; // Haswell/Broadwell
}

/** util-linux's size with binary unit and instance count: `128 KiB (4 instances)`. */
function cacheLine(kib: number, n: number): string {
  const total = kib * n;
  const size = total >= 1024 ? `${Number((total / 1024).toFixed(1))} MiB` : `${total} KiB`;
  return `${size} (${n} instance${n === 1 ? '' : 's'})`;
}

/** `lscpu` in util-linux 2.37+'s sectioned layout, values aligned after the widest key. */
export const lscpu: Command = {
  name: 'lscpu',
  places: ['node'], // not in a busybox pod shell
  summary: 'display information about the CPU architecture',
  run(ctx) {
    const p = parseTool('lscpu', ctx.argv.slice(1), [], USAGE);
    if (!p.ok) return p.result;
    const cpu = ctx.host.cpu;
    const tpc = threadsPerCore(cpu);
    const cores = cpu.cores / tpc;
    const [l1d, l1i, l2] = coreCaches(cpu);
    const xen = cpu.vendorId === 'GenuineIntel' && cpu.model === 63;
    const rows: [number, string, string][] = [
      [0, 'Architecture:', machineName(ctx.host)], [1, 'CPU op-mode(s):', '32-bit, 64-bit'], [1, 'Address sizes:', cpu.addressSizes], [1, 'Byte Order:', 'Little Endian'],
      [0, 'CPU(s):', String(cpu.cores)], [1, 'On-line CPU(s) list:', `0-${cpu.cores - 1}`],
      [0, 'Vendor ID:', cpu.vendorId], [1, 'Model name:', cpu.modelName], [2, 'CPU family:', String(cpu.family)], [2, 'Model:', String(cpu.model)],
      [2, 'Thread(s) per core:', String(tpc)], [2, 'Core(s) per socket:', String(cores)], [2, 'Socket(s):', '1'], [2, 'Stepping:', String(cpu.stepping)],
      [2, 'BogoMIPS:', cpu.bogomips.toFixed(2)], [2, 'Flags:', cpu.flags.join(' ')],
    ];
    if (cpu.flags.includes('hypervisor')) rows.push([0, 'Virtualization features:', ''], [1, 'Hypervisor vendor:', xen ? 'Xen' : 'KVM'], [1, 'Virtualization type:', 'full']);
    rows.push(
      [0, 'Caches (sum of all):', ''], [1, 'L1d:', cacheLine(l1d, cores)], [1, 'L1i:', cacheLine(l1i, cores)], [1, 'L2:', cacheLine(l2, cores)],
      [1, 'L3:', cacheLine(cpu.vendorId === 'AuthenticAMD' ? 16384 : cpu.cacheKb, 1)],
      [0, 'NUMA:', ''], [1, 'NUMA node(s):', '1'], [1, 'NUMA node0 CPU(s):', `0-${cpu.cores - 1}`],
    );
    const keys = rows.map(([d, k]) => '  '.repeat(d) + k);
    const width = Math.max(...keys.map((k) => k.length)) + 1;
    return ok(rows.map(([, , v], i) => keys[i].padEnd(width) + v).join('\n') + '\n');
  },
};
