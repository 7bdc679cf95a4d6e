import type { Taint } from '../../../../model/k8s.ts';
import type { CommandResult } from '../../../types.ts';
import { rfc3339 } from '../../../../time.ts';
import type { KubectlVerb } from '../../verb.ts';
import { resolveKind } from '../../../../kinds/registry.ts';
import { parseLabelSelector, selectorMatches } from '../../../../k8s/labels.ts';

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;
const fail = (stderr: string): CommandResult => ({ stdout: '', stderr, exitCode: 1 });

/** One taint argument: `key=value:Effect` (add) or `key:Effect-` / `key-` (remove). */
type TaintArg = { remove: false; taint: Taint } | { remove: true; key: string; effect?: Taint['effect'] };

/** Parses a taint argument; errors are kubectl's text without `error: `. */
export function parseTaintArg(arg: string): { ok: true; t: TaintArg } | { ok: false; error: string } {
  if (arg.endsWith('-')) {
    const body = arg.slice(0, -1);
    const [key, effect] = body.split(':');
    if (effect !== undefined && !(EFFECTS as readonly string[]).includes(effect)) return { ok: false, error: `invalid taint effect: ${effect}, unsupported taint effect` };
    return { ok: true, t: { remove: true, key, effect: effect as Taint['effect'] | undefined } };
  }
  const colon = arg.lastIndexOf(':');
  if (colon < 0) return { ok: false, error: `invalid taint spec: ${arg}` };
  const kv = arg.slice(0, colon);
  const effect = arg.slice(colon + 1);
  if (!(EFFECTS as readonly string[]).includes(effect)) return { ok: false, error: `invalid taint effect: ${effect}, unsupported taint effect` };
  const eq = kv.indexOf('=');
  const key = eq < 0 ? kv : kv.slice(0, eq);
  const value = eq < 0 ? undefined : kv.slice(eq + 1);
  if (!/^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(key)) return { ok: false, error: `invalid taint spec: ${arg}, name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')` };
  const taint: Taint = { key, effect: effect as Taint['effect'] };
  if (value !== undefined && value !== '') taint.value = value;
  return { ok: true, t: { remove: false, taint } };
}

/** `kubectl taint nodes NAME key=value:Effect` / `key:Effect-` (kubectl pkg/cmd/taint). */
export const taint: KubectlVerb = {
  name: 'taint',
  short: 'Update the taints on one or more nodes',
  long: `Update the taints on one or more nodes.

  *  A taint consists of a key, value, and effect. As an argument here, it is expressed as key=value:effect.
  *  The key must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 253 characters.
  *  The value is optional. If given, it must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 63 characters.
  *  The effect must be NoSchedule, PreferNoSchedule or NoExecute.
  *  Currently taint can only apply to node.`,
  examples: `# Update node 'foo' with a taint with key 'dedicated' and value 'special-user' and effect 'NoSchedule'
# If a taint with that key and effect already exists, its value is replaced as specified
kubectl taint nodes foo dedicated=special-user:NoSchedule

# Remove from node 'foo' the taint with key 'dedicated' and effect 'NoSchedule' if one exists
kubectl taint nodes foo dedicated:NoSchedule-

# Remove from node 'foo' all the taints with key 'dedicated'
kubectl taint nodes foo dedicated-`,
  usage: 'kubectl taint NODE NAME KEY_1=VAL_1:TAINT_EFFECT_1 ... KEY_N=VAL_N:TAINT_EFFECT_N [options]',
  flags: [
    { name: 'overwrite', type: 'bool', help: 'If true, allow taints to be overwritten, otherwise reject taint updates that overwrite existing taints.' },
    { name: 'selector', short: 'l', type: 'string', help: "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints." },
    { name: 'all', type: 'bool', help: 'Select all nodes in the cluster' },
    { name: 'dry-run', type: 'string', default: 'none', help: 'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.' },
  ],
  run(inv, ctx) {
    const args = inv.flags.positionals;
    const isTaint = (a: string) => a.includes(':') || a.includes('=') || a.endsWith('-');
    const firstTaint = args.findIndex(isTaint);
    const resources = firstTaint < 0 ? args : args.slice(0, firstTaint);
    const specs = firstTaint < 0 ? [] : args.slice(firstTaint);
    const usage = `See 'kubectl taint -h' for help and examples\n`;
    if (resources.length === 0) return fail(`error: at least one resource name must be specified since 'all' parameter is not set\n${usage}`);
    if (specs.length === 0) return fail(`error: at least one taint update is required\n${usage}`);
    let names: string[] = [];
    if (resources[0].includes('/')) {
      for (const r of resources) {
        const [t, n] = r.split('/');
        if (resolveKind(t)?.kind !== 'Node') return fail(`error: invalid resource type ${t}, only node types are supported\n`);
        names.push(n);
      }
    } else {
      const t = resolveKind(resources[0]);
      if (!t) return fail(`error: the server doesn't have a resource type "${resources[0]}"\n`);
      if (t.kind !== 'Node') return fail(`error: invalid resource type ${resources[0]}, only node types are supported\n`);
      names = resources.slice(1);
    }
    const selector = String(inv.flags.values.selector ?? '');
    if (selector || inv.flags.values.all === true) {
      const sel = parseLabelSelector(selector);
      if (!sel.ok) return fail(`error: ${sel.error}\n`);
      names = Object.keys(ctx.state.nodes).sort().filter((n) => selectorMatches(sel.selector, ctx.state.nodes[n].metadata.labels));
    }
    if (names.length === 0) return fail(`error: at least one resource name must be specified since 'all' parameter is not set\n${usage}`);
    const parsed: TaintArg[] = [];
    for (const s of specs) {
      const p = parseTaintArg(s);
      if (!p.ok) return fail(`error: ${p.error}\n`);
      parsed.push(p.t);
    }
    let stdout = '';
    let stderr = '';
    for (const n of names) {
      if (!Object.hasOwn(ctx.state.nodes, n)) { stderr += `Error from server (NotFound): nodes "${n}" not found\n`; continue; }
      let taints = [...(ctx.state.nodes[n].spec?.taints ?? [])];
      let error: string | undefined;
      const adds = parsed.filter((p): p is Extract<TaintArg, { remove: false }> => !p.remove);
      const removes = parsed.filter((p): p is Extract<TaintArg, { remove: true }> => p.remove);
      for (const r of removes) {
        const before = taints.length;
        taints = taints.filter((t) => !(t.key === r.key && (r.effect === undefined || t.effect === r.effect)));
        if (taints.length === before) { error = `taint "${r.key}${r.effect ? `:${r.effect}` : ''}" not found`; break; }
      }
      if (!error && inv.flags.values.overwrite !== true) {
        const clash = adds.filter((a) => taints.some((t) => t.key === a.taint.key && t.effect === a.taint.effect));
        if (clash.length) error = `node ${n} already has ${clash.map((c) => c.taint.key).join(',')} taint(s) with same effect(s) and --overwrite is false`;
      }
      if (error) { stderr += `error: ${error}\n`; continue; }
      for (const a of adds) {
        const t: Taint = { ...a.taint };
        if (t.effect === 'NoExecute') t.timeAdded = rfc3339(ctx.state.now);
        const i = taints.findIndex((x) => x.key === t.key && x.effect === t.effect);
        if (i >= 0) taints[i] = t; else taints.push(t);
      }
      const dry = String(inv.flags.values['dry-run'] ?? 'none');
      if (dry === 'none') ctx.dispatch({ type: 'node/setTaints', node: n, taints });
      const what = adds.length && removes.length ? 'modified' : adds.length ? 'tainted' : 'untainted';
      stdout += `node/${n} ${what}${dry === 'none' ? '' : ` (${dry} dry run)`}\n`;
    }
    return { stdout, stderr, exitCode: stderr ? 1 : 0 };
  },
};
