import { filePaths, isDirectory, listDirectory, resolvePath } from '../../../host/files.ts';
import { fileMeta, type FileMeta } from '../../../host/meta.ts';
import { globRegex } from '../../../shell/expand.ts';
import type { Command, CommandContext } from '../../types.ts';
import { fail } from '../../types.ts';
import { matching } from '../args.ts';

/** One test of the expression, and whether it needs the file's metadata. */
type Test = (path: string, name: string, meta: () => FileMeta, depth: number) => boolean;

const HELP = `Usage: find [-H] [-L] [-P] [-Olevel] [-D debugopts] [path...] [expression]

default path is the current directory; default expression is -print
Valid arguments for -D:
exec, opt, rates, search, stat, time, tree, all, help
Use '-D help' for a description of the options, or see find(1)

Please see also the documentation at https://www.gnu.org/software/findutils/.
You can report (and track progress on fixing) bugs in the "find"
bug-reporting page at https://savannah.gnu.org/ or, if
you have no web access, by sending email to <bug-findutils@gnu.org>.
`;

/** `+N`, `-N`, `N` as find compares numbers: more than, less than, exactly. */
function compare(spec: string, value: number): boolean {
  const n = Number(spec.replace(/^[+-]/, ''));
  return spec.startsWith('+') ? value > n : spec.startsWith('-') ? value < n : value === n;
}

const SIZE_UNITS: Record<string, number> = { c: 1, w: 2, b: 512, k: 1024, M: 1024 ** 2, G: 1024 ** 3 };

/**
 * GNU findutils `find` over the host's files (the same tree `ls` and `cat` see, /proc and
 * /sys included): start paths, then an expression of `-name`/`-iname`, `-path`, `-type f|d`,
 * `-maxdepth`/`-mindepth`, `-mtime`/`-mmin`, `-size`, `-empty`, `-newer`-less numeric tests,
 * `!`/`-not`, `-o`, `-print`, `-exec CMD {} \;` (through the shell's programs). Directories are
 * walked in name order; unknown predicates and missing paths answer as GNU find does.
 */
export const find: Command = {
  name: 'find',
  places: ['node'],
  summary: 'search for files in a directory hierarchy',
  run(ctx) {
    const args = ctx.argv.slice(1);
    if (args[0] === '--help') return { stdout: HELP, stderr: '', exitCode: 0 };
    if (args[0] === '--version') return { stdout: 'find (GNU findutils) 4.9.0\n', stderr: '', exitCode: 0 };
    const starts: string[] = [];
    while (args.length && !args[0].startsWith('-') && args[0] !== '!' && args[0] !== '(') starts.push(args.shift()!);
    if (!starts.length) starts.push('.');
    let maxDepth = Infinity;
    let minDepth = 0;
    // The expression as alternatives (split at -o) of conjunctions of (possibly negated) tests.
    const alternatives: Test[][] = [[]];
    const execs: string[][] = [];
    let negate = false;
    const push = (t: Test) => { const n = negate; negate = false; alternatives[alternatives.length - 1].push(n ? (...a) => !t(...a) : t); };
    const now = ctx.state.now;
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      const need = () => {
        const v = args[++i];
        if (v === undefined) throw new Error(`find: missing argument to \`${a}'\n`);
        return v;
      };
      try {
        switch (a) {
          case '!': case '-not': negate = !negate; break;
          case '-a': case '-and': case '(': case ')': break;
          case '-o': case '-or': alternatives.push([]); break;
          case '-name': case '-iname': { const re = globRegex(need(), false); const ci = a === '-iname'; const src = ci ? new RegExp(re.source, 'si') : re; push((_p, name) => src.test(name)); break; }
          case '-path': case '-wholename': { const re = globRegex(need(), false); push((p) => re.test(p)); break; }
          case '-type': { const t = need(); if (!['f', 'd', 'l', 'b', 'c', 'p', 's'].includes(t)) throw new Error(`find: Unknown argument to -type: ${t}\n`); push((_p, _n, m) => (t === 'd' ? m().dir : t === 'f' ? !m().dir : false)); break; }
          case '-maxdepth': { const v = need(); if (!/^\d+$/.test(v)) throw new Error(`find: Expected a positive decimal integer argument to -maxdepth, but got ‘${v}’\n`); maxDepth = Number(v); break; }
          case '-mindepth': { const v = need(); if (!/^\d+$/.test(v)) throw new Error(`find: Expected a positive decimal integer argument to -mindepth, but got ‘${v}’\n`); minDepth = Number(v); break; }
          case '-mtime': case '-mmin': { const v = need(); const unit = a === '-mtime' ? 86_400_000 : 60_000; if (!/^[+-]?\d+$/.test(v)) throw new Error(`find: invalid argument \`${v}' to \`${a}'\n`); push((_p, _n, m) => compare(v, Math.floor((now - m().mtime) / unit))); break; }
          case '-size': { const v = need(); const m = /^([+-]?\d+)([cwbkMG]?)$/.exec(v); if (!m) throw new Error(`find: invalid -size type \`${v.slice(-1)}'\n`); const u = SIZE_UNITS[m[2] || 'b']; push((_p, _n, meta) => compare(m[1], Math.ceil(meta().size / u))); break; }
          case '-empty': push((_p, _n, m) => !m().dir && m().size === 0); break;
          case '-user': { const u = need(); push((_p, _n, m) => m().owner === u); break; }
          case '-print': case '-print0': break;
          case '-ls': case '-xdev': case '-mount': case '-follow': case '-depth': break;
          case '-exec': {
            const cmd: string[] = [];
            while (i + 1 < args.length && args[i + 1] !== ';' && args[i + 1] !== '+') cmd.push(args[++i]);
            if (i + 1 >= args.length) throw new Error('find: missing argument to `-exec\'\n');
            i++;
            execs.push(cmd);
            break;
          }
          default:
            if (a.startsWith('-')) throw new Error(`find: unknown predicate \`${a}'\n`);
            throw new Error(`find: paths must precede expression: \`${a}'\n`);
        }
      } catch (e) {
        return fail((e as Error).message);
      }
    }
    const matches = (path: string, name: string, meta: () => FileMeta, depth: number) => alternatives.some((conj) => conj.every((t) => t(path, name, meta, depth)));
    let stdout = '';
    let stderr = '';
    const viewer = { user: ctx.frame.user, place: ctx.frame.place, cwd: ctx.frame.cwd };
    // One metadata getter for the whole walk (not a closure per file): `current` is the file being tested.
    let current = '';
    let cached: FileMeta | undefined;
    const meta = () => (cached ??= fileMeta(ctx.state, ctx.host, current, viewer) ?? { dir: false, size: 0, mtime: now, owner: 'root', mode: '-rw-r--r--', links: 1 });
    for (const start of starts) {
      const abs = resolvePath(start, ctx.frame.cwd);
      const exists = isDirectory(ctx.state, ctx.host, abs) || filePaths(ctx.state, ctx.host).includes(abs);
      if (!exists) { stderr += `find: ‘${start}’: No such file or directory\n`; continue; }
      const visit = (absPath: string, shown: string, depth: number) => {
        const name = depth === 0 ? start : absPath.slice(absPath.lastIndexOf('/') + 1);
        current = absPath;
        cached = undefined;
        if (depth >= minDepth && matches(absPath, name, meta, depth)) {
          if (execs.length) stdout += runExecs(ctx, execs, shown);
          else stdout += `${shown}\n`;
        }
        if (depth >= maxDepth) return;
        const kids = listDirectory(ctx.state, ctx.host, absPath);
        if (!kids) return;
        const dir = absPath === '/' ? '' : absPath;
        const shownDir = shown === '/' ? '' : shown.replace(/\/$/, '');
        for (const k of kids) visit(`${dir}/${k}`, `${shownDir}/${k}`, depth + 1);
      };
      visit(abs, start, 0);
    }
    return { stdout, stderr, exitCode: stderr ? 1 : 0 };
  },
  complete: (_w, partial, ctx) => matching([...filePaths(ctx.state, ctx.host), '-name', '-type', '-maxdepth', '-mtime', '-mmin', '-size', '-exec', '-print'], partial),
};

/** Runs each `-exec` command with `{}` replaced by the path, as find forks them. */
function runExecs(ctx: CommandContext, execs: string[][], path: string): string {
  let out = '';
  for (const cmd of execs) {
    const argv = cmd.map((w) => w.replaceAll('{}', path));
    const r = ctx.exec?.(argv, '');
    out += r ? r.stdout + r.stderr : `find: ‘${argv[0]}’: No such file or directory\n`;
  }
  return out;
}
