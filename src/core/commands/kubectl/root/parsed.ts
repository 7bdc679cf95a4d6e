import type { ParsedFlags } from '../../flags.ts';
import { parsedFromFlags, type ParsedCommand } from '../../parsed.ts';
import { resolveKind } from '../../../kinds/registry.ts';

type Resource = NonNullable<ParsedCommand['resources']>[number];

/** The registry's plural for a typed type word (`rs` → replicasets); the word itself, lower-cased, when unknown. */
const plural = (typed: string) => resolveKind(typed)?.plural ?? typed.toLowerCase();

/** Verbs whose first positional is `TYPE[,TYPE…]` or `TYPE/NAME` (kubectl's resource builder). */
const TYPE_FIRST = new Set(['get', 'describe', 'delete', 'label', 'annotate', 'patch', 'scale', 'edit', 'explain', 'wait', 'rollout', 'set', 'taint', 'autoscale', 'expose']);
/** Verbs that address one pod (`POD` or `TYPE/NAME`). */
const POD_VERBS = new Set(['logs', 'exec', 'attach', 'port-forward', 'debug', 'cp']);
/** Verbs that address nodes by name. */
const NODE_VERBS = new Set(['cordon', 'uncordon', 'drain']);

/** Words that are not object names: `key=value` labels and patches, `key-` removals, `c=image`. */
const notAName = (w: string) => w.includes('=') || (w.endsWith('-') && w.length > 1) || w.includes(':');

/** `TYPE/NAME` words as resources, or undefined when `w` has no slash. */
function slashed(w: string): Resource | undefined {
  const at = w.indexOf('/');
  if (at <= 0) return undefined;
  return { resource: plural(w.slice(0, at)), name: w.slice(at + 1) };
}

/**
 * The resources a kubectl command line addresses, as kubectl's resource builder reads its
 * positionals: `get deployment,rs` → deployments and replicasets; `get pods a b` → pods a and b;
 * `describe pod/x` → pods x; `logs x` → pods x; `drain n` → nodes n; `top pod` → pods.
 */
export function kubectlResources(path: readonly string[], positionals: readonly string[], flags: ParsedFlags): Resource[] {
  const [verb, sub] = path;
  if (verb === 'top' && sub) return withNames([sub === 'node' ? 'nodes' : 'pods'], positionals);
  if (verb === 'events') {
    const f = flags.raw.for?.at(-1);
    return f ? [slashed(f) ?? { resource: plural(f) }] : [{ resource: 'events' }];
  }
  if (NODE_VERBS.has(verb)) return withNames(['nodes'], positionals);
  if (POD_VERBS.has(verb)) {
    const first = positionals[0];
    if (!first) return [];
    return [slashed(first) ?? { resource: 'pods', name: first }];
  }
  if (!TYPE_FIRST.has(verb) || positionals.length === 0) return [];
  // `explain pod.spec.tolerations` documents the pods type.
  if (verb === 'explain') return [{ resource: plural(positionals[0].split('.')[0]) }];
  if (positionals[0].includes('/')) return positionals.map(slashed).filter((r): r is Resource => !!r);
  const types = positionals[0].split(',').filter(Boolean).map(plural);
  return withNames(types, positionals.slice(1));
}

function withNames(types: readonly string[], words: readonly string[]): Resource[] {
  const names = words.filter((w) => !notAName(w));
  if (names.length === 0) return types.map((resource) => ({ resource }));
  return types.flatMap((resource) => names.map((name) => ({ resource, name })));
}

/** The parse record of a kubectl line whose flags parsed (docs/shapes.md §1). */
export function kubectlParsed(path: readonly string[], flags: ParsedFlags, namespace: string, allNamespaces: boolean): ParsedCommand {
  return parsedFromFlags('kubectl', [...path], flags, {
    resources: kubectlResources(path, flags.positionals, flags),
    namespace: allNamespaces ? '*' : namespace,
  });
}
