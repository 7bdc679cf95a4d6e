/**
 * A grammar of terminal lines for the fuzz test: commands the place offers with flags from their
 * own FlagSpec tables and values from a hostile pool, kubectl verbs over the scenario's real
 * objects, pipelines through the text tools with patterns that make backtracking engines hang,
 * command substitution, quoting and redirections. Seeded: the same seed gives the same lines.
 */
import { commandNames, findCommand } from '../../src/core/commands/registry.ts';
import type { Place } from '../../src/core/commands/types.ts';
import { VERBS } from '../../src/core/commands/kubectl/verbs/registry.ts';
import type { Session } from '../../src/core/session/session.ts';

export type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

/** Patterns that take exponential time in a backtracking engine, and plain ones. */
export const PATTERNS = [
  '(\\w+\\s?)+$', '(a+)+$', '(.*a){12}', '(x+x+)+y', '([a-z]+)*[0-9]$', '(.*){1,32000}[bc]', '^(([a-z])+.)+[A-Z]([a-z])+$', '(\\w|\\d)+!',
  'Running', 'kube', '^NAME', 'Err|Crash', '[0-9]+', '[[:digit:]]\\+', '\\<pod\\>', '.*', '', '(', '[', '\\', 'a{99999}', 'x\\{2,1\\}',
];
const VALUES = ['', '0', '-1', '1', '5', '99999999999', '2147483647', '1e309', 'NaN', 'banana', '%s', '../..', "''", '"a b"', 'x'.repeat(200), '-', '--', '{}', '[]', 'ünï', '1h', '-5m'];
const TEXT_TOOLS = (r: Rand) => pick(r, [
  () => `grep ${pick(r, ['', '-E ', '-i ', '-v ', '-o ', '-c ', '-w ', '-x ', '-n ', '-F '])}'${pick(r, PATTERNS)}'`,
  () => `sed ${pick(r, ['', '-E ', '-n '])}'s/${pick(r, PATTERNS).replace(/\//g, '\\/')}/X/g'`,
  () => `awk '${pick(r, ['{print $1}', '{print $NF}', `/${pick(r, PATTERNS).replace(/\//g, '\\/')}/`, '{n+=$2} END {print n}', '{print $99999}', 'BEGIN{x=1/0}', '{printf "%s %d\\n", $1, $2}'])}'`,
  () => `sort ${pick(r, ['', '-n', '-r', '-k2', '-k 3,3n', '-u', '-V', '-h'])}`,
  () => `uniq ${pick(r, ['', '-c', '-d', '-u'])}`,
  () => `tr ${pick(r, ["-s ' '", "-d '0-9'", "'a-z' 'A-Z'", "-s '\\n'", "-cd '[:print:]'"])}`,
  () => `head -n ${pick(r, VALUES)}`, () => `tail -n ${pick(r, VALUES)}`, () => `cut -d' ' -f${pick(r, ['1', '2-', '1,3', '0', ''])}`,
  () => `wc ${pick(r, ['-l', '-c', '-w', ''])}`, () => `column -t`, () => `xargs ${pick(r, ['', 'echo', '-n1 echo'])}`, () => 'rev', () => 'tee /tmp/f',
])();

/** One flag of `name` in this place, with a value from the pool. */
function flagOf(r: Rand, place: Place, name: string): string {
  const flags = findCommand(place, name)?.flags ?? [];
  if (!flags.length || r() < 0.2) return pick(r, ['--nope', '-Z', '--help', pick(r, VALUES)]);
  const f = pick(r, flags);
  const dash = f.short && r() < 0.5 ? `-${f.short}` : `--${f.name}`;
  return f.type === 'bool' ? dash : `${dash}${dash.startsWith('--') && r() < 0.5 ? '=' : ' '}${pick(r, VALUES)}`;
}

/** A kubectl line over the scenario's objects. */
function kubectl(r: Rand, s: Session): string {
  const pods = Object.values(s.state.pods);
  const pod = pods.length ? pick(r, pods) : undefined;
  const deps = Object.values(s.state.deployments);
  const dep = deps.length ? pick(r, deps) : undefined;
  const node = pick(r, Object.keys(s.state.nodes));
  const verb = pick(r, [...VERBS.map((v) => v.name), 'get', 'get', 'describe', 'logs']);
  const target = pick(r, [
    pod ? `pod/${pod.metadata.name} -n ${pod.metadata.namespace}` : 'pod/x', dep ? `deploy/${dep.metadata.name} -n ${dep.metadata.namespace}` : 'deploy/x',
    `node/${node}`, 'pods -A', 'events -A', 'all -A', 'pdb -A', 'rs -A', 'nope', '',
  ]);
  const extra = pick(r, ['', '-o wide', '-o yaml', '-o json', "-o 'jsonpath={.items[*].metadata.name}'", '--tail=5', '--replicas=3', '--replicas=2147483647', '-w', '--sort-by=.metadata.name',
    `-p '{"spec":{"replicas":${pick(r, ['"x"', '{}', '1.5', '-3', '99999999999', 'null', '2'])}}}'`, '--show-labels', `-l app=${pick(r, VALUES)}`, '--previous', '--all-containers', '--since=1h']);
  return `kubectl ${verb} ${target} ${extra}`.replace(/ +/g, ' ').trim();
}

/** One simple command (no pipe) for `place`. */
function simple(r: Rand, s: Session, place: Place): string {
  if (place === 'laptop' && r() < 0.45) return kubectl(r, s);
  const name = pick(r, commandNames(place));
  const n = Math.floor(r() * 3);
  const args = Array.from({ length: n }, () => flagOf(r, place, name));
  return [name, ...args].join(' ');
}

/** One generated line: a command, a pipeline, a substitution, a redirection or a compound. */
export function line(r: Rand, s: Session, place: Place): string {
  const c = simple(r, s, place);
  const x = r();
  if (x < 0.35) return `${c} | ${TEXT_TOOLS(r)}${r() < 0.4 ? ` | ${TEXT_TOOLS(r)}` : ''}`;
  if (x < 0.45) return `echo "$(${c} 2>&1 | ${TEXT_TOOLS(r)})" | wc -l`;
  if (x < 0.5) return `${c} > /tmp/out; cat /tmp/out | ${TEXT_TOOLS(r)}`;
  if (x < 0.55) return `${c} && echo ok || echo "failed $?"`;
  if (x < 0.6) return `for i in 1 2 3; do ${c} | head -n 1; done`;
  return c;
}
