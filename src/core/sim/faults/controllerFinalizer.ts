import { z } from 'zod';
import type { ClusterState } from '../../model/state.ts';
import { keyOf } from '../../model/state.ts';
import type { FaultKind } from './types.ts';

const params = z.object({
  kind: z.literal('controller-finalizer'),
  /** The finalizer, e.g. `relay.example.io/drain`. */
  finalizer: z.string().regex(/^[a-z0-9.-]+\/[a-zA-Z0-9._-]+$/, 'a qualified finalizer name such as example.io/cleanup'),
  /** `namespace/name` of the Deployment that runs the controller owning it. */
  controller: z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, 'namespace/name of a Deployment'),
  /** Namespaces where its mutating webhook adds the finalizer to every new pod (none: it adds nothing). */
  namespaces: z.array(z.string()).default([]),
  /** Only pods with these labels get it (none: every pod in `namespaces`). */
  matchLabels: z.record(z.string(), z.string()).optional(),
}).strict();
type Params = z.infer<typeof params>;

/** Whether the controller is installed: its Deployment exists and is not being deleted (its webhook configuration goes with it). */
function installed(state: ClusterState, ref: string): boolean {
  const [ns, name] = ref.split('/');
  const dep = state.deployments[keyOf(ns, name)];
  return dep !== undefined && !dep.metadata.deletionTimestamp;
}

/** Whether the controller runs: installed, with a Ready pod that is not being deleted. */
function controllerRuns(state: ClusterState, ref: string): boolean {
  const [ns, name] = ref.split('/');
  return installed(state, ref) && Object.values(state.pods).some((p) => p.metadata.namespace === ns && !p.metadata.deletionTimestamp
    && (p.metadata.labels?.app === name) && (p.status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True'));
}

/**
 * A finalizer that belongs to a controller (an operator). While the controller runs, its webhook
 * adds the finalizer to new pods in `namespaces` and it removes the finalizer from objects being
 * deleted once its cleanup is done. Once it is gone (uninstalled, its namespace deleted) nothing
 * removes it: every object carrying it stays with a deletionTimestamp until someone patches the
 * finalizer away.
 */
export const controllerFinalizer: FaultKind<Params> = {
  kind: 'controller-finalizer',
  description: 'A finalizer owned by a controller (a Deployment): added to new pods in some namespaces and released on deletion only while that controller runs.',
  params,
  stages: ['finalize'],
  finalize(rule, { state, object, phase }) {
    if (phase === 'admit') {
      const namespaces = rule.namespaces ?? [];
      const labels = object.metadata.labels ?? {};
      const selected = Object.entries(rule.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
      return object.kind === 'Pod' && selected && namespaces.includes(object.metadata.namespace ?? '') && installed(state, rule.controller) ? { add: [rule.finalizer] } : undefined;
    }
    return (object.metadata.finalizers ?? []).includes(rule.finalizer) && controllerRuns(state, rule.controller) ? { remove: [rule.finalizer] } : undefined;
  },
};
