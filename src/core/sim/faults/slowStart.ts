import { z } from 'zod';
import { parseDuration } from '../../time.ts';
import { imageMatches } from './missingCpuFlag.ts';
import type { FaultKind } from './types.ts';

const duration = z.string().refine((s) => parseDuration(s) !== undefined, 'a duration such as 45s');

const params = z.object({
  kind: z.literal('slow-start'),
  /** Image references (exact, or a prefix ending in `*`) of the slow starter. */
  images: z.array(z.string()).min(1),
  /** How long after start the health endpoint first answers 200 (cache warm-up, migrations), e.g. `50s`. */
  readyAfter: duration,
  /** What a probe meets before then: nothing listening yet (default) or a server answering 503. */
  refusal: z.enum(['connection-refused', 'http-503']).default('connection-refused'),
  /** How the process takes SIGTERM: `exit` (it shuts down: exit 143) or `ignore` (SIGKILL after the grace period: 137). */
  sigterm: z.enum(['exit', 'ignore']).default('exit'),
  /** Lines it writes when it gets SIGTERM (`{ts}` is the time); only with `sigterm: exit`. */
  shutdownLogs: z.array(z.object({ text: z.string(), stream: z.enum(['stdout', 'stderr']).default('stdout') }).strict()).default([]),
}).strict();
type Params = z.infer<typeof params>;

/**
 * An application that needs a while before its health endpoint answers (a JVM warming caches, a
 * service replaying a journal). It never fails by itself: whether it survives start-up is decided
 * by the container's probes (sim/probes.ts). A liveness probe that starts before `readyAfter`
 * and fails `failureThreshold` times kills it (Unhealthy events, `Killing … failed liveness
 * probe, will be restarted`, exit 143 or 137, no fatal line in its log); a startupProbe whose
 * `failureThreshold × periodSeconds` covers `readyAfter`, or a longer `initialDelaySeconds`, lets
 * it come up and stay up.
 */
export const slowStart: FaultKind<Params> = {
  kind: 'slow-start',
  description: 'Containers of these images answer their health endpoint only some time after start; probes that give up sooner kill them (exit 143, or 137 when SIGTERM is ignored).',
  params,
  stages: ['probe'],
  probe(rule, { container }) {
    if (!imageMatches(rule.images, container.image)) return undefined;
    return {
      warmUp: {
        healthyAfterMs: parseDuration(rule.readyAfter)!,
        // The rule arrives as written in the scenario: defaults are applied here.
        refusal: rule.refusal ?? 'connection-refused',
        sigterm: rule.sigterm ?? 'exit',
        shutdownLogs: (rule.shutdownLogs ?? []).map((l) => ({ text: l.text, stream: l.stream ?? 'stdout' })),
      },
    };
  },
};
