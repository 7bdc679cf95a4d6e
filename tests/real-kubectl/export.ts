import type { ClusterState } from '../../src/core/model/state.ts';
import { splitWords } from '../../src/core/commands/kubectl/testing.ts';
import { VERBS } from '../../src/core/commands/kubectl/verbs/registry.ts';
import { runVerb } from '../../src/core/commands/kubectl/verbs/describe/runVerb.ts';
import { KINDS } from '../../src/core/kinds/registry.ts';

/**
 * Our `kubectl VERB …` on a frozen state: the verb's own output for `line` at `state.now`, without
 * the API latency a scenario may add (which would move the clock between our output and the export).
 */
export function ours(state: ClusterState, line: string): string {
  const [, name, ...args] = splitWords(line);
  const verb = VERBS.find((v) => v.name === name);
  if (!verb) throw new Error(`no kubectl verb ${name}`);
  return runVerb(verb, state, args).stdout;
}

/**
 * Every object of a state, exported the way a learner would get them: our own
 * `kubectl get <type> -A -o json` for each type the simulator models (node Leases and
 * EndpointSlices included, which real kubectl's node and service describers read).
 */
export function exportState(state: ClusterState): unknown[] {
  const items: Record<string, unknown>[] = [];
  for (const t of KINDS) {
    if (!t.table) continue;
    const out = ours(state, `kubectl get ${t.plural}${t.namespaced ? ' -A' : ''} -o json`);
    items.push(...(JSON.parse(out) as { items: Record<string, unknown>[] }).items);
  }
  return items;
}
