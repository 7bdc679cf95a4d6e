import { encodeBase64 } from '../base64.ts';
import type { Secret } from '../model/k8s.ts';
import { describeSecret } from '../printers/describe/config.ts';
import { dataCount } from './configmap.ts';
import { ageColumn, col, nameColumn, RW } from './common.ts';
import { BOOL, mapOf, objectFields, STRING } from './fields.ts';
import type { KindDef } from './types.ts';

/** The API server folds a Secret's write-only `stringData` into `data` (base64); `stringData` wins per key. */
export function foldStringData(s: Secret): void {
  if (!s.stringData) return;
  s.data = { ...(s.data ?? {}) };
  for (const [k, v] of Object.entries(s.stringData)) s.data[k] = encodeBase64(v);
  delete s.stringData;
}

/** core/v1 Secret. */
export const secret: KindDef<Secret> = {
  kind: 'Secret', plural: 'secrets', singular: 'secret', shortNames: [], group: '', version: 'v1', namespaced: true, verbs: RW,
  table: (s) => s.secrets,
  columns: [nameColumn, col<Secret>('TYPE', (s) => s.type ?? ''), col<Secret>('DATA', dataCount), ageColumn],
  describe: (s) => describeSecret(s),
  writable: { patch: true, delete: true },
  fields: objectFields('Secret', { data: mapOf(STRING), stringData: mapOf(STRING), type: STRING, immutable: BOOL }),
  admit(s) { foldStringData(s); s.type ||= 'Opaque'; },
};
