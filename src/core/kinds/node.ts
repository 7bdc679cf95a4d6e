import type { Node } from '../model/k8s.ts';
import { nodeRolesText, nodeStatus } from '../printers/columns.ts';
import { eventsFor } from '../printers/describe/events.ts';
import { describeNode } from '../printers/describe/node.ts';
import { ageColumn, col, nameColumn, RW, sortedValues } from './common.ts';
import type { KindDef } from './types.ts';

const address = (n: Node, type: string) => (n.status?.addresses ?? []).find((a) => a.type === type)?.address || '<none>';

/** core/v1 Node. */
export const node: KindDef<Node> = {
  kind: 'Node', plural: 'nodes', singular: 'node', shortNames: ['no'], group: '', version: 'v1', namespaced: false, verbs: RW,
  table: (s) => s.nodes,
  fieldSelectors: ['spec.unschedulable'],
  columns: [
    nameColumn,
    col<Node>('STATUS', (n) => nodeStatus(n)),
    col<Node>('ROLES', nodeRolesText),
    ageColumn,
    col<Node>('VERSION', (n) => n.status?.nodeInfo?.kubeletVersion ?? ''),
    col<Node>('INTERNAL-IP', (n) => address(n, 'InternalIP'), true),
    col<Node>('EXTERNAL-IP', (n) => address(n, 'ExternalIP'), true),
    col<Node>('OS-IMAGE', (n) => n.status?.nodeInfo?.osImage || '<unknown>', true),
    col<Node>('KERNEL-VERSION', (n) => n.status?.nodeInfo?.kernelVersion || '<unknown>', true),
    col<Node>('CONTAINER-RUNTIME', (n) => n.status?.nodeInfo?.containerRuntimeVersion || '<unknown>', true),
  ],
  related(s, node, showEvents) {
    const all = Object.values(s.events);
    const { name, uid } = node.metadata;
    // kubelet's events name the node by its name as uid; the node controller's by the real uid.
    const events = showEvents ? [...eventsFor(all, { name, kind: 'Node', uids: [uid] }), ...eventsFor(all, { name, kind: 'Node', uids: [name] }).filter((e) => e.involvedObject.uid && uid !== name)] : undefined;
    return { events, pods: sortedValues(s.pods).filter((p) => p.spec?.nodeName === name) };
  },
  describe: describeNode,
  writable: { patch: true },
  explain: {
    '': { type: 'Node', description: 'Node is a worker machine of Kubernetes. Each node has a unique identifier in the cache (etcd).' },
    'spec.podCIDR': { type: 'string', description: 'The range of pod IPs given to the node.' },
    'spec.taints': { type: '[]Taint', description: "If specified, the node's taints.", typeDescription: 'The node this Taint is attached to has the "effect" on any pod that does not tolerate the Taint.' },
    'spec.taints.effect': { type: 'string', required: true, enum: ['NoExecute', 'NoSchedule', 'PreferNoSchedule'], description: 'What the taint does to pods that do not tolerate it: NoSchedule, PreferNoSchedule or NoExecute.' },
    'spec.taints.key': { type: 'string', required: true, description: 'The taint key to be applied to a node.' },
    'spec.taints.timeAdded': { type: 'string', description: 'When the taint was added. Only written for NoExecute taints.' },
    'spec.taints.value': { type: 'string', description: 'The taint value corresponding to the taint key.' },
    'spec.unschedulable': { type: 'boolean', description: 'Unschedulable keeps new pods off the node; pods already there stay. More info: https://kubernetes.io/docs/concepts/nodes/node/#manual-node-administration' },
    'status.allocatable': { type: 'map[string]Quantity', description: 'The resources of the node that are available for scheduling: capacity minus what is reserved for the system. Defaults to Capacity.' },
    'status.capacity': { type: 'map[string]Quantity', description: 'The total resources of the node. More info: https://kubernetes.io/docs/reference/node/node-status/#capacity' },
    'status.conditions': { type: '[]NodeCondition', description: 'Conditions is an array of current observed node conditions. More info: https://kubernetes.io/docs/reference/node/node-status/#condition', typeDescription: 'NodeCondition contains condition information for a node.' },
  },
};
