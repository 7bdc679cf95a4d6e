import type { CommandMatcher } from './types.ts';
import type { Place } from '../commands/types.ts';

/** One simple command as it ran in the session: where, when, what it printed. */
export interface CommandRecord {
  at: number; // ms
  place: Place;
  host: string;
  argv: string[];
  stdout: string;
  stderr: string;
  exitCode: number;
  /** Index of the round being played when it ran. */
  round: number;
  /** The whole line it came from, as typed. */
  line: string;
  /** Which typed line (transcript entry index) it came from: a pipeline's commands share one. */
  typed?: number;
}

/** Short flags by tool, so `-p`, `--previous` and `--previous=true` are one act. */
const SHORT: Record<string, Record<string, string>> = {
  kubectl: { p: 'previous', o: 'output', n: 'namespace', A: 'all-namespaces', l: 'selector', f: 'follow', c: 'container', w: 'watch', i: 'stdin', t: 'tty', L: 'label-columns' },
  journalctl: { k: 'dmesg', u: 'unit', n: 'lines', f: 'follow', p: 'priority', b: 'boot', r: 'reverse', S: 'since', U: 'until' },
  dmesg: { T: 'ctime', w: 'follow', l: 'level', H: 'human', k: 'kernel' },
  df: { h: 'human-readable', i: 'inodes', T: 'print-type', H: 'si' },
  crictl: { a: 'all', q: 'quiet' },
  grep: { i: 'ignore-case', c: 'count', v: 'invert-match', E: 'extended-regexp', o: 'only-matching', w: 'word-regexp' },
  strace: { f: 'follow-forks', p: 'attach' },
};

/** kubectl resource words in every spelling, reduced to one (`po`, `pod`, `pods` → `pods`). */
const RESOURCES: Record<string, string> = {
  po: 'pods', pod: 'pods', pods: 'pods', no: 'nodes', node: 'nodes', nodes: 'nodes',
  deploy: 'deployments', deployment: 'deployments', deployments: 'deployments',
  rs: 'replicasets', replicaset: 'replicasets', replicasets: 'replicasets',
  ev: 'events', event: 'events', events: 'events', ns: 'namespaces', namespace: 'namespaces', namespaces: 'namespaces',
  pdb: 'poddisruptionbudgets', poddisruptionbudget: 'poddisruptionbudgets', poddisruptionbudgets: 'poddisruptionbudgets',
};

export interface ParsedArgv {
  tool: string;
  /** Words that are not flags (flag values included: matching is by ordered subsequence). */
  words: string[];
  /** Long names of the boolean-true or valued flags present. */
  flags: Set<string>;
}

/**
 * Reads a command by structure: the tool (after `sudo`), its non-flag words with kubectl resource
 * names normalised and `TYPE/NAME` split, and its flags under their long names.
 */
export function parseArgv(argv: readonly string[]): ParsedArgv {
  const a = argv[0] === 'sudo' ? argv.slice(1) : argv;
  const tool = (a[0] ?? '').split('/').pop() ?? '';
  const shorts = SHORT[tool] ?? {};
  const words: string[] = [];
  const flags = new Set<string>();
  for (const w of a.slice(1)) {
    if (w.startsWith('--') && w.length > 2) {
      const [name, value] = w.slice(2).split('=', 2);
      if (value === undefined || !/^(false|0|f)$/i.test(value)) flags.add(name);
    } else if (w.startsWith('-') && w.length > 1 && !/^-\d/.test(w)) {
      for (const c of w.slice(1)) {
        if (c === '=') break;
        flags.add(shorts[c] ?? c);
      }
    } else {
      const norm = (x: string) => (tool === 'kubectl' && Object.hasOwn(RESOURCES, x) ? RESOURCES[x] : x);
      if (w.includes('/') && !w.startsWith('/')) {
        const [type, name] = w.split('/', 2);
        words.push(norm(type), name);
      } else words.push(norm(w));
    }
  }
  return { tool, words, flags };
}

function subsequence(needle: readonly string[], hay: readonly string[]): boolean {
  let i = 0;
  for (const w of hay) if (i < needle.length && w === needle[i]) i++;
  return i === needle.length;
}

/** Whether a recorded command satisfies a rubric matcher. `faultyNodes` gives meaning to faulty-node/healthy-node. */
export function matches(m: CommandMatcher, r: CommandRecord, faultyNodes: readonly string[]): boolean {
  // `command not found` / not executable: nothing ran, whatever the words were.
  if (r.exitCode === 127 || r.exitCode === 126) return false;
  const p = parseArgv(r.argv);
  if (p.tool !== m.tool) return false;
  const norm = (x: string) => (m.tool === 'kubectl' && Object.hasOwn(RESOURCES, x) ? RESOURCES[x] : x);
  if (m.args && !subsequence(m.args.map(norm), p.words)) return false;
  if (m.flags && !m.flags.every((f) => p.flags.has(f))) return false;
  if (m.on) {
    const onNode = r.place !== 'laptop';
    if (m.on === 'laptop' && onNode) return false;
    if (m.on === 'node' && !onNode) return false;
    if (m.on === 'faulty-node' && !(onNode && faultyNodes.includes(r.host))) return false;
    if (m.on === 'healthy-node' && !(onNode && !faultyNodes.includes(r.host))) return false;
  }
  if (m.output !== undefined && !new RegExp(m.output, 'im').test(`${r.stdout}${r.stderr}`)) return false;
  return true;
}

/** The first record satisfying any of the matchers, or undefined. */
export function firstMatch(any: readonly CommandMatcher[], records: readonly CommandRecord[], faultyNodes: readonly string[]): CommandRecord | undefined {
  return records.find((r) => any.some((m) => matches(m, r, faultyNodes)));
}

/**
 * The first record that shows what an evidence matcher asks for: as firstMatch, but a command that
 * failed and printed nothing on stdout (only an error: `kubectl get pod nope` answering NotFound)
 * counts only when the matcher names the output it must have shown. A non-zero exit with output
 * is a result, not a failure: `grep -c avx512f /proc/cpuinfo` prints 0 and exits 1.
 */
export function firstEvidence(any: readonly CommandMatcher[], records: readonly CommandRecord[], faultyNodes: readonly string[]): CommandRecord | undefined {
  const showed = (r: CommandRecord) => r.exitCode === 0 || r.exitCode === 130 || r.stdout.trim() !== '';
  return records.find((r) => any.some((m) => matches(m, r, faultyNodes) && (showed(r) || m.output !== undefined)));
}
