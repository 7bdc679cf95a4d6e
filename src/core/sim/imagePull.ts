import type { ContainerRuntimeTrack } from '../model/state.ts';
import { recordEvent } from './events.ts';
import { stageVerdict } from './faults/stages.ts';
import type { FaultContext } from './faults/types.ts';
import { BACKOFF_INITIAL_MS, BACKOFF_MAX_MS, containerd, goQuote, kubeletLog } from './kubelet.ts';
import { hex, nextRandom } from './rng.ts';

/** Why kubelet could not get the image this sync: the container's waiting reason and message. */
export interface ImageRefusal {
  reason: 'ErrImagePull' | 'ImagePullBackOff';
  message: string;
}

/**
 * kubelet's image manager (pkg/kubelet/images/image_manager.go, 1.31) for one container start:
 * an image already on the node is used as is; otherwise, unless the last failed pull of this
 * image for this pod is still inside its back-off (10 s, doubling per failure, capped at 5 min),
 * it pulls through containerd, and the `pull` stage's faults decide whether the pull fails.
 * Returns true when the image is there, or what to report instead: `ErrImagePull` with the
 * runtime's error right after a failed pull, `ImagePullBackOff` while waiting for the next one.
 */
export function ensureImage(ctx: FaultContext, track: ContainerRuntimeTrack): true | ImageRefusal {
  const { state, pod, container, host, image } = ctx;
  const ref = container.image;
  const ev = (type: 'Normal' | 'Warning', reason: string, message: string) => recordEvent(state, {
    object: { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid, fieldPath: `spec.containers{${container.name}}` },
    type, reason, message, component: 'kubelet', host: host.name,
  });
  if (host.images.some((i) => i.ref === ref)) {
    ev('Normal', 'Pulled', `Container image "${ref}" already present on machine`);
    return true;
  }
  const last = track.pull;
  if (last && state.now - last.at < last.backoffMs) {
    const message = `Back-off pulling image "${ref}"`;
    ev('Normal', 'BackOff', message);
    return { reason: 'ImagePullBackOff', message };
  }
  const failure = stageVerdict(state, 'pull', ctx);
  if (!failure) {
    const pullMs = 1500 + Math.floor(nextRandom(state) * 3000);
    const size = image?.sizeBytes ?? 80_000_000;
    ev('Normal', 'Pulling', `Pulling image "${ref}"`);
    ev('Normal', 'Pulled', `Successfully pulled image "${ref}" in ${(pullMs / 1000).toFixed(3)}s (${(pullMs / 1000).toFixed(3)}s including waiting). Image size: ${size} bytes.`);
    host.images.push({ ref, id: image?.digest ?? `sha256:${hex(state, 64)}`, sizeBytes: size });
    track.pull = undefined;
    return true;
  }
  ev('Normal', 'Pulling', `Pulling image "${ref}"`);
  containerd(state, host, `PullImage \\"${ref}\\"`);
  for (const line of failure.journal ?? []) containerd(state, host, line.msg, line.fields);
  containerd(state, host, `PullImage \\"${ref}\\" failed`, `error="${goQuote(failure.error)}"`, 'error');
  const message = `rpc error: code = ${failure.code} desc = ${failure.error}`;
  kubeletLog(host, state.now, 'E', 'log.go:32', `"PullImage from image service failed" err="${goQuote(message)}" image="${ref}"`);
  ev('Warning', 'Failed', `Failed to pull image "${ref}": ${message}`);
  // flowcontrol.Backoff.Next: the first failure waits the initial period, each later one twice the last.
  track.pull = { at: state.now, backoffMs: last ? Math.min(last.backoffMs * 2, BACKOFF_MAX_MS) : BACKOFF_INITIAL_MS };
  return { reason: 'ErrImagePull', message };
}
