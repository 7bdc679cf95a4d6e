import type { Command } from '../../types.ts';

const USAGE = `usage: sudo -h | -K | -k | -V
usage: sudo -v [-ABkNnS] [-g group] [-h host] [-p prompt] [-u user]
usage: sudo -l [-ABkNnS] [-g group] [-h host] [-p prompt] [-U user] [-u user] [command [arg ...]]
usage: sudo [-ABbEHkNnPS] [-r role] [-t type] [-C num] [-D directory] [-g group] [-h host] [-p prompt] [-R directory] [-T timeout] [-u user] [VAR=value] [-i | -s] [command [arg ...]]
usage: sudo -e [-ABkNnS] [-r role] [-t type] [-C num] [-D directory] [-g group] [-h host] [-p prompt] [-R directory] [-T timeout] [-u user] file ...
`;

/**
 * `sudo [-E] [-u root] COMMAND…`: runs the program as root. The nodes' shell is root already and
 * the laptop's learner has password-less sudo (a cloud image's default), so it simply runs it;
 * `sudo -i`/`-s` would open a root shell, which the simulation does not model on the laptop.
 */
export const sudo: Command = {
  name: 'sudo',
  places: ['laptop', 'node'],
  summary: 'execute a command as another user',
  flags: [{ name: 'user', short: 'u', type: 'string', help: '' }, { name: 'group', short: 'g', type: 'string', help: '' }, { name: 'preserve-env', short: 'E', type: 'bool', help: '' }, { name: 'login', short: 'i', type: 'bool', help: '' }, { name: 'shell', short: 's', type: 'bool', help: '' }, { name: 'non-interactive', short: 'n', type: 'bool', help: '' }],
  run(ctx) {
    const args = ctx.argv.slice(1);
    let i = 0;
    for (; i < args.length; i++) {
      const a = args[i];
      if (a === '--') { i++; break; }
      if (!a.startsWith('-')) break;
      if (a === '-u' || a === '-g' || a === '-p' || a === '-C' || a === '-D' || a === '-T') { i++; continue; }
      if (/^-[EHnkSAPb]+$/.test(a) || a === '--preserve-env') continue;
      if (a === '-V') return { stdout: 'Sudo version 1.9.15p5\n', stderr: '', exitCode: 0 };
      if (a === '-h' || a === '--help') return { stdout: `sudo - execute a command as another user\n\n${USAGE}`, stderr: '', exitCode: 0 };
      if (a === '-i' || a === '-s') return { stdout: '', stderr: '', exitCode: 0 };
      return { stdout: '', stderr: `sudo: invalid option -- '${a.replace(/^-+/, '')[0] ?? ''}'\n${USAGE}`, exitCode: 1 };
    }
    if (i >= args.length) return { stdout: '', stderr: USAGE, exitCode: 1 };
    const r = ctx.exec?.(args.slice(i), ctx.stdin);
    if (!r) return { stdout: '', stderr: `sudo: ${args[i]}: command not found\n`, exitCode: 1 };
    return r;
  },
};
