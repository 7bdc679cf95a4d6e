import type { KubeObject } from '../../../../model/k8s.ts';
import type { CommandContext, CommandResult } from '../../../types.ts';
import type { KubectlInvocation, KubectlVerb } from '../../verb.ts';
import { describeObject, listObjects, qualifiedPlural, relatedOf, resolveKind } from '../../../../kinds/registry.ts';
import type { KindDef } from '../../../../kinds/types.ts';
import { parseLabelSelector, selectorMatches } from '../../../../k8s/labels.ts';
import { splitResourceTypeName } from '../get/query.ts';

/**
 * `kubectl describe TYPE [NAME_PREFIX | -l label] | TYPE/NAME`, kubectl 1.33: each object's
 * description, separated by two blank lines; an exact name, else every object whose name starts
 * with it; without a name every object in the namespace. Errors (unknown type, not found) go to
 * stderr in kubectl's words and make the exit code 1, after whatever could be described.
 */
export const verb: KubectlVerb = {
  name: 'describe',
  short: 'Show details of a specific resource or group of resources',
  usage: 'kubectl describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME) [options]',
  long: 'Show details of a specific resource or group of resources.\n\n Print a detailed description of the selected resources, including related resources such as events or controllers. You may select a single object by name, all objects of that type, provide a name prefix, or label selector.',
  examples: '  # Describe a node\n  kubectl describe nodes kubernetes-node-emt8.c.myproject.internal\n\n  # Describe a pod\n  kubectl describe pods/nginx\n\n  # Describe pods by label name=myLabel\n  kubectl describe pods -l name=myLabel',
  flags: [
    { name: 'all-namespaces', short: 'A', type: 'bool', help: 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.' },
    { name: 'selector', short: 'l', type: 'string', help: 'Selector (label query) to filter on, supports \'=\', \'==\', \'!=\', \'in\', \'notin\'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.' },
    { name: 'show-events', type: 'bool', default: true, help: 'If true, display events related to the described object.' },
    { name: 'chunk-size', type: 'int', default: 500, help: 'Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future.' },
    { name: 'filename', short: 'f', type: 'stringArray', help: 'Filename, directory, or URL to files containing the resource to describe' },
  ],
  run: runDescribe,
};

function runDescribe(opts: KubectlInvocation, ctx: CommandContext): CommandResult {
  const state = ctx.state;
  const args = opts.flags.positionals;
  const showEvents = opts.flags.values['show-events'] !== false;
  const selectorText = String(opts.flags.values.selector ?? '');
  if (!args.length) {
    return { stdout: '', stderr: 'error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n', exitCode: 1 };
  }
  const parsedSelector = parseLabelSelector(selectorText);
  if (!parsedSelector.ok) return { stdout: '', stderr: `error: ${parsedSelector.error}\n`, exitCode: 1 };
  const selector = parsedSelector.selector;

  // Targets: `TYPE name...`, `TYPE` alone, or one or more `TYPE/NAME`.
  const targets: { type: KindDef; name?: string }[] = [];
  const errors: string[] = [];
  if (args.some((a) => a.includes('/'))) {
    for (const a of args) {
      const split = splitResourceTypeName(a);
      if (!split) return { stdout: '', stderr: `error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl describe resource/<resource_name>' instead of 'kubectl describe resource resource/<resource_name>'\n`, exitCode: 1 };
      if (!split.ok) return { stdout: '', stderr: `error: ${split.error}\n`, exitCode: 1 };
      const type = resolveKind(split.typed);
      if (!type) return { stdout: '', stderr: `error: the server doesn't have a resource type "${split.typed}"\n`, exitCode: 1 };
      targets.push({ type, name: split.name });
    }
  } else {
    const types: KindDef[] = [];
    for (const t of args[0].split(',')) {
      const type = resolveKind(t);
      if (!type) return { stdout: '', stderr: `error: the server doesn't have a resource type "${t}"\n`, exitCode: 1 };
      types.push(type);
    }
    for (const type of types) {
      if (args.length === 1) targets.push({ type });
      else for (const n of args.slice(1)) targets.push({ type, name: n });
    }
  }

  const namespace = opts.allNamespaces ? undefined : opts.namespace;
  const described: string[] = [];
  let anyListed = false;
  for (const { type, name } of targets) {
    const pool = listObjects(state, type, type.namespaced ? namespace : undefined);
    let chosen: KubeObject[];
    if (name === undefined) {
      anyListed = true;
      chosen = pool.filter((o) => selectorMatches(selector, o.metadata.labels));
    } else {
      const exact = pool.filter((o) => o.metadata.name === name);
      chosen = exact.length ? exact : pool.filter((o) => o.metadata.name.startsWith(name) && name !== '');
      if (!chosen.length) {
        errors.push(`Error from server (NotFound): ${qualifiedPlural(type)} "${name}" not found\n`);
        continue;
      }
    }
    for (const o of chosen) {
      const text = describeObject(o, relatedOf(state, o, showEvents), state.now);
      if (text !== undefined) described.push(text);
    }
  }
  let stderr = errors.join('');
  if (!described.length && anyListed && !errors.length) {
    const scoped = targets.some((t) => t.type.namespaced) && namespace !== undefined;
    stderr += scoped ? `No resources found in ${namespace} namespace.\n` : 'No resources found\n';
  }
  return { stdout: described.join('\n\n'), stderr, exitCode: errors.length ? 1 : 0 };
}
