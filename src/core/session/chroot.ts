import { containerView, listContainerDir } from '../container/view.ts';
import type { Command, CommandContext, CommandResult, ShellFrame } from '../commands/types.ts';
import { resolvePath } from '../host/files.ts';
import { shellQuote } from '../shell/interpreter.ts';

const USAGE = 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: chroot NEWROOT [PROG ARGS]\n\nRun PROG with root directory set to NEWROOT\n';
/** Programs that are an interactive shell on the node (busybox's chroot runs `$SHELL -i`, /bin/sh, without one). */
const SHELLS = ['/bin/sh', 'sh', '/bin/bash', 'bash', '/usr/bin/bash', '/usr/bin/sh', '/bin/dash', 'dash'];

/**
 * busybox `chroot NEWROOT [PROG ARGS]` in the node debugger's container (kubectl debug node/X):
 * `chroot /host` opens the node's own shell (a `node` frame carrying the debug pod, so `exit`
 * comes back to the container, printing bash's `exit`); `chroot /host CMD…` runs CMD among the
 * node's tools and returns (`runOnNode`). Any other directory has no shell to run.
 */
export function chrootCommand(runOnNode: (frame: ShellFrame, line: string) => CommandResult): Command {
  const run = (ctx: CommandContext): CommandResult => {
    const args = ctx.argv.slice(1);
    if (!args.length || args[0] === '--help') return { stdout: '', stderr: USAGE, exitCode: 1 };
    const view = containerView(ctx.state, ctx.frame);
    const dir = resolvePath(args[0], ctx.frame.cwd);
    if (!view || !listContainerDir(view, dir, '/')) return { stdout: '', stderr: `chroot: can't change root directory to '${args[0]}': No such file or directory\n`, exitCode: 1 };
    const prog = args[1] ?? '/bin/sh';
    if (!view.node?.root || dir !== '/host') return { stdout: '', stderr: `chroot: can't execute '${prog}': No such file or directory\n`, exitCode: 127 };
    const node: ShellFrame = { place: 'node', host: ctx.frame.host, user: 'root', cwd: '/', debug: ctx.frame.debug, onLeave: { actions: [], output: 'exit\n' } };
    if (SHELLS.includes(prog) && args.length <= 3 && (args[2] === undefined || args[2] === '-i' || args[2] === '-l')) return { stdout: '', stderr: '', exitCode: 0, enter: node };
    if (SHELLS.includes(prog) && args[2] === '-c') return runOnNode(node, args[3] ?? '');
    return runOnNode(node, args.slice(1).map(shellQuote).join(' '));
  };
  return { name: 'chroot', places: ['debug'], summary: 'Run PROG with root directory set to NEWROOT', run };
}
