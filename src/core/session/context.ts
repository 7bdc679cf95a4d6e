import { containerView, readContainerFile } from '../container/view.ts';
import type { CommandContext, ShellFrame } from '../commands/types.ts';
import { readHostFile } from '../host/files.ts';
import type { ClusterState } from '../model/state.ts';
import type { Action } from '../sim/actions.ts';

export { LAPTOP } from './prompt.ts';

/** A root shell on a node, as `ssh NODE` opens it. */
export const nodeFrame = (host: string): ShellFrame => ({ place: 'node', host, user: 'root', cwd: '/root' });

/** Where a command's context gets the world from: the live session, or a throwaway snapshot. */
export interface ContextSource {
  state(): ClusterState;
  dispatch(action: Action): void;
  /** Lets virtual time pass (ms); `busy` marks time spent waiting on the API server or etcd. */
  wait(ms: number, busy?: boolean): void;
  history: string[];
  /** The shell's job table (absent for throwaway contexts: the grader's probes). */
  jobs?: CommandContext['jobs'];
  /** What listens on this machine's loopback ports (background port-forward, proxy). */
  listener?: CommandContext['listener'];
}

/**
 * The CommandContext for one command run in `frame`. State and host are read live (a command sees
 * its own dispatched actions). Files come from the pod's container inside a debug container, from
 * the node's machine elsewhere.
 */
export function commandContext(argv: string[], stdin: string, frame: ShellFrame, source: ContextSource): CommandContext {
  return {
    argv,
    stdin,
    get state() { return source.state(); },
    frame,
    get host() { return source.state().hosts[frame.host]; },
    dispatch: (action) => source.dispatch(action),
    wait: (ms, busy) => source.wait(ms, busy),
    history: source.history,
    ...(source.jobs ? { jobs: source.jobs } : {}),
    ...(source.listener ? { listener: source.listener } : {}),
    readFile: (path) => {
      const state = source.state();
      const view = containerView(state, frame);
      return view ? readContainerFile(view, path, frame.cwd) : readHostFile(state, state.hosts[frame.host], path, frame.cwd);
    },
  };
}
