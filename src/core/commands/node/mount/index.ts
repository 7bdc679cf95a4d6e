import { mountOptions, mountTable } from '../../../host/mounts.ts';
import type { FlagSpec } from '../../flags.ts';
import type { Command } from '../../types.ts';
import { fail, ok } from '../../types.ts';
import { matching, parseTool } from '../args.ts';

const USAGE = `
Usage:
 mount [-lhV]
 mount -a [options]
 mount [options] [--source] <source> | [--target] <directory>
 mount [options] <source> <directory>
 mount <operation> <mountpoint> [<target>]

Mount a filesystem.

Options:
 -a, --all               mount all filesystems mentioned in fstab
 -l, --show-labels       show also filesystem labels
 -n, --no-mtab           don't write to /etc/mtab
 -o, --options <list>    comma-separated list of mount options
 -r, --read-only         mount the filesystem read-only (same as -o ro)
 -t, --types <list>      limit the set of filesystem types
 -v, --verbose           say what is being done

 -h, --help              display this help
 -V, --version           display version

For more details see mount(8).
`;

const SPECS: FlagSpec[] = [
  { name: 'all', short: 'a', type: 'bool', help: '' },
  { name: 'show-labels', short: 'l', type: 'bool', help: '' },
  { name: 'no-mtab', short: 'n', type: 'bool', help: '' },
  { name: 'options', short: 'o', type: 'string', help: '' },
  { name: 'read-only', short: 'r', type: 'bool', help: '' },
  { name: 'types', short: 't', type: 'string', help: '' },
  { name: 'verbose', short: 'v', type: 'bool', help: '' },
  { name: 'version', short: 'V', type: 'bool', help: '' },
];

/** A util-linux `-t` list: `ext4,tmpfs`, or `noext4,tmpfs` (a leading `no` negates the whole list). */
export function typeFilter(list: string): (fstype: string) => boolean {
  if (!list) return () => true;
  const neg = list.startsWith('no');
  const types = (neg ? list.slice(2) : list).split(',');
  return (t) => types.includes(t) !== neg;
}

/**
 * util-linux `mount` (2.37+): without a device, lists the kernel's mount table as
 * `SOURCE on TARGET type FSTYPE (OPTIONS)`, optionally limited with `-t`; mounting anything
 * answers as the real tool does when the device or directory is not there.
 */
export const mount: Command = {
  name: 'mount',
  places: ['node'],
  summary: 'mount a filesystem',
  flags: SPECS,
  run(ctx) {
    const p = parseTool('mount', ctx.argv.slice(1), SPECS, USAGE);
    if (!p.ok) return p.result;
    const v = p.flags.values;
    if (v.version === true) return ok('mount from util-linux 2.37.2 (libmount 2.37.2: selinux, smack, btrfs, namespaces, assert, debug)\n');
    const args = p.flags.positionals;
    if (args.length === 0 && v.all !== true) {
      const keep = typeFilter(String(v.types));
      return ok(mountTable(ctx.state, ctx.host).filter((m) => keep(m.fstype)).map((m) => `${m.source} on ${m.target} type ${m.fstype} (${mountOptions(m)})\n`).join(''));
    }
    if (v.all === true) return ok('');
    if (ctx.frame.user !== 'root') return fail('mount: only root can do that\n', 1);
    const [source, target] = args.length === 1 ? [args[0], args[0]] : args;
    if (args.length === 1) return fail(`mount: ${target}: can't find in /etc/fstab.\n`, 1);
    return fail(`mount: ${target}: special device ${source} does not exist.\n`, 32);
  },
  complete: (_w, partial) => matching(SPECS.map((s) => `--${s.name}`), partial),
};
