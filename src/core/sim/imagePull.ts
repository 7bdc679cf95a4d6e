import type { Host } from '../model/host.ts';
import type { ClusterState, ContainerRuntimeTrack } from '../model/state.ts';
import { type EventReport, recordEvent } from './events.ts';
import type { Pod } from '../model/k8s.ts';
import { stageVerdict } from './faults/stages.ts';
import type { FaultContext, PullContext, PullFailure } from './faults/types.ts';
import { pullKeyring } from './pullCredentials.ts';
import { normalizeImageRef } from './faults/imagePull.ts';
import { BACKOFF_INITIAL_MS, BACKOFF_MAX_MS, containerd, goQuote, kubeletLog } from './kubelet.ts';
import { hex, nextRandom } from './rng.ts';
import { containerFieldPath } from './podContainers.ts';
import { defaultPullPolicy } from './podFactory.ts';

const DEFAULT_SIZE = 80_000_000;

/**
 * containerd's CRI PullImage (1.7) on one node, whoever asks (kubelet, `crictl pull`): the `pull`
 * stage's faults and registries decide; containerd's journal gets `PullImage "ref"` and either the
 * failure or the image reference it now holds, and a pulled image joins the node's image store.
 * Returns the failure, or undefined when the image is on the node.
 */
export function containerdPull(state: ClusterState, host: Host, ctx: PullContext): PullFailure | undefined {
  const { ref, image } = ctx;
  containerd(state, host, `PullImage \\"${ref}\\"`);
  const failure = pullVerdict(ctx);
  if (failure) {
    for (const line of failure.journal ?? []) containerd(state, host, line.msg, line.fields);
    containerd(state, host, `PullImage \\"${ref}\\" failed`, `error="${goQuote(failure.error)}"`, 'error');
    return failure;
  }
  const id = image?.digest ?? `sha256:${hex(state, 64)}`;
  containerd(state, host, `PullImage \\"${ref}\\" returns image reference \\"${id}\\"`);
  if (!host.images.some((i) => i.ref === ref)) host.images.push({ ref, id, sizeBytes: image?.sizeBytes ?? DEFAULT_SIZE });
  return undefined;
}

/**
 * What containerd's PullImage answers, without pulling: the `pull` stage's faults and registries
 * first (resolving the reference), then the platform match of what the registry served.
 */
export function pullVerdict(ctx: PullContext): PullFailure | undefined {
  return stageVerdict(ctx.state, 'pull', ctx) ?? platformMismatch(ctx.host, ctx);
}

/**
 * containerd's platform matcher once the registry has answered: an image index with no manifest
 * for the node's own platform (an amd64-only build on a Graviton node) fails with
 * `failed to pull and unpack image "…": no match for platform in manifest: not found`
 * (images.Manifest, containerd 1.7), code NotFound.
 */
function platformMismatch(host: Host, { ref, image }: PullContext): PullFailure | undefined {
  if (!image?.platforms || image.platforms.includes(`linux/${host.arch ?? 'amd64'}`)) return undefined;
  return { code: 'NotFound', error: `failed to pull and unpack image "${normalizeImageRef(ref).full}": no match for platform in manifest: not found` };
}

/** Why kubelet could not get the image this sync: the container's waiting reason and message. */
export interface ImageRefusal {
  reason: 'ErrImagePull' | 'ImagePullBackOff' | 'ErrImageNeverPull';
  message: string;
}

/**
 * kubelet's image manager (pkg/kubelet/images/image_manager.go, 1.31) for one container start:
 * with `imagePullPolicy: IfNotPresent` an image already on the node is used as is, with `Never`
 * it must be there (ErrImageNeverPull), with `Always` it is pulled at every start, cached or not;
 * unless the last failed pull of this image for this pod is still inside its back-off (10 s,
 * doubling per failure, capped at 5 min), it pulls through containerd with the pod's pull Secrets
 * (read again at every attempt), and the `pull` stage's faults and registries decide the outcome.
 * Returns true when the image is there, or what to report instead: `ErrImagePull` with the
 * runtime's error right after a failed pull, `ImagePullBackOff` while waiting for the next one.
 */
export function ensureImage(ctx: FaultContext, track: ContainerRuntimeTrack): true | ImageRefusal {
  const { state, pod, container, host, image } = ctx;
  const ref = container.image;
  const ev = (type: 'Normal' | 'Warning', reason: string, message: string) => recordEvent(state, {
    object: { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid, fieldPath: containerFieldPath(pod, container.name) },
    type, reason, message, component: 'kubelet', host: host.name,
  });
  const present = host.images.some((i) => i.ref === ref);
  const policy = container.imagePullPolicy ?? defaultPullPolicy(ref);
  if (present && policy !== 'Always') {
    ev('Normal', 'Pulled', `Container image "${ref}" already present on machine`);
    return true;
  }
  if (policy === 'Never') {
    const message = `Container image "${ref}" is not present with pull policy of Never`;
    ev('Warning', 'ErrImageNeverPull', message);
    return { reason: 'ErrImageNeverPull', message };
  }
  const last = track.pull;
  if (last && state.now - last.at < last.backoffMs) {
    // Reported at every 10 s retry until the next pull: the report is built once per container.
    let hit = backOffEvents.get(track);
    if (!hit || hit.pod !== pod || hit.name !== container.name || hit.ref !== ref || hit.event.host !== host.name) {
      const message = `Back-off pulling image "${ref}"`;
      hit = { pod, name: container.name, ref, event: { object: { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid, fieldPath: containerFieldPath(pod, container.name) }, type: 'Normal', reason: 'BackOff', message, component: 'kubelet', host: host.name } };
      backOffEvents.set(track, hit);
    }
    recordEvent(state, hit.event);
    return { reason: 'ImagePullBackOff', message: hit.event.message };
  }
  const keyring = pullKeyring(state, pod, ref);
  if (keyring.missing.length) {
    recordEvent(state, {
      object: { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid }, type: 'Warning', reason: 'FailedToRetrieveImagePullSecret',
      message: `Unable to retrieve some image pull secrets (${keyring.missing.join(', ')}); attempting to pull the image may not succeed.`, component: 'kubelet', host: host.name,
    });
  }
  const failure = containerdPull(state, host, { state, host, ref, image, credentials: keyring.credentials, pod, container });
  if (!failure) {
    // A cached image under Always is only checked against the registry: a quick pull.
    const pullMs = present ? 300 + Math.floor(nextRandom(state) * 400) : 1500 + Math.floor(nextRandom(state) * 3000);
    ev('Normal', 'Pulling', `Pulling image "${ref}"`);
    ev('Normal', 'Pulled', `Successfully pulled image "${ref}" in ${pullDuration(pullMs)} (${pullDuration(pullMs)} including waiting). Image size: ${image?.sizeBytes ?? DEFAULT_SIZE} bytes.`);
    track.pull = undefined;
    return true;
  }
  ev('Normal', 'Pulling', `Pulling image "${ref}"`);
  const message = `rpc error: code = ${failure.code} desc = ${failure.error}`;
  kubeletLog(host, state.now, 'E', 'log.go:32', `"PullImage from image service failed" err="${goQuote(message)}" image="${ref}"`);
  ev('Warning', 'Failed', `Failed to pull image "${ref}": ${message}`);
  // flowcontrol.Backoff.Next: the first failure waits the initial period, each later one twice the last.
  track.pull = { at: state.now, backoffMs: last ? Math.min(last.backoffMs * 2, BACKOFF_MAX_MS) : BACKOFF_INITIAL_MS };
  return { reason: 'ErrImagePull', message };
}

/** ensureImage's ImagePullBackOff event, by container track (pod, container, image and node as built). */
const backOffEvents = new WeakMap<ContainerRuntimeTrack, { pod: Pod; name: string; ref: string; event: EventReport }>();

/** A pull's duration as kubelet prints it (Go's time.Duration String: `512ms`, `2.104s`). */
function pullDuration(ms: number): string {
  return ms < 1000 ? `${ms}ms` : `${(ms / 1000).toFixed(3).replace(/\.?0+$/, '')}s`;
}
