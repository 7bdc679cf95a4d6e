import type { Pod } from '../model/k8s.ts';
import type { Host } from '../model/host.ts';
import type { ClusterState } from '../model/state.ts';
import { strftime, SECOND } from '../time.ts';
import { stageVerdict } from './faults/stages.ts';
import type { UnmountFailure } from './faults/types.ts';
import { kubeletLog } from './kubelet.ts';

/** kubelet's volume operation back-off at its cap (nestedpendingoperations: 500 ms doubling to 2m2s); a stuck teardown sits there. */
export const UNMOUNT_RETRY_MS = 122 * SECOND;

/** The `unmount` stage's verdict for a pod whose containers have stopped, or undefined when its volumes come off. */
export function unmountFailure(state: ClusterState, pod: Pod, host: Host): UnmountFailure | undefined {
  return stageVerdict(state, 'unmount', { state, pod, host });
}

/**
 * kubelet's volume reconciler on a failed teardown, as 1.31 logs it: `operationExecutor.UnmountVolume
 * started …`, then nestedpendingoperations' `Operation for "{volumeName:… podName:… nodeName:}"
 * failed. No retries permitted until … (durationBeforeRetry 2m2s). Error: UnmountVolume.TearDown
 * failed for volume "<volume>" (UniqueName: "…") pod "<uid>" (UID: "<uid>") : <message>`.
 */
export function logUnmountFailure(state: ClusterState, pod: Pod, host: Host, f: UnmountFailure): void {
  const uid = pod.metadata.uid;
  const until = state.now + UNMOUNT_RETRY_MS;
  const uptime = ((state.now - host.bootAt) / 1000 + UNMOUNT_RETRY_MS / 1000).toFixed(9);
  kubeletLog(host, state.now, 'I', 'reconciler_common.go:159', `"operationExecutor.UnmountVolume started for volume \\"${f.volume}\\" (UniqueName: \\"${f.uniqueName}\\") pod \\"${uid}\\" (UID: \\"${uid}\\") "`);
  kubeletLog(host, state.now, 'E', 'nestedpendingoperations.go:348',
    `Operation for "{volumeName:${f.uniqueName} podName:${uid} nodeName:}" failed. No retries permitted until ${strftime('%Y-%m-%d %T', until)}.${String(until % 1000).padStart(3, '0')}${String(uid.charCodeAt(0) * 7919 % 1_000_000).padStart(6, '0')} +0000 UTC m=+${uptime} (durationBeforeRetry 2m2s). Error: UnmountVolume.TearDown failed for volume "${f.volume}" (UniqueName: "${f.uniqueName}") pod "${uid}" (UID: "${uid}") : ${f.message}`);
}
