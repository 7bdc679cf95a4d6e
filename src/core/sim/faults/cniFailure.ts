import { z } from 'zod';
import type { FaultKind } from './types.ts';

/** What the CNI plugin answers, by cause, as its `ADD` fails (aws-vpc-cni and Calico wording). */
const CAUSES = {
  'ip-exhausted': { plugin: 'aws-cni', text: 'add cmd: failed to assign an IP address to container' },
  'calico-not-ready': { plugin: 'calico', text: 'stat /var/lib/calico/nodename: no such file or directory: check that the calico/node container is running and has mounted /var/lib/calico/' },
  'no-config': { plugin: '', text: '' },
} as const;

const params = z.object({
  kind: z.literal('cni-failure'),
  /** Nodes whose CNI fails; pods bound elsewhere get their sandbox as usual. */
  nodes: z.array(z.string()).min(1),
  /** `ip-exhausted` (the VPC CNI has no free IP on the node), `calico-not-ready` (calico-node not running), `no-config` (no network config in /etc/cni/net.d). */
  cause: z.enum(['ip-exhausted', 'calico-not-ready', 'no-config']),
}).strict();
type Params = z.infer<typeof params>;

/**
 * The node's CNI cannot wire a new pod's network namespace: containerd's RunPodSandbox fails with
 * `failed to setup network for sandbox "<id>": plugin type="…" failed (add): …`, kubelet reports
 * `FailedCreatePodSandBox` on every retry, and the pod stays ContainerCreating without an IP.
 * Pods already running keep their network.
 */
export const cniFailure: FaultKind<Params> = {
  kind: 'cni-failure',
  description: 'New pods on these nodes never get a sandbox: the CNI plugin fails (FailedCreatePodSandBox), they stay ContainerCreating.',
  params,
  stages: ['sandbox'],
  sandbox(rule, { host }) {
    if (!rule.nodes.includes(host.name)) return undefined;
    if (rule.cause === 'no-config') return { error: () => 'failed to setup network for sandbox: cni plugin not initialized' };
    const { plugin, text } = CAUSES[rule.cause];
    const name = plugin === 'aws-cni' ? ` name="aws-cni"` : ` name="k8s-pod-network"`;
    return { error: (id) => `failed to setup network for sandbox "${id}": plugin type="${plugin}"${name} failed (add): ${text}` };
  },
};
