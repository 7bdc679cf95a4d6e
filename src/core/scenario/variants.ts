/**
 * Variants: the same incident under other names, so a write-up memorised from one attempt does not
 * replay on the next. A variant is picked by a seed (the attempt's); seed 0 is the file as written.
 *
 * What varies, with no work from the author (a scenario may turn parts off under `variants:`):
 * - nodes: every node's IP gets another host number in its subnet, and a node named after its IP
 *   (`ip-10-42-3-208`, the EC2 form) is renamed with it;
 * - ages: nodes that were there from the start are a few days older;
 * - generated names: pod suffixes, uids and container ids come from another random stream;
 * - names the author lists under `variants.names` (a namespace, a workload, an image tag), each
 *   becoming one of its alternatives.
 *
 * Everything that names those things is rewritten with the same map, whole words only: the
 * cluster, the faults, the rubric's matchers and claims, the senior path, and (through `rename`)
 * the reference solution, the weak path, the calibration set and the prose. So solutions and rubrics
 * are written once against the file's own names, which act as the roles (`faulty-node` is whichever
 * node the fault names), and replay under every seed; `scenario:check` proves it for seeds 1-3.
 */
import { nextRandom, seeded } from '../sim/rng.ts';
import { parseDuration } from '../time.ts';
import { etcdMemberId } from './controlPlane.ts';
import type { Scenario, VariantSpec } from './types.ts';

/** A scenario's variant for one seed: what was renamed, and the rewrite for any text about it. */
export interface Variant {
  seed: number;
  /** `[old, new]` pairs, nodes first, then IPs, then the author's names; empty for seed 0. */
  renames: [string, string][];
  /** Node name (as in the file) → its age in this variant, where it differs. */
  ages: Record<string, string>;
  /** Rewrites text written against the file's names (a script, an answer, prose) for this variant. */
  rename: (text: string) => string;
}

/** Seeds `scenario:check` and the tests replay every scenario under, beside seed 0. */
export const CHECK_SEEDS = [1, 2, 3] as const;

/**
 * The seeds a new attempt (practice or live) draws from: only seeds `scenario:check` proves, so a
 * learner never plays a variant nobody replayed the reference solution under.
 */
export const ATTEMPT_SEEDS: readonly number[] = CHECK_SEEDS;

/**
 * The seed of a new attempt: one of ATTEMPT_SEEDS picked by `random` (a number in [0, 1) the caller
 * draws: the core itself has no randomness), never `previous` (the same learner's last attempt at
 * the scenario), so retrying a scenario always shows other names.
 */
export function pickSeed(random: number, previous?: number): number {
  const pool = ATTEMPT_SEEDS.filter((s) => s !== previous);
  return pool[Math.min(pool.length - 1, Math.floor(random * pool.length))];
}

const IPV4 = /(?<![\d.])(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?![\d])/g;
const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The author's variant settings with the defaults filled in. */
export const variantSpecOf = (s: Scenario): Required<VariantSpec> => ({ nodes: s.variants?.nodes ?? true, ages: s.variants?.ages ?? true, names: s.variants?.names ?? {} });

/**
 * The text rewrite for a set of renames (a Variant's `renames`): one pass, whole words, so no name
 * is renamed twice. A live session sends its renames, not its seed, to the browsers that render prose.
 */
export function rewriter(renames: [string, string][]): (text: string) => string {
  if (renames.length === 0) return (t) => t;
  const map = new Map<string, string>();
  for (const [from, to] of renames) {
    map.set(from, to);
    // An IP also appears escaped inside rubric regexes: 10\.0\.1\.11.
    if (/^\d+\.\d+\.\d+\.\d+$/.test(from)) map.set(escapeRegex(from), escapeRegex(to));
  }
  const keys = [...map.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  const re = new RegExp(`(?<![A-Za-z0-9_])(?:${keys.map(escapeRegex).join('|')})(?![A-Za-z0-9_]|\\.\\d)`, 'g');
  return (text) => text.replace(re, (m) => map.get(m) ?? m);
}

/** The variant of `scenario` for `seed` (deterministic: same scenario and seed, same variant). */
export function planVariant(scenario: Scenario, seed: number): Variant {
  if (seed === 0) return { seed, renames: [], ages: {}, rename: (t) => t };
  const spec = variantSpecOf(scenario);
  const rnd = seeded(`${scenario.meta.id}#variant-${seed}`);
  const renames: [string, string][] = [];
  const ages: Record<string, string> = {};
  if (spec.nodes) {
    // Every IP the file mentions stays taken, so a new one never collides with a Service, a peer or another node.
    const used = new Set([...JSON.stringify(scenario).matchAll(IPV4)].map((m) => m[0]));
    for (const n of scenario.cluster.nodes) {
      const [a, b, c] = n.ip.split('.');
      let ip = n.ip;
      for (let tries = 0; tries < 50 && used.has(ip); tries++) ip = `${a}.${b}.${c}.${10 + Math.floor(nextRandom(rnd) * 240)}`;
      if (used.has(ip)) continue;
      used.add(ip);
      renames.push([n.ip, ip]);
      const name = n.name === `ip-${n.ip.replaceAll('.', '-')}` ? `ip-${ip.replaceAll('.', '-')}` : n.name;
      if (name !== n.name) renames.unshift([n.name, name]);
      // etcd's member ids follow from name and peer URL: a script that names a member must follow too.
      if (scenario.cluster.controlPlane && n.roles?.includes('control-plane')) renames.push([etcdMemberId(n), etcdMemberId({ name, ip })]);
    }
  }
  for (const [name, choices] of Object.entries(spec.names).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
    const to = choices[Math.floor(nextRandom(rnd) * choices.length)];
    if (to !== name) renames.push([name, to]);
  }
  if (spec.ages) {
    const late = new Set(scenario.cluster.history.flatMap((h) => (h.do === 'addNode' ? [h.node] : [])));
    for (const n of scenario.cluster.nodes) {
      const days = parseDuration(n.age)! / 86_400_000;
      // Older only: a node younger than the cluster's first history step would exist before it was created.
      if (late.has(n.name) || days < 2 || !Number.isInteger(days)) continue;
      ages[n.name] = `${days + 1 + Math.floor(nextRandom(rnd) * Math.max(1, Math.round(days / 4)))}d`;
    }
  }
  return { seed, renames, ages, rename: rewriter(renames) };
}

/** Every string (and object key) in `value` through `f`. */
export function mapStrings<T>(value: T, f: (s: string) => string): T {
  if (typeof value === 'string') return f(value) as T;
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, f)) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [f(k), mapStrings(v, f)])) as T;
  return value;
}

/**
 * The scenario as the variant plays it: every name rewritten, node ages set, and the seed recorded
 * so the simulation draws its generated names (pod suffixes, uids) from another stream.
 */
export function applyVariant(scenario: Scenario, v: Variant): Scenario {
  if (v.seed === 0) return scenario;
  const out = mapStrings(scenario, v.rename);
  for (const n of out.cluster.nodes) {
    const was = scenario.cluster.nodes.find((x) => v.rename(x.name) === n.name);
    if (was && v.ages[was.name]) n.age = v.ages[was.name];
  }
  return { ...out, variant: v.seed, file: scenario.file };
}

/** Shorthand: the scenario's variant for `seed` and the rewrite for texts about it. */
export function variantOf(scenario: Scenario, seed: number): { scenario: Scenario; variant: Variant } {
  const variant = planVariant(scenario, seed);
  return { scenario: applyVariant(scenario, variant), variant };
}

/** One line saying what a variant changed: `ip-10-42-3-208 → ip-10-42-3-77, …`. */
export function describeVariant(v: Variant, max = 4): string {
  if (v.seed === 0) return 'as written';
  const parts = v.renames.filter(([from]) => !/^\d/.test(from) || !v.renames.some(([n]) => n === `ip-${from.replaceAll('.', '-')}`)).map(([a, b]) => `${a} → ${b}`);
  const ages = Object.keys(v.ages).length;
  return `${parts.slice(0, max).join(', ')}${parts.length > max ? `, and ${parts.length - max} more` : ''}${ages ? `${parts.length ? '; ' : ''}${ages} node age${ages === 1 ? '' : 's'} changed` : ''}${parts.length || ages ? '' : 'generated names only'}`;
}
