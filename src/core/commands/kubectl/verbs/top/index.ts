import type { Node, Pod } from '../../../../model/k8s.ts';
import type { CommandContext, CommandResult } from '../../../types.ts';
import type { KubectlInvocation, KubectlVerb } from '../../verb.ts';
import { parseQuantity } from '../../../../model/quantity.ts';
import { TabWriter } from '../../../../printers/tabwriter.ts';
import { byteCompare } from '../../../../printers/describe/writer.ts';
import { parseLabelSelector, selectorMatches } from '../../../../k8s/labels.ts';
import { matchesFields, parseFieldSelector } from '../get/selectors.ts';
import { goDuration, parseTimestamp } from '../../../../time.ts';
import { metricsApiDown, nodeUsage, podUsage, type Usage } from '../../../../sim/metrics.ts';

const TOP_HELP = `Display resource (CPU/memory) usage.

 The top command allows you to see the resource consumption for nodes or pods.

 This command requires Metrics Server to be correctly configured and working on the server.

Available Commands:
  node          Display resource (CPU/memory) usage of nodes
  pod           Display resource (CPU/memory) usage of pods

Usage:
  kubectl top [flags] [options]

Use "kubectl top <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

const sortFlag = { name: 'sort-by', type: 'string' as const, help: 'If non-empty, sort nodes list using specified field. The field can be either \'cpu\' or \'memory\'.' };
const selectorFlag = { name: 'selector', short: 'l', type: 'string' as const, help: 'Selector (label query) to filter on, supports \'=\', \'==\', \'!=\', \'in\', \'notin\'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.' };
const noHeadersFlag = { name: 'no-headers', type: 'bool' as const, help: 'If present, print output without headers' };

/** How kubectl talks to the Metrics API: a transport choice that changes nothing printed. */
const PROTOBUF_FLAG = { name: 'use-protocol-buffers', type: 'bool' as const, default: true, help: 'Enables using protocol-buffers to access Metrics API.' };

/** `kubectl top node [NAME]`: usage and share of allocatable; `<unknown>` for nodes without metrics. */
export const topNode: KubectlVerb = {
  name: 'node',
  aliases: ['nodes', 'no'],
  short: 'Display resource (CPU/memory) usage of nodes',
  usage: 'kubectl top node [NAME | -l label] [options]',
  flags: [sortFlag, selectorFlag, noHeadersFlag, { name: 'show-capacity', type: 'bool', help: 'Print node resources based on Capacity instead of Allocatable(default) of the nodes.' }, PROTOBUF_FLAG],
  run(opts, ctx) {
    // kubectl asks discovery first: without the metrics.k8s.io group it stops here.
    if (metricsApiDown(ctx.state)) return fail('error: Metrics API not available\n');
    const v = opts.flags.values;
    const sortBy = String(v['sort-by'] ?? '');
    if (sortBy && sortBy !== 'cpu' && sortBy !== 'memory') return fail('error: --sort-by accepts only cpu or memory\n');
    const name = args(opts)[0];
    const sel = parseLabelSelector(String(v.selector ?? ''));
    if (!sel.ok) return fail(`error: ${sel.error}\n`);
    let nodes: Node[] = Object.values(ctx.state.nodes);
    if (name !== undefined) {
      nodes = nodes.filter((n) => n.metadata.name === name);
      if (!nodes.length) return fail(`Error from server (NotFound): nodes "${name}" not found\n`);
    }
    nodes = nodes.filter((n) => selectorMatches(sel.selector, n.metadata.labels));
    if (!nodes.length) return fail('error: metrics not available yet\n');
    const measured = nodes.map((n) => ({ n, u: nodeUsage(ctx.state, n) }));
    const withMetrics = sortRows(measured.filter((m) => m.u).map((m) => ({ name: m.n.metadata.name, u: m.u!, n: m.n })), sortBy);
    const w = new TabWriter(6, 3);
    if (v['no-headers'] !== true) w.write('NAME\tCPU(cores)\tCPU(%)\tMEMORY(bytes)\tMEMORY(%)\t\n');
    for (const { n, u } of withMetrics) {
      const avail = v['show-capacity'] === true ? n.status.capacity : n.status.allocatable;
      const cpuAvail = Number(parseQuantity(avail?.cpu)?.milli ?? 0n);
      const memAvail = Number(parseQuantity(avail?.memory)?.milli ?? 0n);
      const pct = (used: number, of: number) => (of ? Math.trunc((used / of) * 100) : 0);
      w.write(`${n.metadata.name}\t${u.cpuMilli}m\t${pct(u.cpuMilli, cpuAvail)}%\t${Math.floor(u.memBytes / (1024 * 1024))}Mi\t${pct(u.memBytes * 1000, memAvail)}%\t\n`);
    }
    for (const { n } of measured.filter((m) => !m.u).sort((a, b) => byteCompare(a.n.metadata.name, b.n.metadata.name))) {
      w.write(`${n.metadata.name}\t<unknown>\t<unknown>\t<unknown>\t<unknown>\t\n`);
    }
    return { stdout: w.toString(), stderr: '', exitCode: 0 };
  },
};

/** `kubectl top pod [NAME]`: usage per pod (or per container with --containers). */
export const topPod: KubectlVerb = {
  name: 'pod',
  aliases: ['pods', 'po'],
  short: 'Display resource (CPU/memory) usage of pods',
  usage: 'kubectl top pod [NAME | -l label] [options]',
  // top pod words --sort-by and --no-headers a little differently from top node.
  flags: [{ ...sortFlag, help: "If non-empty, sort pods list using specified field. The field can be either 'cpu' or 'memory'." }, selectorFlag, { ...noHeadersFlag, help: 'If present, print output without headers.' }, { name: 'all-namespaces', short: 'A', type: 'bool', help: 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.' }, { name: 'containers', type: 'bool', help: 'If present, print usage of containers within a pod.' }, { name: 'sum', type: 'bool', help: 'Print the sum of the resource usage' },
    { name: 'field-selector', type: 'string', help: "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type." }, PROTOBUF_FLAG],
  run(opts, ctx) {
    // kubectl asks discovery first: without the metrics.k8s.io group it stops here.
    if (metricsApiDown(ctx.state)) return fail('error: Metrics API not available\n');
    const v = opts.flags.values;
    const sortBy = String(v['sort-by'] ?? '');
    if (sortBy && sortBy !== 'cpu' && sortBy !== 'memory') return fail('error: --sort-by accepts only cpu or memory\n');
    const name = args(opts)[0];
    const all = opts.allNamespaces && name === undefined;
    const sel = parseLabelSelector(String(v.selector ?? ''));
    if (!sel.ok) return fail(`error: ${sel.error}\n`);
    let pods: Pod[] = Object.values(ctx.state.pods).filter((p) => all || (p.metadata.namespace ?? 'default') === opts.namespace);
    if (name !== undefined) {
      pods = pods.filter((p) => p.metadata.name === name);
      if (!pods.length) return fail(`Error from server (NotFound): pods "${name}" not found\n`);
    }
    // metrics-server lists the pods with the field selector as the API server would (the Pod kind's fields).
    const fields = parseFieldSelector(String(v['field-selector'] ?? ''));
    if (!fields.ok) return fail(`error: ${fields.error}\n`);
    pods = pods.filter((p) => selectorMatches(sel.selector, p.metadata.labels) && matchesFields(fields.reqs, p));
    const rows = pods.map((p) => ({ p, m: podUsage(ctx.state, p) }));
    if (name !== undefined && !rows[0].m) {
      const created = parseTimestamp(rows[0].p.metadata.creationTimestamp) ?? ctx.state.now;
      return fail(`error: Metrics not available for pod ${opts.namespace}/${name}, age: ${goDuration(ctx.state.now - created)}\n`);
    }
    const measured = rows.filter((r) => r.m).map((r) => ({ name: r.p.metadata.name, ns: r.p.metadata.namespace ?? 'default', u: r.m!.total, r }));
    if (!measured.length) return fail(all ? 'No resources found\n' : `No resources found in ${opts.namespace} namespace.\n`, 0);
    const sorted = sortRows(measured, sortBy, all);
    const w = new TabWriter(6, 3);
    const containers = v.containers === true;
    if (v['no-headers'] !== true) w.write(`${all ? 'NAMESPACE\t' : ''}${containers ? 'POD\t' : ''}NAME\tCPU(cores)\tMEMORY(bytes)\t\n`);
    const cell = (u: Usage) => `${u.cpuMilli}m\t${Math.floor(u.memBytes / (1024 * 1024))}Mi\t`;
    for (const row of sorted) {
      const ns = all ? `${row.ns}\t` : '';
      if (!containers) w.write(`${ns}${row.name}\t${cell(row.u)}\n`);
      else for (const c of row.r.m!.containers) w.write(`${ns}${row.name}\t${c.name}\t${cell(c.usage)}\n`);
    }
    if (v.sum === true) {
      const total = sorted.reduce((t, r) => ({ cpuMilli: t.cpuMilli + r.u.cpuMilli, memBytes: t.memBytes + r.u.memBytes }), { cpuMilli: 0, memBytes: 0 });
      const lead = `${all ? '\t' : ''}${containers ? '\t' : ''}\t`;
      w.write(`${lead}________\t________\t\n${lead}${cell(total)}\n`);
    }
    return { stdout: w.toString(), stderr: '', exitCode: 0 };
  },
};

/**
 * `kubectl top`: dispatches to `node` / `pod` when the root hands it the sub-command as a
 * positional; alone it prints its help to stderr with exit 1, as kubectl 1.33 does.
 */
export const verb: KubectlVerb = {
  name: 'top',
  short: 'Display resource (CPU/memory) usage',
  usage: 'kubectl top [flags] [options]',
  long: TOP_HELP.split('\n\nAvailable Commands:')[0],
  flags: [],
  subcommands: [topNode, topPod],
  run(opts: KubectlInvocation, ctx: CommandContext): CommandResult {
    const [sub, ...rest] = opts.flags.positionals;
    const target = [topNode, topPod].find((s) => s.name === sub || s.aliases?.includes(sub ?? ''));
    if (!target) return { stdout: '', stderr: TOP_HELP, exitCode: 1 };
    return target.run({ ...opts, path: [...opts.path, sub], flags: { ...opts.flags, positionals: rest } }, ctx);
  },
};

const fail = (stderr: string, exitCode = 1): CommandResult => ({ stdout: '', stderr, exitCode });

/** Positionals after the sub-command word when the root left it in place. */
function args(opts: KubectlInvocation): string[] {
  const p = opts.flags.positionals;
  return p.length && ['node', 'nodes', 'no', 'pod', 'pods', 'po'].includes(p[0]) && opts.path.length < 2 ? p.slice(1) : p;
}

function sortRows<T extends { name: string; ns?: string; u: Usage }>(rows: T[], sortBy: string, withNamespace = false): T[] {
  return [...rows].sort((a, b) => {
    if (sortBy === 'cpu') return b.u.cpuMilli - a.u.cpuMilli;
    if (sortBy === 'memory') return b.u.memBytes - a.u.memBytes;
    if (withNamespace && a.ns !== b.ns) return byteCompare(a.ns ?? '', b.ns ?? '');
    return byteCompare(a.name, b.name);
  });
}
