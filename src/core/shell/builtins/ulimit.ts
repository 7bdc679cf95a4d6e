import { done, err, type Builtin } from './types.ts';

/** bash's limits table: option letter, `ulimit -a` description, unit, and how the value is found. */
const LIMITS: [string, string, string][] = [
  ['R', 'real-time non-blocking time', 'microseconds'], ['c', 'core file size', 'blocks'], ['d', 'data seg size', 'kbytes'], ['e', 'scheduling priority', ''],
  ['f', 'file size', 'blocks'], ['i', 'pending signals', ''], ['l', 'max locked memory', 'kbytes'], ['m', 'max memory size', 'kbytes'], ['n', 'open files', ''],
  ['p', 'pipe size', '512 bytes'], ['q', 'POSIX message queues', 'bytes'], ['r', 'real-time priority', ''], ['s', 'stack size', 'kbytes'], ['t', 'cpu time', 'seconds'],
  ['u', 'max user processes', ''], ['v', 'virtual memory', 'kbytes'], ['x', 'file locks', ''],
];

/**
 * bash's `ulimit` builtin: the resource limits a login shell on the machine starts with (systemd
 * defaults: 1024 open files soft, 1048576 hard; pending signals and user processes sized from the
 * memory as the kernel does), `-a`, single limits, `-S`/`-H`. Raising a limit is not modelled:
 * the shell keeps its limits.
 */
export const ulimit: Builtin = {
  name: 'ulimit',
  summary: 'Modify shell resource limits',
  run({ argv, ctx }) {
    // A machine the shell knows nothing about (a bare test shell) still answers with a 16 GB default.
    const memKb = ctx.host?.memoryKb?.total ?? 16_000_000;
    let hard = false;
    const wanted: string[] = [];
    let value: string | undefined;
    for (const a of argv.slice(1)) {
      if (/^-[A-Za-z]+$/.test(a)) {
        for (const c of a.slice(1)) {
          if (c === 'H') hard = true;
          else if (c === 'S') hard = false;
          else if (c === 'a') wanted.push(...LIMITS.map((l) => l[0]));
          else if (LIMITS.some((l) => l[0] === c)) wanted.push(c);
          else return err(`bash: ulimit: -${c}: invalid option\nulimit: usage: ulimit [-SHabcdefiklmnpqrstuvxPRT] [limit]\n`, 2);
        }
      } else value = a;
    }
    const letters = wanted.length ? wanted : ['f'];
    if (value !== undefined) {
      if (!/^(\d+|unlimited|hard|soft)$/.test(value)) return err(`bash: ulimit: ${value}: invalid number\n`);
      return done();
    }
    const of = (c: string): string => {
      switch (c) {
        case 'c': return hard ? 'unlimited' : '0';
        case 'e': case 'r': return '0';
        case 'i': case 'u': return String(Math.floor(memKb / 256));
        case 'l': return '8192';
        case 'n': return hard ? '1048576' : '1024';
        case 'p': return '8';
        case 'q': return '819200';
        case 's': return hard ? 'unlimited' : '8192';
        default: return 'unlimited';
      }
    };
    if (letters.length === 1 && wanted.length <= 1) return done(`${of(letters[0])}\n`);
    // bash prints each row as printf("%-20s%20s %s"): the description, the unit and option right-aligned, the value.
    const rows = LIMITS.filter((l) => letters.includes(l[0])).map(([c, desc, unit]) => `${desc.padEnd(20)}${(unit ? `(${unit}, -${c})` : `(-${c})`).padStart(20)} ${of(c)}`);
    return done(rows.join('\n') + '\n');
  },
};
