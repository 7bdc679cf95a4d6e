/**
 * The fuzz run: grammar-generated lines (grammar.ts) in every place of one scenario — the laptop,
 * a worker and (where the cluster has one) a control-plane node over ssh, a busybox debug
 * container beside an app, a node debug pod — plus the issue's
 * reproducers, each in a fresh session. Every line is timed (wall and this process's CPU time),
 * checked by the garbage sweep's rules (no `internal error`, no JavaScript text, exit codes
 * 0–255, the shell left where it was), and its output added to a transcript whose hash must be
 * the same under any locale.
 */
import { createHash } from 'node:crypto';
import type { Place } from '../../src/core/commands/types.ts';
import { Session } from '../../src/core/session/session.ts';
import { load, prng, Sweep, sweepPlace } from '../unit/garbage.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { line } from './grammar.ts';

const root = join(import.meta.dirname, '..', '..');

export interface Timed { place: string; line: string; wallMs: number; cpuMs: number }
export interface FuzzResult {
  scenario: string;
  lines: number;
  /** The slowest lines by CPU time, slowest first. */
  slowest: Timed[];
  findings: Sweep['findings'];
  /** sha256 of every line and its output, in order. */
  transcript: string;
}

/** Wraps a sweep's `run` to time each line and record it into the transcript. */
function instrument(sw: Sweep, timed: Timed[], hash: ReturnType<typeof createHash>): void {
  const run = sw.run.bind(sw);
  sw.run = (place: string, l: string) => {
    const cpu = process.cpuUsage();
    const t = performance.now();
    const out = l.startsWith(IDLE) ? sw.session.tick(sw.session.now + Number(l.slice(IDLE.length)) * 3_600_000).output : run(place, l);
    const used = process.cpuUsage(cpu);
    timed.push({ place, line: l, wallMs: performance.now() - t, cpuMs: (used.user + used.system) / 1000 });
    hash.update(`${place}\u0000${l}\u0000${out}\u0000`);
    return out;
  };
}

/** The deployment and worker node of a session, for the reproducers. */
const firstDeployment = (s: Session) => {
  const d = Object.values(s.state.deployments).find((x) => x.metadata.namespace !== 'kube-system') ?? Object.values(s.state.deployments)[0];
  return d ? `deploy/${d.metadata.name} -n ${d.metadata.namespace}` : 'deploy/none';
};
/** A reproducer line that is no command: the clock moves on by that many hours (a tab left open). */
export const IDLE = '#idle ';

/**
 * The only lines allowed more than the second: long clock moves, by how many times the
 * base budget. A tab left open 72 hours still steps through every moment something is due (the
 * cluster keeps living while the learner waits): 4 s. Measured as this fuzz run's `#idle 72` line
 * (CPU, load 13 on the 2-core machine): imagepull 3.1 s (two held image pulls retried every 10 s),
 * hpa-unknown 2.3 s, oomkilled 2.0 s (a reconcile at every restart, an HPA sync every 15 s),
 * etcd-slowness 1.6 s (a Lease renewal per node every 10 s; 3.4 s before report-only moments
 * skipped the loop's checks and log lines were shared and frozen as written), crashloop 1.5 s,
 * pdb-deadlock 1.0 s, the rest under 0.9 s. `sleep 2h` and `sleep 3600` skip ahead as the
 * learner's would and fit the second. Every other line, reproducers included, gets 1 s. Lower
 * this as the clock gets faster; add nothing here that is not a clock move.
 */
export const LONG_CLOCK_MOVES: readonly { line: RegExp; times: number }[] = [
  { line: new RegExp(`^${IDLE}`), times: 4 },
];

/** The CPU a line may use (ms): `base` (a second), times its LONG_CLOCK_MOVES allowance for a long clock move. */
export function cpuLimitMs(line: string, base = 1000): number {
  return base * (LONG_CLOCK_MOVES.find((m) => m.line.test(line))?.times ?? 1);
}
const nest = (n: number) => `echo ${'$(echo '.repeat(n)}x${')'.repeat(n)}`;

/** The reproducers quoted in issue 18, each a list of lines for one fresh session ({DEP}, {NODE} filled in). */
export const REPRODUCERS: readonly string[][] = [
  ["kubectl get events -A | grep -E '(\\w+\\s?)+$'"],
  [`kubectl get pods -A -o wide | grep -E '^(([a-z])+.)+[A-Z]([a-z])+$'`, "kubectl get events -A | sed -E 's/(\\w+\\s?)+$/x/'", "kubectl get events -A | awk '/(\\w+\\s?)+$/'"],
  [`echo x | grep '${'a'.repeat(40_000)}'`, `echo x | grep -E '${'(a'.repeat(2000)}${')'.repeat(2000)}'`],
  [nest(22), nest(5000)],
  ['sleep 2h', 'ssh {NODE}', "journalctl -u kubelet --no-pager | tr -s ' ' | wc -l", 'exit'],
  ['kubectl scale {DEP} --replicas=2147483647', 'kubectl get pods -A | wc -l'],
  ['kubectl scale {DEP} --replicas=400', 'kubectl get pods -A | wc -l', 'kubectl get deploy -A'],
  [`kubectl patch {DEP} -p '{"spec":{"replicas":99999999999}}'`, 'kubectl get deploy -A'],
  [`kubectl patch {DEP} -p '{"spec":{"replicas":"x"}}'`, `kubectl patch {DEP} --type=merge -p '{"spec":{"replicas":{}}}'`, `kubectl patch {DEP} -p '{"spec":{"replicas":-3}}'`, `kubectl patch {DEP} -p '${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}'`],
  ['sleep 72h', 'kubectl get pods -A | wc -l'],
  ['sleep 3600', 'kubectl get events -A | tail -3'],
  // A tab left open: the browser's next tick moves the clock 72 hours at once.
  [`${IDLE}72`, 'kubectl get pods -A | wc -l'],
  // Drain lists and evicts pods in name order: the same under every locale.
  ['kubectl drain {NODE} --ignore-daemonsets --delete-emptydir-data --force --timeout=20s', 'kubectl get pods -A -o wide'],
];

/**
 * Fuzzes one scenario: `perPlace` generated lines in each place (seeded by `seed`), then the
 * reproducers. The sweep's checks run on every line.
 */
export function fuzzScenario(file: string, perPlace: number, seed: number): FuzzResult {
  const scenario = load(file);
  const legit = readFileSync(join(root, 'scenarios', file), 'utf8');
  const timed: Timed[] = [];
  const hash = createHash('sha256');
  const findings: Sweep['findings'] = [];
  const rand = prng(seed);

  const session = Session.start(scenario);
  const sw = new Sweep(session, legit);
  instrument(sw, timed, hash);
  const laptop = session.prompt();
  const gen = (place: Place) => Array.from({ length: perPlace }, () => line(rand, session, place));
  sweepPlace(sw, 'laptop', gen('laptop'), laptop, () => undefined, '/home/learner');

  const cp = scenario.cluster.nodes.find((n) => (n.roles ?? []).includes('control-plane'))?.name;
  const worker = Object.keys(session.state.nodes).find((n) => n !== cp) ?? Object.keys(session.state.nodes)[0];
  for (const host of cp ? [worker, cp] : [worker]) {
    sw.run('laptop', `ssh ${host}`);
    const prompt = session.prompt();
    sweepPlace(sw, `node ${host}`, gen('node'), prompt, () => sw.run('laptop', `ssh ${host}`), '/root');
    sw.run(`node ${host}`, 'exit');
  }
  const pods = Object.values(session.state.pods).filter((p) => p.metadata.namespace !== 'kube-system');
  const pod = pods.find((p) => p.status.phase === 'Running') ?? pods[0];
  if (pod) {
    const enter = `kubectl debug -it ${pod.metadata.name} -n ${pod.metadata.namespace ?? 'default'} --image=busybox:1.36 --target=${pod.spec.containers[0].name}`;
    sw.run('laptop', enter);
    if (session.prompt() !== laptop) {
      sweepPlace(sw, `debug ${pod.metadata.name}`, gen('debug'), session.prompt(), () => sw.run('laptop', enter), '/');
      sw.run('debug', 'exit');
    }
  }
  // A node debug pod (`kubectl debug node/…`): busybox with the node's root under /host.
  const nodeDebug = `kubectl debug node/${worker} -it --image=busybox`;
  sw.run('laptop', nodeDebug);
  if (session.prompt() !== laptop) {
    sweepPlace(sw, `node-debug ${worker}`, gen('debug'), session.prompt(), () => sw.run('laptop', nodeDebug), session.state.hosts[worker] ? '/root' : '/');
    sw.run('node-debug', 'exit');
  }
  // Still usable afterwards.
  const after = sw.run('laptop', 'kubectl get nodes');
  if (!/^NAME +STATUS +ROLES +AGE +VERSION\n/.test(after)) sw.findings.push({ place: 'laptop', line: 'kubectl get nodes after the run', problem: 'session unusable', output: after });
  findings.push(...sw.findings);

  for (const lines of REPRODUCERS) {
    const s = Session.start(scenario);
    const rsw = new Sweep(s, legit);
    instrument(rsw, timed, hash);
    const node = worker;
    for (const l of lines) rsw.run('reproducer', l.replace('{DEP}', firstDeployment(s)).replace('{NODE}', node));
    const ok = rsw.run('laptop', 'kubectl get nodes');
    if (!/^NAME +STATUS/.test(ok)) rsw.findings.push({ place: 'laptop', line: `after ${lines[0].slice(0, 60)}`, problem: 'session unusable', output: ok });
    findings.push(...rsw.findings);
  }
  const slowest = [...timed].sort((a, b) => b.cpuMs - a.cpuMs).slice(0, 10);
  return { scenario: file, lines: timed.length, slowest, findings, transcript: hash.digest('hex') };
}
