import { listContainerDir, readContainerFile } from '../../container/view.ts';
import { resolvePath } from '../../host/files.ts';
import { ctime } from '../../time.ts';
import type { Command } from '../types.ts';
import { bbArgs, bbUsage, noView, viewOf } from './common.ts';

const CAT_USAGE = bbUsage('cat', '[-nbvteA] [FILE]...', 'Print FILEs to stdout');
const LS_USAGE = bbUsage('ls', '[-1AaCxdLHRFplinshrSXvctu] [-w WIDTH] [FILE]...', 'List directory contents');

/** busybox `cat`: files of the container view (stdin for none or `-`). */
export const bbCat: Command = {
  name: 'cat',
  places: ['debug'],
  summary: 'Print FILEs to stdout',
  run(ctx) {
    const p = bbArgs('cat', CAT_USAGE, ctx.argv.slice(1), 'nbvteA');
    if (!p.ok) return p.result;
    const view = viewOf(ctx);
    if (!view) return noView('cat');
    let stdout = '';
    let stderr = '';
    for (const f of p.operands.length ? p.operands : ['-']) {
      if (f === '-') { stdout += ctx.stdin; continue; }
      const r = readContainerFile(view, f, ctx.frame.cwd);
      if (r.ok) stdout += r.text;
      else stderr += r.error === 'EISDIR' ? 'cat: read error: Is a directory\n' : `cat: can't open '${f}': No such file or directory\n`;
    }
    return { stdout, stderr, exitCode: stderr ? 1 : 0 };
  },
};

/**
 * busybox `ls`: one name per line (stdout is not a terminal here), `-a` adds `.` and `..`, `-l`
 * prints busybox's long format with the container's clock. Missing paths:
 * `ls: /x: No such file or directory`, exit 1.
 */
export const bbLs: Command = {
  name: 'ls',
  places: ['debug'],
  summary: 'List directory contents',
  run(ctx) {
    const p = bbArgs('ls', LS_USAGE, ctx.argv.slice(1), '1AaCxdLHRFplinshrSXvctu');
    if (!p.ok) return p.result;
    const view = viewOf(ctx);
    if (!view) return noView('ls');
    const long = p.flags.has('l');
    const all = p.flags.has('a');
    const targets = p.operands.length ? p.operands : ['.'];
    const stamp = ctime(ctx.state.now).slice(4, 16); // `Mar 12 14:05`, as busybox ls -l prints recent files
    const row = (name: string, dir: boolean, size: number) =>
      long ? `${dir ? 'drwxr-xr-x' : '-rw-r--r--'}    ${dir ? 2 : 1} root     root     ${String(size).padStart(9)} ${stamp} ${name}\n` : `${name}\n`;
    let stdout = '';
    let stderr = '';
    targets.forEach((t, i) => {
      const entries = listContainerDir(view, t, ctx.frame.cwd);
      if (entries) {
        if (targets.length > 1) stdout += `${i > 0 ? '\n' : ''}${t}:\n`;
        const base = resolvePath(t, ctx.frame.cwd);
        const names = [...(all ? ['.', '..'] : []), ...entries];
        for (const n of names) {
          const child = n === '.' || n === '..' ? undefined : readContainerFile(view, `${base}/${n}`, '/');
          const dir = !child || (!child.ok && child.error === 'EISDIR');
          stdout += row(n, dir, dir ? 4096 : child.ok ? child.text.length : 0);
        }
        return;
      }
      const f = readContainerFile(view, t, ctx.frame.cwd);
      if (f.ok) stdout += row(t, false, f.text.length);
      else stderr += `ls: ${t}: No such file or directory\n`;
    });
    return { stdout, stderr, exitCode: stderr ? 1 : 0 };
  },
};
