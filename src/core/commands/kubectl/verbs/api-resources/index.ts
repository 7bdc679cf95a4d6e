import type { KubectlVerb } from '../../verb.ts';
import { renderTable } from '../../../../printers/table.ts';
import { apiVersionOf, qualifiedPlural, KINDS } from '../../../../kinds/registry.ts';

/** `kubectl api-resources`: the resource types table (a realistic subset of a 1.3x cluster's). */
export const apiResources: KubectlVerb = {
  name: 'api-resources',
  short: 'Print the supported API resources on the server',
  long: 'Print the supported API resources on the server.',
  examples: `# Print the supported API resources
kubectl api-resources

# Print the supported namespaced resources
kubectl api-resources --namespaced=true

# Print the supported API resources with a specific APIGroup
kubectl api-resources --api-group=apps`,
  usage: 'kubectl api-resources [flags] [options]',
  flags: [
    { name: 'namespaced', type: 'bool', default: true, help: 'If false, non-namespaced resources will be returned, otherwise returning namespaced resources by default.' },
    { name: 'api-group', type: 'string', help: 'Limit to resources in the specified API group.' },
    { name: 'no-headers', type: 'bool', help: "When using the default or custom-column output format, don't print headers (default print headers)." },
    { name: 'output', short: 'o', type: 'string', help: 'Output format. One of: (wide, name).' },
  ],
  run(inv) {
    const v = inv.flags.values;
    const out = String(v.output ?? '');
    if (!['', 'wide', 'name'].includes(out)) return { stdout: '', stderr: `error: --output ${out} is not available\n`, exitCode: 1 };
    let types = [...KINDS];
    if (inv.flags.given.has('namespaced')) types = types.filter((t) => t.namespaced === v.namespaced);
    if (inv.flags.given.has('api-group')) types = types.filter((t) => t.group === v['api-group']);
    if (out === 'name') return { stdout: types.map((t) => qualifiedPlural(t) + '\n').join(''), stderr: '', exitCode: 0 };
    const headers = ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND', ...(out === 'wide' ? ['VERBS'] : [])];
    const rows = types.map((t) => [t.plural, t.shortNames.join(','), apiVersionOf(t), String(t.namespaced), t.kind, ...(out === 'wide' ? [`[${t.verbs.join(' ')}]`] : [])]);
    return { stdout: renderTable(headers, rows, v['no-headers'] === true), stderr: '', exitCode: 0 };
  },
};
