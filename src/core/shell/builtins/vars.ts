import { done, err, type Builtin } from './types.ts';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `export NAME[=value]…`: sets shell variables (there is no environment to export into). */
export const exportBuiltin: Builtin = {
  name: 'export',
  summary: 'Set export attribute for shell variables',
  run({ argv, shell }) {
    let stderr = '';
    const args = argv.slice(1);
    const unexport = args.includes('-n');
    if (args.filter((a) => a !== '-p').length === 0) {
      // `export` / `export -p`: every exported variable, as bash prints them.
      const names = [...(shell.exported ?? [])].sort();
      return { stdout: names.map((n) => (shell.vars.has(n) ? `declare -x ${n}="${shell.vars.get(n)!.replace(/(["\\$`])/g, '\\$1')}"\n` : `declare -x ${n}\n`)).join(''), stderr: '', exitCode: 0 };
    }
    for (const a of args) {
      if (a === '-n' || a === '-p' || a === '-f') continue;
      const eq = a.indexOf('=');
      const name = eq < 0 ? a : a.slice(0, eq);
      if (!NAME.test(name)) { stderr += `bash: export: \`${a}': not a valid identifier\n`; continue; }
      if (eq >= 0) shell.vars.set(name, a.slice(eq + 1));
      if (unexport) shell.exported?.delete(name);
      else shell.exported?.add(name);
    }
    return { stdout: '', stderr, exitCode: stderr ? 1 : 0 };
  },
};

const show = (name: string, value: string) => `alias ${name}='${value.replace(/'/g, `'\\''`)}'\n`;

/** `alias [name[=value]…]`: defines aliases (`alias k=kubectl`) or prints them as bash does. */
export const alias: Builtin = {
  name: 'alias',
  summary: 'Define or display aliases',
  run({ argv, shell }) {
    const args = argv.slice(1).filter((a) => a !== '-p');
    if (args.length === 0) return done([...shell.aliases].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([n, v]) => show(n, v)).join(''));
    let stdout = '';
    let stderr = '';
    for (const a of args) {
      const eq = a.indexOf('=');
      if (eq > 0) { shell.aliases.set(a.slice(0, eq), a.slice(eq + 1)); continue; }
      const v = shell.aliases.get(a);
      if (v === undefined) stderr += `bash: alias: ${a}: not found\n`;
      else stdout += show(a, v);
    }
    return { stdout, stderr, exitCode: stderr ? 1 : 0 };
  },
};

/** `unalias NAME…` / `unalias -a`. */
export const unalias: Builtin = {
  name: 'unalias',
  summary: 'Remove alias definitions',
  run({ argv, shell }) {
    if (argv.length < 2) return err('unalias: usage: unalias [-a] name [name ...]\n', 2);
    let stderr = '';
    for (const a of argv.slice(1)) {
      if (a === '-a') { shell.aliases.clear(); continue; }
      if (!shell.aliases.delete(a)) stderr += `bash: unalias: ${a}: not found\n`;
    }
    return { stdout: '', stderr, exitCode: stderr ? 1 : 0 };
  },
};
