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

/**
 * Answers written outside the project by someone who saw only the round prompts and the seeds,
 * never a rubric: per round, a strong answer in four styles (interview jargon, plain English, a
 * terse checklist, non-native English with typos), an adequate one, weak ones, a confidently
 * wrong one, a term salad and an off-topic one. Kept as written; the grader answers to them.
 */
export const outsideSchema = z.object({
  rounds: z.array(z.object({
    id: z.string(),
    jargon: z.string().min(1),
    plain: z.string().min(1),
    terse: z.string().min(1),
    nonnative: z.string().min(1),
    adequate: z.string().min(1),
    weak: z.array(z.string().min(1)).min(1),
    wrong: z.string().min(1),
    salad: z.string().min(1),
    offtopic: z.string().min(1),
  }).strict()).min(1),
}).strict();
export type OutsideSet = z.infer<typeof outsideSchema>;

/** Answer levels: the project's own set (strong…offTopic) and the outside set's styles. */
export type AnswerLevel = 'strong' | 'adequate' | 'weak' | 'offTopic' | 'jargon' | 'plain' | 'terse' | 'nonnative' | 'wrong' | 'salad';
export type PathKind = 'ideal' | 'adequate' | 'destructive';

/** The score bands (inclusive) a human grader would sign for each answer level, after the ideal path. */
export const BANDS: Record<AnswerLevel, readonly [number, number]> = {
  strong: [85, 100],
  jargon: [85, 100],
  plain: [85, 100],
  nonnative: [85, 100],
  // A checklist names the steps without the reasoning that links them: never below adequate, but it need not reach strong.
  terse: [45, 100],
  adequate: [45, 85],
  weak: [0, 35],
  wrong: [0, 35],
  salad: [0, 35],
  offTopic: [0, 10],
};

/** Plain English may trail the jargon version of the same answer by at most this much. */
export const PLAIN_GAP = 10;

export interface CalibrationItem {
  round: string;
  level: AnswerLevel;
  /** Which answer of that level (weak answers are several). */
  index: number;
  text: string;
  score: number;
  inBand: boolean;
  /** The verdict lines of the answer part, for the worst misses. */
  verdicts: string[];
  /** Which set it comes from. */
  source: 'own' | 'outside';
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
export function calibrate(scenario: Scenario, set: CalibrationSet, outside?: OutsideSet): CalibrationReport {
  const items: CalibrationItem[] = [];
  const byPath = new Map<string, Record<PathKind, number>>(set.rounds.map((r) => [r.id, { ideal: 0, adequate: 0, destructive: 0 }]));
  for (const kind of ['ideal', 'adequate', 'destructive'] as const) {
    walkRounds(scenario, set, kind, (r, s) => {
      byPath.get(r.id)![kind] = s.preview(r.strong)!.score;
      if (kind !== 'ideal') return;
      const level = (l: AnswerLevel, texts: string[], source: CalibrationItem['source'] = 'own') => texts.forEach((text, index) => {
        const result = s.preview(text)!;
        const score = result.score;
        const verdicts = result.verdicts.filter((v) => v.part === 'answer' || v.kind === 'note').map((v) => `${v.points >= 0 ? '+' : ''}${v.points} ${v.text}`);
        items.push({ round: r.id, level: l, index, text, score, inBand: score >= BANDS[l][0] && score <= BANDS[l][1], verdicts, source });
      });
      level('strong', [r.strong]);
      level('adequate', [r.adequateAnswer]);
      level('weak', r.weak);
      level('offTopic', [r.offTopic]);
      const o = outside?.rounds.find((x) => x.id === r.id);
      if (!o) return;
      level('jargon', [o.jargon], 'outside');
      level('plain', [o.plain], 'outside');
      level('terse', [o.terse], 'outside');
      level('nonnative', [o.nonnative], 'outside');
      level('adequate', [o.adequate], 'outside');
      level('weak', o.weak, 'outside');
      level('wrong', [o.wrong], 'outside');
      level('salad', [o.salad], 'outside');
      level('offTopic', [o.offtopic], 'outside');
    });
  }
  const paths = set.rounds.map((r) => ({ round: r.id, ...byPath.get(r.id)! }));
  const ranking = paths.map((p) => rankingOf(p.round, items.filter((i) => i.round === p.round), p));
  return { scenario: scenario.meta.id, items, paths, ranking, agreement: items.filter((i) => i.inBand).length / items.length };
}

function rankingOf(round: string, items: readonly CalibrationItem[], paths: Record<PathKind, number>): CalibrationReport['ranking'][number] {
  const scores = (...ls: AnswerLevel[]) => items.filter((i) => ls.includes(i.level)).map((i) => i.score);
  const [strong, adequate, weak, offTopic] = [Math.min(...scores('strong', 'jargon', 'plain', 'nonnative')), Math.max(...scores('adequate')), Math.max(...scores('weak', 'wrong', 'salad')), Math.max(...scores('offTopic'))];
  const [jargon, plain] = [scores('jargon')[0], scores('plain')[0]];
  if (!(strong > adequate)) return { round, holds: false, why: `the lowest strong answer ${strong} is not above the best adequate ${adequate}` };
  if (!(adequate > weak)) return { round, holds: false, why: `adequate ${adequate} is not above the best weak, wrong or salad answer ${weak}` };
  if (!(weak >= offTopic)) return { round, holds: false, why: `off-topic ${offTopic} scores above the best weak answer ${weak}` };
  if (jargon !== undefined && plain !== undefined && jargon - plain > PLAIN_GAP) return { round, holds: false, why: `plain English ${plain} trails jargon ${jargon} by more than ${PLAIN_GAP}` };
  if (!(paths.ideal >= paths.adequate && paths.adequate >= paths.destructive)) return { round, holds: false, why: `paths out of order: ideal ${paths.ideal}, adequate ${paths.adequate}, destructive ${paths.destructive}` };
  return { round, holds: true };
}

/** The calibration report as a fixed-width table, one line per round, the agreement figure and the worst misses with their verdicts. */
export function formatCalibration(report: CalibrationReport, worst = 5): string {
  const lines = [`${report.scenario}: agreement ${(report.agreement * 100).toFixed(1)}% (${report.items.filter((i) => i.inBand).length}/${report.items.length} answers in band)`];
  for (const p of report.paths) {
    const row = report.items.filter((i) => i.round === p.round);
    const of = (l: AnswerLevel) => row.filter((i) => i.level === l).map((i) => `${i.score}${i.inBand ? '' : '!'}`).join('/');
    const rank = report.ranking.find((x) => x.round === p.round)!;
    const cols = (['strong', 'jargon', 'plain', 'terse', 'nonnative', 'adequate', 'weak', 'wrong', 'salad', 'offTopic'] as const).map((l) => `${l} ${of(l) || '-'}`);
    lines.push(`  ${p.round.padEnd(11)} ${cols.join('  ')}  paths ${p.ideal}/${p.adequate}/${p.destructive}${rank.holds ? '' : `  ranking broken: ${rank.why}`}`);
  }
  const misses = report.items.filter((i) => !i.inBand).map((i) => ({ i, by: i.score < BANDS[i.level][0] ? BANDS[i.level][0] - i.score : i.score - BANDS[i.level][1] })).sort((a, b) => b.by - a.by).slice(0, worst);
  for (const { i, by } of misses) {
    lines.push(`  MISS ${i.round} ${i.level}[${i.index}] ${i.score} (band ${BANDS[i.level].join('-')}, off by ${by}): "${i.text.replace(/\s+/g, ' ').slice(0, 100)}…"`);
    for (const v of i.verdicts) lines.push(`      ${v}`);
  }
  return lines.join('\n');
}
