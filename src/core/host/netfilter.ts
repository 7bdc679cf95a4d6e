/**
 * A node's netfilter rules as the iptables tools see them: kubelet's chains, and kube-proxy's
 * (iptables mode, 1.33) derived from the cluster's Services and EndpointSlices the way
 * pkg/proxy/iptables/proxier.go writes them, then the learner's own edits (`iptables -A/-I/-D/-N/-F/-X/-P`)
 * laid over them in the order they were typed. Rules are kept in iptables-save's words, each match
 * and target with the text `iptables -L` prints for it.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { byteCompare } from '../compare.ts';
import { storedObjects } from '../kinds/registry.ts';
import type { EndpointSlice } from '../kinds/endpointslice.ts';
import type { Service } from '../model/k8s.ts';
import type { ClusterState } from '../model/state.ts';
import { sortedValues } from '../kinds/common.ts';
import { nextRandom, seeded } from '../sim/rng.ts';

/** The iptables tables a node has (raw exists once something lists it). */
export type TableName = 'raw' | 'mangle' | 'filter' | 'nat';
export const TABLES: readonly TableName[] = ['raw', 'mangle', 'filter', 'nat'];
/** Built-in chains per table, in the order iptables lists them. */
export const BUILTIN: Record<TableName, readonly string[]> = {
  raw: ['PREROUTING', 'OUTPUT'],
  mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
};

/** A match or a target's options: as iptables-save writes them, and as `iptables -L` prints them (numeric, and with port names). */
export interface RulePart { save: string; list: string; listNames?: string }

/** An address selector: `cidr` with its prefix length (`10.96.0.1/32`). */
export interface Addr { cidr: string; invert?: boolean }

/** One rule, in the order iptables-save prints its parts. */
export interface Rule {
  src?: Addr;
  dst?: Addr;
  in?: string;
  out?: string;
  proto?: string;
  matches: RulePart[];
  /** The target or chain jumped to; absent for a rule that only counts. */
  target?: string;
  targetOptions?: RulePart;
}

export interface Chain { name: string; policy?: 'ACCEPT' | 'DROP'; rules: Rule[] }
export interface Table { name: TableName; chains: Chain[] }
/** A family's tables, in the order iptables-save prints them. */
export type Ruleset = Table[];

/**
 * One change a learner made with iptables, kept on the host (Host.netfilter): the rule as
 * iptables-save words it (`-s 1.2.3.4/32 -j DROP`), so it applies the same way however the
 * kube-proxy rules around it moved since.
 */
export interface NetfilterEdit {
  family: 4 | 6;
  table: TableName;
  op: 'A' | 'I' | 'D' | 'N' | 'X' | 'F' | 'P';
  chain?: string;
  /** The rule (A, I, D); -D removes the first rule iptables-save words the same way. */
  rule?: Rule;
  /** -I: the 1-based position. */
  num?: number;
  /** -P: the new policy. */
  policy?: 'ACCEPT' | 'DROP';
}

// ---- rule parts, as the iptables extensions print them ------------------------------------

/** The /etc/services names (netbase) `iptables -L` prints for the ports the clusters use; others stay numbers. */
const SERVICES: Record<string, string> = { 22: 'ssh', 53: 'domain', 80: 'http', 443: 'https', 3306: 'mysql', 5432: 'postgresql', 5672: 'amqp', 6379: 'redis', 8080: 'http-alt' };
const portName = (p: string) => (Object.hasOwn(SERVICES, p) ? SERVICES[p] : p);

/** A string option as iptables-save writes it (libxtables' xtables_save_string): bare when only `[A-Za-z0-9_-]`, else quoted with `"`, `\\` and `'` escaped. */
export const saveString = (v: string): string => (/^[A-Za-z0-9_-]+$/.test(v) ? v : `"${v.replace(/["\\']/g, (c) => `\\${c}`)}"`);
/** `-m comment --comment "text"` / `/* text *\/`. */
export const comment = (text: string): RulePart => ({ save: `-m comment --comment ${saveString(text)}`, list: `/* ${text} */` });
/** The tcp/udp match (`-m tcp --dport 443` / `tcp dpt:443`). */
export function portMatch(proto: string, dport?: string, sport?: string): RulePart {
  const save = [`-m ${proto}`, sport ? `--sport ${sport}` : '', dport ? `--dport ${dport}` : ''].filter(Boolean).join(' ');
  const list = (n: (p: string) => string) => [proto, sport ? `spt:${n(sport)}` : '', dport ? `dpt:${n(dport)}` : ''].filter(Boolean).join(' ');
  return { save, list: list((p) => p), listNames: list(portName) };
}
export const conntrack = (states: string, invert = false): RulePart =>
  ({ save: `-m conntrack ${invert ? '! ' : ''}--ctstate ${states}`, list: `${invert ? '! ' : ''}ctstate ${states}` });
export const mark = (value: string, invert = false): RulePart =>
  ({ save: `-m mark ${invert ? '! ' : ''}--mark ${value}`, list: `mark match ${invert ? '! ' : ''}${value}` });
export const addrtype = (dir: 'src' | 'dst', type: string): RulePart =>
  ({ save: `-m addrtype --${dir}-type ${type}`, list: `ADDRTYPE match ${dir}-type ${type}` });
/**
 * The statistic match for kube-proxy's `1/n` split: kube-proxy writes `%0.10f`, the kernel keeps
 * the probability as a fraction of 2^31 and iptables prints it back with eleven decimals.
 */
export function probability(n: number): RulePart {
  const written = Number((1 / n).toFixed(10));
  const p = (Math.round(written * 0x80000000) / 0x80000000).toFixed(11);
  return { save: `-m statistic --mode random --probability ${p}`, list: `statistic mode random probability ${p}` };
}
const option = (save: string, list: string): RulePart => ({ save, list });

// ---- kube-proxy ---------------------------------------------------------------------------

/**
 * Chain-name hashes already computed: every `iptables` line rebuilds the whole ruleset, and a
 * SHA-256 in JavaScript per Service port and endpoint cost milliseconds per line. Bounded: cleared
 * when it grows past HASHES_KEPT (the names of one cluster are far fewer).
 */
const hashes = new Map<string, string>();
const HASHES_KEPT = 4096;

/** sha256 then base32 (RFC 4648 alphabet), first 16 characters: kube-proxy's chain-name hash. */
export function portProtoHash(text: string): string {
  let known = hashes.get(text);
  if (known === undefined) {
    if (hashes.size >= HASHES_KEPT) hashes.clear();
    hashes.set(text, (known = computeHash(text)));
  }
  return known;
}

function computeHash(text: string): string {
  const bytes = sha256(utf8ToBytes(text));
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5 && out.length < 16) { out += alphabet[(value >>> (bits - 5)) & 31]; bits -= 5; }
    value &= (1 << bits) - 1;
    if (out.length >= 16) break;
  }
  return out;
}

interface ServicePortInfo {
  /** `namespace/name:port` (`namespace/name` for an unnamed port): kube-proxy's ServicePortName. */
  name: string;
  protocol: string;
  clusterIP: string;
  port: number;
  nodePort?: number;
  externalLocal: boolean;
  affinity: boolean;
  /** Ready endpoints `ip:port`, in kube-proxy's order (sorted as strings). */
  endpoints: string[];
}

const MASQ = '0x4000';
const CLUSTER_CIDR = '10.244.0.0/16';

/** Whether kube-proxy runs on the cluster's nodes (a kube-proxy DaemonSet or its pods). */
function hasKubeProxy(state: ClusterState): boolean {
  return storedObjects(state, 'DaemonSet').some((d) => d.metadata.name === 'kube-proxy')
    || Object.values(state.pods).some((p) => p.metadata.labels?.['k8s-app'] === 'kube-proxy');
}

/**
 * The API server's addresses as it publishes them behind `default/kubernetes`: each control-plane
 * node's InternalIP, or for a managed control plane two addresses in the first node's subnet (the
 * cross-account interfaces EKS places there), stable for the cluster.
 */
function apiServerAddresses(state: ClusterState): string[] {
  const nodes = sortedValues(state.nodes);
  const ip = (n: (typeof nodes)[number]) => n.status.addresses?.find((a) => a.type === 'InternalIP')?.address;
  const cp = nodes.filter((n) => n.metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined).map(ip).filter((a): a is string => !!a);
  if (cp.length) return cp;
  const first = nodes.map(ip).find((a) => a);
  if (!first) return [];
  const rng = seeded(`${state.clusterName}/apiserver-eni`);
  const net = first.split('.').slice(0, 3).join('.');
  return [0, 1].map(() => `${net}.${10 + Math.floor(nextRandom(rng) * 240)}`);
}

/**
 * Every Service port kube-proxy programs: ClusterIP Services with an address, each port with the
 * ready endpoints of the Service's EndpointSlices (the API server's own Service: its addresses).
 */
function servicePorts(state: ClusterState): ServicePortInfo[] {
  const slices = storedObjects<EndpointSlice>(state, 'EndpointSlice');
  let apiServers: string[] | undefined;
  const out: ServicePortInfo[] = [];
  for (const svc of sortedValues(state.services) as Service[]) {
    const ip = svc.spec.clusterIP;
    if (!ip || ip === 'None') continue;
    const ns = svc.metadata.namespace as string;
    const mine = slices.filter((s) => s.metadata.namespace === ns && s.metadata.labels?.['kubernetes.io/service-name'] === svc.metadata.name);
    for (const p of svc.spec.ports ?? []) {
      const portName = p.name ?? '';
      let endpoints: string[];
      if (ns === 'default' && svc.metadata.name === 'kubernetes' && !mine.length) {
        endpoints = (apiServers ??= apiServerAddresses(state)).map((a) => `${a}:${typeof p.targetPort === 'number' ? p.targetPort : 6443}`);
      } else {
        endpoints = mine.flatMap((s) => {
          const sp = (s.ports ?? []).find((x) => x.name === portName && (x.protocol ?? 'TCP') === (p.protocol ?? 'TCP'));
          if (!sp) return [];
          return (s.endpoints ?? []).filter((e) => e.conditions.ready).map((e) => `${e.addresses[0]}:${sp.port}`);
        });
      }
      out.push({
        name: `${ns}/${svc.metadata.name}${portName ? `:${portName}` : ''}`,
        protocol: (p.protocol ?? 'TCP').toLowerCase(), clusterIP: ip, port: p.port,
        nodePort: (p as { nodePort?: number }).nodePort,
        externalLocal: (svc.spec as { externalTrafficPolicy?: string }).externalTrafficPolicy === 'Local',
        affinity: svc.spec.sessionAffinity === 'ClientIP',
        endpoints: [...new Set(endpoints)].sort(byteCompare),
      });
    }
  }
  // kube-proxy walks a Go map (random order); a fixed order keeps the simulation deterministic.
  return out.sort((a, b) => byteCompare(a.name + a.protocol, b.name + b.protocol));
}

/** A rule builder in kube-proxy's argument order. */
const rule = (r: Partial<Rule> & { target?: string }): Rule => ({ matches: [], ...r });

/** The rules kube-proxy (and kubelet, for its chains) leave on a node, IPv4 or IPv6. */
export function kubeRules(state: ClusterState, family: 4 | 6): Ruleset {
  const tables: Record<TableName, Chain[]> = { raw: [], mangle: [], filter: [], nat: [] };
  const chain = (t: TableName, name: string): Chain => {
    let c = tables[t].find((x) => x.name === name);
    if (!c) { c = { name, rules: [] }; tables[t].push(c); }
    return c;
  };
  const add = (t: TableName, name: string, r: Rule) => chain(t, name).rules.push(r);
  for (const t of ['mangle', 'filter', 'nat'] as const) for (const b of BUILTIN[t]) chain(t, b).policy = 'ACCEPT';
  // kubelet: its canary in three tables, the hint for iptables wrappers, and the localnet firewall.
  chain('mangle', 'KUBE-IPTABLES-HINT');
  for (const t of ['mangle', 'filter', 'nat'] as const) chain(t, 'KUBE-KUBELET-CANARY');
  const v4 = family === 4;
  if (v4) {
    add('filter', 'KUBE-FIREWALL', rule({ src: { cidr: '127.0.0.0/8', invert: true }, dst: { cidr: '127.0.0.0/8' }, matches: [comment('block incoming localnet connections'), conntrack('RELATED,ESTABLISHED,DNAT', true)], target: 'DROP' }));
  }
  if (hasKubeProxy(state)) kubeProxy(state, family, chain, add);
  if (v4) {
    add('filter', 'INPUT', rule({ target: 'KUBE-FIREWALL' }));
    add('filter', 'OUTPUT', rule({ target: 'KUBE-FIREWALL' }));
  }
  return (['mangle', 'filter', 'nat'] as const).map((name) => ({ name, chains: tables[name] }));
}

type ChainFn = (t: TableName, name: string) => Chain;
type AddFn = (t: TableName, name: string, r: Rule) => void;

/**
 * kube-proxy's jumps from the built-in chains, in the order they end up (it prepends each of
 * iptablesJumpChains in turn): table, from, to, comment, whether only new connections jump.
 */
const JUMPS: readonly [TableName, string, string, string, boolean][] = [
  ['filter', 'INPUT', 'KUBE-PROXY-FIREWALL', 'kubernetes load balancer firewall', true],
  ['filter', 'INPUT', 'KUBE-NODEPORTS', 'kubernetes health check service ports', false],
  ['filter', 'INPUT', 'KUBE-EXTERNAL-SERVICES', 'kubernetes externally-visible service portals', true],
  ['filter', 'FORWARD', 'KUBE-PROXY-FIREWALL', 'kubernetes load balancer firewall', true],
  ['filter', 'FORWARD', 'KUBE-FORWARD', 'kubernetes forwarding rules', false],
  ['filter', 'FORWARD', 'KUBE-SERVICES', 'kubernetes service portals', true],
  ['filter', 'FORWARD', 'KUBE-EXTERNAL-SERVICES', 'kubernetes externally-visible service portals', true],
  ['filter', 'OUTPUT', 'KUBE-PROXY-FIREWALL', 'kubernetes load balancer firewall', true],
  ['filter', 'OUTPUT', 'KUBE-SERVICES', 'kubernetes service portals', true],
  ['nat', 'PREROUTING', 'KUBE-SERVICES', 'kubernetes service portals', false],
  ['nat', 'OUTPUT', 'KUBE-SERVICES', 'kubernetes service portals', false],
  ['nat', 'POSTROUTING', 'KUBE-POSTROUTING', 'kubernetes postrouting rules', false],
];

/** kube-proxy's jump rules (prepended, so they sit before kubelet's), its fixed chains and one set of chains per Service port. */
function kubeProxy(state: ClusterState, family: 4 | 6, chain: ChainFn, add: AddFn): void {
  for (const t of ['mangle', 'filter', 'nat'] as const) chain(t, 'KUBE-PROXY-CANARY');
  for (const [t, from, to, text, ctNew] of JUMPS) add(t, from, rule({ matches: [...(ctNew ? [conntrack('NEW')] : []), comment(text)], target: to }));
  for (const c of ['KUBE-SERVICES', 'KUBE-EXTERNAL-SERVICES', 'KUBE-FORWARD', 'KUBE-NODEPORTS', 'KUBE-PROXY-FIREWALL']) chain('filter', c);
  for (const c of ['KUBE-SERVICES', 'KUBE-NODEPORTS', 'KUBE-POSTROUTING', 'KUBE-MARK-MASQ']) chain('nat', c);
  add('nat', 'KUBE-POSTROUTING', rule({ matches: [mark(`${MASQ}/${MASQ}`, true)], target: 'RETURN' }));
  add('nat', 'KUBE-POSTROUTING', rule({ target: 'MARK', targetOptions: option(`--set-xmark ${MASQ}/0x0`, `MARK xor ${MASQ}`) }));
  add('nat', 'KUBE-POSTROUTING', rule({ matches: [comment('kubernetes service traffic requiring SNAT')], target: 'MASQUERADE', targetOptions: option('--random-fully', 'random-fully') }));
  add('nat', 'KUBE-MARK-MASQ', rule({ target: 'MARK', targetOptions: option(`--set-xmark ${MASQ}/${MASQ}`, `MARK or ${MASQ}`) }));

  const host = (ip: string) => `${ip}/${family === 4 ? 32 : 128}`;
  for (const s of family === 4 ? servicePorts(state) : []) {
    const hash = portProtoHash(s.name + s.protocol);
    const svcChain = `KUBE-SVC-${hash}`;
    const extChain = `KUBE-EXT-${hash}`;
    const port = String(s.port);
    if (!s.endpoints.length) {
      add('filter', 'KUBE-SERVICES', rule({ dst: { cidr: host(s.clusterIP) }, proto: s.protocol, matches: [comment(`${s.name} has no endpoints`), portMatch(s.protocol, port)], target: 'REJECT', targetOptions: option('--reject-with icmp-port-unreachable', 'reject-with icmp-port-unreachable') }));
      if (s.nodePort) add('filter', 'KUBE-EXTERNAL-SERVICES', rule({ proto: s.protocol, matches: [comment(`${s.name} has no endpoints`), addrtype('dst', 'LOCAL'), portMatch(s.protocol, String(s.nodePort))], target: 'REJECT', targetOptions: option('--reject-with icmp-port-unreachable', 'reject-with icmp-port-unreachable') }));
      continue;
    }
    const clusterIP = [comment(`${s.name} cluster IP`), portMatch(s.protocol, port)];
    add('nat', 'KUBE-SERVICES', rule({ dst: { cidr: host(s.clusterIP) }, proto: s.protocol, matches: clusterIP, target: svcChain }));
    if (s.nodePort) {
      add('nat', 'KUBE-NODEPORTS', rule({ proto: s.protocol, matches: [comment(s.name), portMatch(s.protocol, String(s.nodePort))], target: extChain }));
      chain('nat', extChain);
      add('nat', extChain, rule({ matches: [comment(`masquerade traffic for ${s.name} external destinations`)], target: 'KUBE-MARK-MASQ' }));
      add('nat', extChain, rule({ target: svcChain }));
    }
    chain('nat', svcChain);
    add('nat', svcChain, rule({ src: { cidr: CLUSTER_CIDR, invert: true }, dst: { cidr: host(s.clusterIP) }, proto: s.protocol, matches: clusterIP, target: 'KUBE-MARK-MASQ' }));
    const sep = (ep: string) => `KUBE-SEP-${portProtoHash(s.name + s.protocol + ep)}`;
    s.endpoints.forEach((ep, i) => {
      const n = s.endpoints.length - i;
      add('nat', svcChain, rule({ matches: [comment(`${s.name} -> ${ep}`), ...(n > 1 ? [probability(n)] : [])], target: sep(ep) }));
    });
    for (const ep of s.endpoints) {
      const c = sep(ep);
      chain('nat', c);
      add('nat', c, rule({ src: { cidr: host(ep.slice(0, ep.lastIndexOf(':'))) }, matches: [comment(s.name)], target: 'KUBE-MARK-MASQ' }));
      add('nat', c, rule({ proto: s.protocol, matches: [comment(s.name), portMatch(s.protocol)], target: 'DNAT', targetOptions: option(`--to-destination ${ep}`, `to:${ep}`) }));
    }
  }
  add('nat', 'KUBE-SERVICES', rule({ ...(family === 6 ? { dst: { cidr: '::1/128', invert: true } } : {}), matches: [comment('kubernetes service nodeports; NOTE: this must be the last rule in this chain'), addrtype('dst', 'LOCAL')], target: 'KUBE-NODEPORTS' }));
  add('filter', 'KUBE-FORWARD', rule({ matches: [conntrack('INVALID')], target: 'DROP' }));
  add('filter', 'KUBE-FORWARD', rule({ matches: [comment('kubernetes forwarding rules'), mark(`${MASQ}/${MASQ}`)], target: 'ACCEPT' }));
  add('filter', 'KUBE-FORWARD', rule({ matches: [comment('kubernetes forwarding conntrack rule'), conntrack('RELATED,ESTABLISHED')], target: 'ACCEPT' }));
}

/** A rule in iptables-save's words after `-A CHAIN` (`-s 1.2.3.4/32 -p tcp -m tcp --dport 22 -j DROP`). */
export function saveRule(r: Rule): string {
  const addr = (flag: string, a?: Addr) => (a ? `${a.invert ? '! ' : ''}${flag} ${a.cidr}` : '');
  return [addr('-s', r.src), addr('-d', r.dst), r.in ? `-i ${r.in}` : '', r.out ? `-o ${r.out}` : '', r.proto ? `-p ${r.proto}` : '',
    ...r.matches.map((m) => m.save), r.target ? `-j ${r.target}` : '', r.targetOptions?.save ?? ''].filter(Boolean).join(' ');
}

/** The learner's edits laid over the kube rules, in the order they were made; one that no longer applies is skipped. */
export function applyEdits(base: Ruleset, edits: readonly NetfilterEdit[]): Ruleset {
  const rs: Ruleset = base.map((t) => ({ name: t.name, chains: t.chains.map((c) => ({ ...c, rules: [...c.rules] })) }));
  for (const e of edits) {
    let t = rs.find((x) => x.name === e.table);
    if (!t) { t = { name: e.table, chains: BUILTIN[e.table].map((name) => ({ name, policy: 'ACCEPT' as const, rules: [] })) }; rs.push(t); }
    const c = e.chain ? t.chains.find((x) => x.name === e.chain) : undefined;
    switch (e.op) {
      case 'N': if (!c && e.chain) t.chains.push({ name: e.chain, rules: [] }); break;
      case 'X': if (c && !c.policy) t.chains = t.chains.filter((x) => x !== c); break;
      case 'F': for (const x of c ? [c] : t.chains) x.rules = []; break;
      case 'P': if (c?.policy && e.policy) c.policy = e.policy; break;
      case 'A': if (c && e.rule) c.rules.push(e.rule); break;
      case 'I': if (c && e.rule) c.rules.splice(Math.min((e.num ?? 1) - 1, c.rules.length), 0, e.rule); break;
      case 'D': {
        if (!c || !e.rule) break;
        const key = saveRule(e.rule);
        const i = c.rules.findIndex((r) => saveRule(r) === key);
        if (i >= 0) c.rules.splice(i, 1);
        break;
      }
    }
  }
  return rs;
}
