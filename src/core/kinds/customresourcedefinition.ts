import type { KubeObject } from '../model/k8s.ts';
import { col, nameColumn, objectTable, RW } from './common.ts';
import type { KindDef } from './types.ts';

/** apiextensions.k8s.io/v1 CustomResourceDefinition (the simulator serves no custom kinds; a scenario may list CRDs). */
export interface CustomResourceDefinition extends KubeObject {
  kind: 'CustomResourceDefinition';
  spec: { group: string; names: { plural: string; kind: string; singular?: string; shortNames?: string[] }; scope: 'Namespaced' | 'Cluster'; versions: { name: string; served: boolean; storage: boolean }[] };
}

/** apiextensions.k8s.io/v1 CustomResourceDefinition: no table handler, so NAME and CREATED AT as the API server's default convertor prints them. */
export const customResourceDefinition: KindDef<CustomResourceDefinition> = {
  kind: 'CustomResourceDefinition', plural: 'customresourcedefinitions', singular: 'customresourcedefinition', shortNames: ['crd', 'crds'],
  group: 'apiextensions.k8s.io', version: 'v1', namespaced: false, verbs: RW,
  table: objectTable('customresourcedefinitions'),
  columns: [nameColumn, col<CustomResourceDefinition>('CREATED AT', (c) => c.metadata.creationTimestamp)],
  writable: { patch: true, delete: true },
};
