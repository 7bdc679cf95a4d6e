/**
 * Replaying a script (reference solution, weak path) for the author: each line's commands with how
 * they ended, which evidence each round's answer earned and from which line, and the lines the
 * simulator could not run (a tool, verb or flag it lacks), which fail `scenario:check`.
 */
import type { CommandRecord } from '../../grader/match.ts';
import { firstEvidence } from '../../grader/match.ts';
import type { RoundResult } from '../../grader/types.ts';
import { Session } from '../../session/session.ts';
import { playLine, THINK_MS } from '../../session/script.ts';
import type { Scenario } from '../types.ts';

/** A solution must score at least this in every round, the weak path under WEAK_MAX overall. */
export const SOLUTION_MIN = 85;
export const WEAK_MAX = 40;

/** Output that means the line never ran as meant: the tool, verb, flag or resource does not exist here. */
const CANNOT_RUN = /command not found|unknown (flag|command|shorthand flag)|No help topic|invalid option|unrecognized option|internal error|doesn't have a resource type|Error: unknown/;

/** One script line as played. */
export interface PlayedLine {
  /** 1-based line in the script file. */
  fileLine: number;
  text: string;
  /** Index of the round it was played in. */
  round: number;
  /** The simple commands it ran (a pipeline has several). */
  records: CommandRecord[];
  /** Why the simulator could not run it, when it could not. */
  cannotRun?: string;
  /** For `answer:` lines, the round's grade. */
  result?: RoundResult;
}

export interface Replay {
  lines: PlayedLine[];
  results: RoundResult[];
  score: number;
  finished: boolean;
}

/** Plays a script (blank lines and `#` comments skipped), THINK_MS apart, recording what each line did. */
export function replayScript(scenario: Scenario, text: string): Replay {
  const session = Session.start(scenario);
  const lines: PlayedLine[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '' || /^\s*#/.test(line) || session.finished) return;
    const before = session.commandLog.length;
    const round = session.roundIndex;
    const e = playLine(session, line, session.now + THINK_MS);
    const records = session.commandLog.slice(before);
    const bad = records.find((r) => r.exitCode === 127 || CANNOT_RUN.test(r.stderr));
    lines.push({
      fileLine: i + 1, text: line, round, records,
      ...(bad ? { cannotRun: (bad.stderr.trim().split('\n')[0] || `exit ${bad.exitCode}`) } : {}),
      ...(e?.kind === 'answer' ? { result: e.result } : {}),
    });
  });
  const report = session.report();
  return { lines, results: [...session.results], score: report.score, finished: session.finished };
}

/**
 * The per-round, per-evidence table: for each round its score, each evidence with the script line
 * that earned it (or MISSED), penalties taken, and every line that failed with its error.
 */
export function formatReplay(scenario: Scenario, replay: Replay, scriptName: string): string {
  const out: string[] = [];
  const all = replay.lines.flatMap((l) => l.records.map((r) => ({ r, l })));
  const lineOf = (rec: CommandRecord | undefined) => all.find((x) => x.r === rec)?.l;
  scenario.rounds.forEach((round, i) => {
    const result = replay.results[i];
    out.push(`  ${round.id}: ${result ? `${result.score}/100` : 'not reached'}`);
    const upTo = all.filter((x) => x.l.round <= i).map((x) => x.r);
    for (const e of round.rubric.evidence) {
      const earned = result?.verdicts.find((v) => v.kind === 'earned' && v.text.startsWith(`${e.label}:`));
      const rec = e.any ? firstEvidence(e.any, upTo, scenario.faultyNodes) : undefined;
      const from = lineOf(rec);
      const where = from ? `${scriptName}:${from.fileLine} \`${from.text}\`` : e.state ? 'state check when answering' : '';
      out.push(`    ${earned ? `+${String(earned.points).padEnd(3)}` : 'MISS'} evidence ${e.id.padEnd(22)} ${earned ? where : `(${e.label})`}`);
    }
    for (const v of result?.verdicts ?? []) if (v.kind === 'penalty') out.push(`    ${String(v.points).padEnd(4)} penalty  ${v.text.length > 110 ? `${v.text.slice(0, 110)}…` : v.text}`);
    const concepts = round.rubric.concepts;
    const shown = concepts.filter((c) => result?.verdicts.some((v) => v.kind === 'earned' && v.text.startsWith(`${c.label}:`)));
    if (result) out.push(`    concepts ${shown.length}/${concepts.length}${shown.length < concepts.length ? `, missed: ${concepts.filter((c) => !shown.includes(c)).map((c) => c.id).join(', ')}` : ''}`);
    for (const l of replay.lines.filter((x) => x.round === i)) {
      for (const r of l.records) {
        if (r.exitCode === 0 || r.exitCode === 130) continue;
        const why = r.stderr.trim().split('\n')[0] || r.stdout.trim().split('\n')[0] || '';
        out.push(`    ${l.cannotRun ? 'FAIL' : 'exit'} ${scriptName}:${l.fileLine} \`${r.argv.join(' ')}\` exit ${r.exitCode}${why ? `: ${why.slice(0, 100)}` : ''}`);
      }
    }
  });
  return out.join('\n');
}
