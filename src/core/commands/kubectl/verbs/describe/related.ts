import type { Deployment, KubeEvent, KubeObject, Node, Pod, ReplicaSet } from '../../../../model/k8s.ts';
import type { ClusterState } from '../../../../model/state.ts';
import { eventsFor } from '../../../../printers/describe/events.ts';
import type { Related } from '../../../../printers/describe/types.ts';
import { byteCompare } from '../../../../printers/describe/writer.ts';

const listed = <T extends KubeObject>(records: Record<string, T>): T[] =>
  Object.keys(records).sort(byteCompare).map((k) => records[k]);

/**
 * Gathers what kubectl's describer for `object`'s kind fetches besides the object: its events
 * (unless `showEvents` is false), the pods on a node or of a ReplicaSet, a Deployment's
 * ReplicaSets. The node Lease is left undefined: the state holds none, so the node describer
 * derives it from the Ready heartbeat.
 */
export function relatedFor(state: ClusterState, object: KubeObject, showEvents: boolean): Related {
  const all: KubeEvent[] = Object.values(state.events);
  const ns = object.metadata.namespace;
  const uid = object.metadata.uid;
  const name = object.metadata.name;
  const events = (kind?: string, uids = [uid]) => (showEvents ? eventsFor(all, { name, namespace: ns, kind, uids }) : undefined);
  const nsPods = () => listed(state.pods).filter((p) => (p.metadata.namespace ?? 'default') === ns);
  switch (object.kind) {
    case 'Pod': {
      const mirror = (object as Pod).metadata.annotations?.['kubernetes.io/config.mirror'];
      return { events: events(undefined, [mirror ?? uid]) };
    }
    case 'Node': {
      const node = object as Node;
      const evs = showEvents ? [...eventsFor(all, { name, kind: 'Node', uids: [uid] }), ...eventsFor(all, { name, kind: 'Node', uids: [name] }).filter((e) => e.involvedObject.uid && uid !== name)] : undefined;
      return { events: evs, pods: listed(state.pods).filter((p) => p.spec?.nodeName === node.metadata.name) };
    }
    case 'Deployment':
      return { events: events('Deployment'), replicaSets: listed(state.replicaSets).filter((rs: ReplicaSet) => rs.metadata.namespace === (object as Deployment).metadata.namespace) };
    case 'ReplicaSet':
      return { events: events('ReplicaSet'), pods: nsPods() };
    case 'Namespace':
      return {};
    case 'Service':
      return { events: events('Service'), pods: nsPods() };
    default:
      return { events: events(object.kind) };
  }
}
