import type { PodSpec } from '../model/k8s.ts';
import { formatQuantity, parseQuantity } from '../model/quantity.ts';

/**
 * The API server's validation of container resources in a pod spec (pkg/apis/core/validation,
 * ValidateResourceRequirements): every quantity must parse and be non-negative, and a request may
 * not exceed its limit. Returns the field errors as the server words them, e.g.
 * `spec.template.spec.containers[0].resources.requests: Invalid value: "512Mi": must be less than or equal to memory limit of 256Mi`;
 * empty when valid. `prefix` is the path to the pod spec (`spec.template.spec`, `spec`).
 */
export function validateResources(spec: PodSpec, prefix: string): string[] {
  const errors: string[] = [];
  spec.containers.forEach((c, i) => {
    const path = `${prefix}.containers[${i}].resources`;
    const limits = c.resources?.limits ?? {};
    const requests = c.resources?.requests ?? {};
    for (const [kind, list] of [['limits', limits], ['requests', requests]] as const) {
      for (const [name, value] of Object.entries(list)) {
        const q = parseQuantity(value);
        if (!q) errors.push(`${path}.${kind}[${name}]: Invalid value: "${value}": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`);
        else if (q.milli < 0n) errors.push(`${path}.${kind}[${name}]: Invalid value: "${value}": must be greater than or equal to 0`);
      }
    }
    for (const [name, value] of Object.entries(requests)) {
      const req = parseQuantity(value);
      const lim = Object.hasOwn(limits, name) ? parseQuantity(limits[name]) : undefined;
      if (req && lim && req.milli > lim.milli) {
        errors.push(`${path}.requests: Invalid value: "${formatQuantity(req)}": must be less than or equal to ${name} limit of ${formatQuantity(lim)}`);
      }
    }
  });
  return errors;
}

/** The server's one-line message for an invalid object: `Deployment.apps "x" is invalid: <errors joined by ", ">`. */
export function invalidMessage(kind: string, name: string, errors: readonly string[]): string {
  const group = kind === 'Deployment' || kind === 'ReplicaSet' ? `${kind}.apps` : kind;
  const body = errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`;
  return `${group} "${name}" is invalid: ${body}`;
}
