import type { KubeObject } from '../../../../model/k8s.ts';
import { getObject, kindDef, listObjects } from '../../../../kinds/registry.ts';
import type { PriorityClass } from '../../../../kinds/priorityclass.ts';
import type { KubectlVerb } from '../../verb.ts';
import type { ClusterState } from '../../../../model/state.ts';
import { int32Flag } from './deployment.ts';
import { GENERATOR_FLAGS, fail, generatorStart, requestMeta, subdomainErrors } from './output.ts';
import { sendCreate } from './send.ts';

/** The highest value a PriorityClass outside the `system-` ones may have (HighestUserDefinablePriority). */
const HIGHEST_USER_PRIORITY = 1_000_000_000;

/** ValidatePriorityClass for a new class, in its order: name, the reserved prefix or the value, the preemption policy. */
function priorityClassErrors(name: string, value: number, policy: string): string[] {
  const errs = subdomainErrors(name);
  if (name.startsWith('system-')) errs.push(`metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: ${name} is not a known system priority class`);
  else if (value > HIGHEST_USER_PRIORITY) errs.push(`value: Forbidden: maximum allowed value of a user defined priority is ${HIGHEST_USER_PRIORITY}`);
  if (policy !== 'Never' && policy !== 'PreemptLowerPriority') errs.push(`preemptionPolicy: Unsupported value: "${policy}": supported values: "Never", "PreemptLowerPriority"`);
  return errs;
}

/** The Priority admission plugin: a second global default is Forbidden. */
function secondDefault(state: ClusterState, name: string): string | undefined {
  const def = kindDef('PriorityClass')!;
  const current = (listObjects(state, def, undefined) as PriorityClass[]).find((pc) => pc.globalDefault);
  if (!current || getObject(state, def, '', name)) return undefined;
  return `priorityclasses.scheduling.k8s.io "${name}" is forbidden: PriorityClass ${current.metadata.name} is already marked as default. Only one default can exist`;
}

/**
 * `kubectl create priorityclass NAME --value=N [--global-default] [--description=D]
 * [--preemption-policy=P]` (kubectl 1.33 create_priorityclass.go): a scheduling.k8s.io/v1
 * PriorityClass pods can then name. Prints `priorityclass.scheduling.k8s.io/NAME created`.
 */
export const createPriorityClass: KubectlVerb = {
  name: 'priorityclass',
  aliases: ['pc'],
  short: 'Create a priority class with the specified name',
  long: 'Create a priority class with the specified name, value, globalDefault and description.',
  examples: '# Create a priority class named high-priority\nkubectl create priorityclass high-priority --value=1000 --description="high priority"\n\n# Create a priority class named default-priority that is considered as the global default priority\nkubectl create priorityclass default-priority --value=1000 --global-default=true --description="default priority"\n\n# Create a priority class named high-priority that cannot preempt pods with lower priority\nkubectl create priorityclass high-priority --value=1000 --description="high priority" --preemption-policy="Never"',
  usage: 'kubectl create priorityclass NAME --value=VALUE --global-default=BOOL [--dry-run=server|client|none] [options]',
  flags: [
    { name: 'value', type: 'int', default: 0, help: 'the value of this priority class.' },
    { name: 'global-default', type: 'bool', help: 'global-default specifies whether this PriorityClass should be considered as the default priority.' },
    { name: 'description', type: 'string', help: 'description is an arbitrary string that usually provides guidelines on when this priority class should be used.' },
    { name: 'preemption-policy', type: 'string', default: 'PreemptLowerPriority', help: 'preemption-policy is the policy for preempting pods with lower priority.' },
    ...GENERATOR_FLAGS,
  ],
  run(inv, ctx) {
    const badInt = int32Flag(inv, 'value');
    if (badInt) return fail(badInt);
    const start = generatorStart(inv);
    if (!start.ok) return start.result;
    const v = inv.flags.values;
    const value = v.value as number;
    const globalDefault = v['global-default'] === true;
    const description = String(v.description ?? '');
    const preemptionPolicy = String(v['preemption-policy']);
    // Go field order for -o json; false and '' are omitempty.
    const request = {
      kind: 'PriorityClass', apiVersion: 'scheduling.k8s.io/v1', metadata: requestMeta(inv, start.name, false), value,
      ...(globalDefault ? { globalDefault } : {}), ...(description ? { description } : {}), preemptionPolicy,
    };
    return sendCreate(inv, ctx, start.opts, request as unknown as KubeObject, {
      fieldErrors: () => priorityClassErrors(start.name, value, preemptionPolicy),
      validate: () => (globalDefault ? secondDefault(ctx.state, start.name) : undefined),
    });
  },
};
