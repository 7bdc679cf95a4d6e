import { describe, expect, it } from 'vitest';
import type { Report, RoundResult } from '../grader/types.ts';
import { attemptSummary } from './summary.ts';

const result = (round: string, score: number) => ({ round, score }) as RoundResult;

describe('attemptSummary', () => {
  it('keeps every round in order and names the lowest answered skills below 80', () => {
    const report = {
      score: 61,
      rounds: [result('a', 90), result('b', 45), result('c', 70), result('d', 45)],
      skills: [
        { round: 'a', skill: 'Pods', score: 90 },
        { round: 'b', skill: 'Nodes', score: 45 },
        { round: 'c', skill: 'CPUs', score: 70 },
        { round: 'd', skill: 'Guardrails', score: 45 },
        { round: 'e', skill: 'Method', score: 0 },
      ],
    } as Report;
    expect(attemptSummary(report)).toEqual({
      score: 61,
      rounds: [
        { round: 'a', skill: 'Pods', score: 90 },
        { round: 'b', skill: 'Nodes', score: 45 },
        { round: 'c', skill: 'CPUs', score: 70 },
        { round: 'd', skill: 'Guardrails', score: 45 },
        { round: 'e', skill: 'Method', score: undefined },
      ],
      weakest: [
        { round: 'b', skill: 'Nodes', score: 45 },
        { round: 'd', skill: 'Guardrails', score: 45 },
      ],
    });
    expect(attemptSummary(report, 3).weakest.map((w) => w.skill)).toEqual(['Nodes', 'Guardrails', 'CPUs']);
  });

  it('names no weak skill when every answered round scored 80 or more', () => {
    const report = { score: 85, rounds: [result('a', 80)], skills: [{ round: 'a', skill: 'Pods', score: 80 }] } as Report;
    expect(attemptSummary(report).weakest).toEqual([]);
  });
});
