import { shellPath } from '../paths.ts';
import { err, type Builtin } from './types.ts';

/**
 * `cd [DIR]`: changes the shell's working directory (a string; the session keeps it in the frame).
 * A directory is something ctx.readFile answers with EISDIR; a file gives bash's `Not a directory`.
 * `cd` alone goes home; `cd -` goes to $OLDPWD and prints it, as bash does.
 */
export const cd: Builtin = {
  name: 'cd',
  summary: 'Change the shell working directory',
  run({ argv, shell, ctx }) {
    if (argv.length > 2) return err('bash: cd: too many arguments\n');
    let arg = argv[1] ?? shell.home;
    let print = false;
    if (arg === '-') {
      const old = shell.vars.get('OLDPWD');
      if (old === undefined) return err('bash: cd: OLDPWD not set\n');
      arg = old;
      print = true;
    }
    if (arg === '') return { stdout: '', stderr: '', exitCode: 0 };
    const target = shellPath(shell.cwd, arg, shell.home);
    // `/` and the home directory exist on every machine, whatever files the simulation lists.
    if (target !== '/' && target !== shell.home) {
      const probe = ctx.readFile(target);
      if (probe.ok) return err(`bash: cd: ${arg}: Not a directory\n`);
      if (probe.error === 'ENOENT') return err(`bash: cd: ${arg}: No such file or directory\n`);
      if (probe.error === 'EACCES') return err(`bash: cd: ${arg}: Permission denied\n`);
    }
    shell.vars.set('OLDPWD', shell.cwd);
    return { stdout: print ? `${target}\n` : '', stderr: '', exitCode: 0, cwd: target };
  },
};
