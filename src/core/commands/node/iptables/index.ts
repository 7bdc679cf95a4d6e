import { applyEdits, BUILTIN, kubeRules, saveRule, type Chain, type NetfilterEdit, type Ruleset, type TableName } from '../../../host/netfilter.ts';
import type { Command, CommandContext, CommandResult } from '../../types.ts';
import { matching } from '../args.ts';
import { renderList, renderRules, renderSave, VERSION } from './render.ts';
import { parseInvocation, problem, tryLine, type Invocation } from './spec.ts';

const HELP = (tool: string) => `${tool} ${VERSION}

Usage: ${tool} -[ACD] chain rule-specification [options]
       ${tool} -I chain [rulenum] rule-specification [options]
       ${tool} -R chain rulenum rule-specification [options]
       ${tool} -D chain rulenum [options]
       ${tool} -[LS] [chain [rulenum]] [options]
       ${tool} -[FZ] [chain] [options]
       ${tool} -[NX] chain
       ${tool} -E old-chain-name new-chain-name
       ${tool} -P chain target [options]
       ${tool} -h (print this help information)

Commands:
Either long or short options are allowed.
  --append  -A chain		Append to chain
  --check   -C chain		Check for the existence of a rule
  --delete  -D chain		Delete matching rule from chain
  --delete  -D chain rulenum
				Delete rule rulenum (1 = first) from chain
  --insert  -I chain [rulenum]
				Insert in chain as rulenum (default 1=first)
  --replace -R chain rulenum
				Replace rule rulenum (1 = first) in chain
  --list    -L [chain [rulenum]]
				List the rules in a chain or all chains
  --list-rules -S [chain [rulenum]]
				Print the rules in a chain or all chains
  --flush   -F [chain]		Delete all rules in  chain or all chains
  --zero    -Z [chain [rulenum]]
				Zero counters in chain or all chains
  --new     -N chain		Create a new user-defined chain
  --delete-chain
	    -X [chain]		Delete a user-defined chain
  --policy  -P chain target
				Change policy on chain to target
  --rename-chain
	    -E old-chain new-chain
				Change chain name, (moving any references)

Options:
    --ipv4	-4		Nothing (line is ignored by ip6tables-restore)
    --ipv6	-6		Error (line is ignored by iptables-restore)
[!] --protocol	-p proto	protocol: by number or name, eg. \`tcp'
[!] --source	-s address[/mask][...]
				source specification
[!] --destination -d address[/mask][...]
				destination specification
[!] --in-interface -i input name[+]
				network interface name ([+] for wildcard)
 --jump	-j target
				target for rule (may load target extension)
  --goto      -g chain
			       jump to chain with no return
  --match	-m match
				extended match (may load extension)
  --numeric	-n		numeric output of addresses and ports
[!] --out-interface -o output name[+]
				network interface name ([+] for wildcard)
  --table	-t table	table to manipulate (default: \`filter')
  --verbose	-v		verbose mode
  --wait	-w [seconds]	maximum wait to acquire xtables lock before give up
  --line-numbers		print line numbers when listing
  --exact	-x		expand numbers (display exact values)
[!] --fragment	-f		match second or further fragments only
  --modprobe=<command>		try to insert modules using this command
  --set-counters -c PKTS BYTES	set the counter during insert/append
[!] --version	-V		print package version.
`;

/** The node's rules for one family: kubelet's and kube-proxy's, then the session's edits. */
export function nodeRuleset(ctx: Pick<CommandContext, 'state' | 'host'>, family: 4 | 6): Ruleset {
  return applyEdits(kubeRules(ctx.state, family), (ctx.host.netfilter ?? []).filter((e) => e.family === family));
}

const out = (stdout: string): CommandResult => ({ stdout, stderr: '', exitCode: 0 });
const err = (stderr: string, exitCode: number): CommandResult => ({ stdout: '', stderr, exitCode });
/** iptables' OTHER_PROBLEM words for the nf_tables backend without root. */
const notRoot = (tool: string) => err(`${tool} ${VERSION}: Could not fetch rule set generation id: Permission denied (you must be root)\n`, 4);
const TARGETS = ['ACCEPT', 'DROP', 'RETURN', 'REJECT', 'LOG'];

/** Runs one iptables invocation against the node's rules; a change is one `host/netfilter` action. */
function iptablesRun(ctx: CommandContext, family: 4 | 6): CommandResult {
  const tool = family === 4 ? 'iptables' : 'ip6tables';
  const p = parseInvocation(tool, ctx.argv.slice(1));
  if ('error' in p) return err(p.error, p.exitCode);
  if (p.verb === 'V') return out(`${tool} ${VERSION}\n`);
  if (p.verb === 'h') return out(HELP(tool));
  if (!p.verb) return err(`${tool} ${VERSION}: no command specified\n${tryLine(tool)}\n`, 2);
  if (ctx.frame.user !== 'root') return notRoot(tool);
  if (!Object.hasOwn(BUILTIN, p.table)) return err(`${tool} ${VERSION}: table '${p.table}' does not exist\nPerhaps ${tool} or your kernel needs to be upgraded.\n`, 3);
  const tableName = p.table as TableName;
  const rs = nodeRuleset(ctx, family);
  const table = rs.find((t) => t.name === tableName) ?? { name: tableName, chains: BUILTIN[tableName].map((name) => ({ name, policy: 'ACCEPT' as const, rules: [] })) };
  const chain = p.chain === undefined ? undefined : table.chains.find((c) => c.name === p.chain);
  const noChain = err(`${tool}: No chain/target/match by that name.\n`, 1);
  const edit = (e: Omit<NetfilterEdit, 'family' | 'table'>) => { ctx.dispatch({ type: 'host/netfilter', host: ctx.host.name, edit: { family, table: tableName, ...e } }); return out(''); };
  switch (p.verb) {
    case 'L': case 'S': {
      if (p.chain !== undefined && !chain) return err(`${tool} ${VERSION}: chain \`${p.chain}' in table \`${tableName}' is incompatible, use 'nft' tool.\n`, 1);
      if (p.verb === 'S') return out(renderRules(table, chain, p.num));
      return out(renderList(table, { numeric: p.numeric, verbose: p.verbose, exact: p.exact, lineNumbers: p.lineNumbers, family }, chain, p.num));
    }
    case 'Z': return chain || p.chain === undefined ? out('') : noChain;
    case 'N':
      if (chain) return err(`${tool}: Chain already exists.\n`, 1);
      return edit({ op: 'N', chain: p.chain });
    case 'X': {
      const busy = (name: string) => err(`${tool} ${VERSION}:  CHAIN_DEL failed (Device or resource busy): chain ${name}\n`, 4);
      if (p.chain === undefined) {
        const user = table.chains.filter((c) => !c.policy);
        const stuck = user.find((c) => c.rules.length || table.chains.some((o) => o.rules.some((r) => r.target === c.name)));
        return stuck ? busy(stuck.name) : edit({ op: 'X' });
      }
      if (!chain) return noChain;
      if (chain.policy || chain.rules.length || table.chains.some((o) => o.rules.some((r) => r.target === chain.name))) return busy(chain.name);
      return edit({ op: 'X', chain: p.chain });
    }
    case 'F':
      if (p.chain !== undefined && !chain) return noChain;
      return edit({ op: 'F', chain: p.chain });
    case 'P':
      if (!chain) return noChain;
      if (!chain.policy) return err(`${tool}: Bad built-in chain name.\n`, 1);
      if (p.policy !== 'ACCEPT' && p.policy !== 'DROP') return err(`${tool}: Bad policy name. Run \`dmesg' for more information.\n`, 1);
      return edit({ op: 'P', chain: p.chain, policy: p.policy });
    default: return ruleVerb(tool, p, table.chains, chain, noChain, edit);
  }
}

/** -A, -I, -D, -C: a rule specification against one chain. */
function ruleVerb(tool: string, p: Invocation, chains: Chain[], chain: Chain | undefined, noChain: CommandResult, edit: (e: Omit<NetfilterEdit, 'family' | 'table'>) => CommandResult): CommandResult {
  const target = p.rule.target;
  if (target !== undefined && !TARGETS.includes(target) && !chains.some((c) => c.name === target)) {
    const e = problem(tool, `Chain '${target}' does not exist`);
    return err(e.error, e.exitCode);
  }
  if (!chain) return noChain;
  if (p.verb === 'D' && !p.hasSpec && p.num !== undefined) {
    const r = chain.rules[p.num - 1];
    if (!r) return err(`${tool}: Index of deletion too big.\n`, 1);
    return edit({ op: 'D', chain: chain.name, rule: r });
  }
  const key = saveRule(p.rule);
  const exists = chain.rules.some((r) => saveRule(r) === key);
  if (p.verb === 'D' || p.verb === 'C') {
    if (!exists) return err(`${tool}: Bad rule (does a matching rule exist in that chain?).\n`, 1);
    return p.verb === 'C' ? out('') : edit({ op: 'D', chain: chain.name, rule: p.rule });
  }
  if (p.verb === 'I' && p.num !== undefined && p.num > chain.rules.length + 1) return err(`${tool}: Index of insertion too big.\n`, 1);
  if (p.rule.out && ['INPUT', 'PREROUTING'].includes(chain.name)) { const e = problem(tool, `Can't use -o with ${chain.name}`, true); return err(e.error, e.exitCode); }
  if (p.rule.in && ['OUTPUT', 'POSTROUTING'].includes(chain.name)) { const e = problem(tool, `Can't use -i with ${chain.name}`, true); return err(e.error, e.exitCode); }
  return edit({ op: p.verb === 'I' ? 'I' : 'A', chain: chain.name, rule: p.rule, ...(p.verb === 'I' ? { num: p.num ?? 1 } : {}) });
}

/** `iptables-save [-t table] [-c]`: the tables as iptables-restore reads them back. */
function saveRun(ctx: CommandContext, family: 4 | 6): CommandResult {
  const tool = family === 4 ? 'iptables-save' : 'ip6tables-save';
  const args = ctx.argv.slice(1);
  let only: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-t' || a === '--table') { only = args[++i]; if (only === undefined) return err(`${tool}: option '${a}' requires an argument\n${tryLine(tool)}\n`, 1); continue; }
    if (/^--table=/.test(a)) { only = a.slice(8); continue; }
    if (['-c', '--counters', '-M', '-f', '--file'].includes(a)) { if (a === '-M' || a === '-f' || a === '--file') i++; continue; }
    if (a === '-V' || a === '--version') return out(`${tool} ${VERSION}\n`);
    if (a === '-h' || a === '--help') return out(`Usage: ${tool} [-c] [-t <table>] [-M <command>] [-f <filename>] [-V]\n`);
    return err(`${tool}: unrecognized option '${a}'\nUnknown arguments found on commandline\n`, 1);
  }
  if (ctx.frame.user !== 'root') return notRoot(tool);
  if (only !== undefined && !Object.hasOwn(BUILTIN, only)) return err(`${tool} ${VERSION}: Cannot initialize: Table does not exist (do you need to insmod?)\n`, 1);
  return out(renderSave(nodeRuleset(ctx, family), ctx.state.now, tool, only as TableName | undefined));
}

const COMPLETIONS = ['-L', '-S', '-A', '-I', '-D', '-C', '-N', '-X', '-F', '-P', '-t', '-n', '-v', '-x', '--line-numbers', '--list', '--list-rules', '--table', '--numeric', '--verbose', '-j', '-p', '-s', '-d', '-m'];

/** iptables and ip6tables (1.8.9, nf_tables backend). */
function iptablesFamily(name: string, family: 4 | 6): Command {
  return {
    name,
    places: ['node'],
    summary: 'administration tool for IPv4/IPv6 packet filtering and NAT',
    run: (ctx) => iptablesRun(ctx, family),
    complete(words, partial, ctx) {
      const prev = words[words.length - 1];
      if (prev === '-t' || prev === '--table') return matching(['filter', 'nat', 'mangle', 'raw'], partial);
      if (['-L', '-S', '-A', '-I', '-D', '-F', '-N', '-X', '-P', '--list', '--list-rules'].includes(prev)) {
        const ti = Math.max(words.lastIndexOf('-t'), words.lastIndexOf('--table'));
        const t = (ti >= 0 ? words[ti + 1] : 'filter') as TableName;
        const table = nodeRuleset(ctx, family).find((x) => x.name === t);
        return matching((table?.chains ?? []).map((c) => c.name), partial);
      }
      return matching(COMPLETIONS, partial);
    },
  };
}

function saveFamily(name: string, family: 4 | 6): Command {
  return { name, places: ['node'], summary: 'dump iptables rules', run: (ctx) => saveRun(ctx, family), complete: (_w, partial) => matching(['-t', '-c', '--table', '--counters'], partial) };
}

export const iptables = iptablesFamily('iptables', 4);
export const ip6tables = iptablesFamily('ip6tables', 6);
export const iptablesSave = saveFamily('iptables-save', 4);
export const ip6tablesSave = saveFamily('ip6tables-save', 6);
