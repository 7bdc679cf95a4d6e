import { RW } from './common.ts';
import type { KindDef } from './types.ts';

/**
 * Built-in kinds kubectl resolves and `api-resources` lists, which the simulator does not model
 * yet: they hold no objects, so `kubectl get pv` answers `No resources found`. Modelling one means
 * moving its line here into its own module (`kinds/<kind>.ts`) with a table and columns.
 */
const listed = (kind: string, plural: string, shortNames: string[], group: string, namespaced: boolean, categories?: string[]): KindDef =>
  ({ kind, plural, singular: kind.toLowerCase(), shortNames, group, version: 'v1', namespaced, verbs: RW, ...(categories ? { categories } : {}) });

export const cronJob = listed('CronJob', 'cronjobs', ['cj'], 'batch', true, ['all']);
export const job = listed('Job', 'jobs', [], 'batch', true, ['all']);
