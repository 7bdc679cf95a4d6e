import type { FlagSpec } from '../../flags.ts';
import { byteCompare } from '../../../compare.ts';

/**
 * etcdctl's cobra usage template (ctlv3/command/util.go): NAME, USAGE, DESCRIPTION, OPTIONS and
 * GLOBAL OPTIONS, each option line padded with tabs to the block's next tab stop past its longest
 * line, as the real binary prints it.
 */

/** An etcdctl (sub)command: its flags and help as data, its run elsewhere. */
export interface EtcdctlHelp {
  path: string; // "endpoint status"
  short: string;
  usage: string; // "etcdctl endpoint status [flags]"
  description?: string;
  flags: FlagSpec[];
}

export const GLOBAL_FLAGS: FlagSpec[] = [
  { name: 'cacert', type: 'string', help: 'verify certificates of TLS-enabled secure servers using this CA bundle' },
  { name: 'cert', type: 'string', help: 'identify secure client using this TLS certificate file' },
  { name: 'command-timeout', type: 'string', default: '5s', help: 'timeout for short running command (excluding dial timeout)' },
  { name: 'debug', type: 'bool', help: 'enable client-side debug logging' },
  { name: 'dial-timeout', type: 'string', default: '2s', help: 'dial timeout for client connections' },
  { name: 'discovery-srv', short: 'd', type: 'string', help: 'domain name to query for SRV records describing cluster endpoints' },
  { name: 'discovery-srv-name', type: 'string', help: 'service name to query when using DNS discovery' },
  { name: 'endpoints', type: 'string', default: '[127.0.0.1:2379]', help: 'gRPC endpoints' },
  { name: 'hex', type: 'bool', help: 'print byte strings as hex encoded strings' },
  { name: 'insecure-discovery', type: 'bool', default: true, help: 'accept insecure SRV records describing cluster endpoints' },
  { name: 'insecure-skip-tls-verify', type: 'bool', help: 'skip server certificate verification (CAUTION: this option should be enabled only for testing purposes)' },
  { name: 'insecure-transport', type: 'bool', default: true, help: 'disable transport security for client connections' },
  { name: 'keepalive-time', type: 'string', default: '2s', help: 'keepalive time for client connections' },
  { name: 'keepalive-timeout', type: 'string', default: '6s', help: 'keepalive timeout for client connections' },
  { name: 'key', type: 'string', help: 'identify secure client using this TLS key file' },
  { name: 'password', type: 'string', help: "password for authentication (if this option is used, --user option shouldn't include password)" },
  { name: 'user', type: 'string', help: 'username[:password] for authentication (prompt if password is not supplied)' },
  { name: 'write-out', short: 'w', type: 'string', default: 'simple', help: 'set the output format (fields, json, protobuf, simple, table)' },
];

/** `--name=default` / `--name[=false]` as pflag's FlagUsages shows a flag in etcdctl's template. */
function flagLabel(f: FlagSpec): string {
  const short = f.short ? `  -${f.short}, ` : '      ';
  if (f.type === 'bool') return `${short}--${f.name}[=${f.default === true ? 'true' : 'false'}]`;
  const def = f.default ?? (f.type === 'int' ? 0 : '');
  const shown = typeof def === 'string' && !def.startsWith('[') && !/^\d+s$/.test(def) ? `"${def}"` : String(def);
  return `${short}--${f.name}=${shown}`;
}

/** The option lines of one block, tab-aligned to the next tab stop past the longest label. */
export function optionLines(flags: readonly FlagSpec[]): string {
  const visible = flags.filter((f) => !f.hidden);
  const labels = visible.map(flagLabel);
  const stop = (Math.floor(Math.max(...labels.map((l) => l.length)) / 8) + 1) * 8;
  return visible.map((f, i) => {
    let col = labels[i].length;
    let tabs = '';
    while (col < stop) { tabs += '\t'; col = (Math.floor(col / 8) + 1) * 8; }
    return `${labels[i]}${tabs}${f.help}\n`;
  }).join('');
}

export function usageText(c: EtcdctlHelp): string {
  const name = c.path.split(' ').pop()!;
  const own: FlagSpec[] = [...c.flags, { name: 'help', short: 'h', type: 'bool' as const, help: `help for ${name}` }].sort((a, b) => byteCompare(a.name, b.name));
  return `NAME:\n\t${c.path} - ${c.short}\n\nUSAGE:\n\t${c.usage}\n\n${c.description ? `DESCRIPTION:\n\t${c.description}\n\n` : ''}OPTIONS:\n${optionLines(own)}\nGLOBAL OPTIONS:\n${optionLines(GLOBAL_FLAGS)}\n`;
}

/** `etcdctl --help`: the root usage with its command list. */
export function rootUsage(commands: readonly { path: string; short: string }[]): string {
  const width = Math.max(...commands.map((c) => c.path.length));
  return `NAME:\n\tetcdctl - A simple command line client for etcd3.\n\nUSAGE:\n\tetcdctl [flags]\n\nVERSION:\n\t3.5.15\n\nAPI VERSION:\n\t3.5\n\n\nCOMMANDS:\n${commands.map((c) => `\t${c.path.padEnd(width)}\t${c.short}\n`).join('')}\nOPTIONS:\n${optionLines([...GLOBAL_FLAGS, { name: 'help', short: 'h', type: 'bool' as const, help: 'help for etcdctl' }].sort((a, b) => byteCompare(a.name, b.name)))}\n`;
}
