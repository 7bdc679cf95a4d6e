import type { KubeObject, PodTemplateSpec } from '../model/k8s.ts';
import { ageColumn, col, nameColumn, objectTable, RW } from './common.ts';
import type { KindDef } from './types.ts';

/** apps/v1 ControllerRevision: one numbered snapshot of a DaemonSet's pod template (sim/daemonsets.ts writes them). */
export interface ControllerRevision extends KubeObject {
  kind: 'ControllerRevision';
  /** The DaemonSet's `spec.template` at that revision, as the controller stores it (`data.spec.template`). */
  data: { spec: { template: PodTemplateSpec } };
  revision: number;
}

/** CONTROLLER as printControllerRevision words it: `daemonset.apps/log-agent`, or `<none>`. */
function controllerOf(r: ControllerRevision): string {
  const ref = (r.metadata.ownerReferences ?? []).find((o) => o.controller);
  if (!ref) return '<none>';
  const group = ref.apiVersion.includes('/') ? ref.apiVersion.split('/')[0] : '';
  return `${ref.kind.toLowerCase()}${group ? `.${group}` : ''}/${ref.name}`;
}

/** apps/v1 ControllerRevision (the DaemonSet controller's history; `kubectl get controllerrevisions`). */
export const controllerRevision: KindDef<ControllerRevision> = {
  kind: 'ControllerRevision', plural: 'controllerrevisions', singular: 'controllerrevision', shortNames: [], group: 'apps', version: 'v1', namespaced: true, verbs: RW,
  table: objectTable('controllerrevisions'),
  columns: [nameColumn, col<ControllerRevision>('CONTROLLER', controllerOf), col<ControllerRevision>('REVISION', (r) => String(r.revision ?? 0)), ageColumn],
};
