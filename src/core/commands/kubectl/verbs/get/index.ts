import type { KubeObject } from '../../../../model/k8s.ts';
import type { CommandContext, CommandResult } from '../../../types.ts';
import { evalPath, jsonData, JsonPathError, parseJsonPath, relaxedJsonPath } from '../../../../printers/jsonpath.ts';
import { parseOutputFormat } from '../../../../printers/output.ts';
import type { KubectlInvocation, KubectlVerb } from '../../verb.ts';
import { filenameFlags } from '../apply/index.ts';
import { readManifests } from '../../manifests.ts';
import { qualifiedPlural } from '../../../../kinds/registry.ts';
import { printGeneric, printTable } from './print.ts';
import { watchable } from './watch.ts';
import { rawGet } from './raw.ts';
import { API_BASE_MS } from '../../../../sim/etcd/latency.ts';
import { findObjects, notFoundMessage, parseResourceArgs } from './query.ts';
import { matchesFields, parseFieldSelector, unsupportedField } from './selectors.ts';
import { parseLabelSelector, selectorMatches } from '../../../../k8s/labels.ts';

const fail = (stderr: string, stdout = ''): CommandResult => ({ stdout, stderr, exitCode: 1 });

const REQUIRED = `You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.

error: Required resource not specified.
Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).
See 'kubectl get -h' for help and examples
`;

/** Sorts objects by a --sort-by JSONPath: numbers numerically, other values as text, missing first. */
export function sortObjects(objects: readonly KubeObject[], expr: string): { ok: true; objects: KubeObject[] } | { ok: false; error: string } {
  let path;
  try {
    const tpl = parseJsonPath(relaxedJsonPath(expr));
    const node = tpl.nodes[0];
    if (tpl.nodes.length !== 1 || node.t !== 'path') throw new JsonPathError('unexpected path string');
    path = node.path;
  } catch (e) {
    return { ok: false, error: `couldn't parse --sort-by value "${expr}": ${e instanceof Error ? e.message : String(e)}` };
  }
  const keyed = objects.map((o, i) => ({ o, i, v: evalPath(path, jsonData(o), o)[0] }));
  if (objects.length > 0 && keyed.every((k) => k.v === undefined)) {
    return { ok: false, error: `couldn't find any field with path "${relaxedJsonPath(expr)}" in the list of objects` };
  }
  keyed.sort((a, b) => {
    if (a.v === undefined || b.v === undefined) return a.v === b.v ? a.i - b.i : a.v === undefined ? -1 : 1;
    if (typeof a.v === 'number' && typeof b.v === 'number') return a.v - b.v || a.i - b.i;
    const x = typeof a.v === 'string' ? a.v : JSON.stringify(a.v);
    const y = typeof b.v === 'string' ? b.v : JSON.stringify(b.v);
    return x < y ? -1 : x > y ? 1 : a.i - b.i;
  });
  return { ok: true, objects: keyed.map((k) => k.o) };
}

/** `kubectl get`: tables with the server's columns, or any -o format, for one or many types. */
const getOnce: KubectlVerb = {
  name: 'get',
  short: 'Display one or many resources',
  long: `Display one or many resources.

 Prints a table of the most important information about the specified resources. You can filter the list using a label selector and the --selector flag. If the desired resource type is namespaced you will only see results in the current namespace unless you pass --all-namespaces.

 By specifying the output as 'template' and providing a Go template as the value of the --template flag, you can filter the attributes of the fetched resources.

Use "kubectl api-resources" for a complete list of supported resources.`,
  examples: `# List all pods in ps output format
kubectl get pods

# List all pods in ps output format with more information (such as node name)
kubectl get pods -o wide

# List deployments and replica sets together
kubectl get deploy,rs -n payments

# List a single pod in JSON output format
kubectl get -o json pod web-pod-13je7

# List pods whose label app is web, sorted by restart count
kubectl get pods -l app=web --sort-by=.status.containerStatuses[0].restartCount

# List the names and nodes of all pods
kubectl get pods -A -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName

# List warning events
kubectl get events --field-selector type=Warning`,
  usage: 'kubectl get [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file|custom-columns|custom-columns-file|wide] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags] [options]',
  flags: [
    ...filenameFlags('Filename, directory, or URL to files identifying the resource to get from a server.'),
    { name: 'all-namespaces', short: 'A', type: 'bool', help: 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.' },
    { name: 'output', short: 'o', type: 'string', help: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file, custom-columns, custom-columns-file, wide). See custom columns [https://kubernetes.io/docs/reference/kubectl/#custom-columns], golang template [http://golang.org/pkg/text/template/#pkg-overview] and jsonpath template [https://kubernetes.io/docs/reference/kubectl/jsonpath/].' },
    { name: 'selector', short: 'l', type: 'string', help: "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints." },
    { name: 'field-selector', type: 'string', help: "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type." },
    { name: 'show-labels', type: 'bool', help: 'When printing, show all labels as the last column (default hide labels column)' },
    { name: 'label-columns', short: 'L', type: 'stringArray', help: 'Accepts a comma separated list of labels that are going to be presented as columns. Names are case-sensitive. You can also use multiple flag options like -L label1 -L label2...' },
    { name: 'sort-by', type: 'string', help: "If non-empty, sort list types using this field specification.  The field specification is expressed as a JSONPath expression (e.g. '{.metadata.name}'). The field in the API resource specified by this JSONPath expression must be an integer or a string." },
    { name: 'no-headers', type: 'bool', help: 'When using the default or custom-column output format, don\'t print headers (default print headers).' },
    { name: 'show-kind', type: 'bool', help: 'If present, list the resource type for the requested object(s).' },
    { name: 'ignore-not-found', type: 'bool', help: 'If set to true, suppresses NotFound error for specific objects that do not exist. Using this flag with commands that query for collections of resources has no effect when no resources are found.' },
    { name: 'watch', short: 'w', type: 'bool', help: 'After listing/getting the requested object, watch for changes.' },
    { name: 'watch-only', type: 'bool', help: 'Watch for changes to the requested object(s), without listing/getting first.' },
    { name: 'output-watch-events', type: 'bool', help: 'Output watch event objects when --watch or --watch-only is used. Existing objects are output as initial ADDED events.' },
    { name: 'raw', type: 'string', help: 'Raw URI to request from the server.  Uses the transport specified by the kubeconfig file.' },
    { name: 'chunk-size', type: 'int', default: 500, help: 'Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future.' },
  ],
  run(inv, ctx) {
    const v = inv.flags.values;
    if (inv.flags.given.has('raw')) {
      if (inv.flags.positionals.length) return fail('error: arguments may not be passed when --raw is specified\n');
      // The API server answers its health endpoints itself, without waiting on etcd.
      ctx.wait(API_BASE_MS, true);
      return rawGet(ctx.state, String(v.raw));
    }
    const fromFiles = (v.filename as string[] | undefined) ?? [];
    if (fromFiles.length || String(v.kustomize ?? '') !== '') return getNamed(inv, ctx);
    const out = parseOutputFormat(String(v.output ?? ''));
    if (!out.ok) return fail(`error: ${out.error}\n`);
    const format = out.format;
    const args = inv.flags.positionals;
    if (args.length === 0) return fail(REQUIRED);
    const parsedArgs = parseResourceArgs(args);
    if (!parsedArgs.ok) return fail(`error: ${parsedArgs.error}\n`);
    const req = parsedArgs.req;
    const named = req.groups.some((g) => g.names.length > 0);
    if (inv.allNamespaces && named) return fail('error: a resource cannot be retrieved by name across all namespaces\n');
    const labelSel = parseLabelSelector(String(v.selector ?? ''));
    if (!labelSel.ok) return fail(`error: ${labelSel.error}\n`);
    if (named && String(v.selector ?? '') !== '') return fail('error: name cannot be provided when a selector is specified\n');
    const fieldSel = parseFieldSelector(String(v['field-selector'] ?? ''));
    if (!fieldSel.ok) return fail(`error: ${fieldSel.error}\n`);
    for (const g of req.groups) {
      const bad = unsupportedField(g.type, fieldSel.reqs);
      if (bad) {
        return fail(`Error from server (BadRequest): Unable to find "${g.type.group ? `${g.type.group}/${g.type.version}` : `/${g.type.version}`}, Resource=${g.type.plural}" that match label selector "${String(v.selector ?? '')}", field selector "${String(v['field-selector'])}": field label not supported: ${bad}\n`);
      }
    }
    const namespace = inv.allNamespaces ? undefined : inv.namespace;
    // Without -l or --field-selector every object is kept (ten thousand pods need not be matched against nothing).
    const everything = String(v.selector ?? '').trim() === '' && fieldSel.reqs.length === 0;
    let found = findObjects(ctx.state, req, namespace, everything ? () => true : (o) => selectorMatches(labelSel.selector, o.metadata.labels) && matchesFields(fieldSel.reqs, o));
    const sortBy = String(v['sort-by'] ?? '');
    if (sortBy !== '') {
      const sorted = [];
      for (const g of found) {
        const s = sortObjects(g.objects, sortBy);
        if (!s.ok) return fail(`error: ${s.error}\n`);
        sorted.push({ ...g, objects: s.objects });
      }
      found = sorted;
    }
    const errors = v['ignore-not-found'] === true ? [] : found.flatMap((g) => g.missing.map((n) => notFoundMessage(g.type, n)));
    // The API server's deprecation warnings come first, as kubectl's warning handler prints them.
    const warnings = req.groups.flatMap((g) => (g.type.deprecation ? [`Warning: ${g.type.deprecation}\n`] : []));
    const stderr = warnings.join('') + errors.map((e) => e + '\n').join('');
    const exitCode = errors.length ? 1 : 0;
    const total = found.reduce((n, g) => n + g.objects.length, 0);
    const noHeaders = v['no-headers'] === true;

    if (format.kind !== 'table' && format.kind !== 'wide') {
      const text = printGeneric(format, found, req.singleItem, noHeaders);
      if (total === 0 && (format.kind === 'custom-columns' || format.kind === 'name') && !errors.length && !named) {
        return { stdout: '', stderr: noneFound(inv.allNamespaces, found, inv.namespace), exitCode: 0 };
      }
      if (total === 0 && errors.length && (format.kind === 'yaml' || format.kind === 'json') && req.singleItem) return { stdout: '', stderr, exitCode };
      return { stdout: text, stderr, exitCode, ...(warnings.length ? { interleaved: warnings.join('') + text + stderr.slice(warnings.join('').length) } : {}) };
    }
    if (total === 0) {
      if (errors.length || (named && v['ignore-not-found'] === true)) return { stdout: '', stderr, exitCode };
      return { stdout: '', stderr: noneFound(inv.allNamespaces, found, inv.namespace), exitCode: 0 };
    }
    const withKind = v['show-kind'] === true || found.length > 1 || req.multipleTypes === true;
    const labelColumns = (Array.isArray(v['label-columns']) ? v['label-columns'] : []).flatMap((s) => s.split(',')).filter((s) => s !== '');
    const tables = found.filter((g) => g.objects.length > 0).map((g) => printTable(g.type, g.objects, {
      wide: format.kind === 'wide', withNamespace: inv.allNamespaces, withKind, showLabels: v['show-labels'] === true,
      labelColumns, noHeaders, state: ctx.state,
    }));
    const stdout = tables.join('\n');
    return { stdout, stderr, exitCode, ...(warnings.length ? { interleaved: warnings.join('') + stdout + stderr.slice(warnings.join('').length) } : {}) };
  },
};

/** `kubectl get`, with `-w`/`--watch-only` following the cluster after (or instead of) the listing. */
/**
 * `kubectl get -f FILE` / `-k DIR`: the objects the files (or the kustomization's build) name,
 * fetched from the server as `get TYPE/NAME …` would, one request per namespace they are in.
 */
function getNamed(inv: KubectlInvocation, ctx: CommandContext): CommandResult {
  const v = inv.flags.values;
  const files = v.filename as string[];
  const kustomize = String(v.kustomize ?? '');
  if (files.length && kustomize) return fail('error: only one of -f or -k can be specified\n');
  if (inv.flags.positionals.length) return fail(`error: Unexpected args: [${inv.flags.positionals.join(' ')}]\nSee 'kubectl get -h' for help and examples\n`);
  const read = readManifests(ctx, files, { verb: 'get', namespace: inv.namespace, namespaceGiven: inv.flags.given.has('namespace'), recursive: v.recursive === true, kustomize });
  if (!read.ok) return fail(`error: ${read.error}\n`);
  const byNamespace = new Map<string, string[]>();
  for (const i of read.items) {
    const ns = i.namespace ?? inv.namespace;
    byNamespace.set(ns, [...(byNamespace.get(ns) ?? []), `${qualifiedPlural(i.type)}/${i.object.metadata.name}`]);
  }
  const results = [...byNamespace].map(([namespace, refs]) => getOnce.run({ ...inv, namespace, flags: { ...inv.flags, positionals: refs, values: { ...v, filename: [], kustomize: '' } } }, ctx));
  return { stdout: results.map((r) => r.stdout).join(''), stderr: results.map((r) => r.stderr).join(''), exitCode: Math.max(...results.map((r) => r.exitCode)) };
}

export const getVerb: KubectlVerb = { ...getOnce, run: (inv, ctx) => watchable(inv, ctx, getOnce.run(inv, ctx)) };

/** `No resources found in shop namespace.` (namespaced, one namespace) or `No resources found`. */
function noneFound(all: boolean, found: readonly { type: { namespaced: boolean } }[], namespace: string): string {
  return !all && found.some((g) => g.type.namespaced) ? `No resources found in ${namespace} namespace.\n` : 'No resources found\n';
}

