import type { CommandContext } from '../../types.ts';
import type { KubectlVerb } from '../verb.ts';
import { ALL_COMMAND_NAMES } from './help.ts';
import { GLOBAL_FLAGS } from './globalFlags.ts';
import { ALLOWED_FORMATS } from '../../../printers/output.ts';
import { listObjects, resolveKind, KINDS } from '../../../kinds/registry.ts';
import { explainChildren, explainDocs } from '../../../kinds/explain.ts';
import { contextNamespace, KUBECONFIG_PATH, parseKubeconfig } from '../../../kubeconfig.ts';

/**
 * File and directory names for `-f` (bash's default filename completion): the next path segment
 * under what is typed, relative to the working directory unless absolute; directories end in `/`.
 */
function pathCandidates(partial: string, ctx: Pick<CommandContext, 'frame' | 'host'>): string[] {
  const typedDir = partial.slice(0, partial.lastIndexOf('/') + 1);
  const base = partial.startsWith('/') ? '' : `${ctx.frame.cwd.replace(/\/$/, '')}/`;
  const dir = base + typedDir;
  const dirs = ctx.host.dirs ?? [];
  const out = new Set<string>();
  for (const p of [...Object.keys(ctx.host.files), ...dirs]) {
    if (!p.startsWith(dir) || p.length === dir.length) continue;
    const rest = p.slice(dir.length);
    const seg = rest.split('/')[0];
    const isDir = rest.includes('/') || dirs.includes(dir + seg);
    if (seg.startsWith('.') && !partial.slice(typedDir.length).startsWith('.')) continue;
    out.add(`${typedDir}${seg}${isDir ? '/' : ''}`);
  }
  return [...out].filter((c) => c.startsWith(partial)).sort();
}

/** What a verb's positional arguments name, for completion. */
const ARG_KIND: Record<string, 'type-name' | 'node' | 'pod' | 'field' | 'none'> = {
  get: 'type-name', describe: 'type-name', label: 'type-name', annotate: 'type-name', scale: 'type-name', patch: 'type-name', delete: 'type-name',
  cordon: 'node', uncordon: 'node', drain: 'node', taint: 'type-name', logs: 'pod', exec: 'pod', debug: 'pod', explain: 'field',
  expose: 'type-name', autoscale: 'type-name', attach: 'pod',
};

/**
 * Tab completion for a kubectl line: verbs, flags, `-o` formats, namespaces after `-n`, resource
 * types, and object names in the namespace given by `-n` (default `default`).
 */
export function completeKubectl(words: readonly string[], partial: string, ctx: Pick<CommandContext, 'state' | 'frame' | 'host'>, verbs: readonly KubectlVerb[]): string[] {
  const w = words[0] === 'kubectl' ? words.slice(1) : [...words];
  const starts = (xs: Iterable<string>) => [...new Set(xs)].filter((x) => x.startsWith(partial)).sort();
  const prev = w[w.length - 1];
  const nsIdx = w.findIndex((x) => x === '-n' || x === '--namespace');
  const nsEq = w.find((x) => x.startsWith('--namespace='));
  // Without -n, the kubeconfig's current namespace, as kubectl's own completion uses.
  // Read only when the file is there (a missing one means the default config, without a namespace).
  const text = ctx.host?.files?.[KUBECONFIG_PATH];
  const loaded = text === undefined ? undefined : parseKubeconfig(text, ctx.state);
  const config = loaded && 'config' in loaded ? loaded.config : undefined;
  const namespace = nsEq ? nsEq.slice(12) : nsIdx >= 0 && nsIdx + 1 < w.length ? w[nsIdx + 1] : config ? contextNamespace(config) : 'default';
  if (prev === '-n' || prev === '--namespace') return starts(Object.keys(ctx.state.namespaces));
  if (prev === '-f' || prev === '--filename') return pathCandidates(partial, ctx);
  if (prev === '-o' || prev === '--output') return starts(ALLOWED_FORMATS.filter((f) => !f.endsWith('-file')));
  const positional = w.filter((x, i) => !x.startsWith('-') && !(i > 0 && ['-n', '--namespace', '-o', '--output', '-l', '--selector', '-c', '--container'].includes(w[i - 1])));
  const verb = verbs.find((v) => v.name === positional[0] || v.aliases?.includes(positional[0] ?? ''));
  // The deepest sub-command named so far (`create secret generic`): its flags and its sub-commands.
  let level = verb;
  let depth = 1;
  while (level?.subcommands?.length && positional.length > depth) {
    const sub: KubectlVerb | undefined = level.subcommands.find((s) => s.name === positional[depth] || s.aliases?.includes(positional[depth]));
    if (!sub) break;
    level = sub;
    depth++;
  }
  if (partial.startsWith('-')) {
    const flags = [...(level?.flags ?? []), ...GLOBAL_FLAGS];
    return starts(flags.filter((f) => !f.hidden).map((f) => `--${f.name}`));
  }
  if (positional.length === 0) return starts([...verbs.map((v) => v.name), ...ALL_COMMAND_NAMES.filter((n) => verbs.some((v) => v.name === n))]);
  if (!verb || !level) return [];
  if (level.subcommands?.length && positional.length === depth) return starts(level.subcommands.map((s) => s.name));
  if (verb.name === 'config' && ['use-context', 'get-contexts', 'set-context', 'delete-context', 'rename-context'].includes(level.name) && config) {
    return starts(config.contexts.map((c) => c.name));
  }
  const kind = Object.hasOwn(ARG_KIND, verb.name) ? ARG_KIND[verb.name] : 'none';
  const names = (typeName: string) => {
    const t = resolveKind(typeName);
    return t ? listObjects(ctx.state, t, t.namespaced ? namespace : undefined).map((o) => o.metadata.name) : [];
  };
  if (kind === 'node') return starts(names('nodes'));
  if (kind === 'field' && positional.length === 1) {
    // `explain pod.spec.tol` → the documented fields below the path typed so far.
    const dot = partial.lastIndexOf('.');
    const def = dot >= 0 ? resolveKind(partial.slice(0, partial.indexOf('.'))) : undefined;
    if (dot < 0) return starts(KINDS.flatMap((t) => [t.plural, t.singular, ...t.shortNames]));
    if (!def) return [];
    const path = partial.slice(partial.indexOf('.') + 1, dot);
    return starts(explainChildren(explainDocs(def), path).map((f) => `${partial.slice(0, dot)}.${f}`));
  }
  if (kind === 'pod') return positional.length === 1 ? starts(names('pods')) : [];
  if (kind === 'type-name') {
    const slash = partial.indexOf('/');
    if (slash >= 0) {
      const t = partial.slice(0, slash);
      return starts(names(t).map((n) => `${t}/${n}`));
    }
    if (positional.length === 1) {
      return starts([...KINDS.filter((t) => t.table).flatMap((t) => [t.plural, t.singular, ...t.shortNames]), ...(verb.name === 'get' ? ['all'] : [])]);
    }
    return starts(names(positional[1].split(',')[0]));
  }
  return [];
}
