/**
 * A scenario a live candidate's browser can play from the public part alone: the core's Session
 * needs a full Scenario, so the private part is filled with blanks (no concepts, evidence, answers
 * or hint texts; the hint costs are public). Grades computed in the candidate's browser from it are
 * meaningless and never shown: the server grades with the real rubric.
 */
import { joinScenario, type PrivateScenario, type PublicScenario } from '../core/scenario/split.ts';
import type { Scenario } from '../core/scenario/types.ts';

export function blankPrivate(pub: PublicScenario): PrivateScenario {
  return {
    id: pub.meta.id,
    seniorPath: [],
    rounds: pub.rounds.map((r) => ({
      id: r.id,
      modelAnswer: '',
      rubric: {
        concepts: [], evidence: [], penalties: [], weakAnswers: [],
        trap: { question: '', answer: '' }, seniorSignal: '',
        hints: r.hintCosts.map((cost) => ({ text: '', cost })),
      },
    })),
  };
}

/** The public part made playable (see the file's note). */
export function playableScenario(pub: PublicScenario): Scenario {
  return joinScenario(pub, blankPrivate(pub));
}
