import { gnuQuote } from '../../commands/text/gnu.ts';
import type { Follow } from '../../commands/types.ts';
import { done, err, type Builtin } from './types.ts';

const UNIT_MS: Record<string, number> = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * Longest sleep that passes at once (ms): up to it, `sleep` is how a learner skips ahead (`sleep
 * 30m` to watch a leak grow). A longer one (`sleep 99999999`, `sleep infinity`) keeps running
 * while the clock ticks, until it is over or Ctrl-C: advancing the simulation by years in one go
 * would freeze the terminal, and past year 275760 the clock itself stops being a date.
 */
export const SLEEP_AT_ONCE_MS = 6 * 3_600_000;

/**
 * `sleep NUMBER[SUFFIX]…` as GNU coreutils sleep: the sum of all arguments, each a (decimal)
 * number with an optional s/m/h/d suffix, or `inf`/`infinity`. Lets virtual time pass through
 * ctx.wait(ms); beyond SLEEP_AT_ONCE_MS it keeps running (a Follow) until its end or Ctrl-C.
 */
export const sleep: Builtin = {
  name: 'sleep',
  summary: 'Delay for a specified amount of time',
  run({ argv, ctx }) {
    const args = argv.slice(1);
    if (args.length === 0) return err("sleep: missing operand\nTry 'sleep --help' for more information.\n");
    let total = 0;
    for (const a of args) {
      if (/^inf(inity)?$/i.test(a)) { total = Infinity; continue; }
      const m = /^(\d+\.?\d*|\.\d+)([smhd]?)$/.exec(a);
      if (!m) {
        if (/^--?[A-Za-z]/.test(a)) {
          const opt = a.startsWith('--') ? `unrecognized option '${a}'` : `invalid option -- '${a[1]}'`;
          return err(`sleep: ${opt}\nTry 'sleep --help' for more information.\n`);
        }
        return err(`sleep: invalid time interval ${gnuQuote(a)}\nTry 'sleep --help' for more information.\n`);
      }
      total += Number(m[1]) * UNIT_MS[m[2]];
    }
    if (total <= SLEEP_AT_ONCE_MS) {
      ctx.wait(Math.round(total));
      return done();
    }
    const end = ctx.state.now + total;
    const follow: Follow = { poll: (_state, _from, to) => ({ stdout: '', stderr: '', ...(to >= end ? { done: { exitCode: 0 } } : {}) }) };
    return { ...done(), follow };
  },
};
