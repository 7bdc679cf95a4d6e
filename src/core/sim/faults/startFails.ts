import { z } from 'zod';
import { hashString } from '../rng.ts';
import { imageMatches } from './missingCpuFlag.ts';
import type { FaultKind } from './types.ts';

const params = z.object({
  kind: z.literal('start-fails'),
  /** Image references (exact, or a prefix ending in `*`) whose containers cannot start. */
  images: z.array(z.string()).min(1),
  /**
   * `missing-entrypoint`: the command is not in the image (RunContainerError, exit 128 StartError).
   * `exec-format`: the binary is built for another CPU architecture (it starts and dies at once:
   * `exec …: exec format error`, exit 255). `name-reserved`: containerd is still busy creating the
   * previous attempt (CreateContainerError, nothing created).
   */
  cause: z.enum(['missing-entrypoint', 'exec-format', 'name-reserved']),
  /** The entry point the image was meant to run; default the image's binary. */
  command: z.string().startsWith('/').optional(),
}).strict();
type Params = z.infer<typeof params>;

/**
 * A container the runtime cannot start as built: a wrong entry point (runc's `exec: "…": stat …:
 * no such file or directory`), a binary for another architecture (`exec format error`), or a
 * containerd that has not finished the previous create (`failed to reserve container name`).
 */
export const startFails: FaultKind<Params> = {
  kind: 'start-fails',
  description: 'Containers of these images fail at create/start: RunContainerError (missing entry point), exec format error (exit 255) or CreateContainerError.',
  params,
  stages: ['start', 'run'],
  start(rule, { pod, container, image, attempt }) {
    if (!imageMatches(rule.images, container.image)) return undefined;
    const command = rule.command ?? image?.binary ?? `/${container.name}`;
    if (rule.cause === 'missing-entrypoint') {
      return { reason: 'RunContainerError', message: `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "${command}": stat ${command}: no such file or directory: unknown` };
    }
    if (rule.cause === 'name-reserved') {
      const name = `${container.name}_${pod.metadata.name}_${pod.metadata.namespace}_${pod.metadata.uid}_${attempt}`;
      const holder = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => hashString(`${name}/${i}`).toString(16).padStart(8, '0')).join('');
      return { reason: 'CreateContainerError', message: `failed to reserve container name "${name}": name "${name}" is reserved for "${holder}"` };
    }
    return undefined;
  },
  run(rule, { container, image }) {
    if (rule.cause !== 'exec-format' || !imageMatches(rule.images, container.image)) return undefined;
    const command = rule.command ?? image?.binary ?? `/${container.name}`;
    return { exitAfterMs: 2, exitCode: 255, reason: 'Error', noImageLogs: true, logs: [{ afterMs: 0, stream: 'stderr', text: `exec ${command}: exec format error` }] };
  },
};
