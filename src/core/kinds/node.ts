import type { Node } from '../model/k8s.ts';
import { nodeRolesText, nodeStatus } from '../printers/columns.ts';
import { eventsFor } from '../printers/describe/events.ts';
import { describeNode } from '../printers/describe/node.ts';
import { ageColumn, col, nameColumn, RW, sortedValues } from './common.ts';
import { ANY, BOOL, objectFields, sliceOf, STRING, struct } from './fields.ts';
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
  fields: objectFields('Node', { spec: struct('NodeSpec', { podCIDR: STRING, podCIDRs: sliceOf(STRING), providerID: STRING, unschedulable: BOOL, taints: ANY, configSource: ANY, externalID: STRING }) }),
};
