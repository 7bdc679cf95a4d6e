import type { Pod } from '../model/k8s.ts';
import type { ClusterState } from '../model/state.ts';
import { keyOf } from '../model/state.ts';
import { statefulSet, type StatefulSet } from '../kinds/statefulset.ts';
import { rfc3339 } from '../time.ts';
import { podTemplateHash } from './controllers.ts';
import { admitFinalizers } from './deletion.ts';
import { recordEvent } from './events.ts';
import { defaultPodSpec, qosClass } from './podFactory.ts';
import { nextSerial, uid } from './rng.ts';
import { putEntry } from './peek.ts';
import { sameJson } from '../compare.ts';

const isReady = (p: Pod) => (p.status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');

/**
 * The StatefulSet controller (OrderedReady, 1.31): pods `<name>-0 … <name>-(n-1)`, each created
 * only once every lower ordinal is Running and Ready. A pod whose name is still taken, even by
 * a pod stuck Terminating on a dead node, is never replaced: the controller waits until that object
 * is gone (at most one pod per identity), which is why a force deletion is what frees it.
 * Reports replicas, readyReplicas and availableReplicas (terminating pods do not count).
 */
export function syncStatefulSets(state: ClusterState): void {
  for (const s of Object.values(statefulSet.table!(state))) {
    if (s.metadata.deletionTimestamp) continue;
    const revision = `${s.metadata.name}-${podTemplateHash(s.spec.template)}`;
    for (let i = 0; i < s.spec.replicas; i++) {
      const name = `${s.metadata.name}-${i}`;
      const existing = state.pods[keyOf(s.metadata.namespace, name)];
      if (existing) {
        if (existing.metadata.deletionTimestamp || !isReady(existing)) break; // OrderedReady: wait for this one
        continue;
      }
      const pod = podFor(state, s, i, revision);
      admitFinalizers(state, pod);
      putEntry(state.pods, keyOf(s.metadata.namespace, name), pod);
      recordEvent(state, {
        object: { kind: 'StatefulSet', apiVersion: 'apps/v1', namespace: s.metadata.namespace, name: s.metadata.name, uid: s.metadata.uid },
        type: 'Normal', reason: 'SuccessfulCreate', message: `create Pod ${name} in StatefulSet ${s.metadata.name} successful`, component: 'statefulset-controller',
      });
      break;
    }
    const live = Array.from({ length: s.spec.replicas }, (_, i) => state.pods[keyOf(s.metadata.namespace, `${s.metadata.name}-${i}`)]).filter((p) => p && !p.metadata.deletionTimestamp);
    const ready = live.filter(isReady).length;
    const status: StatefulSet['status'] = {
      observedGeneration: s.metadata.generation ?? 1,
      replicas: live.length, ...(ready ? { readyReplicas: ready } : {}),
      currentReplicas: live.length, updatedReplicas: live.length, availableReplicas: ready,
      currentRevision: revision, updateRevision: revision, collisionCount: 0,
    };
    if (!sameJson(status, s.status)) {
      s.status = status;
      s.metadata.resourceVersion = nextSerial(state);
    }
  }
}

/** Pod `<name>-<ordinal>` from the template, with the labels and hostname the controller sets. */
function podFor(state: ClusterState, s: StatefulSet, ordinal: number, revision: string): Pod {
  const name = `${s.metadata.name}-${ordinal}`;
  const spec = { ...defaultPodSpec(state, s.spec.template.spec), hostname: name, subdomain: s.spec.serviceName };
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      name, namespace: s.metadata.namespace, uid: uid(state), resourceVersion: nextSerial(state), creationTimestamp: rfc3339(state.now),
      labels: { ...(s.spec.template.metadata.labels ?? {}), 'apps.kubernetes.io/pod-index': String(ordinal), 'controller-revision-hash': revision, 'statefulset.kubernetes.io/pod-name': name },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: s.metadata.name, uid: s.metadata.uid, controller: true, blockOwnerDeletion: true }],
    },
    spec,
    status: { phase: 'Pending', qosClass: qosClass(spec) },
  } as Pod;
}
