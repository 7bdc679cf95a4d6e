/** Helpers shared by the kinds' `kubectl get` columns (kinds/<kind>.ts), as the API server's printers format cells. */
import type { KubeEvent, Node } from '../model/k8s.ts';
import { humanDuration, parseTimestamp } from '../time.ts';
import { nodeRoles } from './describe/node.ts';

/** `HumanDuration(now - creationTimestamp)`, `<unknown>` when unset. */
export function ageOf(timestamp: string | undefined | null, now: number): string {
  const t = parseTimestamp(timestamp ?? undefined);
  return t === undefined ? '<unknown>' : humanDuration(now - t);
}

/** Node STATUS: the Ready condition, plus `,SchedulingDisabled` when cordoned. */
export function nodeStatus(n: Node): string {
  const ready = (n.status?.conditions ?? []).find((c) => c.type === 'Ready');
  const parts = [!ready ? 'Unknown' : ready.status === 'True' ? 'Ready' : 'NotReady'];
  if (n.spec?.unschedulable) parts.push('SchedulingDisabled');
  return parts.join(',');
}

/** Node ROLES: the roles (describe/node.ts `nodeRoles`) joined by commas; `<none>`. */
export const nodeRolesText = (n: Node): string => nodeRoles(n).join(',') || '<none>';

/** Last time an event was seen: lastTimestamp, else eventTime, else firstTimestamp. */
export function eventLastSeen(e: KubeEvent): string | undefined {
  return e.lastTimestamp || e.eventTime || e.firstTimestamp || undefined;
}

