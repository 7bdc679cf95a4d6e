import type { KubeObject } from '../../../../model/k8s.ts';
import { formatQuantity, parseQuantity } from '../../../../model/quantity.ts';
import type { KubectlVerb } from '../../verb.ts';
import { fail, GENERATOR_FLAGS, generatorStart, requestMeta, subdomainErrors } from './output.ts';
import { sendCreate } from './send.ts';

/** apimachinery's ParseQuantity refusal for text that is no number at all. */
const FORMAT_WRONG = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

/** `cpu=1,memory=1G` → canonical quantities by name (populateResourceListV1), or kubectl's error text. */
function hardOf(spec: string): Record<string, string> | string {
  const hard: Record<string, string> = {};
  for (const statement of spec.split(',')) {
    const parts = statement.split('=');
    if (parts.length !== 2) return `Invalid argument syntax ${statement}, expected <resource>=<value>`;
    const q = parseQuantity(parts[1]);
    if (!q) return /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/.test(parts[1]) ? "unable to parse quantity's suffix" : FORMAT_WRONG;
    hard[parts[0]] = formatQuantity(q);
  }
  return Object.fromEntries(Object.entries(hard).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The resource names a quota may limit without a `/` (IsStandardQuotaResourceName), hugepages aside. */
const STANDARD = ['pods', 'services', 'replicationcontrollers', 'resourcequotas', 'secrets', 'configmaps', 'persistentvolumeclaims', 'services.nodeports', 'services.loadbalancers',
  'requests.cpu', 'requests.memory', 'requests.storage', 'requests.ephemeral-storage', 'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'cpu', 'memory', 'ephemeral-storage'];
/** Counted resources, which must be whole numbers. */
const INTEGER = new Set(['pods', 'services', 'replicationcontrollers', 'resourcequotas', 'secrets', 'configmaps', 'persistentvolumeclaims', 'services.nodeports', 'services.loadbalancers']);
/** Which resources each scope may apply to (IsResourceQuotaScopeValidForResource); unlisted scopes apply to all. */
const POD_COMPUTE = ['pods', 'cpu', 'memory', 'limits.cpu', 'limits.memory', 'requests.cpu', 'requests.memory'];
const SCOPE_RESOURCES: Record<string, string[]> = { BestEffort: ['pods'], NotBestEffort: POD_COMPUTE, Terminating: POD_COMPUTE, NotTerminating: POD_COMPUTE, PriorityClass: POD_COMPUTE };
const SCOPES = ['Terminating', 'NotTerminating', 'BestEffort', 'NotBestEffort', 'PriorityClass', 'CrossNamespacePodAffinity', 'VolumeAttributesClass'];

const isStandard = (r: string) => STANDARD.includes(r) || r.startsWith('hugepages-') || r.startsWith('requests.hugepages-');

/** ValidateResourceQuota's field errors for what `create quota` can send, in its order. */
function quotaErrors(name: string, hard: Record<string, string>, scopes: string[]): string[] {
  const errs = subdomainErrors(name);
  for (const [r, v] of Object.entries(hard)) {
    const at = `spec.hard[${r}]`;
    if (!r.includes('/') && !isStandard(r)) errs.push(`${at}: Invalid value: "${r}": must be a standard resource for quota`);
    const q = parseQuantity(v)!;
    if (q.milli < 0n) errs.push(`${at}: Invalid value: "${v}": must be greater than or equal to 0`);
    if (INTEGER.has(r) && q.milli % 1000n !== 0n) errs.push(`${at}: Invalid value: "${v}": must be an integer`);
  }
  const shown = `[]core.ResourceQuotaScope{${scopes.map((s) => JSON.stringify(s)).join(', ')}}`;
  for (const scope of scopes) {
    if (!SCOPES.includes(scope)) errs.push(`spec.scopes: Invalid value: ${shown}: unsupported scope`);
    for (const r of Object.keys(hard)) {
      if (isStandard(r) && Object.hasOwn(SCOPE_RESOURCES, scope) && !SCOPE_RESOURCES[scope].includes(r)) errs.push(`spec.scopes: Invalid value: ${shown}: unsupported scope applied to resource`);
    }
  }
  for (const [a, b] of [['BestEffort', 'NotBestEffort'], ['Terminating', 'NotTerminating']]) {
    if (scopes.includes(a) && scopes.includes(b)) errs.push(`spec.scopes: Invalid value: ${shown}: conflicting scopes`);
  }
  return errs;
}

/**
 * `kubectl create quota NAME [--hard=r=q,…] [--scopes=S,…]` (kubectl 1.33 create_quota.go): a
 * ResourceQuota whose hard limits the quota controller then tracks in `status` and admission
 * enforces on new pods. Prints `resourcequota/NAME created`.
 */
export const createQuota: KubectlVerb = {
  name: 'quota',
  aliases: ['resourcequota'],
  short: 'Create a quota with the specified name',
  long: 'Create a resource quota with the specified name, hard limits, and optional scopes.',
  examples: '# Create a new resource quota named my-quota\nkubectl create quota my-quota --hard=cpu=1,memory=1G,pods=2,services=3,replicationcontrollers=2,resourcequotas=1,secrets=5,persistentvolumeclaims=10\n\n# Create a new resource quota named best-effort\nkubectl create quota best-effort --hard=pods=100 --scopes=BestEffort',
  usage: 'kubectl create quota NAME [--hard=key1=value1,key2=value2] [--scopes=Scope1,Scope2] [--dry-run=server|client|none] [options]',
  flags: [
    { name: 'hard', type: 'string', help: 'A comma-delimited set of resource=quantity pairs that define a hard limit.' },
    { name: 'scopes', type: 'string', help: 'A comma-delimited set of quota scopes that must all match each object tracked by the quota.' },
    ...GENERATOR_FLAGS,
  ],
  run(inv, ctx) {
    const start = generatorStart(inv);
    if (!start.ok) return start.result;
    const v = inv.flags.values;
    const hardText = String(v.hard ?? '');
    const hard = hardText === '' ? {} : hardOf(hardText);
    if (typeof hard === 'string') return fail(`error: ${hard}\n`);
    const scopesText = String(v.scopes ?? '');
    const scopes = scopesText === '' ? [] : scopesText.split(',');
    if (scopes.includes('')) return fail('error: invalid resource quota scope ""\n');
    const spec = { ...(Object.keys(hard).length ? { hard } : {}), ...(scopes.length ? { scopes } : {}) };
    const request = { kind: 'ResourceQuota', apiVersion: 'v1', metadata: requestMeta(inv, start.name, true), spec, status: {} };
    return sendCreate(inv, ctx, start.opts, request as unknown as KubeObject, { what: 'quota', fieldErrors: () => quotaErrors(start.name, hard, scopes) });
  },
};
