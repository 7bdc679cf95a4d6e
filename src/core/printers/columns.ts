import type { Deployment, KubeEvent, KubeObject, LabelSelector, Namespace, Node, Pod, PodTemplateSpec, ReplicaSet } from '../model/k8s.ts';
import { humanDuration, parseTimestamp } from '../time.ts';
import { podReady, podRestarts, podStatusReason } from './podStatus.ts';

/**
 * Server-side table columns of `kubectl get`, one definition list per Kind, as the API server's
 * printers (pkg/printers/internalversion/printers.go, Kubernetes 1.3x) build them. Columns with
 * `wide: true` are kubectl's `Priority: 1` columns, shown only with `-o wide`; list order is the
 * wide order. Adding a resource to `kubectl get` is one entry in COLUMNS.
 */
export interface ColumnDef {
  /** Header as kubectl prints it (already upper-case). */
  header: string;
  wide?: boolean;
  /** The cell text for one object; `now` is the virtual clock in ms. */
  cell(obj: KubeObject, now: number): string;
}

/** `HumanDuration(now - creationTimestamp)`, `<unknown>` when unset. */
export function ageOf(timestamp: string | undefined | null, now: number): string {
  const t = parseTimestamp(timestamp ?? undefined);
  return t === undefined ? '<unknown>' : humanDuration(now - t);
}

const age: ColumnDef = { header: 'AGE', cell: (o, now) => ageOf(o.metadata.creationTimestamp, now) };
const name: ColumnDef = { header: 'NAME', cell: (o) => o.metadata.name };

/** A label selector as `kubectl get -o wide` prints it: `app=x,tier in (a,b)`; `<none>` when empty. */
export function formatSelector(sel: LabelSelector | undefined): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(sel?.matchLabels ?? {})) parts.push(`${k}=${v}`);
  for (const e of sel?.matchExpressions ?? []) {
    const vals = [...(e.values ?? [])].sort().join(',');
    if (e.operator === 'In') parts.push(`${e.key} in (${vals})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${vals})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else parts.push(`!${e.key}`);
  }
  return parts.length ? parts.sort().join(',') : '<none>';
}

const containers = (t: PodTemplateSpec | undefined) => (t?.spec?.containers ?? []).map((c) => c.name).join(',');
const images = (t: PodTemplateSpec | undefined) => (t?.spec?.containers ?? []).map((c) => c.image).join(',');

const podColumns: ColumnDef[] = [
  name,
  { header: 'READY', cell: (o) => podReady(o as Pod) },
  { header: 'STATUS', cell: (o) => podStatusReason(o as Pod) },
  { header: 'RESTARTS', cell: (o, now) => podRestarts(o as Pod, now) },
  age,
  { header: 'IP', wide: true, cell: (o) => (o as Pod).status?.podIPs?.[0]?.ip || (o as Pod).status?.podIP || '<none>' },
  { header: 'NODE', wide: true, cell: (o) => (o as Pod).spec?.nodeName || '<none>' },
  { header: 'NOMINATED NODE', wide: true, cell: () => '<none>' },
  { header: 'READINESS GATES', wide: true, cell: () => '<none>' },
];

/** Node STATUS: the Ready condition, plus `,SchedulingDisabled` when cordoned. */
export function nodeStatus(n: Node): string {
  const ready = (n.status?.conditions ?? []).find((c) => c.type === 'Ready');
  const parts = [!ready ? 'Unknown' : ready.status === 'True' ? 'Ready' : 'NotReady'];
  if (n.spec?.unschedulable) parts.push('SchedulingDisabled');
  return parts.join(',');
}

/** Node ROLES from `node-role.kubernetes.io/<role>` and `kubernetes.io/role` labels; `<none>`. */
export function nodeRoles(n: Node): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(n.metadata.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const r = k.slice('node-role.kubernetes.io/'.length);
      if (r) roles.add(r);
    } else if (k === 'kubernetes.io/role' && v) roles.add(v);
  }
  return roles.size ? [...roles].sort().join(',') : '<none>';
}

const address = (n: Node, type: string) => (n.status?.addresses ?? []).find((a) => a.type === type)?.address || '<none>';

const nodeColumns: ColumnDef[] = [
  name,
  { header: 'STATUS', cell: (o) => nodeStatus(o as Node) },
  { header: 'ROLES', cell: (o) => nodeRoles(o as Node) },
  age,
  { header: 'VERSION', cell: (o) => (o as Node).status?.nodeInfo?.kubeletVersion ?? '' },
  { header: 'INTERNAL-IP', wide: true, cell: (o) => address(o as Node, 'InternalIP') },
  { header: 'EXTERNAL-IP', wide: true, cell: (o) => address(o as Node, 'ExternalIP') },
  { header: 'OS-IMAGE', wide: true, cell: (o) => (o as Node).status?.nodeInfo?.osImage || '<unknown>' },
  { header: 'KERNEL-VERSION', wide: true, cell: (o) => (o as Node).status?.nodeInfo?.kernelVersion || '<unknown>' },
  { header: 'CONTAINER-RUNTIME', wide: true, cell: (o) => (o as Node).status?.nodeInfo?.containerRuntimeVersion || '<unknown>' },
];

/** Last time an event was seen: lastTimestamp, else eventTime, else firstTimestamp. */
export function eventLastSeen(e: KubeEvent): string | undefined {
  return e.lastTimestamp || e.eventTime || e.firstTimestamp || undefined;
}

const eventColumns: ColumnDef[] = [
  { header: 'LAST SEEN', cell: (o, now) => ageOf(eventLastSeen(o as KubeEvent), now) },
  { header: 'TYPE', cell: (o) => (o as KubeEvent).type ?? '' },
  { header: 'REASON', cell: (o) => (o as KubeEvent).reason ?? '' },
  { header: 'OBJECT', cell: (o) => { const i = (o as KubeEvent).involvedObject; return `${(i?.kind ?? '').toLowerCase()}/${i?.name ?? ''}`; } },
  { header: 'SUBOBJECT', wide: true, cell: (o) => (o as KubeEvent).involvedObject?.fieldPath ?? '' },
  { header: 'SOURCE', wide: true, cell: (o) => { const s = (o as KubeEvent).source; return s?.host ? `${s.component}, ${s.host}` : s?.component ?? ''; } },
  { header: 'MESSAGE', cell: (o) => ((o as KubeEvent).message ?? '').trim() },
  { header: 'FIRST SEEN', wide: true, cell: (o, now) => ageOf((o as KubeEvent).firstTimestamp || (o as KubeEvent).eventTime, now) },
  { header: 'COUNT', wide: true, cell: (o) => String((o as KubeEvent).count || 1) },
  { header: 'NAME', wide: true, cell: (o) => o.metadata.name },
];

const deploymentColumns: ColumnDef[] = [
  name,
  { header: 'READY', cell: (o) => { const d = o as Deployment; return `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 0}`; } },
  { header: 'UP-TO-DATE', cell: (o) => String((o as Deployment).status?.updatedReplicas ?? 0) },
  { header: 'AVAILABLE', cell: (o) => String((o as Deployment).status?.availableReplicas ?? 0) },
  age,
  { header: 'CONTAINERS', wide: true, cell: (o) => containers((o as Deployment).spec?.template) },
  { header: 'IMAGES', wide: true, cell: (o) => images((o as Deployment).spec?.template) },
  { header: 'SELECTOR', wide: true, cell: (o) => formatSelector((o as Deployment).spec?.selector) },
];

const replicaSetColumns: ColumnDef[] = [
  name,
  { header: 'DESIRED', cell: (o) => String((o as ReplicaSet).spec?.replicas ?? 0) },
  { header: 'CURRENT', cell: (o) => String((o as ReplicaSet).status?.replicas ?? 0) },
  { header: 'READY', cell: (o) => String((o as ReplicaSet).status?.readyReplicas ?? 0) },
  age,
  { header: 'CONTAINERS', wide: true, cell: (o) => containers((o as ReplicaSet).spec?.template) },
  { header: 'IMAGES', wide: true, cell: (o) => images((o as ReplicaSet).spec?.template) },
  { header: 'SELECTOR', wide: true, cell: (o) => formatSelector((o as ReplicaSet).spec?.selector) },
];

const namespaceColumns: ColumnDef[] = [
  name,
  { header: 'STATUS', cell: (o) => (o as Namespace).status?.phase ?? '' },
  age,
];

type PdbLike = KubeObject & { spec?: { minAvailable?: number | string; maxUnavailable?: number | string }; status?: { disruptionsAllowed?: number } };
const pdbColumns: ColumnDef[] = [
  name,
  { header: 'MIN AVAILABLE', cell: (o) => String((o as PdbLike).spec?.minAvailable ?? 'N/A') },
  { header: 'MAX UNAVAILABLE', cell: (o) => String((o as PdbLike).spec?.maxUnavailable ?? 'N/A') },
  { header: 'ALLOWED DISRUPTIONS', cell: (o) => String((o as PdbLike).status?.disruptionsAllowed ?? 0) },
  age,
];

type DataLike = KubeObject & { data?: Record<string, string>; binaryData?: Record<string, string>; type?: string };
const dataCount = (o: KubeObject) => String(Object.keys((o as DataLike).data ?? {}).length + Object.keys((o as DataLike).binaryData ?? {}).length);
const configMapColumns: ColumnDef[] = [name, { header: 'DATA', cell: dataCount }, age];
const secretColumns: ColumnDef[] = [name, { header: 'TYPE', cell: (o) => (o as DataLike).type ?? '' }, { header: 'DATA', cell: dataCount }, age];

type ServiceLike = KubeObject & { spec?: { type?: string; clusterIP?: string; selector?: Record<string, string>; ports?: { port: number; protocol?: string; nodePort?: number }[] } };
const serviceColumns: ColumnDef[] = [
  name,
  { header: 'TYPE', cell: (o) => (o as ServiceLike).spec?.type ?? 'ClusterIP' },
  { header: 'CLUSTER-IP', cell: (o) => (o as ServiceLike).spec?.clusterIP || '<none>' },
  { header: 'EXTERNAL-IP', cell: () => '<none>' },
  { header: 'PORT(S)', cell: (o) => ((o as ServiceLike).spec?.ports ?? []).map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`).join(',') || '<none>' },
  age,
  { header: 'SELECTOR', wide: true, cell: (o) => { const s = (o as ServiceLike).spec?.selector ?? {}; const k = Object.keys(s).sort(); return k.length ? k.map((x) => `${x}=${s[x]}`).join(',') : '<none>'; } },
];

const COLUMNS = new Map<string, ColumnDef[]>([
  ['ConfigMap', configMapColumns],
  ['Secret', secretColumns],
  ['Service', serviceColumns],
  ['Pod', podColumns],
  ['Node', nodeColumns],
  ['Event', eventColumns],
  ['Deployment', deploymentColumns],
  ['ReplicaSet', replicaSetColumns],
  ['Namespace', namespaceColumns],
  ['PodDisruptionBudget', pdbColumns],
]);

/**
 * The columns `kubectl get` shows for a Kind (`wide` includes priority-1 columns). Kinds without a
 * definition get NAME and AGE, as kubectl prints objects whose server sends no table.
 */
export function columnsFor(kind: string, wide: boolean): ColumnDef[] {
  const defs = COLUMNS.get(kind) ?? [name, age];
  return wide ? defs : defs.filter((c) => !c.wide);
}
