import type { Command, CommandContext } from '../../types.ts';
import { tryHelp } from '../../text/gnu.ts';

/** The learner on the laptop is uid 1000 with Ubuntu's default groups; on nodes the shell is root. */
function identity(ctx: CommandContext): { uid: number; user: string; groups: [number, string][] } {
  if (ctx.frame.user === 'root') return { uid: 0, user: 'root', groups: [[0, 'root']] };
  return { uid: 1000, user: ctx.frame.user, groups: [[1000, ctx.frame.user], [4, 'adm'], [24, 'cdrom'], [27, 'sudo'], [30, 'dip'], [46, 'plugdev'], [100, 'users'], [999, 'docker']] };
}

/** GNU `id [-u|-g|-G|-n] [USER]`. */
export const id: Command = {
  name: 'id',
  places: ['laptop', 'node'],
  summary: 'print real and effective user and group IDs',
  flags: [{ name: 'user', short: 'u', type: 'bool', help: '' }, { name: 'group', short: 'g', type: 'bool', help: '' }, { name: 'groups', short: 'G', type: 'bool', help: '' }, { name: 'name', short: 'n', type: 'bool', help: '' }, { name: 'real', short: 'r', type: 'bool', help: '' }],
  run(ctx) {
    const me = identity(ctx);
    const flags = ctx.argv.slice(1).filter((a) => a.startsWith('-')).join('').replace(/-/g, '');
    const names = ctx.argv.slice(1).filter((a) => !a.startsWith('-'));
    const bad = [...flags].find((c) => !'ugGnr'.includes(c));
    if (bad) return { stdout: '', stderr: `id: invalid option -- '${bad}'\n${tryHelp('id')}`, exitCode: 1 };
    if (names.length && names[0] !== me.user && names[0] !== 'root') return { stdout: '', stderr: `id: ‘${names[0]}’: no such user\n`, exitCode: 1 };
    const who = names[0] === 'root' ? { uid: 0, user: 'root', groups: [[0, 'root']] as [number, string][] } : me;
    const n = flags.includes('n');
    if (flags.includes('u')) return { stdout: `${n ? who.user : who.uid}\n`, stderr: '', exitCode: 0 };
    if (flags.includes('g')) return { stdout: `${n ? who.groups[0][1] : who.groups[0][0]}\n`, stderr: '', exitCode: 0 };
    if (flags.includes('G')) return { stdout: `${who.groups.map(([g, name]) => (n ? name : g)).join(' ')}\n`, stderr: '', exitCode: 0 };
    const [g0, n0] = who.groups[0];
    return { stdout: `uid=${who.uid}(${who.user}) gid=${g0}(${n0}) groups=${who.groups.map(([g, name]) => `${g}(${name})`).join(',')}\n`, stderr: '', exitCode: 0 };
  },
};

/** `whoami`. */
export const whoami: Command = {
  name: 'whoami',
  places: ['laptop', 'node'],
  summary: 'print effective user name',
  flags: [],
  run(ctx) {
    const extra = ctx.argv[1];
    if (extra !== undefined) return { stdout: '', stderr: extra.startsWith('-') ? `whoami: invalid option -- '${extra[1] ?? ''}'\n${tryHelp('whoami')}` : `whoami: extra operand ‘${extra}’\n${tryHelp('whoami')}`, exitCode: 1 };
    return { stdout: `${ctx.frame.user}\n`, stderr: '', exitCode: 0 };
  },
};
