/**
 * Recognising what the learner ran: a rubric's CommandMatcher is held against the command's own
 * parse record (commands/parsed.ts), never against argv re-read here, and an output pattern can be
 * scoped to one table row or one field of a JSON/YAML document.
 */
import { parse as parseYaml } from 'yaml';
import type { CommandOutcome, ParsedCommand } from '../commands/parsed.ts';
import { flagOn } from '../commands/parsed.ts';
import { resolveKind } from '../kinds/registry.ts';
import type { Place } from '../commands/types.ts';
import type { CommandMatcher } from './types.ts';

/** One simple command as it ran in the session: where, when, what it printed, what it parsed, how it ended. */
export interface CommandRecord {
  at: number; // ms
  place: Place;
  host: string;
  argv: string[];
  /** Everything it printed, a follow's later output included. */
  stdout: string;
  stderr: string;
  exitCode: number;
  /** Index of the round being played when it ran. */
  round: number;
  /** The whole line it came from, as typed. */
  line: string;
  /** What the command understood of argv (docs/shapes.md §1). */
  parsed: ParsedCommand;
  outcome: CommandOutcome;
  /** Which typed line (transcript entry index) it came from: a pipeline's commands share one. */
  typed?: number;
}

/**
 * How a command ended, from its exit code: 130 is Ctrl-C; a follow that ended by itself with 0 is
 * `streamed`, with another code and kubectl's "timed out waiting" it is `timed-out`.
 */
export function outcomeOf(exitCode: number, follow?: { streamed: boolean; stderr: string }): CommandOutcome {
  if (exitCode === 130) return 'interrupted';
  if (exitCode === 0) return follow?.streamed ? 'streamed' : 'ok';
  if (follow?.streamed && /timed out/i.test(follow.stderr)) return 'timed-out';
  return 'failed';
}

/** A resource word in any spelling, reduced to the registry's plural (`rs`, `replicaset` → replicasets). */
export const resourceName = (typed: string): string => resolveKind(typed)?.plural ?? typed.toLowerCase();

function subsequence(needle: readonly string[], hay: readonly string[]): boolean {
  let i = 0;
  for (const w of hay) if (i < needle.length && w === needle[i]) i++;
  return i === needle.length;
}

/** Whether the flags the matcher asks for were given (and left on); a map gives a regex for the last value. */
function flagsMatch(want: NonNullable<CommandMatcher['flags']>, p: ParsedCommand): boolean {
  if (Array.isArray(want)) return want.every((f) => flagOn(p, f));
  return Object.entries(want).every(([f, re]) => {
    const v = p.flags[f];
    return !!v?.length && new RegExp(re, 'i').test(v[v.length - 1]);
  });
}

/** Whether the record addressed every resource type and every name the matcher lists. */
function resourcesMatch(m: CommandMatcher, p: ParsedCommand): boolean {
  const addressed = p.resources ?? [];
  if (m.resources && !m.resources.map(resourceName).every((t) => addressed.some((r) => r.resource === t))) return false;
  if (m.names && !m.names.every((n) => addressed.some((r) => r.name === n) || p.args.includes(n))) return false;
  return true;
}

/** Whether a recorded command satisfies a rubric matcher. `faultyNodes` gives meaning to faulty-node/healthy-node. */
export function matches(m: CommandMatcher, r: CommandRecord, faultyNodes: readonly string[]): boolean {
  // `command not found` / not executable: nothing ran, whatever the words were.
  if (r.exitCode === 127 || r.exitCode === 126) return false;
  const p = r.parsed;
  if (p.tool !== m.tool) return false;
  if (m.verb && !(m.verb.length <= p.verb.length && m.verb.every((v, i) => p.verb[i] === v))) return false;
  if (!resourcesMatch(m, p)) return false;
  if (m.args && !subsequence(m.args, p.args)) return false;
  if (m.flags && !flagsMatch(m.flags, p)) return false;
  if (m.on) {
    const onNode = r.place !== 'laptop';
    if (m.on === 'laptop' && onNode) return false;
    if (m.on === 'node' && !onNode) return false;
    if (m.on === 'faulty-node' && !(onNode && faultyNodes.includes(r.host))) return false;
    if (m.on === 'healthy-node' && !(onNode && !faultyNodes.includes(r.host))) return false;
  }
  return outputMatches(m, r);
}

/** The output pattern, over the whole output, the rows `row` selects, or the values `jsonpath` reads. */
function outputMatches(m: CommandMatcher, r: CommandRecord): boolean {
  const re = m.output === undefined ? undefined : new RegExp(m.output, 'im');
  if (m.row) {
    const rows = tableRows(r.stdout).filter((row) => Object.entries(m.row!).every(([col, want]) => row.cells[col] !== undefined && new RegExp(want, 'i').test(row.cells[col])));
    return rows.some((row) => !re || re.test(row.line));
  }
  if (m.jsonpath !== undefined) {
    const values = jsonpathValues(r.stdout, m.jsonpath);
    return values.some((v) => !re || re.test(v));
  }
  return !re || re.test(`${r.stdout}${r.stderr}`);
}

/**
 * The rows of the tables in a command's output, each cell under its header: columns start where
 * the header's titles start (titles are separated by two spaces or more, as kubectl, crictl and
 * etcdctl print them). Tables are separated by blank lines (`get deployment,rs` prints two).
 */
export function tableRows(text: string): { line: string; cells: Record<string, string> }[] {
  const out: { line: string; cells: Record<string, string> }[] = [];
  for (const block of text.split(/\n\s*\n/)) {
    const lines = block.split('\n').filter((l) => l.trim() !== '');
    if (lines.length < 2) continue;
    const cols = [...lines[0].matchAll(/\S+(?: \S+)*/g)].map((x) => ({ name: x[0], start: x.index! }));
    if (cols.length < 2) continue;
    for (const line of lines.slice(1)) {
      const cells: Record<string, string> = {};
      cols.forEach((c, i) => { cells[c.name] = line.slice(c.start, cols[i + 1]?.start ?? undefined).trim(); });
      out.push({ line, cells });
    }
  }
  return out;
}

/**
 * The values at a simple JSONPath (`.status.currentHealthy`, `{.items[*].metadata.name}`,
 * `.spec.containers[0].resources`) in a JSON or YAML document, scalars as text and objects as
 * JSON; [] when the output is not a document or the path is absent.
 */
export function jsonpathValues(text: string, path: string): string[] {
  let doc: unknown;
  try { doc = JSON.parse(text); } catch {
    try { doc = parseYaml(text); } catch { return []; }
  }
  const steps = path.replace(/^\{|\}$/g, '').replace(/^\$/, '').match(/\.[^.[\]]+|\[[^\]]*\]/g) ?? [];
  let current: unknown[] = [doc];
  for (const step of steps) {
    const next: unknown[] = [];
    for (const v of current) {
      if (v === null || typeof v !== 'object') continue;
      if (step.startsWith('.')) { const x = (v as Record<string, unknown>)[step.slice(1)]; if (x !== undefined) next.push(x); continue; }
      const inner = step.slice(1, -1);
      if (!Array.isArray(v)) continue;
      if (inner === '*') next.push(...v);
      else if (/^-?\d+$/.test(inner)) { const x = v.at(Number(inner)); if (x !== undefined) next.push(x); }
    }
    current = next;
  }
  return current.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v)));
}

/** The first record satisfying any of the matchers, or undefined. */
export function firstMatch(any: readonly CommandMatcher[], records: readonly CommandRecord[], faultyNodes: readonly string[]): CommandRecord | undefined {
  return records.find((r) => any.some((m) => matches(m, r, faultyNodes)));
}

/**
 * The first record that shows what an evidence matcher asks for: as firstMatch, but a command that
 * failed and printed nothing on stdout (only an error: `kubectl get pod nope` answering NotFound)
 * counts only when the matcher names the output it must have shown. A non-zero exit with output
 * is a result, not a failure: `grep -c avx512f /proc/cpuinfo` prints 0 and exits 1. A follow that
 * waited and succeeded (`streamed`) or was stopped after printing (`interrupted`) shows what it printed.
 */
export function firstEvidence(any: readonly CommandMatcher[], records: readonly CommandRecord[], faultyNodes: readonly string[]): CommandRecord | undefined {
  const showed = (r: CommandRecord) => r.outcome === 'ok' || r.outcome === 'streamed' || r.outcome === 'interrupted' || r.stdout.trim() !== '';
  return records.find((r) => any.some((m) => matches(m, r, faultyNodes) && (showed(r) || m.output !== undefined)));
}
