import { findCommand } from '../commands/registry.ts';
import type { CommandContext, ShellFrame } from '../commands/types.ts';
import { readHostFile } from '../host/files.ts';
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
  const frame: ShellFrame = on === undefined
    ? { place: 'laptop', host: 'laptop', user: 'learner', cwd: '/home/learner' }
    : { place: 'node', host: on, user: 'root', cwd: '/root' };
  let snapshot = state;
  const context = (argv: string[], stdin: string): CommandContext => ({
    argv,
    stdin,
    get state() { return snapshot; },
    frame,
    get host() { return snapshot.hosts[frame.host]; },
    dispatch: (action) => { snapshot = applyAction(snapshot, action); },
    wait: () => undefined,
    history: [],
    readFile: (path) => readHostFile(snapshot, snapshot.hosts[frame.host], path, frame.cwd),
  });
  try {
    return runLine(line, { lookup: (name) => findCommand(frame.place, name), context, frame: () => frame, now: () => snapshot.now, lastExit: 0 }).output;
  } catch {
    return '';
  }
}
