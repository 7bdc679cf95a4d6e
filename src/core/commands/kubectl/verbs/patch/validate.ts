import type { PodDisruptionBudget } from '../../../../model/k8s.ts';
import { hashString } from '../../../../sim/rng.ts';
import { isIntOrPercent } from '../../../../sim/intstr.ts';

/** A Go pointer as `%#v` prints one: `(*T)(0xc000123456)`, stable per object and field; `(*T)(nil)` when unset. */
const pointer = (type: string, set: boolean, seed: string) =>
  `(*${type})(${set ? `0xc${(hashString(seed) % 0x10000000).toString(16).padStart(9, '0')}` : 'nil'})`;

/**
 * The API server's validation of a PodDisruptionBudget update (ValidatePodDisruptionBudgetSpec),
 * worded as kubectl prints the 422: `The PodDisruptionBudget "x" is invalid: …`. The one learners
 * meet is a merge patch that adds maxUnavailable while minAvailable is still set (null removes a
 * field). Returns undefined when valid.
 */
export function validateBudget(pdb: PodDisruptionBudget): string | undefined {
  const name = pdb.metadata.name;
  const head = `The PodDisruptionBudget "${name}" is invalid: `;
  const { minAvailable, maxUnavailable } = pdb.spec ?? {};
  if (minAvailable !== undefined && minAvailable !== null && maxUnavailable !== undefined && maxUnavailable !== null) {
    const spec = `policy.PodDisruptionBudgetSpec{MinAvailable:${pointer('intstr.IntOrString', true, `${name}/min`)}, Selector:${pointer('v1.LabelSelector', pdb.spec.selector !== undefined, `${name}/sel`)}, MaxUnavailable:${pointer('intstr.IntOrString', true, `${name}/max`)}, UnhealthyPodEvictionPolicy:${pointer('policy.UnhealthyPodEvictionPolicyType', pdb.spec.unhealthyPodEvictionPolicy !== undefined, `${name}/policy`)}}`;
    return `${head}spec: Invalid value: ${spec}: minAvailable and maxUnavailable cannot be both set`;
  }
  for (const [field, v] of [['minAvailable', minAvailable], ['maxUnavailable', maxUnavailable]] as const) {
    if (v === undefined || v === null) continue;
    if (typeof v === 'number' && v < 0) return `${head}spec.${field}: Invalid value: ${v}: must be greater than or equal to 0`;
    if (typeof v === 'string' && !isIntOrPercent(v)) return `${head}spec.${field}: Invalid value: "${v}": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')`;
    if (typeof v === 'string' && Number(v.slice(0, -1)) > 100) return `${head}spec.${field}: Invalid value: "${v}": must not be greater than 100%`;
  }
  const policy = pdb.spec?.unhealthyPodEvictionPolicy;
  if (policy !== undefined && policy !== null && policy !== 'IfHealthyBudget' && policy !== 'AlwaysAllow') {
    return `${head}spec.unhealthyPodEvictionPolicy: Unsupported value: "${String(policy)}": supported values: "AlwaysAllow", "IfHealthyBudget"`;
  }
  return undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The API server's structural checks of a patched Deployment or ReplicaSet (ValidateDeploymentSpec,
 * ValidatePodTemplateSpec): a patch that nulls `spec` or `spec.template`, or leaves containers
 * without a name or an image, is refused with 422 before any controller sees it. Returns the
 * field errors (`spec.selector: Required value`, …), empty when the shape is valid. Go decodes a
 * null struct as its zero value, so `{"spec":null}` reads as an empty spec.
 */
export function workloadShapeErrors(obj: unknown): string[] {
  const spec = isObject(obj) && isObject(obj.spec) ? obj.spec : {};
  const errors: string[] = [];
  if (typeof spec.replicas === 'number' && spec.replicas < 0) errors.push(`spec.replicas: Invalid value: ${spec.replicas}: must be greater than or equal to 0`);
  if (!isObject(spec.selector)) errors.push('spec.selector: Required value');
  const template = isObject(spec.template) ? spec.template : {};
  const podSpec = isObject(template.spec) ? template.spec : {};
  const containers = podSpec.containers;
  if (!Array.isArray(containers) || containers.length === 0) {
    errors.push('spec.template.spec.containers: Required value');
    return errors;
  }
  containers.forEach((c, i) => {
    const path = `spec.template.spec.containers[${i}]`;
    if (!isObject(c) || typeof c.name !== 'string' || c.name === '') errors.push(`${path}.name: Required value`);
    if (!isObject(c) || typeof c.image !== 'string' || c.image === '') errors.push(`${path}.image: Required value`);
  });
  return errors;
}

/** Go's zero value for a PodDisruptionBudget spec that a patch set to null: `{}` (matches no pods). */
export function budgetWithSpec(pdb: PodDisruptionBudget): PodDisruptionBudget {
  return isObject(pdb.spec) ? pdb : { ...pdb, spec: {} as PodDisruptionBudget['spec'] };
}
