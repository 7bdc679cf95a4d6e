import type { KubeEvent } from '../model/k8s.ts';
import type { ClusterState } from '../model/state.ts';
import { keyOf } from '../model/state.ts';
import { rfc3339, HOUR } from '../time.ts';
import { hex, nextSerial, uid } from './rng.ts';

/** What a component reports; `recordEvent` turns it into a core/v1 Event. */
export interface EventReport {
  object: { kind: string; namespace?: string; name: string; uid: string; apiVersion?: string; fieldPath?: string };
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  /** kubelet, default-scheduler, replicaset-controller, deployment-controller, node-controller */
  component: string;
  host?: string;
}

/**
 * Records an event at `state.now`, aggregating as client-go's event correlator does: a report with
 * the same object, reason and message bumps `count` and `lastTimestamp` of the existing Event
 * instead of creating a new one (what `kubectl describe` shows as `(x12 over 38m)`). `times` > 1
 * records that many identical reports at once (a batch of probe failures).
 */
export function recordEvent(state: ClusterState, report: EventReport, times = 1): void {
  const ns = report.object.namespace ?? 'default';
  const now = rfc3339(state.now);
  for (const e of Object.values(state.events)) {
    if (e.involvedObject.uid === report.object.uid && e.reason === report.reason && e.message === report.message) {
      e.count += times;
      e.lastTimestamp = now;
      e.metadata.resourceVersion = nextSerial(state);
      return;
    }
  }
  const name = `${report.object.name}.${hex(state, 16)}`;
  const event: KubeEvent = {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace: ns, uid: uid(state), resourceVersion: nextSerial(state), creationTimestamp: now },
    involvedObject: { apiVersion: report.object.apiVersion ?? 'v1', kind: report.object.kind, namespace: report.object.namespace, name: report.object.name, uid: report.object.uid, ...(report.object.fieldPath ? { fieldPath: report.object.fieldPath } : {}) },
    reason: report.reason,
    message: report.message,
    type: report.type,
    count: times,
    firstTimestamp: now,
    lastTimestamp: now,
    source: { component: report.component, ...(report.host ? { host: report.host } : {}) },
    reportingComponent: report.component,
    reportingInstance: report.host ?? '',
    eventTime: null,
  };
  state.events[keyOf(ns, name)] = event;
}

/** The API server's event TTL: events not updated for an hour are gone (`--event-ttl=1h`). */
export const EVENT_TTL_MS = HOUR;

/** Drops events whose last update is older than the TTL. */
export function expireEvents(state: ClusterState): void {
  for (const [key, e] of Object.entries(state.events)) {
    if (Date.parse(e.lastTimestamp) < state.now - EVENT_TTL_MS) delete state.events[key];
  }
}
