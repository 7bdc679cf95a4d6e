import { clone } from '../clone.ts';
import type { Pod } from '../model/k8s.ts';
import type { ClusterState } from '../model/state.ts';
import { keyOf } from '../model/state.ts';
import { rfc3339 } from '../time.ts';
import { nextSerial, seeded, uid } from './rng.ts';
import { putEntry } from './peek.ts';

/**
 * Static pods: kubelet runs them from manifests in /etc/kubernetes/manifests and publishes a
 * read-only "mirror" pod for each, named `<component>-<node>`, owned by the Node. Deleting the
 * mirror through the API changes nothing on the node: kubelet recreates it at once (new uid,
 * same containers). kubeadm runs etcd, kube-apiserver, kube-controller-manager and
 * kube-scheduler this way.
 */

export const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';

export const isMirrorPod = (pod: Pod) => Object.hasOwn(pod.metadata.annotations ?? {}, MIRROR_ANNOTATION);

/** kubelet republishes the mirror pod: the API object is new, the containers and sandbox are the same. */
export function recreateMirrorPod(state: ClusterState, pod: Pod): void {
  const fresh = clone(pod);
  fresh.metadata.uid = uid(state);
  fresh.metadata.creationTimestamp = rfc3339(state.now);
  fresh.metadata.resourceVersion = nextSerial(state);
  putEntry(state.pods, keyOf(pod.metadata.namespace, pod.metadata.name), fresh);
  // The runtime's records still name the pod by the uid kubelet uses (the manifest's hash), untouched here.
}

/** What kubeadm writes for one control-plane component. */
export interface StaticPodSpec {
  component: 'etcd' | 'kube-apiserver' | 'kube-controller-manager' | 'kube-scheduler';
  node: string;
  image: string;
  command: string[];
  requests: Record<string, string>;
  /** kubeadm's annotation for etcd / the API server: the advertised URL or endpoint. */
  annotations?: Record<string, string>;
  livenessPort: number;
  livenessPath: string;
  livenessHost: string;
  livenessScheme: 'HTTP' | 'HTTPS';
}

/** The mirror pod of a kubeadm static pod, as the API serves it (before kubelet starts it). */
export function staticPodManifest(s: StaticPodSpec, nodeUid: string): Pod {
  const hash = uid(seeded(`${s.component}/${s.node}/manifest`)).replace(/-/g, '');
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${s.component}-${s.node}`,
      namespace: 'kube-system',
      uid: uid(seeded(`${s.component}/${s.node}/mirror`)),
      creationTimestamp: '',
      labels: { component: s.component, tier: 'control-plane' },
      annotations: {
        ...(s.annotations ?? {}),
        'kubernetes.io/config.hash': hash,
        [MIRROR_ANNOTATION]: hash,
        'kubernetes.io/config.seen': '',
        'kubernetes.io/config.source': 'file',
      },
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: s.node, uid: nodeUid, controller: true }],
    },
    spec: {
      nodeName: s.node,
      containers: [{
        name: s.component, image: s.image, command: s.command, imagePullPolicy: 'IfNotPresent',
        resources: { requests: { ...s.requests } },
        livenessProbe: { httpGet: { path: s.livenessPath, port: s.livenessPort, scheme: s.livenessScheme }, initialDelaySeconds: 10, timeoutSeconds: 15, periodSeconds: 10, successThreshold: 1, failureThreshold: 8 },
        terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File',
      }],
      hostNetwork: true,
      priority: 2000001000,
      priorityClassName: 'system-node-critical',
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      schedulerName: 'default-scheduler',
      securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
      enableServiceLinks: true,
      preemptionPolicy: 'PreemptLowerPriority',
      tolerations: [{ effect: 'NoExecute', operator: 'Exists' }],
    } as Pod['spec'],
    status: { phase: 'Pending' },
  };
}
