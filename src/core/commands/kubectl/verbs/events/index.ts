import type { KubeEvent } from '../../../../model/k8s.ts';
import type { CommandContext, CommandResult, Follow } from '../../../types.ts';
import type { ClusterState } from '../../../../model/state.ts';
import type { KubectlInvocation, KubectlVerb } from '../../verb.ts';
import { resolveKind } from '../../../../kinds/registry.ts';
import { apiOrder, eventInterval, sortEvents } from '../../../../printers/describe/events.ts';
import { TabWriter } from '../../../../printers/tabwriter.ts';

/**
 * `kubectl events` (client-side, kubectl 1.33): LAST SEEN, TYPE, REASON, OBJECT (`Kind/name` in
 * the API's case), MESSAGE, oldest first as kubectl sorts them; `--for TYPE/NAME`,
 * `--types=Warning,Normal`, `-A` adds NAMESPACE; `--no-headers`.
 */
export const verb: KubectlVerb = {
  name: 'events',
  short: 'List events',
  usage: 'kubectl events [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file] [--for TYPE/NAME] [--watch] [--types=Normal,Warning]',
  long: 'Display events.\n\n Prints a table of the most important information about events. You can request events for a namespace, for all namespace, or filtered to only those pertaining to a specified resource.',
  examples: '  # List recent events in the default namespace\n  kubectl events\n\n  # List recent events in all namespaces\n  kubectl events --all-namespaces\n\n  # List recent events for the specified pod, then wait for more events and list them as they arrive\n  kubectl events --for pod/web-pod-13je7 --watch\n\n  # List recent only events of type \'Warning\' or \'Normal\'\n  kubectl events --types=Warning,Normal',
  flags: [
    { name: 'all-namespaces', short: 'A', type: 'bool', help: 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.' },
    { name: 'for', type: 'string', help: 'Filter events to only those pertaining to the specified resource.' },
    { name: 'types', type: 'stringArray', help: 'Output only events of given types.' },
    { name: 'no-headers', type: 'bool', help: 'When using the default output format, don\'t print headers.' },
    { name: 'watch', short: 'w', type: 'bool', help: 'After listing the requested events, watch for more events.' },
    { name: 'chunk-size', type: 'int', default: 500, help: 'Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future.' },
  ],
  run: runEvents,
};

function runEvents(opts: KubectlInvocation, ctx: CommandContext): CommandResult {
  const v = opts.flags.values;
  // pflag's string slice reads each value as CSV: "" adds nothing, "," adds two empty types (refused).
  const types = (Array.isArray(v.types) ? v.types : []).flatMap((t) => (String(t) === '' ? [] : String(t).split(',')));
  if (types.some((t) => t.toLowerCase() !== 'normal' && t.toLowerCase() !== 'warning')) {
    return { stdout: '', stderr: 'error: valid --types are Normal or Warning\n', exitCode: 1 };
  }
  let forKind: string | undefined;
  let forName: string | undefined;
  const forText = String(v.for ?? '');
  if (forText) {
    // kubectl's decodeResourceTypeName: the slash rules, then the REST mapper (an empty resource
    // is its error; an unknown one prints without `error: `); an empty name filters nothing.
    const seg = forText.split('/');
    if (seg.length < 2) return { stdout: '', stderr: 'error: --for must be in resource/name form\n', exitCode: 1 };
    if (seg.length > 2) return { stdout: '', stderr: 'error: arguments in resource/name form may not have more than one slash\n', exitCode: 1 };
    if (!seg[0]) return { stdout: '', stderr: 'error: a resource must be present, got: /, Resource=\n', exitCode: 1 };
    const type = resolveKind(seg[0]);
    if (!type) return { stdout: '', stderr: `the server doesn't have a resource type "${seg[0]}"\n`, exitCode: 1 };
    if (seg[1]) {
      forKind = type.kind;
      forName = seg[1];
    }
  }
  const all = opts.allNamespaces;
  const keep = (e: KubeEvent) =>
    (all || (e.metadata.namespace ?? 'default') === opts.namespace) &&
    (forKind === undefined || (e.involvedObject.kind === forKind && e.involvedObject.name === forName)) &&
    (!types.length || types.some((t) => t.toLowerCase() === e.type.toLowerCase()));
  const listed = apiOrder(Object.values(ctx.state.events)).filter(keep);
  const follow = v.watch === true ? eventsFollow(ctx.state, keep, all) : undefined;
  if (!listed.length) {
    return { stdout: '', stderr: follow ? '' : all ? 'No events found.\n' : `No events found in ${opts.namespace} namespace.\n`, exitCode: 0, ...(follow ? { follow } : {}) };
  }
  return { stdout: eventsTable(sortEvents(listed), ctx.state.now, all, v['no-headers'] === true), stderr: '', exitCode: 0, ...(follow ? { follow } : {}) };
}

/**
 * `kubectl events -w`: after the listing, one line per new or updated event (a repeat bumps its
 * count) as the cluster moves, each laid out on its own; looks once a virtual second.
 */
function eventsFollow(state: ClusterState, keep: (e: KubeEvent) => boolean, all: boolean): Follow {
  let seen = new Map(Object.entries(state.events));
  let due = state.now + 1000;
  return {
    nextAt: () => due,
    poll(s, _from, to) {
      if (to < due) return { stdout: '', stderr: '' };
      due = to + 1000 - ((to - due) % 1000);
      const fresh = apiOrder(Object.entries(s.events).filter(([k, e]) => seen.get(k) !== e && keep(e)).map(([, e]) => e));
      seen = new Map(Object.entries(s.events));
      return { stdout: fresh.map((e) => eventsTable([e], s.now, all, true)).join(''), stderr: '' };
    },
  };
}

/** The events table through kubectl's printer tab writer (min width 6, padding 3). */
export function eventsTable(events: readonly KubeEvent[], now: number, withNamespace: boolean, noHeaders = false): string {
  const w = new TabWriter(6, 3);
  if (!noHeaders) w.write(`${withNamespace ? 'NAMESPACE\t' : ''}LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE\n`);
  for (const e of events) {
    const ns = withNamespace ? `${e.metadata.namespace ?? ''}\t` : '';
    w.write(`${ns}${eventInterval(e, now)}\t${e.type}\t${e.reason}\t${e.involvedObject.kind}/${e.involvedObject.name}\t${(e.message ?? '').trim()}\n`);
  }
  return w.toString();
}
