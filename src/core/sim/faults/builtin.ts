import { z } from 'zod';
import { keyOf } from '../../model/state.ts';
import { resolveEnv } from '../env.ts';
import type { FaultKind } from './types.ts';
import type { Pod } from '../../model/k8s.ts';
import { quotaRefusal, quotasIn } from '../../kinds/resourcequota.ts';
import { networkPolicyDrop } from '../netpolicy.ts';

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

/**
 * kubelet's volume manager: a Secret or ConfigMap volume whose object does not exist cannot be set
 * up, so the pod stays ContainerCreating with `FailedMount` events until it appears (or the
 * volume is marked optional).
 */
const volumeSources: FaultKind<{ kind: string }> = {
  kind: 'volume-sources',
  description: 'kubelet cannot mount a Secret or ConfigMap volume whose object does not exist.',
  params: z.object({ kind: z.string() }),
  stages: ['mount'],
  mount(_rule, { state, pod }) {
    const ns = pod.metadata.namespace ?? 'default';
    for (const v of pod.spec.volumes ?? []) {
      if (v.secret && !v.secret.optional && !Object.hasOwn(state.secrets, keyOf(ns, v.secret.secretName))) return { volume: v.name, plugin: 'secret', message: `secret "${v.secret.secretName}" not found` };
      if (v.configMap && !v.configMap.optional && !Object.hasOwn(state.configMaps, keyOf(ns, v.configMap.name))) return { volume: v.name, plugin: 'configmap', message: `configmap "${v.configMap.name}" not found` };
    }
    return undefined;
  },
};

/**
 * The ResourceQuota admission plugin over the namespace's ResourceQuota objects (kinds/resourcequota.ts):
 * a pod create that would pass any of them is refused with `exceeded quota: …`.
 */
const resourceQuotas: FaultKind<{ kind: string }> = {
  kind: 'resource-quotas',
  description: 'The API server refuses a pod create that would pass a ResourceQuota of its namespace (exceeded quota).',
  params: z.object({ kind: z.string() }),
  stages: ['api'],
  api(_rule, { state, request }) {
    if (request.verb !== 'create' || request.resource !== 'pods' || !request.namespace) return undefined;
    const pod = request.object as Pod | undefined;
    if (!pod?.spec) return undefined;
    for (const q of quotasIn(state, request.namespace)) {
      const refusal = quotaRefusal(state, { name: q.metadata.name, namespace: request.namespace, hard: q.spec.hard ?? {} }, pod);
      if (refusal) return refusal;
    }
    return undefined;
  },
};

/** Checks every cluster makes whatever the scenario says; each is shaped as a fault kind, with no parameters. */
/**
 * systemd's view of the node's own daemons, on the `node` stage: a kubelet that is not running
 * (stopped, or failing at every start: sim/services.ts) has posted nothing since it went down;
 * a containerd that is not running leaves a running kubelet without its runtime (`container runtime is down`).
 */
const nodeServices: FaultKind<{ kind: string }> = {
  kind: 'node-services',
  description: 'A node whose kubelet.service is not running goes NotReady; one whose containerd.service is not running reports its container runtime down.',
  params: z.object({ kind: z.string() }),
  stages: ['node'],
  node(_rule, { host }) {
    const kubelet = host.units['kubelet.service'];
    if (kubelet && kubelet.mainPid <= 0) return { kubeletStoppedAt: kubelet.downSince ?? kubelet.lastExit?.at ?? 0 };
    const runtime = host.units['containerd.service'];
    if (runtime && runtime.mainPid <= 0) return { runtimeDownSince: runtime.downSince ?? runtime.lastExit?.at ?? 0 };
    return undefined;
  },
};

/**
 * The CNI's NetworkPolicy enforcement (Calico, Cilium) on the `network` stage: a connection that
 * the policies of either end do not allow is dropped (sim/netpolicy.ts).
 */
const networkPolicies: FaultKind<{ kind: string }> = {
  kind: 'network-policies',
  description: 'The CNI drops connections that the NetworkPolicies selecting either end do not allow.',
  params: z.object({ kind: z.string() }),
  stages: ['network'],
  network: (_rule, ctx) => networkPolicyDrop(ctx),
};

export const builtinChecks: readonly FaultKind<any>[] = [volumeSources, envReferences, resourceQuotas, nodeServices, networkPolicies];
