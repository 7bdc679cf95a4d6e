import type { KubeEvent } from '../model/k8s.ts';
import { ageOf, eventLastSeen } from '../printers/columns.ts';
import { col, RW } from './common.ts';
import type { KindDef } from './types.ts';

/** core/v1 Event (kubectl get's table; there is no describer). */
export const event: KindDef<KubeEvent> = {
  kind: 'Event', plural: 'events', singular: 'event', shortNames: ['ev'], group: '', version: 'v1', namespaced: true, verbs: RW,
  table: (s) => s.events,
  fieldSelectors: ['involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid', 'involvedObject.apiVersion', 'involvedObject.resourceVersion', 'involvedObject.fieldPath', 'reason', 'reportingComponent', 'source', 'type'],
  columns: [
    col<KubeEvent>('LAST SEEN', (e, _s, now) => ageOf(eventLastSeen(e), now)),
    col<KubeEvent>('TYPE', (e) => e.type ?? ''),
    col<KubeEvent>('REASON', (e) => e.reason ?? ''),
    col<KubeEvent>('OBJECT', (e) => `${(e.involvedObject?.kind ?? '').toLowerCase()}/${e.involvedObject?.name ?? ''}`),
    col<KubeEvent>('SUBOBJECT', (e) => e.involvedObject?.fieldPath ?? '', true),
    col<KubeEvent>('SOURCE', (e) => (e.source?.host ? `${e.source.component}, ${e.source.host}` : e.source?.component ?? ''), true),
    col<KubeEvent>('MESSAGE', (e) => (e.message ?? '').trim()),
    col<KubeEvent>('FIRST SEEN', (e, _s, now) => ageOf(e.firstTimestamp || e.eventTime, now), true),
    col<KubeEvent>('COUNT', (e) => String(e.count || 1), true),
    col<KubeEvent>('NAME', (e) => e.metadata.name, true),
  ],
};
