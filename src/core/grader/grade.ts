import type { Round, Scenario } from '../scenario/types.ts';
import type { ClusterState } from '../model/state.ts';
import { clock } from '../time.ts';
import { analyse, quoteOf, readClaim, type ClaimReading } from './claims.ts';
import { thesaurusWords } from './thesaurus.ts';
import { closestWord, typoIndex } from './typos.ts';
import { firstEvidence, firstMatch, matches, type CommandRecord } from './match.ts';
import { timelineRows } from '../report/timeline.ts';
import type { Dispute, EvidenceCheck, Report, RoundResult, RoundRubric, Verdict } from './types.ts';

/** Points a weak answer costs on top of the concepts it lacks: it is the named trap. */
export const WEAK_ANSWER_COST = 5;

export interface GradeInput {
  scenario: Scenario;
  round: Round;
  answer: string;
  /** When the answer was submitted (ms). */
  at: number;
  /** Every command run in the session so far. */
  records: readonly CommandRecord[];
  state: ClusterState;
  hintsUsed: number;
  /**
   * Runs a read-only command line against the current state (on a node when `on` is given) and
   * returns its output; used for the rubric's end-state checks. Without it they count as unmet.
   */
  probe?: (run: string, on?: string) => string;
}

const hhmmss = (ms: number) => clock(new Date(ms));
const quote = (r: CommandRecord) => `\`${r.argv.join(' ')}\`${r.place === 'laptop' ? '' : ` on ${r.host}`}`;

/** Share of the ideas' weight at which the answer part is full. */
export const FULL_ANSWER = 0.85;
/** Share of the concept weight an answer must reach before terminal work counts in full. */
export const ANSWER_GATE = 0.45;
/**
 * The answer part grows as (share of the ideas / FULL_ANSWER) to this power: slightly concave, as an
 * interviewer weighs an answer's first sound ideas more than its last details.
 */
export const ANSWER_CURVE = 0.85;
/** A failing command run this many times in one round is flailing (noted, not penalised). */
export const FLAIL_REPEATS = 3;

interface Seen { at: number; how: string }

/** When (and how) an evidence check was first satisfied, up to `until`; undefined if not yet. */
function evidenceSeen(e: EvidenceCheck, records: readonly CommandRecord[], faultyNodes: readonly string[], probe: GradeInput['probe'], until: number): Seen | undefined {
  if (e.any) {
    const r = firstEvidence(e.any, records, faultyNodes);
    if (r) return { at: r.at, how: `${quote(r)} at ${hhmmss(r.at)}` };
  }
  if (e.state?.length && probe && e.state.every((c) => new RegExp(c.output, 'im').test(probe(c.run, c.on)))) {
    return { at: until, how: `the cluster shows it when you answered (${e.state.map((c) => `\`${c.run}\``).join(', ')})` };
  }
  return undefined;
}

/**
 * Grades one round from what the learner wrote and did, as an interviewer holding the rubric would.
 *
 * - Ideas are claims read on meaning (grader/claims.ts): one the answer states earns its weight;
 *   one it contradicts earns nothing, whatever else it says; one named with none of its backing
 *   evidence seen yet earns half ("you named SIGILL before seeing the exit code"); an `explains`
 *   idea stated only as a bare term earns half; an answer that is mostly a list of terms earns half.
 * - Evidence (commands recognised by structure and by what they showed, or end-state facts) earns
 *   its weight, scaled by how much of the answer stands: terminal work behind an answer that
 *   misses the point is not a diagnosis. Full scaling from ANSWER_GATE of the concept weight.
 * - The diagnostic order, when the rubric gives one, earns its weight if followed.
 * - Destructive acts of this round (each act once), weak answers and hints cost points;
 *   a failing command repeated FLAIL_REPEATS times is noted, not punished again.
 * - A weak answer the candidate states costs WEAK_ANSWER_COST; one the candidate refutes costs nothing.
 *
 * Score = 100 × (concepts + evidence × gate) / available − costs, clamped to 0..100 and rounded.
 * Every point earned or withheld comes with a one-line verdict tied to a quote or a command and
 * its time.
 */
export function gradeRound(input: GradeInput): RoundResult {
  const { round, scenario } = input;
  const rubric = round.rubric;
  const text = input.answer;
  const correct = typoCorrector(scenario);
  // A rubric with nothing to read (a live candidate's blank copy) needs no English model.
  const answer = rubric.concepts.length || rubric.weakAnswers.length ? analyse(text, correct) : { text, windows: [], listShare: 0, fragmentShare: 0 };
  const roundIndex = scenario.rounds.indexOf(round);
  const verdicts: Verdict[] = [];
  const didWell: string[] = [];
  const missed: string[] = [];
  const shown = new Set<string>();
  const records = input.records.filter((r) => r.at <= input.at);
  const seen = (id: string) => {
    const e = findEvidence(scenario, round, id);
    return e && evidenceSeen(e, records, scenario.faultyNodes, input.probe, input.at);
  };
  const reading = (r: Extract<ClaimReading, { start: number }>, as: 'affirmed' | 'contradicted' | 'refuted') => ({ as, ...quoteOf(text, r) });

  const listAnswer = answer.listShare >= LIST_SHARE;
  const checklist = !listAnswer && answer.fragmentShare >= CHECKLIST_SHARE;
  if (listAnswer) verdicts.push({ kind: 'note', points: 0, part: 'answer', text: `Your answer reads as a list of terms, not an explanation: its ideas earn ${LIST_CREDIT * 100}% of their weight.`, at: input.at });
  if (checklist) verdicts.push({ kind: 'note', points: 0, part: 'answer', text: `Your answer is mostly fragments without a verb: it names the steps without the reasoning that links them, so its ideas earn ${CHECKLIST_CREDIT * 100}% of their weight.`, at: input.at });

  let concepts = 0;
  for (const c of rubric.concepts) {
    const r = readClaim(answer, c, correct);
    if (r.status === 'absent') {
      missed.push(c.label);
      verdicts.push({ kind: 'missed', points: 0, id: c.id, part: 'answer', text: `${c.label}: not in your answer (worth ${c.weight})` });
      continue;
    }
    if (r.status === 'contradicted') {
      const read = reading(r, 'contradicted');
      missed.push(c.label);
      const how = r.by === 'near-miss' ? `which reads as "${r.example}", not as the idea` : 'which reads as saying the opposite';
      verdicts.push({ kind: 'missed', points: 0, id: c.id, part: 'answer', reading: read, text: `${c.label}: you wrote "${read.quote}", ${how} (worth ${c.weight})` });
      continue;
    }
    const read = reading(r, 'affirmed');
    shown.add(c.id);
    didWell.push(c.label);
    const unbacked = c.backedBy?.length && !c.backedBy.some((id) => seen(id));
    const bare = c.explains && r.fragment;
    let points = c.weight * (listAnswer ? LIST_CREDIT : checklist ? CHECKLIST_CREDIT : 1) * (unbacked ? 0.5 : 1) * (bare ? 0.5 : 1) * (r.partial ? 0.5 : 1);
    points = Math.round(points * 10) / 10;
    concepts += points;
    const why = r.partial ? ', which says part of it (half credit)' : unbacked ? `, but before seeing ${c.backedBy!.map((id) => findEvidence(scenario, round, id)?.label.toLowerCase() ?? id).join(' or ')} in your terminal (half credit)` : bare ? ': named, not explained (half credit)' : '';
    verdicts.push({ kind: 'earned', points, id: c.id, part: 'answer', reading: read, text: `${c.label}: you wrote "${read.quote}"${why}`, at: input.at });
  }

  const destructive = rubric.penalties.map((p) => firstMatch(p.any, records, scenario.faultyNodes)).filter((r): r is CommandRecord => !!r).sort((a, b) => a.at - b.at)[0];
  let evidence = 0;
  const firstSeen = new Map<string, Seen>();
  for (const e of rubric.evidence) {
    const s = evidenceSeen(e, records, scenario.faultyNodes, input.probe, input.at);
    if (!s) {
      missed.push(e.label);
      verdicts.push({ kind: 'missed', points: 0, id: e.id, part: 'terminal', text: `${e.label}: not seen in your terminal (worth ${e.weight})` });
      continue;
    }
    firstSeen.set(e.id, s);
    const late = e.beforeDestructive && destructive && destructive.at < s.at;
    const points = late ? Math.round(e.weight / 2) : e.weight;
    evidence += points;
    didWell.push(e.label);
    verdicts.push({ kind: 'earned', points, id: e.id, part: 'terminal', text: `${e.label}: ${s.how}${late ? `, but only after ${quote(destructive!)} (half credit)` : ''}`, at: s.at });
  }
  if (rubric.order) evidence += gradeOrder(rubric.order, firstSeen, scenario, round, verdicts, didWell, missed);

  const conceptMax = rubric.concepts.reduce((n, c) => n + c.weight, 0);
  const evidenceMax = rubric.evidence.reduce((n, e) => n + e.weight, 0) + (rubric.order?.weight ?? 0);
  const { gate, answerPart, score: base } = scoreOf(concepts, evidence, conceptMax, evidenceMax, rubric.enough);
  const note = gateNote(concepts, evidence, conceptMax, gate, input.at);
  if (note) verdicts.push(note);
  let score = base;

  const thisRound = records.filter((r) => r.round === roundIndex);
  const punished = new Set<CommandRecord>();
  for (const p of rubric.penalties) {
    const r = thisRound.find((rec) => !punished.has(rec) && p.any.some((m) => matches(m, rec, scenario.faultyNodes)));
    if (!r) continue;
    punished.add(r);
    score -= p.points;
    verdicts.push({ kind: 'penalty', points: -p.points, id: p.id, part: 'terminal', text: `${p.label}: ${quote(r)} at ${hhmmss(r.at)}. ${p.why}`, at: r.at });
  }
  noteFlailing(thisRound, verdicts);

  const weakAnswers: RoundResult['weakAnswers'] = [];
  for (const w of rubric.weakAnswers) {
    if ((w.unlessConcepts ?? []).some((c) => shown.has(c))) continue;
    const r = readClaim(answer, w, correct, true);
    if (r.status === 'absent') continue;
    if (r.status === 'contradicted') {
      const read = reading(r, 'refuted');
      verdicts.push({ kind: 'note', points: 0, id: w.id, part: 'answer', reading: read, text: `You rejected the weak answer ${w.label}: "${read.quote}" reads as refuting it, so it costs nothing.`, at: input.at });
      continue;
    }
    const read = reading(r, 'affirmed');
    weakAnswers.push({ id: w.id, label: w.label, why: w.why });
    score -= WEAK_ANSWER_COST;
    verdicts.push({ kind: 'penalty', points: -WEAK_ANSWER_COST, id: w.id, part: 'answer', reading: read, text: `Weak answer ${w.label}: you wrote "${read.quote}". ${w.why}`, at: input.at });
  }

  const hints = rubric.hints.slice(0, input.hintsUsed);
  const hintCost = hints.reduce((n, h) => n + h.cost, 0);
  if (hintCost > 0) {
    score -= hintCost;
    verdicts.push({ kind: 'hint', points: -hintCost, text: `${input.hintsUsed} hint${input.hintsUsed > 1 ? 's' : ''} used (−${hintCost})` });
  }

  return {
    round: round.id,
    title: round.title,
    skill: round.skill,
    score: finalScore(score),
    verdicts,
    didWell,
    missed,
    weakAnswers,
    hintsUsed: input.hintsUsed,
    hints,
    trap: rubric.trap,
    seniorSignal: rubric.seniorSignal,
    answer: input.answer,
    submittedAt: input.at,
    parts: { answer: { earned: round1(answerPart), max: conceptMax }, terminal: { earned: round1(evidence), max: evidenceMax, counts: round1(gate) } },
    disputes: [],
  };
}

/**
 * The score before costs, from the points the answer's ideas and the terminal's evidence earned:
 * 100 × (answer part + evidence × gate) / available. An answer reaching FULL_ANSWER of the ideas'
 * weight has said what a senior would (the list is a net of acceptable points, not a checklist to
 * recite); terminal work counts in full once the answer reaches ANSWER_GATE of it.
 */
export function scoreOf(concepts: number, evidence: number, conceptMax: number, evidenceMax: number, enough = FULL_ANSWER): { score: number; answerPart: number; gate: number } {
  const gate = conceptMax > 0 ? Math.min(1, concepts / (ANSWER_GATE * (enough / FULL_ANSWER) * conceptMax)) : 1;
  const available = conceptMax + evidenceMax;
  // An answer reaching `enough` of the ideas' weight (FULL_ANSWER unless the rubric says) has said what
  // a senior would: the list is a net of acceptable points, not a checklist to recite.
  const answerPart = conceptMax > 0 ? conceptMax * Math.min(1, concepts / enough / conceptMax) ** ANSWER_CURVE : 0;
  return { gate, answerPart, score: available > 0 ? (100 * (answerPart + evidence * gate)) / available : 0 };
}

/** The note saying the terminal work counts only in part, when it does. */
export function gateNote(concepts: number, evidence: number, conceptMax: number, gate: number, at: number): Verdict | undefined {
  if (!(evidence > 0 && gate < 1)) return undefined;
  return { kind: 'note', points: 0, part: 'terminal', id: GATE_NOTE, text: `Your answer covers ${Math.round((100 * concepts) / conceptMax)}% of the ideas, so your terminal work counts ${Math.round(gate * 100)}%: evidence backs a conclusion, it does not replace one.`, at };
}

/** The gate note's verdict id (no rubric item has it: rubric ids are the author's, this one is the grader's). */
export const GATE_NOTE = 'grader:answer-gate';

/** A score as reported: rounded, within 0..100. */
export const finalScore = (score: number) => Math.max(0, Math.min(100, Math.round(score)));

/** Evidence by id: this round's first, then any round's (a concept may lean on earlier rounds' findings). */
function findEvidence(scenario: Scenario, round: Round, id: string): EvidenceCheck | undefined {
  return round.rubric.evidence.find((e) => e.id === id) ?? scenario.rounds.flatMap((r) => r.rubric.evidence).find((e) => e.id === id);
}

function gradeOrder(order: NonNullable<RoundRubric['order']>, firstSeen: ReadonlyMap<string, Seen>, scenario: Scenario, round: Round, verdicts: Verdict[], didWell: string[], missed: string[]): number {
  const label = (id: string) => findEvidence(scenario, round, id)?.label.toLowerCase() ?? id;
  const absent = order.sequence.filter((id) => !firstSeen.has(id));
  if (absent.length) {
    missed.push(order.label);
    verdicts.push({ kind: 'missed', points: 0, text: `${order.label}: the sequence lacks ${absent.map(label).join(', ')} (worth ${order.weight})` });
    return 0;
  }
  for (let i = 1; i < order.sequence.length; i++) {
    const [a, b] = [order.sequence[i - 1], order.sequence[i]];
    if (firstSeen.get(b)!.at < firstSeen.get(a)!.at) {
      missed.push(order.label);
      verdicts.push({ kind: 'missed', points: 0, text: `${order.label}: you ${label(b)} before you ${label(a)} (worth ${order.weight})`, at: firstSeen.get(b)!.at });
      return 0;
    }
  }
  didWell.push(order.label);
  verdicts.push({ kind: 'earned', points: order.weight, text: `${order.label}: ${order.sequence.map(label).join(', then ')}` });
  return order.weight;
}

/** The same failing line run FLAIL_REPEATS times or more: said once, costs nothing. */
function noteFlailing(records: readonly CommandRecord[], verdicts: Verdict[]): void {
  const failures = new Map<string, CommandRecord[]>();
  for (const r of records) {
    if (r.exitCode === 0) continue;
    const key = `${r.host} ${r.argv.join(' ')}`;
    failures.set(key, [...(failures.get(key) ?? []), r]);
  }
  for (const rs of failures.values()) {
    if (rs.length < FLAIL_REPEATS) continue;
    verdicts.push({ kind: 'note', points: 0, text: `${quote(rs[0])} failed ${rs.length} times (exit ${rs[0].exitCode}, first at ${hhmmss(rs[0].at)}). After a second failure, read the error before trying again.`, at: rs[0].at });
  }
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Share of an answer's words in term lists (grader/nlp.ts) from which it reads as a list, not prose. */
export const LIST_SHARE = 0.6;
/** What an idea named only in a list of terms is worth, as a share of its weight. */
export const LIST_CREDIT = 0.2;
/** Share of an answer's words in verbless fragments from which it reads as a checklist, and what its ideas are then worth. */
export const CHECKLIST_SHARE = 0.5;
export const CHECKLIST_CREDIT = 0.8;

const correctors = new WeakMap<Scenario, (word: string) => string | undefined>();
/**
 * Typo tolerance towards the words the scenario's claims are written in and the thesaurus: a word
 * of six letters or more that is one edit (two from eight letters) from exactly one of them reads
 * as it ("decribe" → describe). The answer's text is never changed; quotes stay verbatim.
 */
function typoCorrector(scenario: Scenario): (word: string) => string | undefined {
  let c = correctors.get(scenario);
  if (!c) {
    const vocabulary = new Set<string>(thesaurusWords());
    for (const r of scenario.rounds) {
      for (const x of [...r.rubric.concepts, ...r.rubric.weakAnswers]) {
        for (const e of [...x.examples, ...("partial" in x ? x.partial ?? [] : []), ...(x.nearMisses ?? [])]) {
          for (const w of e.toLowerCase().match(/[a-z][a-z0-9-]{3,}/g) ?? []) {
            vocabulary.add(w);
            // Its usual inflections too: "allowed" in an example, "allowing" in an answer.
            const stem = w.replace(/(ed|ing|es|s)$/, '');
            if (stem.length >= 4 && stem !== w) for (const end of ['', 's', 'ed', 'ing']) vocabulary.add(stem + end);
          }
        }
      }
    }
    const index = typoIndex(vocabulary);
    const cache = new Map<string, string | undefined>();
    c = (word) => {
      if (word.length < 6 || !/^[a-z]+$/.test(word) || vocabulary.has(word)) return undefined;
      if (!cache.has(word)) cache.set(word, closestWord(word, index));
      return cache.get(word);
    };
    correctors.set(scenario, c);
  }
  return c;
}

/** Records "I did say this" against a verdict of a graded round; the sentence must be part of the answer. */
export function disputeVerdict(result: RoundResult, verdict: string, sentence: string, at: number): RoundResult {
  if (!result.verdicts.some((v) => v.id === verdict)) throw new Error(`round ${result.round} has no verdict "${verdict}"`);
  const dispute: Dispute = { round: result.round, verdict, sentence, at };
  return { ...result, disputes: [...(result.disputes ?? []).filter((d) => d.verdict !== verdict), dispute] };
}

/**
 * The final report: mean score, the per-skill table, the timeline of commands with the evidence
 * each one first produced, and the senior path to compare with.
 */
export function buildReport(scenario: Scenario, results: readonly RoundResult[], records: readonly CommandRecord[]): Report {
  const foundBy = new Map<CommandRecord, string[]>();
  for (const round of scenario.rounds) {
    for (const e of round.rubric.evidence) {
      const r = e.any && firstEvidence(e.any, records, scenario.faultyNodes);
      if (r) foundBy.set(r, [...(foundBy.get(r) ?? []), e.label]);
    }
  }
  const score = results.length ? Math.round(results.reduce((n, r) => n + r.score, 0) / scenario.rounds.length) : 0;
  return {
    scenario: scenario.meta.id,
    title: scenario.meta.title,
    score,
    rounds: [...results],
    skills: scenario.rounds.map((r) => ({ round: r.id, skill: r.skill, score: results.find((x) => x.round === r.id)?.score ?? 0 })),
    timeline: timelineRows(records, foundBy),
    seniorPath: scenario.seniorPath,
  };
}
