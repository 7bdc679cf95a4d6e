import { z } from 'zod';
import type { FaultKind } from './types.ts';
import { parseDuration } from '../../time.ts';
import { hashString } from '../rng.ts';

const params = z.object({
  kind: z.literal('missing-cpu-flag'),
  /** Image references (exact, or a prefix ending in `*`) whose binary uses the instructions. */
  images: z.array(z.string()).min(1),
  /** The /proc/cpuinfo flag the binary needs, e.g. `avx512f`. */
  flag: z.string().regex(/^[a-z0-9_]+$/, 'a lower-case /proc/cpuinfo flag such as avx512f'),
  /** When the first vectorised code path runs after start: a duration such as `30s`. */
  after: z.string().refine((s) => parseDuration(s) !== undefined, 'a duration such as 30s'),
});
type Params = z.infer<typeof params>;

export const imageMatches = (patterns: readonly string[], ref: string) =>
  patterns.some((p) => (p.endsWith('*') ? ref.startsWith(p.slice(0, -1)) : ref === p));

/**
 * A binary built for a newer CPU (e.g. `-march=native` on an AVX-512 build host) started on a node
 * whose CPU lacks the flag: the first vector instruction raises #UD, the kernel sends SIGILL and
 * logs a `trap invalid opcode` line, and the runtime reports exit code 132 (128 + 4) with reason
 * `Error`. Nothing in the application's own log says why.
 */
export const missingCpuFlag: FaultKind<Params> = {
  kind: 'missing-cpu-flag',
  description: 'Containers of these images die with SIGILL (exit 132) some seconds after start on nodes whose CPU lacks the flag.',
  params,
  stages: ['run'],
  run(rule, { host, container, pod, attempt }) {
    if (!imageMatches(rule.images, container.image)) return undefined;
    if (host.cpu.flags.includes(rule.flag)) return undefined;
    // Work arrives at slightly different moments each run: ±3 s around `after`, stable per attempt.
    const jitter = (hashString(`${pod.metadata.uid}/${container.name}/${attempt}`) % 6000) - 3000;
    const exitAfterMs = Math.max(1000, parseDuration(rule.after)! + jitter);
    return {
      exitAfterMs,
      exitCode: 132,
      reason: 'Error',
      signal: 4,
      kernelLines({ pid, comm, state }) {
        const h = hashString(`${pod.metadata.uid}/${attempt}`);
        const base = 0x55a000000000 + (h % 0xfffff) * 0x1000;
        const ip = base + 0x1d4000 + (h % 0xfff);
        const sp = 0x7ffd00000000 + ((h * 7) % 0xffffffff);
        const offset = (ip - base - 0x1d4000).toString(16);
        void state;
        return [`traps: ${comm.slice(0, 15)}[${pid}] trap invalid opcode ip:${ip.toString(16)} sp:${sp.toString(16)} error:0 in ${comm.slice(0, 15)}[${offset},${(base + 0x1d4000).toString(16)}+2c1000]`];
      },
    };
  },
};
