import type { CommandContext } from '../../../types.ts';
import type { KubectlInvocation } from '../../verb.ts';
import { findObjects, notFoundMessage, parseResourceArgs } from '../get/query.ts';

/** A container's environment variable as the pod spec holds it. */
export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { configMapKeyRef?: { name: string; key: string }; secretKeyRef?: { name: string; key: string } };
}

/**
 * `kubectl set env --from=configmap/NAME|secret/NAME [--keys=a,b]` (kubectl 1.33 set_env.go): one
 * variable per key of the object's data (only `keys` when given), named as keyToEnvName does
 * (upper case, every character outside `[a-zA-Z0-9_]` made `_`, with a warning when that changes
 * the key) and read through a configMapKeyRef or secretKeyRef. Keys in byte order (kubectl walks a
 * Go map, whose order is random). Errors with kubectl's text.
 */
export function envFrom(inv: KubectlInvocation, ctx: CommandContext, from: string, keys: readonly string[]): { ok: true; env: EnvVar[]; warnings: string } | { ok: false; error: string } {
  const parsed = parseResourceArgs([from]);
  if (!parsed.ok) return { ok: false, error: `error: ${parsed.error}\n` };
  const env: EnvVar[] = [];
  let warnings = '';
  for (const g of findObjects(ctx.state, parsed.req, inv.namespace, () => true)) {
    if (g.missing.length) return { ok: false, error: `${notFoundMessage(g.type, g.missing[0])}\n` };
    for (const o of g.objects) {
      if (o.kind !== 'ConfigMap' && o.kind !== 'Secret') return { ok: false, error: 'error: unsupported resource specified in --from\n' };
      const data = (o as { data?: Record<string, string> }).data ?? {};
      for (const key of Object.keys(data).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
        if (keys.length && !keys.includes(key)) continue;
        const name = key.replace(/[^a-zA-Z0-9_]/g, '_').toUpperCase();
        if (name !== key) warnings += `Warning: key ${key} transferred to ${name}\n`;
        const ref = { name: o.metadata.name, key };
        env.push({ name, valueFrom: o.kind === 'Secret' ? { secretKeyRef: ref } : { configMapKeyRef: ref } });
      }
    }
  }
  return { ok: true, env, warnings };
}
