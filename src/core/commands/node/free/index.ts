import { memorySplit } from '../../../host/proc.ts';
import type { FlagSpec } from '../../flags.ts';
import type { Command } from '../../types.ts';
import { ok } from '../../types.ts';
import { parseTool } from '../args.ts';

const USAGE = `
Usage:
 free [options]

Options:
 -b, --bytes         show output in bytes
     --kibi          show output in kibibytes
     --mebi          show output in mebibytes
     --gibi          show output in gibibytes
 -k                  show output in kibibytes
 -m                  show output in mebibytes
 -g                  show output in gibibytes
 -h, --human         show human-readable output
 -t, --total         show total for RAM + swap
 -w, --wide          wide output

     --help     display this help and exit
 -V, --version  output version information and exit

For more details see free(1).
`;

const SPECS: FlagSpec[] = [
  { name: 'bytes', short: 'b', type: 'bool', help: '' },
  { name: 'kibi', short: 'k', type: 'bool', help: '' },
  { name: 'mebi', short: 'm', type: 'bool', help: '' },
  { name: 'gibi', short: 'g', type: 'bool', help: '' },
  { name: 'human', short: 'h', type: 'bool', help: '' },
  { name: 'total', short: 't', type: 'bool', help: '' },
  { name: 'wide', short: 'w', type: 'bool', help: '' },
  { name: 'version', short: 'V', type: 'bool', help: '' },
];

/**
 * procps-ng `free` scaling: `-h` shows one decimal below 10 and whole numbers above (`9.7Gi`,
 * `15Gi`, `0B`), other units truncate. `kb` is in KiB.
 */
export function freeScale(kb: number, unit: 'b' | 'k' | 'm' | 'g' | 'h'): string {
  const bytes = kb * 1024;
  if (unit === 'b') return String(bytes);
  if (unit === 'k') return String(kb);
  if (unit === 'm') return String(Math.floor(kb / 1024));
  if (unit === 'g') return String(Math.floor(kb / 1024 / 1024));
  if (bytes < 1024) return `${bytes}B`;
  const suffix = ['Ki', 'Mi', 'Gi', 'Ti', 'Pi'];
  for (let i = 0; i < suffix.length; i++) {
    const v = bytes / 1024 ** (i + 1);
    if (v < 10) return `${v.toFixed(1)}${suffix[i]}`;
    if (v < 1024) return `${Math.floor(v)}${suffix[i]}`;
  }
  return `${Math.floor(bytes / 1024 ** 5)}Pi`;
}

/** `free` (procps-ng 4): Mem row with six columns, Swap row with three, right-aligned in 12. */
export const free: Command = {
  name: 'free',
  places: ['node', 'debug'],
  summary: 'Display amount of free and used memory in the system',
  flags: SPECS,
  run(ctx) {
    const p = parseTool('free', ctx.argv.slice(1), SPECS, USAGE);
    if (!p.ok) return p.result;
    const v = p.flags.values;
    if (v.version === true) return ok('free from procps-ng 4.0.2\n');
    if (p.flags.positionals.length > 0) return { stdout: '', stderr: `free: extra operand '${p.flags.positionals[0]}'\n\nUsage:\n free [options]\n`, exitCode: 1 };
    const unit = v.human ? 'h' : v.bytes ? 'b' : v.mebi ? 'm' : v.gibi ? 'g' : 'k';
    const m = memorySplit(ctx.host);
    const s = (kb: number) => freeScale(kb, unit).padStart(11);
    const lines = [
      '               total        used        free      shared  buff/cache   available',
      `${'Mem:'.padEnd(9)}${s(m.total)} ${s(m.used)} ${s(m.free)} ${s(m.shmem)} ${s(m.buffCache)} ${s(m.available)}`,
      `${'Swap:'.padEnd(9)}${s(m.swapTotal)} ${s(m.swapTotal - m.swapFree)} ${s(m.swapFree)}`,
    ];
    if (v.total === true) lines.push(`${'Total:'.padEnd(9)}${s(m.total + m.swapTotal)} ${s(m.used + m.swapTotal - m.swapFree)} ${s(m.free + m.swapFree)}`);
    return ok(lines.join('\n') + '\n');
  },
};
