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
    { name: 'verbs', type: 'stringArray', help: 'Limit to resources that support the specified verbs.' },
    { name: 'sort-by', type: 'string', help: "If non-empty, sort list of resources using specified field. The field can be either 'name' or 'kind'." },
    { name: 'cached', type: 'bool', help: 'Use the cached list of resources if available.' },
    { name: 'categories', type: 'stringArray', help: 'Limit to resources that belong to the specified categories.' },
  ],
  run(inv) {
    const v = inv.flags.values;
    const out = String(v.output ?? '');
    if (!['', 'wide', 'name'].includes(out)) return { stdout: '', stderr: `error: --output ${out} is not available\n`, exitCode: 1 };
    let types = [...KINDS];
    if (inv.flags.given.has('namespaced')) types = types.filter((t) => t.namespaced === v.namespaced);
    if (inv.flags.given.has('api-group')) types = types.filter((t) => t.group === v['api-group']);
    // --verbs=list,delete: resources whose verbs include every one given (kubectl's discovery filter).
    const verbs = ((v.verbs as string[] | undefined) ?? []).flatMap((x) => x.split(','));
    if (verbs.length) types = types.filter((t) => verbs.every((x) => t.verbs.includes(x)));
    const sortBy = String(v['sort-by'] ?? '');
    if (sortBy && sortBy !== 'name' && sortBy !== 'kind') return { stdout: '', stderr: `error: --sort-by accepts only name or kind\n`, exitCode: 1 };
    if (sortBy === 'name') types.sort((a, b) => (a.plural < b.plural ? -1 : a.plural > b.plural ? 1 : 0));
    if (sortBy === 'kind') types.sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
    if (out === 'name') return { stdout: types.map((t) => qualifiedPlural(t) + '\n').join(''), stderr: '', exitCode: 0 };
    const headers = ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND', ...(out === 'wide' ? ['VERBS'] : [])];
    const rows = types.map((t) => [t.plural, t.shortNames.join(','), apiVersionOf(t), String(t.namespaced), t.kind, ...(out === 'wide' ? [`[${t.verbs.join(' ')}]`] : [])]);
    return { stdout: renderTable(headers, rows, v['no-headers'] === true), stderr: '', exitCode: 0 };
  },
};
