/**
 * Rubric and grade shapes. The grader (grader/grade.ts) is pure: given a round's rubric, the
 * commands run (with their outputs), the cluster state and the answer text, it returns a
 * RoundResult. The browser, the CLI and the tests use it the same way.
 */

/** How a concept can be recognised in an answer: any of these regexes (case-insensitive), not negated. */
export interface AnswerConcept {
  id: string;
  label: string; // "Reads the crashed container's logs with --previous"
  weight: number; // points
  patterns: string[];
}

/** A command recognised by structure on the parsed line. */
export interface CommandMatcher {
  /** argv[0]: kubectl, journalctl, crictl, dmesg, cat, grep, … */
  tool: string;
  /** Positional words that must appear in order after the tool (e.g. ['logs'], ['describe', 'node']). */
  args?: string[];
  /** Flags that must be present (long name without dashes; `previous` matches -p, --previous, --previous=true). */
  flags?: string[];
  /** Where it must have run: laptop, a node (any), the faulty node, a healthy node. */
  on?: 'laptop' | 'node' | 'faulty-node' | 'healthy-node';
  /** Regex the command's output must match (the evidence was actually shown). */
  output?: string;
}

export interface EvidenceCheck {
  id: string;
  label: string; // "Read the previous container's logs"
  weight: number;
  any: CommandMatcher[];
  /** Must happen before the first destructive act to count fully. */
  beforeDestructive?: boolean;
}

export interface Penalty {
  id: string;
  label: string; // "Deleted a crash-looping pod"
  points: number; // subtracted
  why: string;
  any: CommandMatcher[];
}

export interface WeakAnswer {
  id: string;
  label: string; // "Just check the logs"
  why: string;
  /** Matches when any pattern is present … */
  patterns: string[];
  /** … and none of these concept ids was shown. */
  unlessConcepts?: string[];
}

export interface RoundRubric {
  concepts: AnswerConcept[];
  evidence: EvidenceCheck[];
  penalties: Penalty[];
  weakAnswers: WeakAnswer[];
  trap: { question: string; answer: string };
  seniorSignal: string;
  /** Hints in order, each with its cost in points. */
  hints: { text: string; cost: number }[];
}

export interface Verdict {
  /** `note`: worth saying, worth no points (e.g. the same failing command run many times). */
  kind: 'earned' | 'missed' | 'penalty' | 'hint' | 'note';
  points: number; // signed contribution
  text: string; // one line tied to what the learner did or wrote
  at?: number; // ms, when it happened
}

export interface RoundResult {
  round: string;
  title: string;
  skill: string;
  score: number; // 0..100
  verdicts: Verdict[];
  didWell: string[];
  missed: string[];
  weakAnswers: { id: string; label: string; why: string }[];
  hintsUsed: number;
  /** The hints unlocked, in order (optional until the grader fills it; else use hintsUsed). */
  hints?: { text: string; cost: number }[];
  trap: { question: string; answer: string };
  seniorSignal: string;
  answer: string;
  submittedAt: number;
}

export interface Report {
  scenario: string;
  title: string;
  score: number; // mean of round scores, 0..100
  rounds: RoundResult[];
  skills: { round: string; skill: string; score: number }[];
  timeline: { at: number; host: string; line: string; evidence: string[] }[];
  seniorPath: { command: string; why: string }[];
}
