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
 * An unknown node gives an empty string.
 */
export function probeState(state: ClusterState, line: string, on?: string): string {
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
