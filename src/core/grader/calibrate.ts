/**
 * Measuring the grader like a model: a calibration set gives, for every round of a scenario,
 * terminal paths (ideal, adequate, destructive) and answers at four levels (strong, adequate,
 * weak, off-topic) written by a person. `calibrate` plays them through real sessions and reports
 * each score against the band a senior interviewer would put it in, and whether the ranking holds.
 */
import { z } from 'zod';
import type { Scenario } from '../scenario/types.ts';
import { Session } from '../session/session.ts';
import { playLine, THINK_MS } from '../session/script.ts';

export const calibrationSchema = z.object({
  rounds: z.array(z.object({
    id: z.string(),
    ideal: z.array(z.string()),
    adequate: z.array(z.string()),
    destructive: z.array(z.string()),
    strong: z.string().min(1),
    adequateAnswer: z.string().min(1),
    weak: z.array(z.string().min(1)).min(1),
    offTopic: z.string().min(1),
  }).strict()).min(1),
}).strict();

export type CalibrationSet = z.infer<typeof calibrationSchema>;
export type AnswerLevel = 'strong' | 'adequate' | 'weak' | 'offTopic';
export type PathKind = 'ideal' | 'adequate' | 'destructive';

/** The score bands (inclusive) a human grader would sign for each answer level, after the ideal path. */
export const BANDS: Record<AnswerLevel, readonly [number, number]> = {
  strong: [85, 100],
  adequate: [50, 80],
  weak: [0, 35],
  offTopic: [0, 10],
};

export interface CalibrationItem {
  round: string;
  level: AnswerLevel;
  /** Which answer of that level (weak answers are several). */
  index: number;
  text: string;
  score: number;
  inBand: boolean;
}

export interface CalibrationReport {
  scenario: string;
  items: CalibrationItem[];
  /** The strong answer's score after each path, per round. */
  paths: { round: string; ideal: number; adequate: number; destructive: number }[];
  /** Rounds where strong > adequate > every weak >= off-topic, and ideal >= adequate >= destructive path. */
  ranking: { round: string; holds: boolean; why?: string }[];
  /** Share of items inside their band, 0..1. */
  agreement: number;
}

function playPath(session: Session, lines: readonly string[]): void {
  for (const line of lines) playLine(session, line, session.now + THINK_MS);
}

/**
 * Plays one kind of path through every round of the set: the round's commands, then `visit` (to
 * preview answers against the session as it stands), then the strong answer, so the next round
 * starts where a good candidate would be. Throws when the set's rounds are not the scenario's, in order.
 */
export function walkRounds(scenario: Scenario, set: CalibrationSet, kind: PathKind, visit: (round: CalibrationSet['rounds'][number], session: Session) => void): void {
  const ids = scenario.rounds.map((r) => r.id).join(', ');
  if (set.rounds.map((r) => r.id).join(', ') !== ids) throw new Error(`calibration rounds must be ${ids}, in that order`);
  const session = Session.start(scenario);
  for (const r of set.rounds) {
    playPath(session, r[kind]);
    visit(r, session);
    session.submitAnswer(r.strong, session.now + THINK_MS);
  }
}

/**
 * Plays the calibration set against the scenario: every answer level previewed (graded without
 * submitting) after the ideal path, and the strong answer after each path kind.
 */
export function calibrate(scenario: Scenario, set: CalibrationSet): CalibrationReport {
  const items: CalibrationItem[] = [];
  const byPath = new Map<string, Record<PathKind, number>>(set.rounds.map((r) => [r.id, { ideal: 0, adequate: 0, destructive: 0 }]));
  for (const kind of ['ideal', 'adequate', 'destructive'] as const) {
    walkRounds(scenario, set, kind, (r, s) => {
      byPath.get(r.id)![kind] = s.preview(r.strong)!.score;
      if (kind !== 'ideal') return;
      const level = (l: AnswerLevel, texts: string[]) => texts.forEach((text, index) => {
        const score = s.preview(text)!.score;
        items.push({ round: r.id, level: l, index, text, score, inBand: score >= BANDS[l][0] && score <= BANDS[l][1] });
      });
      level('strong', [r.strong]);
      level('adequate', [r.adequateAnswer]);
      level('weak', r.weak);
      level('offTopic', [r.offTopic]);
    });
  }
  const paths = set.rounds.map((r) => ({ round: r.id, ...byPath.get(r.id)! }));
  const ranking = paths.map((p) => rankingOf(p.round, items.filter((i) => i.round === p.round), p));
  return { scenario: scenario.meta.id, items, paths, ranking, agreement: items.filter((i) => i.inBand).length / items.length };
}

function rankingOf(round: string, items: readonly CalibrationItem[], paths: Record<PathKind, number>): CalibrationReport['ranking'][number] {
  const best = (l: AnswerLevel) => Math.max(...items.filter((i) => i.level === l).map((i) => i.score));
  const [strong, adequate, weak, offTopic] = [best('strong'), best('adequate'), best('weak'), best('offTopic')];
  if (!(strong > adequate)) return { round, holds: false, why: `strong ${strong} is not above adequate ${adequate}` };
  if (!(adequate > weak)) return { round, holds: false, why: `adequate ${adequate} is not above the best weak answer ${weak}` };
  if (!(weak >= offTopic)) return { round, holds: false, why: `off-topic ${offTopic} scores above the best weak answer ${weak}` };
  if (!(paths.ideal >= paths.adequate && paths.adequate >= paths.destructive)) return { round, holds: false, why: `paths out of order: ideal ${paths.ideal}, adequate ${paths.adequate}, destructive ${paths.destructive}` };
  return { round, holds: true };
}

/** The calibration report as a fixed-width table, one line per item, and the agreement figure. */
export function formatCalibration(report: CalibrationReport): string {
  const lines = [`${report.scenario}: agreement ${(report.agreement * 100).toFixed(1)}% (${report.items.filter((i) => i.inBand).length}/${report.items.length} answers in band)`];
  for (const p of report.paths) {
    const row = report.items.filter((i) => i.round === p.round);
    const of = (l: AnswerLevel) => row.filter((i) => i.level === l).map((i) => `${i.score}${i.inBand ? '' : '!'}`).join('/');
    const rank = report.ranking.find((x) => x.round === p.round)!;
    lines.push(`  ${p.round.padEnd(11)} strong ${of('strong').padEnd(4)} adequate ${of('adequate').padEnd(4)} weak ${of('weak').padEnd(12)} off-topic ${of('offTopic').padEnd(4)} paths ${p.ideal}/${p.adequate}/${p.destructive}${rank.holds ? '' : `  ranking broken: ${rank.why}`}`);
  }
  return lines.join('\n');
}
