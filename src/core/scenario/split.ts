import type { RoundRubric } from '../grader/types.ts';
import type { Scenario } from './types.ts';

/**
 * The public/private split of a scenario, made at build time (build/scenariosPlugin.ts) so that a
 * live candidate's browser never receives a byte of the private part.
 *
 * - Public: everything needed to play: meta, cluster, faults, faultyNodes (the simulator needs
 *   them), rounds with id/title/skill/prompt path/promptText/onStart and the number of hints and
 *   their costs (not their text).
 * - Private: per round the rubric (concepts, evidence, penalties, weak answers, trap, senior signal,
 *   hint texts, order) and the model answer path; the scenario's senior path.
 *
 * In practice mode the browser loads both (joinScenario); in a live session the candidate's page
 * loads only the public part, grading runs on the server, and the private part goes only to
 * holders of the interviewer token.
 */
export interface PublicRound {
  id: string;
  title: string;
  skill: string;
  /** Path under content/ of the interviewer's prompt (MDX). */
  prompt: string;
  promptText?: string;
  onStart?: Scenario['rounds'][number]['onStart'];
  /** Hint costs in order; the texts are private until released. */
  hintCosts: number[];
}

export interface PublicScenario extends Omit<Scenario, 'rounds' | 'seniorPath'> {
  rounds: PublicRound[];
}

export interface PrivateRound {
  id: string;
  /** Path under content/ of the model answer (MDX). */
  modelAnswer: string;
  rubric: RoundRubric;
}

export interface PrivateScenario {
  id: string;
  rounds: PrivateRound[];
  seniorPath: Scenario['seniorPath'];
}

/**
 * What lists of scenarios show (the home and progress pages): the meta and each round's id, title
 * and skill, no cluster, fault, prompt or rubric. A whole `Scenario` is one too.
 */
export interface ScenarioSummary {
  meta: Scenario['meta'];
  rounds: readonly { id: string; title: string; skill: string }[];
}

/** The summary of a scenario, for the catalogue chunk. */
export function summarizeScenario(s: Scenario): ScenarioSummary {
  return { meta: s.meta, rounds: s.rounds.map((r) => ({ id: r.id, title: r.title, skill: r.skill })) };
}

/** Splits a validated scenario into what any player may hold and what only an interviewer may. */
export function splitScenario(s: Scenario): { public: PublicScenario; private: PrivateScenario } {
  const { rounds, seniorPath, ...rest } = s;
  return {
    public: {
      ...rest,
      rounds: rounds.map((r) => ({ id: r.id, title: r.title, skill: r.skill, prompt: r.prompt, promptText: r.promptText, onStart: r.onStart, hintCosts: r.rubric.hints.map((h) => h.cost) })),
    },
    private: { id: s.meta.id, rounds: rounds.map((r) => ({ id: r.id, modelAnswer: r.modelAnswer, rubric: r.rubric })), seniorPath },
  };
}

/** Rebuilds the full scenario from its two parts (practice mode, the server). Throws when the parts belong to different scenarios or rounds. */
export function joinScenario(pub: PublicScenario, priv: PrivateScenario): Scenario {
  if (pub.meta.id !== priv.id) throw new Error(`private part of ${priv.id} does not belong to ${pub.meta.id}`);
  const rounds = pub.rounds.map((r, i) => {
    const p = priv.rounds[i];
    if (!p || p.id !== r.id) throw new Error(`${pub.meta.id}: round ${r.id} has no private part`);
    const { hintCosts: _costs, ...round } = r;
    return { ...round, modelAnswer: p.modelAnswer, rubric: p.rubric };
  });
  return { ...pub, rounds, seniorPath: priv.seniorPath };
}
