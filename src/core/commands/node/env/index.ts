import type { Command, CommandContext } from '../../types.ts';
import { defaultPath } from '../../../shell/path.ts';
import { homeOf } from '../../../shell/paths.ts';
import { tryHelp } from '../../text/gnu.ts';

/** The environment a login shell hands its programs here, plus what the learner exported. */
export function environmentOf(ctx: CommandContext): Record<string, string> {
  const f = ctx.frame;
  const base: Record<string, string> = f.place === 'laptop'
    ? { SHELL: '/bin/bash', PWD: f.cwd, LOGNAME: f.user, XDG_SESSION_TYPE: 'tty', HOME: homeOf(f.user), LANG: 'en_US.UTF-8', TERM: 'xterm-256color', USER: f.user, SHLVL: '1', XDG_RUNTIME_DIR: '/run/user/1000', PATH: defaultPath('laptop'), KUBECONFIG: `${homeOf(f.user)}/.kube/config`, _: '/usr/bin/env' }
    : { SHELL: '/bin/bash', PWD: f.cwd, LOGNAME: f.user, HOME: homeOf(f.user), LANG: 'C.UTF-8', TERM: 'xterm-256color', USER: f.user, SHLVL: '1', SSH_CONNECTION: `10.42.0.5 52314 ${ctx.host?.ip ?? '10.0.0.1'} 22`, SSH_TTY: '/dev/pts/0', PATH: defaultPath('node'), _: '/usr/bin/env' };
  return { ...base, ...ctx.environment };
}

const show = (env: Record<string, string>) => Object.entries(env).map(([k, v]) => `${k}=${v}\n`).join('');

/**
 * GNU `env [-i] [-u NAME] [NAME=VALUE]… [COMMAND [ARG]…]`: prints the environment, or runs
 * COMMAND with it changed. A missing command: `env: ‘x’: No such file or directory`, exit 127.
 */
export const env: Command = {
  name: 'env',
  places: ['laptop', 'node'],
  summary: 'run a program in a modified environment',
  flags: [{ name: 'ignore-environment', short: 'i', type: 'bool', help: '' }, { name: 'unset', short: 'u', type: 'stringArray', help: '' }, { name: 'null', short: '0', type: 'bool', help: '' }],
  run(ctx) {
    let vars = environmentOf(ctx);
    const args = ctx.argv.slice(1);
    let i = 0;
    for (; i < args.length; i++) {
      const a = args[i];
      if (a === '-i' || a === '-' || a === '--ignore-environment') { vars = {}; continue; }
      if (a === '-u' || a === '--unset') {
        if (args[i + 1] === undefined) return { stdout: '', stderr: `env: option requires an argument -- 'u'\n${tryHelp('env')}`, exitCode: 125 };
        delete vars[args[++i]];
        continue;
      }
      if (a === '-0' || a === '--null') continue;
      if (a === '--') { i++; break; }
      if (a.startsWith('-') && !a.includes('=')) return { stdout: '', stderr: `${a.startsWith('--') ? `env: unrecognized option '${a}'` : `env: invalid option -- '${a[1]}'`}\n${tryHelp('env')}`, exitCode: 125 };
      break;
    }
    for (; i < args.length && /^[^=]+=/.test(args[i]); i++) {
      const eq = args[i].indexOf('=');
      vars[args[i].slice(0, eq)] = args[i].slice(eq + 1);
    }
    if (i >= args.length) return { stdout: show(vars), stderr: '', exitCode: 0 };
    const r = ctx.exec?.(args.slice(i), ctx.stdin, vars);
    if (!r) return { stdout: '', stderr: `env: ‘${args[i]}’: No such file or directory\n`, exitCode: 127 };
    return r;
  },
};

/** `printenv [NAME…]`: the environment, or the named variables' values (exit 1 if one is unset). */
export const printenv: Command = {
  name: 'printenv',
  places: ['laptop', 'node'],
  summary: 'print all or part of environment',
  flags: [],
  run(ctx) {
    const vars = environmentOf(ctx);
    const names = ctx.argv.slice(1);
    const bad = names.find((n) => n.startsWith('-'));
    if (bad) return { stdout: '', stderr: `printenv: invalid option -- '${bad[1] ?? ''}'\n${tryHelp('printenv')}`, exitCode: 2 };
    if (names.length === 0) return { stdout: show(vars), stderr: '', exitCode: 0 };
    const found = names.filter((n) => Object.hasOwn(vars, n));
    return { stdout: found.map((n) => `${vars[n]}\n`).join(''), stderr: '', exitCode: found.length === names.length ? 0 : 1 };
  },
};
