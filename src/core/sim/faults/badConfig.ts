import { z } from 'zod';
import { parseDuration } from '../../time.ts';
import { resolveEnv } from '../env.ts';
import { imageMatches } from './missingCpuFlag.ts';
import type { FaultKind } from './types.ts';

const duration = z.string().refine((s) => parseDuration(s) !== undefined, 'a duration such as 3s');
const regex = z.string().refine((s) => { try { new RegExp(s); return true; } catch { return false; } }, 'a regular expression');

const check = z.object({
  /** The environment variable the application reads at start. */
  env: z.string().min(1),
  /** `missing`: fails when the variable is absent or empty. `notMatching`: fails when its value does not match. */
  missing: z.boolean().optional(),
  notMatching: regex.optional(),
  /** When the application gives up after start, e.g. `3s`. */
  after: duration,
  /** Exit status of the process (1 for an unhandled error, the usual case). */
  exitCode: z.number().int().min(1).max(255).default(1),
  /** What it writes before exiting; `{ts}` is the time, `{value}` the variable's value. */
  logs: z.array(z.object({ after: duration, text: z.string(), stream: z.enum(['stdout', 'stderr']).default('stderr') }).strict()).min(1),
}).strict().refine((c) => c.missing === true || c.notMatching !== undefined, 'give `missing: true` or `notMatching: <regex>`');

const params = z.object({
  kind: z.literal('bad-config'),
  /** Image references (exact, or a prefix ending in `*`) of the application that validates its config. */
  images: z.array(z.string()).min(1),
  /** Checked in order at every container start; the first that fails decides how the process ends. */
  checks: z.array(check).min(1),
}).strict();
type Params = z.infer<typeof params>;

/**
 * An application that validates its configuration at start-up and exits when it is wrong: a
 * required variable is missing (a ConfigMap key renamed), or a value points nowhere (a short
 * Service name from another namespace that cluster DNS cannot resolve). The check reads the
 * environment kubelet builds at *this* start from the ConfigMaps and Secrets as they are now, so
 * correcting them and restarting the pods (or rolling back to a template that references the good
 * ones) heals it. The process exits with `exitCode` (reason `Error`) after logging its fatal line.
 */
export const badConfig: FaultKind<Params> = {
  kind: 'bad-config',
  description: 'Containers of these images exit (code 1 by default) soon after start when a required environment variable is missing or wrong.',
  params,
  stages: ['run'],
  run(rule, { state, pod, container }) {
    if (!imageMatches(rule.images, container.image)) return undefined;
    const env = resolveEnv(state, pod, container);
    if (!env.ok) return undefined; // kubelet never starts it: CreateContainerConfigError instead
    const vars = new Map(env.vars);
    for (const c of rule.checks) {
      const value = vars.get(c.env) ?? '';
      const failing = c.missing ? value === '' : !new RegExp(c.notMatching!).test(value);
      if (!failing) continue;
      return {
        exitAfterMs: parseDuration(c.after)!,
        exitCode: c.exitCode ?? 1, // the rule arrives as written in the scenario, defaults not applied
        reason: 'Error',
        logs: c.logs.map((l) => ({ afterMs: parseDuration(l.after)!, stream: l.stream ?? 'stderr', text: l.text.replaceAll('{value}', value) })),
      };
    }
    return undefined;
  },
};
