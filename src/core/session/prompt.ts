/**
 * Where every session starts and how bash draws its prompt there, kept apart from the session so the
 * browser can print a fresh run's first prompt before the simulator itself has loaded (src/ui/terminal/early.ts).
 */
import type { ShellFrame } from '../commands/types.ts';

/** The learner's own machine, where every session starts. */
export const LAPTOP: ShellFrame = { place: 'laptop', host: 'laptop', user: 'learner', cwd: '/home/learner' };

/**
 * bash's prompt on a machine (Debian's default PS1, `\u@\h:\w\$ `): the home directory as `~`, `#`
 * for root. `learner@laptop:~$ `, `root@ip-10-42-3-208:/var/log# `.
 */
export function hostPrompt(frame: Pick<ShellFrame, 'user' | 'host' | 'cwd'>): string {
  const home = frame.user === 'root' ? '/root' : `/home/${frame.user}`;
  const dir = frame.cwd === home ? '~' : frame.cwd.startsWith(`${home}/`) ? `~${frame.cwd.slice(home.length)}` : frame.cwd;
  return `${frame.user}@${frame.host}:${dir}${frame.user === 'root' ? '#' : '$'} `;
}

/** The prompt a fresh session shows first, in every scenario. */
export const FIRST_PROMPT = hostPrompt(LAPTOP);
