/** The interviewer's concept marks, as the interviewer and the report meet them: the score moves, and says why. */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../tests/calibration/load.ts';
import { Session } from '../session/session.ts';
import { judgeRound } from './judge.ts';

const scenario = loadScenario('sigill-node');
const round = scenario.rounds[0];
const CRASHING = "$(kubectl get pods -n production | grep CrashLoopBackOff | head -1 | awk '{print $1}')";

/** Round 1 answered after a little terminal work. */
function answered(answer: string) {
  const s = Session.start(scenario);
  for (const l of ['kubectl get pods -n production', `kubectl describe pod -n production ${CRASHING}`]) s.run(l, s.now + 2000);
  s.submitAnswer(answer, s.now + 1000);
  return s.results[0];
}
const WEAK = 'The pods keep restarting, I would look at the describe output.';
const FULL = 'The container keeps exiting and the kubelet restarts it with a growing back-off: that is CrashLoopBackOff. I listed the pods with kubectl get pods, read kubectl describe pod for the last state and exit code, and would read the previous logs with kubectl logs --previous. Exit code 132 is 128+4, SIGILL. I would diagnose before changing anything.';

describe('judgeRound', () => {
  it('changes nothing without a judgement', () => {
    const r = answered(WEAK);
    expect(judgeRound(r, round.rubric, {})).toBe(r);
  });

  it('scores as the grader does when the marks agree with its reading', () => {
    const r = answered(FULL);
    const earned = new Map(r.verdicts.filter((v) => v.part === 'answer' && v.kind === 'earned').map((v) => [v.id!, v.points]));
    const full = round.rubric.concepts.filter((c) => earned.get(c.id) === c.weight);
    expect(full.length).toBeGreaterThan(2);
    const marks = Object.fromEntries(round.rubric.concepts.filter((c) => !earned.has(c.id)).map((c) => [c.id, false]).concat(full.map((c) => [c.id, true])));
    expect(judgeRound(r, round.rubric, marks).score).toBe(r.score);
  });

  it('raises the score for a concept ticked and lowers it for one unticked, saying so in the verdicts', () => {
    const weak = answered(WEAK);
    const ticked = judgeRound(weak, round.rubric, { 'previous-logs': true, 'exit-codes': true });
    expect(ticked.score).toBeGreaterThan(weak.score);
    const texts = ticked.verdicts.map((v) => `${v.kind} ${v.points} ${v.text}`);
    expect(texts).toContain("earned 25 Reads the crashed container's logs with --previous: judged met by the interviewer");
    expect(ticked.didWell).toContain("Reads the crashed container's logs with --previous");
    expect(ticked.missed).not.toContain("Reads the crashed container's logs with --previous");

    const full = answered(FULL);
    // The heaviest idea credited: a full answer has room above FULL_ANSWER, so a light one may not show.
    const credited = full.verdicts.filter((v) => v.part === 'answer' && v.kind === 'earned').sort((a, b) => b.points - a.points)[0];
    const unticked = judgeRound(full, round.rubric, { [credited.id!]: false });
    expect(unticked.score).toBeLessThan(full.score);
    const label = round.rubric.concepts.find((c) => c.id === credited.id)!.label;
    expect(unticked.verdicts.map((v) => v.text)).toContain(`${label}: judged not met by the interviewer (worth ${round.rubric.concepts.find((c) => c.id === credited.id)!.weight})`);
    expect(unticked.didWell).not.toContain(label);
  });

  it('keeps penalties and hint costs', () => {
    const s = Session.start(scenario);
    s.hint(s.now + 1000);
    s.run('kubectl delete pod -n production --all', s.now + 2000);
    s.submitAnswer(WEAK, s.now + 1000);
    const r = s.results[0];
    const costs = r.verdicts.filter((v) => v.kind === 'penalty' || v.kind === 'hint').reduce((n, v) => n + v.points, 0);
    expect(costs).toBeLessThan(0);
    const all = Object.fromEntries(round.rubric.concepts.map((c) => [c.id, true]));
    const judged = judgeRound(r, round.rubric, all);
    expect(judged.verdicts.filter((v) => v.kind === 'penalty' || v.kind === 'hint').reduce((n, v) => n + v.points, 0)).toBe(costs);
    expect(judged.score).toBeLessThanOrEqual(100 + costs);
  });
});
