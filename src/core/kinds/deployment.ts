import type { Deployment } from '../model/k8s.ts';
import { formatLabelSelector } from '../k8s/labels.ts';
import { describeDeployment } from '../printers/describe/workloads.ts';
import { ageColumn, col, nameColumn, objectEvents, RW, sortedValues, templateContainers, templateImages } from './common.ts';
import { ANY, BOOL, INT32, LABEL_SELECTOR, objectFields, POD_TEMPLATE_SPEC, struct } from './fields.ts';
import type { KindDef } from './types.ts';

/** apps/v1 Deployment. */
export const deployment: KindDef<Deployment> = {
  kind: 'Deployment', plural: 'deployments', singular: 'deployment', shortNames: ['deploy'], categories: ['all'], group: 'apps', version: 'v1', namespaced: true, verbs: RW,
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
  explain: {
    '': { type: 'Deployment', description: 'Deployment enables declarative updates for Pods and ReplicaSets.' },
    'spec.minReadySeconds': { type: 'integer', description: 'How long a newly created pod must be ready, without any of its containers crashing, to count as available. Defaults to 0 (available as soon as it is ready).' },
    'spec.paused': { type: 'boolean', description: 'Whether the deployment is paused.' },
    'spec.progressDeadlineSeconds': { type: 'integer', description: 'The most seconds a deployment may take to make progress before it is considered failed. The controller goes on processing it and a condition with a ProgressDeadlineExceeded reason is surfaced in its status. Not checked while the deployment is paused. Defaults to 600s.' },
    'spec.replicas': { type: 'integer', description: 'Number of desired pods. This is a pointer to distinguish between explicit zero and not specified. Defaults to 1.' },
    'spec.revisionHistoryLimit': { type: 'integer', description: 'How many old ReplicaSets are kept to allow rollback. A pointer to tell an explicit zero from not given. Defaults to 10.' },
    'spec.selector': { type: 'LabelSelector', required: true, description: "Label selector for pods. Existing ReplicaSets whose pods it selects are the ones this deployment affects. It must match the pod template's labels.", typeDescription: 'A label selector is a label query over a set of resources. The result of matchLabels and matchExpressions are ANDed. An empty label selector matches all objects. A null label selector matches no objects.' },
    'spec.strategy': { type: 'DeploymentStrategy', description: 'The deployment strategy used to replace existing pods with new ones.', typeDescription: 'DeploymentStrategy describes how to replace existing pods with new ones.' },
    'spec.strategy.rollingUpdate': { type: 'RollingUpdateDeployment', description: 'Rolling update config params. Present only if DeploymentStrategyType = RollingUpdate.', typeDescription: 'Spec to control the desired behavior of rolling update.' },
    'spec.strategy.rollingUpdate.maxSurge': { type: 'IntOrString', description: 'How many pods may be scheduled above the desired number during an update: a number or a percentage of desired pods (rounded up); 0 only when maxUnavailable is not 0. Defaults to 25%.' },
    'spec.strategy.rollingUpdate.maxUnavailable': { type: 'IntOrString', description: 'How many pods may be unavailable during the update: a number or a percentage of desired pods (rounded down); 0 only when maxSurge is not 0. Defaults to 25%.' },
    'spec.strategy.type': { type: 'string', enum: ['Recreate', 'RollingUpdate'], description: 'Type of deployment. Can be "Recreate" or "RollingUpdate". Default is RollingUpdate.' },
    'spec.template': { type: 'PodTemplateSpec', required: true, description: 'The pods the deployment creates. Its only allowed .spec.template.spec.restartPolicy value is "Always".', typeDescription: 'PodTemplateSpec describes the data a pod should have when created from a template' },
  },
};
