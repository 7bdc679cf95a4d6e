import { filePaths, readHostFile } from '../../../host/files.ts';
import type { FlagSpec } from '../../flags.ts';
import type { Command } from '../../types.ts';
import { matching, parseTool } from '../args.ts';

const USAGE = `
Usage:
 sysctl [options] [variable[=value] ...]

Options:
  -a, --all            display all variables
  -A                   alias of -a
  -X                   alias of -a
      --deprecated     include deprecated parameters to listing
  -b, --binary         print value without new line
  -e, --ignore         ignore unknown variables errors
  -N, --names          print variable names without values
  -n, --values         print only values of the given variable(s)
  -p, --load[=<file>]  read values from file
  -f                   alias of -p
      --system         read values from all system directories
  -r, --pattern <expression>
                       select setting that match expression
  -q, --quiet          do not echo variable set
  -w, --write          enable writing a value to variable
  -o                   does nothing
  -x                   does nothing
  -d                   alias of -h

 -h, --help     display this help and exit
 -V, --version  output version information and exit

For more details see sysctl(8).
`;

const SPECS: FlagSpec[] = [
  { name: 'all', short: 'a', type: 'bool', help: '' },
  { name: 'A', short: 'A', type: 'bool', help: '' },
  { name: 'X', short: 'X', type: 'bool', help: '' },
  { name: 'binary', short: 'b', type: 'bool', help: '' },
  { name: 'ignore', short: 'e', type: 'bool', help: '' },
  { name: 'names', short: 'N', type: 'bool', help: '' },
  { name: 'values', short: 'n', type: 'bool', help: '' },
  { name: 'load', short: 'p', type: 'bool', help: '' },
  { name: 'system', type: 'bool', help: '' },
  { name: 'pattern', short: 'r', type: 'string', help: '' },
  { name: 'quiet', short: 'q', type: 'bool', help: '' },
  { name: 'write', short: 'w', type: 'bool', help: '' },
  { name: 'version', short: 'V', type: 'bool', help: '' },
];

const toKey = (path: string) => path.slice('/proc/sys/'.length).replaceAll('/', '.');
const toPath = (key: string) => `/proc/sys/${key.replaceAll('.', '/')}`;
/** A multi-value file (`32768\t60999`) prints its fields tab-separated as the kernel wrote them. */
const value = (text: string) => text.replace(/\n$/, '');

/**
 * procps-ng `sysctl`: reads and writes the kernel parameters of /proc/sys on the host, so it
 * always agrees with `cat /proc/sys/…` (`sysctl vm.overcommit_memory`, `-n`, `-a`, `-r`, `-N`,
 * `-w key=value` as root, which the following reads see). Unknown keys:
 * `sysctl: cannot stat /proc/sys/x/y: No such file or directory`, exit 1.
 */
export const sysctl: Command = {
  name: 'sysctl',
  places: ['node', 'debug'],
  summary: 'configure kernel parameters at runtime',
  flags: SPECS,
  run(ctx) {
    const p = parseTool('sysctl', ctx.argv.slice(1), SPECS, USAGE);
    if (!p.ok) return p.result;
    const v = p.flags.values;
    if (v.version === true) return { stdout: 'sysctl from procps-ng 4.0.4\n', stderr: '', exitCode: 0 };
    const line = (key: string, val: string) => (v.names === true ? `${key}\n` : v.values === true ? (v.binary === true ? val : `${val}\n`) : `${key} = ${val}\n`);
    if (v.all === true || v.A === true || v.X === true || (v.pattern && p.flags.positionals.length === 0)) {
      let re: RegExp | undefined;
      try { re = v.pattern ? new RegExp(String(v.pattern)) : undefined; } catch { return { stdout: '', stderr: `sysctl: unable to parse regex: ${String(v.pattern)}\n`, exitCode: 255 }; }
      const keys = filePaths(ctx.state, ctx.host).filter((f) => f.startsWith('/proc/sys/')).map(toKey).filter((k) => !re || re.test(k)).sort();
      return { stdout: keys.map((k) => { const r = readHostFile(ctx.state, ctx.host, toPath(k)); return r.ok ? line(k, value(r.text)) : ''; }).join(''), stderr: '', exitCode: 0 };
    }
    if (v.load === true || v.system === true) return { stdout: v.system === true ? '* Applying /etc/sysctl.d/10-network-security.conf ...\n* Applying /etc/sysctl.conf ...\n' : '', stderr: '', exitCode: 0 };
    if (p.flags.positionals.length === 0) return { stdout: '', stderr: USAGE, exitCode: 1 };
    let stdout = '';
    let stderr = '';
    for (const arg of p.flags.positionals) {
      const eq = arg.indexOf('=');
      const key = (eq < 0 ? arg : arg.slice(0, eq)).replaceAll('/', '.');
      const path = toPath(key);
      const current = readHostFile(ctx.state, ctx.host, path);
      if (!current.ok) {
        if (v.ignore !== true) stderr += current.error === 'EISDIR' ? `sysctl: reading key "${key}"\n` : `sysctl: cannot stat ${path}: No such file or directory\n`;
        continue;
      }
      if (eq < 0) { stdout += line(key, value(current.text)); continue; }
      const val = arg.slice(eq + 1);
      if (ctx.frame.user !== 'root') { stderr += `sysctl: permission denied on key "${key}"\n`; continue; }
      ctx.dispatch({ type: 'host/writeFile', host: ctx.host.name, path, text: `${val}\n` });
      if (v.quiet !== true) stdout += `${key} = ${val}\n`;
    }
    return { stdout, stderr, exitCode: stderr ? 1 : 0 };
  },
  complete: (_w, partial, ctx) => matching(filePaths(ctx.state, ctx.host).filter((f) => f.startsWith('/proc/sys/')).map(toKey), partial),
};
