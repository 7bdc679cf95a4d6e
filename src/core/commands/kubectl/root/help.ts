import type { FlagSpec } from '../../flags.ts';
import type { KubectlVerb } from '../verb.ts';
import { GLOBAL_FLAGS } from './globalFlags.ts';
import { byteCompare } from '../../../compare.ts';

/**
 * kubectl's top-level command list, grouped as `kubectl --help` groups it (kubectl 1.33). The
 * order matters: cobra lists "Did you mean this?" suggestions in this order. Commands the
 * simulator implements take their summary from the verb; the others are listed so help and
 * suggestions look like the real tool.
 */
export const COMMAND_GROUPS: readonly { title: string; commands: readonly [string, string][] }[] = [
  { title: 'Basic Commands (Beginner)', commands: [
    ['create', 'Create a resource from a file or from stdin'],
    ['expose', 'Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service'],
    ['run', 'Run a particular image on the cluster'],
    ['set', 'Set specific features on objects'],
  ] },
  { title: 'Basic Commands (Intermediate)', commands: [
    ['explain', 'Get documentation for a resource'],
    ['get', 'Display one or many resources'],
    ['edit', 'Edit a resource on the server'],
    ['delete', 'Delete resources by file names, stdin, resources and names, or by resources and label selector'],
  ] },
  { title: 'Deploy Commands', commands: [
    ['rollout', 'Manage the rollout of a resource'],
    ['scale', 'Set a new size for a deployment, replica set, or replication controller'],
    ['autoscale', 'Auto-scale a deployment, replica set, stateful set, or replication controller'],
  ] },
  { title: 'Cluster Management Commands', commands: [
    ['certificate', 'Modify certificate resources'],
    ['cluster-info', 'Display cluster information'],
    ['top', 'Display resource (CPU/memory) usage'],
    ['cordon', 'Mark node as unschedulable'],
    ['uncordon', 'Mark node as schedulable'],
    ['drain', 'Drain node in preparation for maintenance'],
    ['taint', 'Update the taints on one or more nodes'],
  ] },
  { title: 'Troubleshooting and Debugging Commands', commands: [
    ['describe', 'Show details of a specific resource or group of resources'],
    ['logs', 'Print the logs for a container in a pod'],
    ['attach', 'Attach to a running container'],
    ['exec', 'Execute a command in a container'],
    ['port-forward', 'Forward one or more local ports to a pod'],
    ['proxy', 'Run a proxy to the Kubernetes API server'],
    ['cp', 'Copy files and directories to and from containers'],
    ['auth', 'Inspect authorization'],
    ['debug', 'Create debugging sessions for troubleshooting workloads and nodes'],
    ['events', 'List events'],
  ] },
  { title: 'Advanced Commands', commands: [
    ['diff', 'Diff the live version against a would-be applied version'],
    ['apply', 'Apply a configuration to a resource by file name or stdin'],
    ['patch', 'Update fields of a resource'],
    ['replace', 'Replace a resource by file name or stdin'],
    ['wait', 'Experimental: Wait for a specific condition on one or many resources'],
    ['kustomize', 'Build a kustomization target from a directory or URL'],
  ] },
  { title: 'Settings Commands', commands: [
    ['label', 'Update the labels on a resource'],
    ['annotate', 'Update the annotations on a resource'],
    ['completion', 'Output shell completion code for the specified shell (bash, zsh, fish, or powershell)'],
  ] },
  { title: 'Subcommands provided by plugins', commands: [] },
  { title: 'Other Commands', commands: [
    ['api-resources', 'Print the supported API resources on the server'],
    ['api-versions', 'Print the supported API versions on the server, in the form of "group/version"'],
    ['config', 'Modify kubeconfig files'],
    ['plugin', 'Provides utilities for interacting with plugins'],
    ['version', 'Print the client and server version information'],
  ] },
];

/** Every top-level command name, in help order (plus `alpha` and `options`, which cobra also offers). */
export const ALL_COMMAND_NAMES: readonly string[] = [...COMMAND_GROUPS.flatMap((g) => g.commands.map(([n]) => n)), 'alpha', 'options'];

/** `kubectl` / `kubectl --help`: the top-level help. */
export function rootHelp(verbs: ReadonlyMap<string, KubectlVerb>): string {
  const lines = [
    'kubectl controls the Kubernetes cluster manager.',
    '',
    ' Find more information at: https://kubernetes.io/docs/reference/kubectl/',
    '',
  ];
  for (const g of COMMAND_GROUPS) {
    lines.push(`${g.title}:`);
    for (const [name, short] of g.commands) {
      const text = verbs.get(name)?.short ?? short;
      lines.push(`  ${name.padEnd(14)}  ${text}`);
    }
    lines.push('');
  }
  lines.push('Usage:', '  kubectl [flags] [options]', '',
    'Use "kubectl <command> --help" for more information about a given command.',
    'Use "kubectl options" for a list of global command-line options (applies to all commands).');
  return lines.join('\n') + '\n';
}

function flagDefault(f: FlagSpec): string {
  if (f.helpDefault !== undefined) return f.helpDefault;
  const d = f.default;
  switch (f.type) {
    case 'bool': return String(d ?? false);
    case 'int': return String(d ?? 0);
    case 'stringArray': return `[${Array.isArray(d) ? d.join(',') : ''}]`;
    // pflag prints a Duration's default bare (`--since=0s`); our duration flags are strings.
    default: return typeof d === 'string' && /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/.test(d) ? d : `'${d ?? ''}'`;
  }
}

/** kubectl's flag listing: `    -o, --output='':` then the help on a tab-indented line. */
export function formatFlags(flags: readonly FlagSpec[]): string {
  return [...flags]
    .filter((f) => !f.hidden)
    .sort((a, b) => byteCompare(a.name, b.name))
    .map((f) => `    ${f.short ? `-${f.short}, ` : ''}--${f.name}=${flagDefault(f)}:\n\t${f.help}\n`)
    .join('\n');
}

/**
 * `kubectl <verb> --help`, built from the verb's data. `path` is the command path as dispatched
 * (['create', 'secret']), for the "Use … <command> --help" line; without it the usage line's first
 * two words stand in.
 */
export function verbHelp(verb: KubectlVerb, path?: readonly string[]): string {
  const parts = [`${verb.long ?? verb.short}\n`];
  // cobra's NameAndAliases, as kubectl's template prints it (unindented).
  if (verb.aliases?.length) parts.push(`Aliases:\n${[verb.name, ...verb.aliases].join(', ')}\n`);
  // kubectl's usage template: Examples (every line indented, blank ones too), then sub-commands.
  if (verb.examples) parts.push(`Examples:\n${verb.examples.split('\n').map((l) => `  ${l}`).join('\n')}\n`);
  if (verb.subcommands?.length) {
    // cobra's NamePadding (at least 11) plus the template's two spaces, unless the verb says otherwise.
    const pad = verb.subcommandPadding ?? Math.max(11, ...verb.subcommands.map((c) => c.name.length)) + 2;
    parts.push(`Available Commands:\n${verb.subcommands.map((s) => `  ${s.name.padEnd(pad)} ${s.short}`).join('\n')}\n`);
  }
  if (verb.flags.some((f) => !f.hidden)) parts.push(`Options:\n${formatFlags(verb.flags)}`);
  parts.push(`Usage:\n  ${verb.usage}\n`);
  const tail = verb.subcommands?.length
    ? `Use "${path ? ['kubectl', ...path].join(' ') : verb.usage.split(' [')[0].split(' ').slice(0, 2).join(' ')} <command> --help" for more information about a given command.\n`
    : '';
  return parts.join('\n') + '\n' + tail + 'Use "kubectl options" for a list of global command-line options (applies to all commands).\n';
}

/** `kubectl options`: the global flags. */
export function optionsHelp(): string {
  return `The following options can be passed to any command:\n\n${formatFlags(GLOBAL_FLAGS)}`;
}
