import { containerKey, containerView, listContainerDir, readContainerFile } from '../container/view.ts';
import type { ShellFrame } from '../commands/types.ts';
import { isDirectory, listDirectory, readHostFile, resolvePath } from '../host/files.ts';
import type { ClusterState } from '../model/state.ts';
import type { Action } from '../sim/actions.ts';
import type { ShellFs } from '../shell/state.ts';

/**
 * The shell's file writes and directory listings on the machine of `frame`, as the real one
 * allows them: the learner may write under their home and /tmp on the laptop; root may write
 * anywhere on a node except the kernel's /proc and /sys (an existing file there accepts the
 * write and changes nothing the simulation models); a pod container's shell writes into its own
 * filesystem. Writes are cluster actions (`host/writeFile`), so they persist and replay exactly.
 */
export function shellFs(state: () => ClusterState, frame: ShellFrame, dispatch: (a: Action) => void): ShellFs {
  const inPod = frame.place === 'debug' && frame.debug;
  const container = inPod ? containerKey(frame.debug!.pod, frame.debug!.container) : undefined;
  // The node debugger's /host is the node's own root: what is written there lands on the machine.
  const target = (path: string): { path: string; container?: string } =>
    (frame.debug?.nodeDebug && inPod && frame.debug.hostRoot !== false && (path === '/host' || path.startsWith('/host/'))
      ? { path: path.slice('/host'.length) || '/' } : { path, ...(container ? { container } : {}) });
  const read = (abs: string) => {
    const s = state();
    const view = containerView(s, frame);
    if (view) return readContainerFile(view, abs, '/');
    return readHostFile(s, s.hosts[frame.host], abs, '/');
  };
  const isDir = (abs: string): boolean => {
    const s = state();
    const view = containerView(s, frame);
    if (view) return listContainerDir(view, abs, '/') !== undefined;
    const host = s.hosts[frame.host];
    return host ? isDirectory(s, host, abs) || abs === '/home/learner' : false;
  };
  return {
    write(abs, text, append) {
      const path = resolvePath(abs, '/');
      if (isDir(path)) return { ok: false, error: 'Is a directory' };
      const parent = path.slice(0, path.lastIndexOf('/')) || '/';
      if (!isDir(parent)) return { ok: false, error: 'No such file or directory' };
      if (frame.place === 'laptop' && !path.startsWith('/home/learner/') && !path.startsWith('/tmp/')) return { ok: false, error: 'Permission denied' };
      if (path.startsWith('/proc/') || path.startsWith('/sys/')) return read(path).ok ? { ok: true } : { ok: false, error: 'No such file or directory' };
      if (text === '' && append && read(path).ok) return { ok: true };
      if (!state().hosts[frame.host]) return { ok: false, error: 'Read-only file system' };
      dispatch({ type: 'host/writeFile', host: frame.host, ...target(path), text, ...(append ? { append: true } : {}) });
      return { ok: true };
    },
    mkdir(abs) {
      const path = resolvePath(abs, '/');
      if (isDir(path) || read(path).ok) return { ok: false, error: 'File exists' };
      const parent = path.slice(0, path.lastIndexOf('/')) || '/';
      if (!isDir(parent)) return { ok: false, error: 'No such file or directory' };
      if (frame.place === 'laptop' && !path.startsWith('/home/learner/') && !path.startsWith('/tmp/')) return { ok: false, error: 'Permission denied' };
      if (path.startsWith('/proc') || path.startsWith('/sys')) return { ok: false, error: 'No such file or directory' };
      dispatch({ type: 'host/mkdir', host: frame.host, ...target(path) });
      return { ok: true };
    },
    remove(abs) {
      const path = resolvePath(abs, '/');
      const s = state();
      const host = s.hosts[frame.host];
      const written = (host && (container ? Object.keys(host.containerFiles?.[container] ?? {}) : [...Object.keys(host.files), ...(host.dirs ?? [])])) ?? [];
      const exists = read(path).ok || isDir(path);
      if (!exists) return { ok: false, error: 'No such file or directory' };
      const mine = frame.place === 'laptop' ? path.startsWith('/home/learner/') || path.startsWith('/tmp/') : !path.startsWith('/proc') && !path.startsWith('/sys') && path !== '/';
      if (!mine) return { ok: false, error: frame.place === 'laptop' ? 'Permission denied' : 'Operation not permitted' };
      if (written.some((p) => p === path || p.startsWith(`${path}/`))) dispatch({ type: 'host/remove', host: frame.host, path, ...(container ? { container } : {}) });
      return { ok: true };
    },
    list(dir) {
      const s = state();
      const view = containerView(s, frame);
      if (view) return listContainerDir(view, dir, '/');
      const host = s.hosts[frame.host];
      return host ? listDirectory(s, host, dir) : undefined;
    },
  };
}
