import { z } from 'zod';
import { imageMatches } from './missingCpuFlag.ts';
import type { FaultKind } from './types.ts';

const params = z.object({
  kind: z.literal('sigterm-ignored'),
  /** Image refs, or prefixes ending in `*`. */
  images: z.array(z.string()).min(1),
}).strict();
type Params = z.infer<typeof params>;

/**
 * Containers whose main process does not exit on SIGTERM (a shell script as PID 1 that never passes
 * the signal on, an application without a handler that blocks it): every stop waits out the whole
 * terminationGracePeriodSeconds, then containerd sends SIGKILL and the container ends with 137.
 */
export const sigtermIgnored: FaultKind<Params> = {
  kind: 'sigterm-ignored',
  description: 'Containers of these images ignore SIGTERM: every deletion waits the full terminationGracePeriodSeconds, then SIGKILL (exit 137).',
  params,
  stages: ['terminate'],
  terminate(rule, { container }) {
    return imageMatches(rule.images, container.image) ? { sigterm: 'ignore' } : undefined;
  },
};
