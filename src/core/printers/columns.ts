/** Helpers shared by the kinds' `kubectl get` columns (kinds/<kind>.ts), as the API server's printers format cells. */
import type { KubeEvent, LabelSelector, Node } from '../model/k8s.ts';
import { humanDuration, parseTimestamp } from '../time.ts';

/** `HumanDuration(now - creationTimestamp)`, `<unknown>` when unset. */
export function ageOf(timestamp: string | undefined | null, now: number): string {
  const t = parseTimestamp(timestamp ?? undefined);
  return t === undefined ? '<unknown>' : humanDuration(now - t);
}

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

/** Last time an event was seen: lastTimestamp, else eventTime, else firstTimestamp. */
export function eventLastSeen(e: KubeEvent): string | undefined {
  return e.lastTimestamp || e.eventTime || e.firstTimestamp || undefined;
}

