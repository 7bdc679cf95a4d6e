import type { KubeObject } from '../model/k8s.ts';
import { clone } from '../clone.ts';
import type { Action } from '../sim/actions.ts';
import { seeded, uid } from '../sim/rng.ts';
import { parseDuration } from '../time.ts';
import type { ClusterSpec } from './schema.ts';
import { DEFAULT_CLASS_ANNOTATION } from '../kinds/storageclass.ts';

/**
 * ResourceQuotas, LimitRanges, StorageClasses, PersistentVolumeClaims, HorizontalPodAutoscalers and NetworkPolicies of the scenario, each
 * created through the API (`object/create`) `age` ago, so the controllers that watch them (quota
 * status, the PV controller's events) start from that moment. Identity is seeded from the object's
 * kind and name: adding one changes no other generated id.
 */
export function namespaceObjectSteps(spec: ClusterSpec, now: number, start: number): { at: number; actions: () => Action[] }[] {
  const at = (age: string | undefined) => Math.max(start, age === undefined ? start : now - parseDuration(age)!);
  const meta = (kind: string, name: string, namespace?: string, labels?: Record<string, string>, annotations?: Record<string, string>) => ({
    name, ...(namespace ? { namespace } : {}), uid: uid(seeded(`${kind}/${namespace ?? ''}/${name}`)), creationTimestamp: '', ...(labels ? { labels: { ...labels } } : {}),
    ...(annotations ? { annotations: { ...annotations } } : {}),
  });
  const step = (age: string | undefined, object: KubeObject) => ({ at: at(age), actions: (): Action[] => [{ type: 'object/create', object }] });
  return [
    ...spec.storageClasses.map((c) => step(c.age, {
      apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass',
      metadata: { ...meta('StorageClass', c.name), ...(c.default ? { annotations: { [DEFAULT_CLASS_ANNOTATION]: 'true' } } : {}) },
      provisioner: c.provisioner, ...(c.parameters ? { parameters: { ...c.parameters } } : {}),
      reclaimPolicy: c.reclaimPolicy, volumeBindingMode: c.volumeBindingMode, ...(c.allowVolumeExpansion !== undefined ? { allowVolumeExpansion: c.allowVolumeExpansion } : {}),
    } as KubeObject)),
    ...spec.resourceQuotas.map((q) => step(q.age, { apiVersion: 'v1', kind: 'ResourceQuota', metadata: meta('ResourceQuota', q.name, q.namespace), spec: { hard: { ...q.hard } } } as KubeObject)),
    ...spec.limitRanges.map((l) => step(l.age, { apiVersion: 'v1', kind: 'LimitRange', metadata: meta('LimitRange', l.name, l.namespace), spec: { limits: l.limits.map((x) => ({ ...x })) } } as KubeObject)),
    ...spec.horizontalPodAutoscalers.map((h) => step(h.age, {
      apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: meta('HorizontalPodAutoscaler', h.name, h.namespace),
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: h.target }, ...(h.minReplicas !== undefined ? { minReplicas: h.minReplicas } : {}), maxReplicas: h.maxReplicas,
        ...(h.cpuUtilization || h.memoryUtilization ? { metrics: (['cpu', 'memory'] as const).flatMap((name) => {
          const percent = name === 'cpu' ? h.cpuUtilization : h.memoryUtilization;
          return percent ? [{ type: 'Resource', resource: { name, target: { type: 'Utilization', averageUtilization: percent } } }] : [];
        }) } : {}),
        ...(h.behavior ? { behavior: clone(h.behavior) } : {}),
      },
    } as KubeObject)),
    ...spec.persistentVolumeClaims.map((c) => step(c.age, {
      apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: meta('PersistentVolumeClaim', c.name, c.namespace, c.labels),
      spec: { accessModes: [...c.accessModes], resources: { requests: { storage: c.storage } }, ...(c.storageClassName !== undefined ? { storageClassName: c.storageClassName } : {}) },
    } as KubeObject)),
    ...spec.networkPolicies.map((n) => step(n.age, {
      apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: meta('NetworkPolicy', n.name, n.namespace, n.labels, n.annotations), spec: clone(n.spec),
    } as KubeObject)),
  ];
}

/**
 * The scenario's manifests, each created through the API (`object/create`) when the cluster starts
 * (or `age` before `now`), after everything else of that moment (nodes, workloads): a Job's
 * controller then finds a node for its first pod, as on a running cluster. Identity is seeded from
 * the object's kind and name.
 */
export function manifestSteps(spec: ClusterSpec, now: number, start: number): { at: number; actions: () => Action[] }[] {
  return spec.manifests.map(({ age, ...m }) => {
    const object = {
      ...clone(m),
      metadata: {
        name: m.metadata.name, ...(m.metadata.namespace ? { namespace: m.metadata.namespace } : {}), uid: uid(seeded(`${m.kind}/${m.metadata.namespace ?? ''}/${m.metadata.name}`)), creationTimestamp: '',
        ...(m.metadata.labels ? { labels: { ...m.metadata.labels } } : {}), ...(m.metadata.annotations ? { annotations: { ...m.metadata.annotations } } : {}),
      },
    } as KubeObject;
    const at = age === undefined ? start : Math.max(start, now - parseDuration(age)!);
    return { at, actions: (): Action[] => [{ type: 'object/create', object }] };
  });
}
