import type { Command } from '../../types.ts';
import { gnuQuote, tryHelp } from '../gnu.ts';

/** Most numbers one `seq` prints here (a real one would stream forever). */
const MAX = 1_000_000;

/**
 * GNU `seq [-s SEP] [-w] [FIRST [INCREMENT]] LAST`: integers and decimals, the precision of the
 * most precise operand, `-w` zero-padded to equal width.
 */
export const seq: Command = {
  name: 'seq',
  places: ['laptop', 'node', 'debug'],
  summary: 'print a sequence of numbers',
  flags: [{ name: 'separator', short: 's', type: 'string', help: '' }, { name: 'equal-width', short: 'w', type: 'bool', help: '' }, { name: 'format', short: 'f', type: 'string', help: '' }],
  run(ctx) {
    let sep = '\n';
    let equal = false;
    const nums: string[] = [];
    const args = ctx.argv.slice(1);
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === '-w' || a === '--equal-width') { equal = true; continue; }
      if (a === '-s') { sep = args[++i] ?? ''; if (i >= args.length) return { stdout: '', stderr: `seq: option requires an argument -- 's'\n${tryHelp('seq')}`, exitCode: 1 }; continue; }
      if (a.startsWith('--separator=')) { sep = a.slice(12); continue; }
      if (a.startsWith('-s')) { sep = a.slice(2); continue; }
      if (a.startsWith('--')) return { stdout: '', stderr: `seq: unrecognized option '${a}'\n${tryHelp('seq')}`, exitCode: 1 };
      if (/^-[^\d.]/.test(a)) return { stdout: '', stderr: `seq: invalid option -- '${a[1]}'\n${tryHelp('seq')}`, exitCode: 1 };
      nums.push(a);
    }
    if (nums.length === 0) return { stdout: '', stderr: `seq: missing operand\n${tryHelp('seq')}`, exitCode: 1 };
    if (nums.length > 3) return { stdout: '', stderr: `seq: extra operand ${gnuQuote(nums[3])}\n${tryHelp('seq')}`, exitCode: 1 };
    for (const n of nums) if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(n)) return { stdout: '', stderr: `seq: invalid floating point argument: ${gnuQuote(n)}\n${tryHelp('seq')}`, exitCode: 1 };
    const [first, inc, last] = nums.length === 1 ? ['1', '1', nums[0]] : nums.length === 2 ? [nums[0], '1', nums[1]] : nums;
    if (Number(inc) === 0) return { stdout: '', stderr: `seq: invalid Zero increment value: ${gnuQuote(inc)}\n${tryHelp('seq')}`, exitCode: 1 };
    const decimals = Math.max(...[first, inc].map((n) => (n.includes('.') ? n.split('.')[1].length : 0)));
    const a = Number(first);
    const step = Number(inc);
    const b = Number(last);
    const out: string[] = [];
    for (let k = 0; out.length < MAX; k++) {
      const v = a + k * step;
      if (step > 0 ? v > b + 1e-10 : v < b - 1e-10) break;
      out.push(v.toFixed(decimals));
    }
    if (equal) {
      const w = Math.max(...out.map((s) => s.replace('-', '').length));
      for (let i = 0; i < out.length; i++) out[i] = out[i].startsWith('-') ? '-' + out[i].slice(1).padStart(w, '0') : out[i].padStart(w, '0');
    }
    return { stdout: out.length ? out.join(sep) + '\n' : '', stderr: '', exitCode: 0 };
  },
};
