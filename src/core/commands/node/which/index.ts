import type { Command } from '../../types.ts';
import { locate } from '../../../shell/path.ts';

/** Programs that exist as files although the shell also has them as builtins. */
const ALSO_BINARIES = new Set(['echo', 'printf', 'true', 'false', 'sleep', 'pwd', 'test', '[', 'kill', 'ssh']);

/**
 * Debian's `which [-a] NAME…`: the path of each program found in `$PATH`, nothing for builtins,
 * aliases or unknown names (exit 1 if any was not found).
 */
export const which: Command = {
  name: 'which',
  places: ['laptop', 'node'],
  summary: 'locate a command',
  flags: [{ name: 'a', short: 'a', type: 'bool', help: '' }, { name: 's', short: 's', type: 'bool', help: '' }],
  run(ctx) {
    const args = ctx.argv.slice(1);
    const all = args.includes('-a');
    const bad = args.find((a) => a.startsWith('-') && a !== '-a' && a !== '-s');
    if (bad) return { stdout: '', stderr: `Illegal option ${bad}\nUsage: /usr/bin/which [-as] args\n`, exitCode: 2 };
    let stdout = '';
    let status = 0;
    for (const name of args.filter((a) => !a.startsWith('-'))) {
      const known = name.includes('/') ? ctx.readFile(name).ok : ctx.installed?.(name) === true || ALSO_BINARIES.has(name) && (name !== 'ssh' || ctx.frame.place === 'laptop');
      if (!known) { status = 1; continue; }
      const paths = name.includes('/') ? [name] : locate(ctx.frame.place, name);
      stdout += (all ? paths : paths.slice(0, 1)).map((p) => `${p}\n`).join('');
    }
    return { stdout, stderr: '', exitCode: status };
  },
};
