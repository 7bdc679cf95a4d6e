import { resolvePath } from '../../../host/files.ts';
import type { Command, CommandContext, CommandResult } from '../../types.ts';
import { tryHelp } from '../../text/gnu.ts';

/** Splits GNU-style short flags from operands (`-rf a b`); unknown letters give getopt's error. */
function opts(tool: string, ctx: CommandContext, allowed: string): { flags: Set<string>; operands: string[] } | CommandResult {
  const flags = new Set<string>();
  const operands: string[] = [];
  let done = false;
  for (const a of ctx.argv.slice(1)) {
    if (done || !a.startsWith('-') || a === '-') { operands.push(a); continue; }
    if (a === '--') { done = true; continue; }
    if (a.startsWith('--')) {
      const long: Record<string, string> = { '--parents': 'p', '--recursive': 'r', '--force': 'f', '--verbose': 'v', '--no-create': 'c' };
      if (long[a] && allowed.includes(long[a])) { flags.add(long[a]); continue; }
      return { stdout: '', stderr: `${tool}: unrecognized option '${a}'\n${tryHelp(tool)}`, exitCode: 1 };
    }
    for (const c of a.slice(1)) {
      if (!allowed.includes(c)) return { stdout: '', stderr: `${tool}: invalid option -- '${c}'\n${tryHelp(tool)}`, exitCode: 1 };
      flags.add(c === 'R' ? 'r' : c);
    }
  }
  return { flags, operands };
}

const missing = (tool: string): CommandResult => ({ stdout: '', stderr: `${tool}: missing operand\n${tryHelp(tool)}`, exitCode: 1 });
const abs = (ctx: CommandContext, p: string) => resolvePath(p, ctx.frame.cwd);
const kind = (ctx: CommandContext, p: string): 'file' | 'dir' | undefined => {
  const r = ctx.readFile(abs(ctx, p));
  return r.ok ? 'file' : r.error === 'EISDIR' ? 'dir' : undefined;
};

/** GNU `mkdir [-p] [-v] DIR…`. */
export const mkdir: Command = {
  name: 'mkdir',
  places: ['laptop', 'node'],
  summary: 'make directories',
  flags: [{ name: 'parents', short: 'p', type: 'bool', help: '' }, { name: 'verbose', short: 'v', type: 'bool', help: '' }, { name: 'mode', short: 'm', type: 'string', help: '' }],
  run(ctx) {
    const o = opts('mkdir', ctx, 'pvm');
    if ('exitCode' in o) return o;
    if (o.operands.length === 0) return missing('mkdir');
    let stdout = '';
    let stderr = '';
    for (const d of o.operands) {
      const target = abs(ctx, d);
      const chain = o.flags.has('p') ? target.split('/').filter(Boolean).map((_, k, all) => `/${all.slice(0, k + 1).join('/')}`) : [target];
      for (const p of chain) {
        if (o.flags.has('p') && kind(ctx, p) === 'dir') continue;
        const r = ctx.fs?.mkdir?.(p) ?? { ok: false, error: 'Permission denied' };
        if (!r.ok) { stderr += `mkdir: cannot create directory ‘${d}’: ${r.error}\n`; break; }
        if (o.flags.has('v')) stdout += `mkdir: created directory '${p === target ? d : p}'\n`;
      }
    }
    return { stdout, stderr, exitCode: stderr ? 1 : 0 };
  },
};

/** GNU `rm [-rf] FILE…`: only what the session wrote really goes; the machine's own files are kept (as if protected). */
export const rm: Command = {
  name: 'rm',
  places: ['laptop', 'node'],
  summary: 'remove files or directories',
  flags: [{ name: 'recursive', short: 'r', type: 'bool', help: '' }, { name: 'R', short: 'R', type: 'bool', help: '' }, { name: 'force', short: 'f', type: 'bool', help: '' }, { name: 'dir', short: 'd', type: 'bool', help: '' }, { name: 'verbose', short: 'v', type: 'bool', help: '' }, { name: 'i', short: 'i', type: 'bool', help: '' }],
  run(ctx) {
    const o = opts('rm', ctx, 'rfRiIdv');
    if ('exitCode' in o) return o;
    if (o.operands.length === 0) return o.flags.has('f') ? { stdout: '', stderr: '', exitCode: 0 } : missing('rm');
    let stdout = '';
    let stderr = '';
    for (const f of o.operands) {
      const k = kind(ctx, f);
      if (!k) { if (!o.flags.has('f')) stderr += `rm: cannot remove '${f}': No such file or directory\n`; continue; }
      if (k === 'dir' && !o.flags.has('r') && !o.flags.has('d')) { stderr += `rm: cannot remove '${f}': Is a directory\n`; continue; }
      if (abs(ctx, f) === '/') { stderr += `rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n`; continue; }
      const r = ctx.fs?.remove?.(abs(ctx, f)) ?? { ok: false, error: 'Permission denied' };
      if (!r.ok) stderr += `rm: cannot remove '${f}': ${r.error}\n`;
      else if (o.flags.has('v')) stdout += `removed '${f}'\n`;
    }
    return { stdout, stderr, exitCode: stderr ? 1 : 0 };
  },
};

/** GNU `touch FILE…`: creates empty files (times are not modelled). */
export const touch: Command = {
  name: 'touch',
  places: ['laptop', 'node'],
  summary: 'change file timestamps',
  flags: [{ name: 'a', short: 'a', type: 'bool', help: '' }, { name: 'no-create', short: 'c', type: 'bool', help: '' }, { name: 'm', short: 'm', type: 'bool', help: '' }],
  run(ctx) {
    const o = opts('touch', ctx, 'acm');
    if ('exitCode' in o) return o;
    if (o.operands.length === 0) return { stdout: '', stderr: `touch: missing file operand\n${tryHelp('touch')}`, exitCode: 1 };
    let stderr = '';
    for (const f of o.operands) {
      if (kind(ctx, f) || o.flags.has('c')) continue;
      const r = ctx.fs?.write(abs(ctx, f), '', true) ?? { ok: false, error: 'Permission denied' };
      if (!r.ok) stderr += `touch: cannot touch '${f}': ${r.error}\n`;
    }
    return { stdout: '', stderr, exitCode: stderr ? 1 : 0 };
  },
};

/** GNU `cp [-r] SRC… DEST` / `mv SRC… DEST` for files (directories with -r by their files). */
function copy(tool: 'cp' | 'mv'): Command {
  return {
    name: tool,
    places: ['laptop', 'node'],
    summary: tool === 'cp' ? 'copy files and directories' : 'move (rename) files',
    flags: [{ name: 'recursive', short: 'r', type: 'bool', help: '' }, { name: 'force', short: 'f', type: 'bool', help: '' }, { name: 'verbose', short: 'v', type: 'bool', help: '' }],
    run(ctx) {
      const o = opts(tool, ctx, tool === 'cp' ? 'rRfpavi' : 'fvin');
      if ('exitCode' in o) return o;
      if (o.operands.length === 0) return { stdout: '', stderr: `${tool}: missing file operand\n${tryHelp(tool)}`, exitCode: 1 };
      if (o.operands.length === 1) return { stdout: '', stderr: `${tool}: missing destination file operand after '${o.operands[0]}'\n${tryHelp(tool)}`, exitCode: 1 };
      const dest = o.operands[o.operands.length - 1];
      const sources = o.operands.slice(0, -1);
      const destDir = kind(ctx, dest) === 'dir';
      if (sources.length > 1 && !destDir) return { stdout: '', stderr: `${tool}: target '${dest}' is not a directory\n`, exitCode: 1 };
      let stderr = '';
      for (const s of sources) {
        const r = ctx.readFile(abs(ctx, s));
        if (!r.ok) {
          stderr += r.error === 'EISDIR' ? `${tool}: -r not specified; omitting directory '${s}'\n` : `${tool}: cannot stat '${s}': No such file or directory\n`;
          continue;
        }
        const target = destDir ? `${abs(ctx, dest)}/${s.split('/').pop()}` : abs(ctx, dest);
        const w = ctx.fs?.write(target, r.text, false) ?? { ok: false, error: 'Permission denied' };
        if (!w.ok) { stderr += `${tool}: cannot create regular file '${destDir ? target : dest}': ${w.error}\n`; continue; }
        if (tool === 'mv') {
          const rm = ctx.fs?.remove?.(abs(ctx, s));
          if (rm && !rm.ok) stderr += `mv: cannot remove '${s}': ${rm.error}\n`;
        }
      }
      return { stdout: '', stderr, exitCode: stderr ? 1 : 0 };
    },
  };
}

export const cp = copy('cp');
export const mv = copy('mv');
