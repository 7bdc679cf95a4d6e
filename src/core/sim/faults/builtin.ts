import { z } from 'zod';
import { resolveEnv } from '../env.ts';
import type { FaultKind } from './types.ts';

/**
 * kubelet's own config check, on the `config` stage like any fault: the environment references a
 * ConfigMap, Secret or key that does not exist, so no container is created and it waits in
 * `CreateContainerConfigError` until the reference resolves (kubelet 1.3x, kuberuntime_container.go).
 */
const envReferences: FaultKind<{ kind: string }> = {
  kind: 'env-references',
  description: 'kubelet refuses to create a container whose env/envFrom names a missing ConfigMap, Secret or key.',
  params: z.object({ kind: z.string() }),
  stages: ['config'],
  config(_rule, { state, pod, container }) {
    const env = resolveEnv(state, pod, container);
    return env.ok ? undefined : { message: env.error.message };
  },
};

/** Checks every cluster makes whatever the scenario says; each is shaped as a fault kind, with no parameters. */
export const builtinChecks: readonly FaultKind<any>[] = [envReferences];
