import { z } from 'zod';
import { selectorMatches } from '../../k8s/labels.ts';
import type { FaultKind } from './types.ts';

const params = z.object({
  kind: z.literal('volume-unmount'),
  namespace: z.string(),
  /** The pods whose volume will not come off (their labels). */
  matchLabels: z.record(z.string(), z.string()),
  /** The pod's volume name, as in its spec. */
  volume: z.string(),
  /** The unique name kubelet gives the volume; `{uid}` is the pod's uid (`kubernetes.io/nfs/{uid}-archive`). */
  uniqueName: z.string(),
  /** The volume plugin's error, e.g. `unmount failed: exit status 16` or a CSI driver's `rpc error: …`. */
  message: z.string(),
}).strict();
type Params = z.infer<typeof params>;

/**
 * A volume that will not unmount when its pod goes (an NFS server that vanished, a CSI driver whose
 * NodeUnpublish hangs): the containers stop, but kubelet cannot tear the volume down, so it never
 * confirms the deletion; the pod object stays in its terminal phase and kubelet's journal repeats
 * `UnmountVolume.TearDown failed for volume …` every 2m2s (sim/unmount.ts).
 */
export const volumeUnmount: FaultKind<Params> = {
  kind: 'volume-unmount',
  description: "A volume of these pods cannot be torn down after they stop: the pod object stays, kubelet logs UnmountVolume.TearDown failures every 2m2s.",
  params,
  stages: ['unmount'],
  unmount(rule, { pod }) {
    if (pod.metadata.namespace !== rule.namespace || !selectorMatches({ matchLabels: rule.matchLabels }, pod.metadata.labels)) return undefined;
    return { volume: rule.volume, pluginDir: rule.uniqueName.split('/').slice(0, 2).join('~'), uniqueName: rule.uniqueName.replaceAll('{uid}', pod.metadata.uid), message: rule.message };
  },
};
