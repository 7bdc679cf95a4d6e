import type { KubeObject } from '../../../../model/k8s.ts';
import type { ClusterState } from '../../../../model/state.ts';
import type { OutputFormat } from '../../../../printers/output.ts';
import { parseOutputFormat } from '../../../../printers/output.ts';
import type { CommandContext, CommandResult, Follow } from '../../../types.ts';
import type { KubectlInvocation } from '../../verb.ts';
import { printGeneric, printTable, type TableOptions } from './print.ts';
import { findObjects, parseResourceArgs, type FoundGroup, type ResourceRequest } from './query.ts';
import { matchesFields, parseFieldSelector } from './selectors.ts';
import { parseLabelSelector, selectorMatches } from '../../../../k8s/labels.ts';
import { parseDuration } from '../../../../time.ts';

/**
 * Adds the watch to a `kubectl get` that listed successfully, when `-w`/`--watch`/`--watch-only`
 * was given: the listing (dropped with --watch-only), then a follow until Ctrl-C.
 */
export function watchable(inv: KubectlInvocation, ctx: CommandContext, listed: CommandResult): CommandResult {
  const v = inv.flags.values;
  const only = v['watch-only'] === true;
  if (v.watch !== true && !only) return listed;
  if (listed.exitCode !== 0 && listed.stdout === '') return listed;
  const out = parseOutputFormat(String(v.output ?? ''));
  const args = parseResourceArgs(inv.flags.positionals);
  const labels = parseLabelSelector(String(v.selector ?? ''));
  const fields = parseFieldSelector(String(v['field-selector'] ?? ''));
  if (!out.ok || !args.ok || !labels.ok || !fields.ok) return listed;
  const keep = (o: KubeObject) => selectorMatches(labels.selector, o.metadata.labels) && matchesFields(fields.reqs, o);
  const table = { wide: out.format.kind === 'wide', withNamespace: inv.allNamespaces, withKind: args.req.groups.length > 1, showLabels: v['show-labels'] === true, labelColumns: [] };
  const watching = watchFollow(ctx.state, args.req, inv.allNamespaces ? undefined : inv.namespace, keep, out.format, table);
  const timeoutMs = parseDuration(String(v['request-timeout'] ?? '0')) ?? 0;
  const follow = timeoutMs > 0 ? untilTimeout(watching, ctx.state.now + timeoutMs) : watching;
  // `No resources found` is not printed when watching: kubectl waits for the first one.
  return { ...listed, stdout: only ? '' : listed.stdout, stderr: /^No resources found/.test(listed.stderr) ? '' : listed.stderr, follow };
}

/**
 * A watch under `--request-timeout`: the server closes the watch request when the timeout
 * passes, and kubectl ends quietly with exit 0, after the events seen until then.
 */
function untilTimeout(follow: Follow, endsAt: number): Follow {
  return {
    ...follow,
    nextAt: () => Math.min(follow.nextAt?.() ?? endsAt, endsAt),
    poll(s, from, to, dispatch) {
      const seen = follow.poll(s, from, Math.min(to, endsAt), dispatch);
      return to >= endsAt ? { ...seen, done: { exitCode: 0 } } : seen;
    },
  };
}

/** How often a watch looks at the cluster (virtual ms): the session steps the clock to each look, so output does not depend on how ticks arrive. */
export const WATCH_STEP_MS = 1000;

/**
 * `kubectl get … -w` / `--watch-only`: after the listing (unless watch-only), one line per change
 * of a matching object as the cluster moves on the virtual clock: a new object, an update (an
 * object is a new value whenever the simulation changed it), a deletion (its last state). Each
 * event line is laid out on its own, as kubectl's watch printer does (no header, no shared widths).
 * Runs until Ctrl-C, which prints nothing more.
 */
export function watchFollow(
  state: ClusterState, req: ResourceRequest, namespace: string | undefined, keep: (o: KubeObject) => boolean,
  format: OutputFormat, table: Omit<TableOptions, 'state' | 'noHeaders'>,
): Follow {
  const key = (kind: string, o: KubeObject) => `${kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
  const snapshot = (s: ClusterState) => {
    const m = new Map<string, { group: FoundGroup; obj: KubeObject }>();
    for (const g of findObjects(s, req, namespace, keep)) for (const o of g.objects) m.set(key(g.type.kind, o), { group: g, obj: o });
    return m;
  };
  let seen = snapshot(state);
  let due = state.now + WATCH_STEP_MS;
  const line = (group: FoundGroup, obj: KubeObject, s: ClusterState): string => {
    if (format.kind === 'table' || format.kind === 'wide') return printTable(group.type, [obj], { ...table, noHeaders: true, state: s });
    return printGeneric(format, [{ type: group.type, objects: [obj] }], true, true);
  };
  return {
    nextAt: () => due,
    poll(s, _from, to) {
      if (to < due) return { stdout: '', stderr: '' };
      due = to + WATCH_STEP_MS - ((to - due) % WATCH_STEP_MS);
      const now = snapshot(s);
      let out = '';
      for (const [k, cur] of now) {
        const prev = seen.get(k);
        if (!prev || prev.obj !== cur.obj) out += line(cur.group, cur.obj, s);
      }
      for (const [k, prev] of seen) if (!now.has(k)) out += line(prev.group, prev.obj, s);
      seen = now;
      return { stdout: out, stderr: '' };
    },
  };
}
