import { findCommand } from '../commands/registry.ts';
import type { Action } from '../sim/actions.ts';
import { commandContext, LAPTOP, nodeFrame } from './context.ts';
import type { ClusterState } from '../model/state.ts';
import { runLine } from '../shell/interpreter.ts';
import { applyAction } from '../sim/reduce.ts';

/**
 * Runs a command line against a snapshot of the cluster for the grader's end-state checks
 * (`kubectl get pdb x -o jsonpath=…`, `etcdctl endpoint status` on a control-plane node) and
 * returns stdout + stderr. `on` is a node name (run there as root) or absent (the laptop).
 * Nothing leaks out: actions a command dispatches change a private copy, never the session.
 * An unknown node gives an empty string. Outputs are remembered per state: states never change in
 * place (each action makes a new one), and the live verdict re-grades on every pause in typing.
 */
export function probeState(state: ClusterState, line: string, on?: string): string {
  let known = outputs.get(state);
  if (!known) outputs.set(state, (known = new Map()));
  const key = `${on ?? ''}\n${line}`;
  let output = known.get(key);
  if (output === undefined) known.set(key, (output = run(state, line, on)));
  return output;
}

const outputs = new WeakMap<ClusterState, Map<string, string>>();

function run(state: ClusterState, line: string, on?: string): string {
  if (on !== undefined && !Object.hasOwn(state.hosts, on)) return '';
  const frame = on === undefined ? LAPTOP : nodeFrame(on);
  let snapshot = state;
  const source = { state: () => snapshot, dispatch: (action: Action) => { snapshot = applyAction(snapshot, action); }, wait: () => undefined, history: [] };
  const context = (argv: string[], stdin: string) => commandContext(argv, stdin, frame, source);
  try {
    return runLine(line, { lookup: (name) => findCommand(frame.place, name), context, frame: () => frame, now: () => snapshot.now, lastExit: 0 }).output;
  } catch {
    return '';
  }
}
