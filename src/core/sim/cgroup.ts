import type { Pod } from '../model/k8s.ts';

/**
 * Where kubelet (systemd cgroup driver, cgroup v2) puts a pod's and a container's cgroups, as the
 * kernel and `/sys/fs/cgroup` name them: `kubepods.slice/kubepods-burstable.slice/
 * kubepods-burstable-pod<uid with _>.slice/cri-containerd-<id>.scope`. Guaranteed pods sit
 * directly under kubepods.slice.
 */
export function podSlicePath(pod: Pod): string {
  const uid = pod.metadata.uid.replaceAll('-', '_');
  const qos = pod.status?.qosClass;
  if (qos === 'Guaranteed') return `/kubepods.slice/kubepods-pod${uid}.slice`;
  const tier = qos === 'BestEffort' ? 'besteffort' : 'burstable';
  return `/kubepods.slice/kubepods-${tier}.slice/kubepods-${tier}-pod${uid}.slice`;
}

/** The container's own scope below its pod's slice. */
export const containerScopePath = (pod: Pod, containerId: string) => `${podSlicePath(pod)}/cri-containerd-${containerId}.scope`;
