import { current, isDraft, original } from 'immer';
import type { KubeEvent } from '../model/k8s.ts';
import { DueQueue } from './dueQueue.ts';
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
 * The events by aggregation key (involved object's uid, reason, message) and by the time they
 * expire, so recording and expiring cost O(log n) instead of a scan of every Event. Derived data,
 * kept beside the state rather than in it: it is valid for one events table (`table`), moves with
 * that table into the next state (sim/reduce.ts calls `carryEventIndex` after each action) and is
 * rebuilt from the table when a session resumes from any other version (another session of the
 * same scenario, an exception mid-action). Writers other than recordEvent/expireEvents may change
 * counts and messages but never add or remove Events.
 */
interface EventIndex {
  table: object;
  byKey: Map<string, string>;
  expiry: DueQueue;
}
let eventIndex: EventIndex | undefined;

const aggregationKey = (uid: string, reason: string, message: string) => `${uid}\u0000${reason}\u0000${message}`;

function indexFor(state: ClusterState): EventIndex {
  const table = state.events;
  if (eventIndex && (eventIndex.table === table || eventIndex.table === (isDraft(table) ? original(table) : undefined))) {
    eventIndex.table = table;
    return eventIndex;
  }
  // Rebuilt from the table as it stands (read through its base when it is a draft: plain objects).
  const plain = (isDraft(table) ? current(table) : table) as ClusterState['events'];
  const byKey = new Map<string, string>();
  const expiry = new DueQueue();
  for (const key in plain) {
    const e = plain[key];
    const k = aggregationKey(e.involvedObject.uid, e.reason, e.message);
    if (!byKey.has(k)) byKey.set(k, key); // the first in order wins, as a scan would find it
    expiry.push(Date.parse(e.lastTimestamp), key);
  }
  return (eventIndex = { table, byKey, expiry });
}

/**
 * After an action: the index built for the action's draft of the events table now describes the
 * next state's table. `draftTable` is the draft the action saw (or the table itself).
 */
export function carryEventIndex(draftTable: object, next: ClusterState): void {
  if (eventIndex?.table === draftTable) eventIndex.table = next.events;
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
  // What Date.parse(now) reads back: the stamp keeps whole seconds.
  const second = Math.floor(state.now / 1000) * 1000;
  const index = indexFor(state);
  const aggKey = aggregationKey(report.object.uid, report.reason, report.message);
  const existing = index.byKey.get(aggKey);
  if (existing !== undefined) {
    const e = Object.hasOwn(state.events, existing) ? state.events[existing] : undefined;
    if (e && e.involvedObject.uid === report.object.uid && e.reason === report.reason && e.message === report.message) {
      e.count += times;
      e.lastTimestamp = now;
      e.metadata.resourceVersion = nextSerial(state);
      // Not queued again: expireEvents looks at the last update when the first one comes due.
      return;
    }
    index.byKey.delete(aggKey);
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
  const key = keyOf(ns, name);
  state.events[key] = event;
  index.byKey.set(aggKey, key);
  index.expiry.push(second, key);
}

/** The API server's event TTL: events not updated for an hour are gone (`--event-ttl=1h`). */
export const EVENT_TTL_MS = HOUR;

/** Drops events whose last update is older than the TTL. */
export function expireEvents(state: ClusterState): void {
  const cutoff = state.now - EVENT_TTL_MS;
  const index = indexFor(state);
  while (index.expiry.peekAt() < cutoff) {
    const key = index.expiry.pop()!;
    const e = Object.hasOwn(state.events, key) ? state.events[key] : undefined;
    if (!e) continue;
    // A bumped event is queued again at its last update, which is what counts.
    const last = Date.parse(e.lastTimestamp);
    if (last >= cutoff) { index.expiry.push(last, key); continue; }
    const aggKey = aggregationKey(e.involvedObject.uid, e.reason, e.message);
    if (index.byKey.get(aggKey) === key) index.byKey.delete(aggKey);
    delete state.events[key];
  }
}
