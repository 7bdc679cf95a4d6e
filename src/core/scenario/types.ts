/**
 * A validated scenario, as scenario/schema.ts produces it from a file under scenarios/.
 * The types mirror the file format (see scenarios/README.md); prose lives in content/ (MDX).
 */
import type { RoundRubric } from '../grader/types.ts';
import type { FaultRule } from '../model/state.ts';
import type { ClusterSpec, RoundStartStep, VariantSpec } from './schema.ts';

export type { VariantSpec } from './schema.ts';

export interface ScenarioMeta {
  id: string;
  title: string;
  summary: string;
  category: string;
  difficulty: string;
  /** e.g. "15-20 min" */
  duration: string;
  domains: string[];
}

export interface Round {
  id: string; // stable: opening, probe, constraint, curveball, synthesis
  title: string; // "The Opening"
  /** Skill this round tests, as in the report's per-skill table. */
  skill: string;
  /** Path under content/ of the MDX holding the interviewer's prompt. */
  prompt: string;
  /** Path under content/ of the MDX holding the model answer. */
  modelAnswer: string;
  /** Plain-text prompt for the CLI and for graders (derived from the MDX at load time when absent). */
  promptText?: string;
  rubric: RoundRubric;
  /** What happens as the round begins (the curveball's twist); applied by the session. */
  onStart?: RoundStartStep[];
}

export interface Scenario {
  schemaVersion: 1;
  meta: ScenarioMeta;
  /** The cluster section, turned into a ClusterState by scenario/build.ts. */
  cluster: ClusterSpec;
  /** Fault rules (validated against their kind's parameters). */
  faults: FaultRule[];
  /** Nodes where the fault lives; the grader's `faulty-node` / `healthy-node` refer to them. */
  faultyNodes: string[];
  rounds: Round[];
  /** A senior engineer's path through the incident, for the report: command and why. */
  seniorPath: { command: string; why: string; round?: string }[];
  /** File the scenario came from, for error messages. */
  file: string;
  /** What varies per attempt (scenario/variants.ts); absent means the defaults. */
  variants?: VariantSpec;
  /** The variant seed this scenario was rewritten for (variantOf); absent or 0: the file as written. */
  variant?: number;
}
