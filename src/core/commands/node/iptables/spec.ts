/**
 * iptables' command line: the command (-L, -S, -A, -I, -D, -C, -N, -X, -F, -P, -Z), its options
 * (-t, -n, -v, -x, --line-numbers, -w) and a rule specification (-s, -d, -i, -o, -p, -m MODULE
 * with its options, -j TARGET with its options), read the way iptables 1.8.9 reads them, with
 * its own error words. The rule comes out in iptables-save's words (host/netfilter.ts).
 */
import { addrtype, comment, conntrack, mark, portMatch, saveString, type Rule, type RulePart } from '../../../host/netfilter.ts';

/** A parse failure: what iptables prints and its exit status. */
export interface SpecError { error: string; exitCode: number }

export type Verb = 'L' | 'S' | 'A' | 'I' | 'D' | 'C' | 'N' | 'X' | 'F' | 'P' | 'Z' | 'V' | 'h';

export interface Invocation {
  verb?: Verb;
  table: string;
  chain?: string;
  /** -L/-S/-I/-D: the rule number. */
  num?: number;
  /** -P: the policy. */
  policy?: string;
  numeric: boolean;
  verbose: boolean;
  exact: boolean;
  lineNumbers: boolean;
  rule: Rule;
  /** Whether any rule option was given (so -D deletes by specification). */
  hasSpec: boolean;
}

const LONG: Record<string, string> = {
  '--list': '-L', '--list-rules': '-S', '--append': '-A', '--insert': '-I', '--delete': '-D', '--check': '-C', '--new-chain': '-N', '--new': '-N',
  '--delete-chain': '-X', '--flush': '-F', '--policy': '-P', '--zero': '-Z', '--version': '-V', '--help': '-h', '--table': '-t', '--numeric': '-n',
  '--verbose': '-v', '--exact': '-x', '--source': '-s', '--src': '-s', '--destination': '-d', '--dst': '-d', '--in-interface': '-i',
  '--out-interface': '-o', '--protocol': '-p', '--match': '-m', '--jump': '-j', '--wait': '-w',
};
const VERBS = 'LSAIDCNXFPZVh';
/** Options of the rule specification and the modules/targets each belongs to. */
const MODULE_OPTIONS: Record<string, string[]> = {
  tcp: ['--dport', '--sport', '--destination-port', '--source-port'], udp: ['--dport', '--sport', '--destination-port', '--source-port'],
  comment: ['--comment'], conntrack: ['--ctstate'], state: ['--state'], mark: ['--mark'], addrtype: ['--dst-type', '--src-type'],
  multiport: ['--dports', '--sports', '--ports'],
};
const PROTOCOLS = ['tcp', 'udp', 'icmp', 'sctp', 'all', 'icmpv6', 'ipv6-icmp'];
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/;

/** `host/network \`x' not found`, the other PARAMETER_PROBLEMs, and the `Try` line after them. */
export const problem = (tool: string, text: string, blank = false): SpecError =>
  ({ error: `${tool} ${'v1.8.9 (nf_tables)'}: ${text}\n${blank ? '\n' : ''}Try \`${tool} -h' or '${tool} --help' for more information.\n`, exitCode: 2 });

/** Splits bundled short options (`-nvL` → `-n -v -L`) and `--opt=value`, as getopt does. */
function words(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (const a of argv) {
    if (/^-[a-zA-Z]{2,}$/.test(a) && !/^-[tjmpsdio][a-zA-Z]/.test(a)) out.push(...[...a.slice(1)].map((c) => `-${c}`));
    else if (/^--[a-z-]+=/.test(a)) { const i = a.indexOf('='); out.push(a.slice(0, i), a.slice(i + 1)); }
    else out.push(a);
  }
  return out;
}

/** `1.2.3.4` → `1.2.3.4/32`; a network keeps its prefix (masked as iptables does). Undefined when not an address. */
function cidr(text: string): string | undefined {
  const m = IPV4.exec(text);
  if (!m || m.slice(1, 5).some((x) => Number(x) > 255)) return undefined;
  const len = m[5] === undefined ? 32 : Number(m[5]);
  if (len > 32) return undefined;
  const n = m.slice(1, 5).reduce((acc, x) => acc * 256 + Number(x), 0);
  const masked = len === 0 ? 0 : n - (n % 2 ** (32 - len));
  return `${[24, 16, 8, 0].map((s) => Math.floor(masked / 2 ** s) % 256).join('.')}/${len}`;
}

/** Reads iptables' argv; the rule parts keep the order they were typed in. */
export function parseInvocation(tool: string, argv: readonly string[]): Invocation | SpecError {
  const w = words(argv);
  const inv: Invocation = { table: 'filter', numeric: false, verbose: false, exact: false, lineNumbers: false, rule: { matches: [] }, hasSpec: false };
  let invert = false;
  const modules: string[] = [];
  let i = 0;
  const next = () => w[++i];
  const positional = () => (w[i + 1] !== undefined && !w[i + 1].startsWith('-') ? next() : undefined);
  const part = (p: RulePart) => { inv.rule.matches.push(p); inv.hasSpec = true; };
  for (; i < w.length; i++) {
    const raw = w[i];
    const a = Object.hasOwn(LONG, raw) ? LONG[raw] : raw;
    if (a === '!') { invert = true; continue; }
    if (a.length === 2 && a[0] === '-' && VERBS.includes(a[1])) {
      if (inv.verb) return problem(tool, `Cannot use -${a[1]} with -${inv.verb}`, true);
      inv.verb = a[1] as Verb;
      if ('LSFZX'.includes(a[1])) {
        inv.chain = positional();
        if ('LS'.includes(a[1]) && inv.chain !== undefined) { const n = positional(); if (n !== undefined) { if (!/^\d+$/.test(n)) return { error: `Bad argument \`${n}'\n${tryLine(tool)}`, exitCode: 2 }; inv.num = Number(n); } }
      } else if ('AIDCNP'.includes(a[1])) {
        inv.chain = next();
        if (inv.chain === undefined) return problem(tool, `option "${raw}" requires an argument`);
        if (a[1] === 'I' || a[1] === 'D') { const n = positional(); if (n !== undefined) { if (!/^\d+$/.test(n)) return { error: `Bad argument \`${n}'\n${tryLine(tool)}`, exitCode: 2 }; inv.num = Number(n); } }
        if (a[1] === 'P') { inv.policy = next(); if (inv.policy === undefined) return problem(tool, `option "${raw}" requires an argument`); }
      }
      continue;
    }
    switch (a) {
      case '-t': { const t = next(); if (t === undefined) return problem(tool, 'option "-t" requires an argument'); inv.table = t; continue; }
      case '-n': inv.numeric = true; continue;
      case '-v': inv.verbose = true; continue;
      case '-x': inv.exact = true; continue;
      case '--line-numbers': inv.lineNumbers = true; continue;
      case '-w': if (w[i + 1] !== undefined && /^\d+$/.test(w[i + 1])) i++; continue;
      case '-W': next(); continue;
      case '-s': case '-d': {
        const v = next();
        const c = v === undefined ? undefined : cidr(v);
        if (!c) return problem(tool, v === undefined ? `option "${raw}" requires an argument` : `host/network \`${v}' not found`);
        inv.rule[a === '-s' ? 'src' : 'dst'] = { cidr: c, ...(invert ? { invert: true } : {}) };
        inv.hasSpec = true; invert = false; continue;
      }
      case '-i': case '-o': { const v = next(); if (v === undefined) return problem(tool, `option "${raw}" requires an argument`); inv.rule[a === '-i' ? 'in' : 'out'] = v; inv.hasSpec = true; continue; }
      case '-p': {
        const v = next()?.toLowerCase();
        if (v === undefined) return problem(tool, `option "${raw}" requires an argument`);
        if (!PROTOCOLS.includes(v) && !/^\d+$/.test(v)) return problem(tool, `unknown protocol "${v}" specified`);
        if (v !== 'all') inv.rule.proto = v;
        inv.hasSpec = true; continue;
      }
      case '-m': {
        const m = next();
        if (m === undefined) return problem(tool, `option "${raw}" requires an argument`);
        if (!Object.hasOwn(MODULE_OPTIONS, m)) return problem(tool, `Couldn't load match \`${m}':No such file or directory`, true);
        modules.push(m);
        if (m === 'tcp' || m === 'udp') part(portMatch(m));
        continue;
      }
      case '-j': {
        const t = next();
        if (t === undefined) return problem(tool, `option "${raw}" requires an argument`);
        inv.rule.target = t; inv.hasSpec = true; continue;
      }
    }
    // Module and target options.
    const value = () => next();
    if (['--dport', '--sport', '--destination-port', '--source-port'].includes(a)) {
      const proto = inv.rule.proto;
      if (proto !== 'tcp' && proto !== 'udp') return problem(tool, `unknown option "${raw}"`);
      const v = value();
      if (v === undefined || !/^\d+(:\d+)?$/.test(v)) return problem(tool, `invalid port/service \`${v ?? ''}' specified`);
      const dport = a === '--dport' || a === '--destination-port';
      const existing = inv.rule.matches.findIndex((p) => p.save.startsWith(`-m ${proto}`));
      const prev = existing >= 0 ? /--sport (\S+)/.exec(inv.rule.matches[existing].save)?.[1] : undefined;
      const prevD = existing >= 0 ? /--dport (\S+)/.exec(inv.rule.matches[existing].save)?.[1] : undefined;
      const p = portMatch(proto, dport ? v : prevD, dport ? prev : v);
      if (existing >= 0) inv.rule.matches[existing] = p; else part(p);
      inv.hasSpec = true; invert = false; continue;
    }
    if (a === '--comment' && modules.includes('comment')) { const v = value() ?? ''; part(comment(v)); continue; }
    if (a === '--ctstate' && modules.includes('conntrack')) { part(conntrack((value() ?? '').toUpperCase(), invert)); invert = false; continue; }
    if (a === '--state' && modules.includes('state')) { const v = (value() ?? '').toUpperCase(); part({ save: `-m state ${invert ? '! ' : ''}--state ${v}`, list: `${invert ? '! ' : ''}state ${v}` }); invert = false; continue; }
    if (a === '--mark' && modules.includes('mark')) { part(mark(value() ?? '', invert)); invert = false; continue; }
    if ((a === '--dst-type' || a === '--src-type') && modules.includes('addrtype')) { part(addrtype(a === '--dst-type' ? 'dst' : 'src', value() ?? '')); continue; }
    if ((a === '--dports' || a === '--sports' || a === '--ports') && modules.includes('multiport')) { const v = value() ?? ''; part({ save: `-m multiport ${a} ${v}`, list: `multiport ${a.slice(2)} ${v}` }); continue; }
    if (a === '--reject-with' && inv.rule.target === 'REJECT') { inv.rule.targetOptions = { save: `--reject-with ${value()}`, list: `reject-with ${w[i]}` }; continue; }
    if (a === '--log-prefix' && inv.rule.target === 'LOG') { const v = value() ?? ''; inv.rule.targetOptions = { save: `--log-prefix ${saveString(v)}`, list: `LOG flags 0 level 4 prefix "${v}"`, listNames: `LOG level warn prefix "${v}"` }; continue; }
    if (a.startsWith('-')) return problem(tool, `unknown option "${raw}"`);
    return { error: `Bad argument \`${raw}'\n${tryLine(tool)}`, exitCode: 2 };
  }
  if (inv.rule.target === 'REJECT' && !inv.rule.targetOptions) inv.rule.targetOptions = { save: '--reject-with icmp-port-unreachable', list: 'reject-with icmp-port-unreachable' };
  if (inv.rule.target === 'LOG' && !inv.rule.targetOptions) inv.rule.targetOptions = { save: '', list: 'LOG flags 0 level 4', listNames: 'LOG level warn' };
  return inv;
}

export const tryLine = (tool: string) => `Try \`${tool} -h' or '${tool} --help' for more information.`;
