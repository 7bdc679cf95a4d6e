/**
 * An interviewer's judgement of a round's ideas, applied to the grader's result: in a live
 * interview the interviewer ticks a concept the candidate showed (said on the call, or wrote in
 * words the grader did not read as the idea) and unticks one the grader credited but the
 * interviewer does not accept. The round is then scored again with gradeRound's own formula.
 */
import { GATE_NOTE, finalScore, gateNote, scoreOf } from './grade.ts';
import type { RoundResult, RoundRubric, Verdict } from './types.ts';

/** Concept id → met (true) or not met (false); a concept not listed keeps the grader's reading. */
export type ConceptJudgement = Readonly<Record<string, boolean>>;

/**
 * The round re-scored with `judged`: a concept judged met earns its full weight (the interviewer
 * heard the idea, so no half credit for a bare term or missing evidence), one judged not met earns
 * nothing; evidence, the diagnostic order, penalties, weak answers and hints keep their points, and
 * the terminal's evidence is gated again by the new answer part. Verdicts of judged concepts say
 * so. Without any judgement the result comes back unchanged.
 */
export function judgeRound(result: RoundResult, rubric: RoundRubric, judged: ConceptJudgement): RoundResult {
  const concepts = rubric.concepts.filter((c) => judged[c.id] !== undefined);
  if (concepts.length === 0 || !result.parts) return result;
  const byId = new Map(concepts.map((c) => [c.id, c]));
  const verdicts: Verdict[] = [];
  for (const v of result.verdicts) {
    if (v.id === GATE_NOTE) continue;
    const c = v.id !== undefined && v.part === 'answer' ? byId.get(v.id) : undefined;
    if (!c) verdicts.push(v);
    else if (judged[c.id]) verdicts.push({ kind: 'earned', points: c.weight, id: c.id, part: 'answer', text: `${c.label}: judged met by the interviewer`, at: v.at ?? result.submittedAt });
    else verdicts.push({ kind: 'missed', points: 0, id: c.id, part: 'answer', text: `${c.label}: judged not met by the interviewer (worth ${c.weight})` });
  }
  const isConcept = new Set(rubric.concepts.map((c) => c.id));
  const earned = (v: Verdict) => v.kind === 'earned' && v.part === 'answer' && v.id !== undefined && isConcept.has(v.id);
  const conceptPoints = verdicts.filter(earned).reduce((n, v) => n + v.points, 0);
  const costs = verdicts.filter((v) => v.kind === 'penalty' || v.kind === 'hint').reduce((n, v) => n + v.points, 0);
  const { max: conceptMax } = result.parts.answer;
  const { earned: evidence, max: evidenceMax } = result.parts.terminal;
  const { score, answerPart, gate } = scoreOf(conceptPoints, evidence, conceptMax, evidenceMax, rubric.enough);
  const note = gateNote(conceptPoints, evidence, conceptMax, gate, result.submittedAt);
  if (note) verdicts.push(note);
  const labels = new Map(concepts.map((c) => [c.label, judged[c.id]]));
  return {
    ...result,
    score: finalScore(score + costs),
    verdicts,
    didWell: [...result.didWell.filter((l) => labels.get(l) !== false), ...concepts.filter((c) => judged[c.id] && !result.didWell.includes(c.label)).map((c) => c.label)],
    missed: [...result.missed.filter((l) => labels.get(l) !== true), ...concepts.filter((c) => !judged[c.id] && !result.missed.includes(c.label)).map((c) => c.label)],
    parts: { ...result.parts, answer: { earned: Math.round(answerPart * 10) / 10, max: conceptMax }, terminal: { ...result.parts.terminal, counts: Math.round(gate * 10) / 10 } },
  };
}
