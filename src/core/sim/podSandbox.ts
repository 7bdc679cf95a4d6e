import type { Pod } from '../model/k8s.ts';
import type { Host } from '../model/host.ts';
import type { ClusterState, ContainerRuntimeTrack } from '../model/state.ts';
import { keyOf } from '../model/state.ts';
import { goDuration } from '../time.ts';
import { recordEvent } from './events.ts';
import { stageVerdict } from './faults/stages.ts';
import { CONFIG_RETRY_MS, containerd, goQuote, kubeletLog } from './kubelet.ts';
import { hex } from './rng.ts';
import { allContainers } from './podContainers.ts';

/** The volume manager's retry after a failed SetUp: 500 ms doubling to 2m2s (exponentialbackoff, kubelet 1.31). */
const MOUNT_RETRY_INITIAL_MS = 500;
const MOUNT_RETRY_MAX_MS = 122_000;

const podUidRef = (pod: Pod) => `${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`;
const tracksOf = (state: ClusterState, pod: Pod): ContainerRuntimeTrack[] =>
  allContainers(pod).map((c) => state.kubelet[`${keyOf(pod.metadata.namespace, pod.metadata.name)}/${c.name}`]).filter((t) => t !== undefined);

/** Whether kubelet is still waiting on the pod's volumes or sandbox (its containers cannot start yet). */
export const podBlocked = (state: ClusterState, pod: Pod): boolean => tracksOf(state, pod).some((t) => t.podStage !== undefined);

/**
 * kubelet's pod-level stages before any container (kubelet.go SyncPod): the volumes (`mount`
 * stage), then the sandbox (`sandbox` stage: pause container, network namespace, CNI). When both
 * pass it creates the sandbox, gives the pod its IP and returns true. Otherwise it reports what
 * failed (FailedMount / FailedCreatePodSandBox), holds every container in ContainerCreating and
 * has them retry after the stage's back-off; returns false.
 */
export function preparePod(state: ClusterState, pod: Pod, host: Host): boolean {
  const ctx = { state, pod, host };
  const tracks = tracksOf(state, pod);
  const ref = { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid };
  const warn = (reason: string, message: string) => recordEvent(state, { object: ref, type: 'Warning', reason, message, component: 'kubelet', host: host.name });
  const hold = (stage: 'mount' | 'sandbox', retryMs: number) => {
    for (const t of tracks) { t.podStage = { stage, retryMs }; t.until = state.now + retryMs; }
  };
  const mount = stageVerdict(state, 'mount', ctx);
  if (mount) {
    const last = tracks[0]?.podStage;
    const retryMs = last?.stage === 'mount' ? Math.min(last.retryMs * 2, MOUNT_RETRY_MAX_MS) : MOUNT_RETRY_INITIAL_MS;
    const message = `MountVolume.SetUp failed for volume "${mount.volume}" : ${mount.message}`;
    warn('FailedMount', message);
    kubeletLog(host, state.now, 'E', 'nestedpendingoperations.go:348', `Operation for "{volumeName:kubernetes.io/${mount.plugin}/${pod.metadata.uid}-${mount.volume} podName:${pod.metadata.uid} nodeName:}" failed. No retries permitted until ${retryAt(state.now + retryMs)} (durationBeforeRetry ${goDuration(retryMs)}). Error: ${message}`);
    hold('mount', retryMs);
    return false;
  }
  const sandboxId = hex(state, 64);
  const sandbox = stageVerdict(state, 'sandbox', ctx);
  if (sandbox) {
    const error = sandbox.error(sandboxId);
    const meta = `&PodSandboxMetadata{Name:${pod.metadata.name},Uid:${pod.metadata.uid},Namespace:${pod.metadata.namespace},Attempt:0,}`;
    containerd(state, host, `RunPodSandbox for ${meta} failed, error`, `error="${goQuote(error)}"`, 'error');
    const rpc = `rpc error: code = Unknown desc = ${error}`;
    warn('FailedCreatePodSandBox', `Failed to create pod sandbox: ${rpc}`);
    kubeletLog(host, state.now, 'E', 'pod_workers.go:1301',
      `"Error syncing pod, skipping" err="failed to \\"CreatePodSandbox\\" for \\"${podUidRef(pod)}\\" with CreatePodSandboxError: \\"Failed to create sandbox for pod \\\\\\"${podUidRef(pod)}\\\\\\": ${goQuote(goQuote(rpc))}\\"" pod="${pod.metadata.namespace}/${pod.metadata.name}" podUID="${pod.metadata.uid}"`);
    hold('sandbox', CONFIG_RETRY_MS);
    return false;
  }
  createSandbox(state, pod, host, sandboxId);
  for (const t of tracks) t.podStage = undefined;
  return true;
}

/** nestedpendingoperations' "No retries permitted until" stamp: `2026-01-01 00:00:00.5 +0000 UTC`. */
function retryAt(ms: number): string {
  const iso = new Date(ms).toISOString();
  const frac = iso.slice(20, 23).replace(/0+$/, '');
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${frac ? `.${frac}` : ''} +0000 UTC`;
}

/** The sandbox is up: runtime bookkeeping, the pod's IP from the node's pod CIDR (the node's own for hostNetwork), containerd's line. */
function createSandbox(state: ClusterState, pod: Pod, host: Host, sandboxId: string): void {
  host.sandboxes.push({ id: sandboxId, podUid: pod.metadata.uid, podName: pod.metadata.name, namespace: pod.metadata.namespace!, createdAt: state.now, state: 'SANDBOX_READY', attempt: 0 });
  const node = state.nodes[pod.spec.nodeName!];
  // A hostNetwork pod (static control-plane pods, kube-proxy) shares its node's address.
  const nodeIp = pod.spec.hostNetwork ? node?.status.addresses?.find((a) => a.type === 'InternalIP')?.address : undefined;
  if (!nodeIp) host.podIpSerial = (host.podIpSerial ?? 1) + 1;
  const cidr = node?.spec.podCIDR ?? '10.244.0.0/24';
  const ip = nodeIp ?? `${cidr.split('.').slice(0, 3).join('.')}.${host.podIpSerial! % 250}`;
  pod.status.podIP = ip;
  pod.status.podIPs = [{ ip }];
  containerd(state, host, `RunPodSandbox for &PodSandboxMetadata{Name:${pod.metadata.name},Uid:${pod.metadata.uid},Namespace:${pod.metadata.namespace},Attempt:0,} returns sandbox id "${sandboxId}"`);
}
