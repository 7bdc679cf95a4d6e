import type { Container, ContainerStatus, Pod } from '../model/k8s.ts';

/**
 * A pod's containers as kubelet walks them: init containers (in order, each to completion, or for
 * a native sidecar until it started) before the main containers. Kubernetes 1.29+ semantics:
 * an init container with `restartPolicy: Always` is a sidecar (KEP-753).
 */

/** Whether an init container is a native sidecar (`restartPolicy: Always`, kubetypes.IsRestartableInitContainer). */
export const isSidecar = (c: Container | undefined): boolean => c?.restartPolicy === 'Always';

/** The pod's init containers (none when the spec has none). */
export const initContainersOf = (pod: Pod): Container[] => pod.spec.initContainers ?? [];

/** Every container kubelet runs for the pod: init containers first, then the main ones. */
export const allContainers = (pod: Pod): Container[] => [...initContainersOf(pod), ...pod.spec.containers];

/** The named container and whether it is an init container; undefined when the pod has none by that name. */
export function findContainer(pod: Pod, name: string): { container: Container; init: boolean } | undefined {
  const init = initContainersOf(pod).find((c) => c.name === name);
  if (init) return { container: init, init: true };
  const main = pod.spec.containers.find((c) => c.name === name);
  return main ? { container: main, init: false } : undefined;
}

/** The status of the named container, from `initContainerStatuses` or `containerStatuses`. */
export function statusOf(pod: Pod, name: string): ContainerStatus | undefined {
  return pod.status.initContainerStatuses?.find((s) => s.name === name) ?? pod.status.containerStatuses?.find((s) => s.name === name);
}

/** `spec.containers{web}` or `spec.initContainers{migrate}`: the fieldPath events name a container by. */
export function containerFieldPath(pod: Pod, name: string): string {
  return `spec.${initContainersOf(pod).some((c) => c.name === name) ? 'initContainers' : 'containers'}{${name}}`;
}

/** Whether an init container is done as far as the next one is concerned: exited 0, or a sidecar that started. */
export function initDone(c: Container, s: ContainerStatus | undefined): boolean {
  if (!s) return false;
  if (isSidecar(c)) return s.started === true || s.state.running !== undefined || (s.restartCount > 0);
  return s.state.terminated?.exitCode === 0;
}

/**
 * The init containers not done yet, in order (the `Initialized` condition's message lists them:
 * `containers with incomplete status: [migrate wait-db]`).
 */
export function incompleteInit(pod: Pod): string[] {
  return initContainersOf(pod).filter((c) => !initDone(c, statusOf(pod, c.name))).map((c) => c.name);
}

/**
 * The containers whose readiness makes the pod Ready, in kubelet's order (status/generate.go,
 * 1.29+): sidecars first, then the main containers.
 */
export const readinessContainers = (pod: Pod): Container[] => [...initContainersOf(pod).filter(isSidecar), ...pod.spec.containers];
