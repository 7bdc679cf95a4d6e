import type { Deployment } from '../model/k8s.ts';
import { formatLabelSelector } from '../k8s/labels.ts';
import { describeDeployment } from '../printers/describe/workloads.ts';
import { ageColumn, col, nameColumn, objectEvents, RW, sortedValues, templateContainers, templateImages } from './common.ts';
import { ANY, BOOL, INT32, LABEL_SELECTOR, objectFields, POD_TEMPLATE_SPEC, struct } from './fields.ts';
import type { KindDef } from './types.ts';

/** apps/v1 Deployment. */
export const deployment: KindDef<Deployment> = {
  kind: 'Deployment', plural: 'deployments', singular: 'deployment', shortNames: ['deploy'], group: 'apps', version: 'v1', namespaced: true, verbs: RW,
  table: (s) => s.deployments,
  columns: [
    nameColumn,
    col<Deployment>('READY', (d) => `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 0}`),
    col<Deployment>('UP-TO-DATE', (d) => String(d.status?.updatedReplicas ?? 0)),
    col<Deployment>('AVAILABLE', (d) => String(d.status?.availableReplicas ?? 0)),
    ageColumn,
    col<Deployment>('CONTAINERS', (d) => templateContainers(d.spec?.template), true),
    col<Deployment>('IMAGES', (d) => templateImages(d.spec?.template), true),
    col<Deployment>('SELECTOR', (d) => formatLabelSelector(d.spec?.selector), true),
  ],
  related: (s, d, showEvents) => ({ events: objectEvents(s, d, showEvents), replicaSets: sortedValues(s.replicaSets).filter((rs) => rs.metadata.namespace === d.metadata.namespace) }),
  describe: describeDeployment,
  writable: { patch: true, delete: true },
  fields: objectFields('Deployment', { spec: struct('DeploymentSpec', { replicas: INT32, selector: LABEL_SELECTOR, template: POD_TEMPLATE_SPEC, strategy: ANY, minReadySeconds: INT32, revisionHistoryLimit: INT32, paused: BOOL, progressDeadlineSeconds: INT32 }) }),
};
