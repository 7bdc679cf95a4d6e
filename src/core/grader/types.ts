/**
 * Rubric and grade shapes. The grader (grader/grade.ts) is pure: given a round's rubric, the
 * commands run (with their outputs), the cluster state and the answer text, it returns a
 * RoundResult. The browser, the CLI and the tests use it the same way.
 */

/**
 * An idea the answer should state, as a claim: a short statement, example phrasings in plain words
 * and in jargon, and near misses that must not match (its opposite above all). Matching works on
 * meaning within a sentence (grader/claims.ts): lemmas, the domain thesaurus, numbers and commands
 * as entities, and the scope of negation and contrast.
 */
export interface AnswerConcept {
  id: string;
  label: string; // "Reads the crashed container's logs with --previous"
  weight: number; // points
  /** What the candidate must claim, in one sentence (shown to authors and interviewers). */
  claim: string;
  /**
   * Phrasings that state it; every content word of one must appear in one sentence of the answer.
   * An example with ` … ` between its parts is a sequence: each part in a sentence of its own, in
   * that order ("get pods … describe … logs --previous": a ladder told over several sentences).
   */
  examples: string[];
  /** Phrasings that state part of it (the step without its reason, the idea without its key detail): half its weight. */
  partial?: string[];
  /** Phrasings that look close but say something else: a sentence stating one contradicts the claim. */
  nearMisses?: string[];
  /** An explanation, not a name: stated only as a bare term (a list item, no verb), it earns half. */
  explains?: boolean;
  /**
   * Evidence ids (of any round of the scenario) that back this claim. When the concept is named but
   * none of them was seen in the terminal by the time of the answer, it earns half its weight:
   * a conclusion without evidence is a guess.
   */
  backedBy?: string[];
}

/**
 * A command recognised on its own parse record (commands/parsed.ts): the tool, its verb path, the
 * resources it addressed, its flags with their values, its positionals, where it ran, and what it
 * printed (anywhere, in one table row, or at one field). The scenario validator rejects a tool,
 * verb or flag the command registry does not have.
 */
export interface CommandMatcher {
  /** The program after wrappers: kubectl, journalctl, crictl, dmesg, cat, grep, ssh, … */
  tool: string;
  /** The start of the verb path, as the tool's command tree names it: [logs], [rollout, status], [endpoint, status]. */
  verb?: string[];
  /** kubectl: resource types it must have addressed, any spelling (`rs`, `deploy`, `pdb`); `get deployment,rs` addresses both. */
  resources?: string[];
  /** Object names it must have addressed (kubectl's `TYPE NAME`, `TYPE/NAME`, `logs NAME`) or given as a positional. */
  names?: string[];
  /** Positional arguments that must appear in this order, as typed (`/proc/cpuinfo`, a node name after `ssh`). */
  args?: string[];
  /**
   * Flags by long name that must have been given and left on (`previous` is -p, --previous,
   * --previous=true, never -p=false), or a map from flag to a regex its last value must match.
   */
  flags?: string[] | Record<string, string>;
  /** Where it must have run: laptop, a node (any), the faulty node, a healthy node. */
  on?: 'laptop' | 'node' | 'faulty-node' | 'healthy-node';
  /** Regex the command's output must match (case-insensitive, multi-line): the evidence was shown. */
  output?: string;
  /** Scope `output` to table rows whose cells match these regexes, by column header: `{ NAME: '^quote-engine-' }`. */
  row?: Record<string, string>;
  /** Scope `output` to the values at this JSONPath of a JSON/YAML output: `.status.currentHealthy`. */
  jsonpath?: string;
}

/**
 * A fact about the cluster's state when the answer is submitted, read by running a read-only command
 * against that state (e.g. `kubectl get node ip-10-42-3-208 -o jsonpath={.spec.unschedulable}`).
 */
export interface StateCheck {
  /** The command line, as a learner would type it. Its actions, if any, are thrown away. */
  run: string;
  /** Host to run it on (a node name); the learner's laptop when absent. */
  on?: string;
  /** Regex its output must match (case-insensitive, multi-line). */
  output: string;
}

export interface EvidenceCheck {
  id: string;
  label: string; // "Read the previous container's logs"
  weight: number;
  /** Commands that show it; at least one of `any` and `state` is given. */
  any?: CommandMatcher[];
  /** End-state facts that show it (node cordoned, PDB relaxed, leader moved): all must hold. */
  state?: StateCheck[];
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

/** A known weak answer, as a claim: stated, it costs WEAK_ANSWER_COST; refuted, it costs nothing. */
export interface WeakAnswer {
  id: string;
  label: string; // "Just check the logs"
  why: string;
  /** What the weak answer claims. */
  claim: string;
  /** Phrasings that state it. */
  examples: string[];
  /** Phrasings close to it that are fine (a strong answer's wording). */
  nearMisses?: string[];
  /** It does not count when any of these concept ids was credited. */
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
  /**
   * The diagnostic hierarchy: evidence ids expected in this order (cheap and broad before narrow).
   * Earns `weight` when each first appears no earlier than the one before it.
   */
  order?: { label: string; weight: number; sequence: string[] };
  /**
   * Share of the ideas' weight that makes a full answer (default FULL_ANSWER, 0.85). Lower for an
   * open question with several acceptable routes, where a strong answer takes some of them.
   */
  enough?: number;
}

export interface Verdict {
  /** `note`: worth saying, worth no points (e.g. the same failing command run many times). */
  kind: 'earned' | 'missed' | 'penalty' | 'hint' | 'note';
  points: number; // signed contribution
  text: string; // one line tied to what the learner did or wrote
  at?: number; // ms, when it happened
  /** The rubric item it is about (a concept, evidence, penalty or weak answer id). */
  id?: string;
  /** Which part of the score it belongs to: what the answer says, or what the terminal showed. */
  part?: 'answer' | 'terminal';
  /** How the answer's sentence was read for this item, with the sentence verbatim (offsets into the answer as typed). */
  reading?: { as: 'affirmed' | 'contradicted' | 'refuted'; quote: string; start: number; end: number };
}

/** "I did say this": a learner's disagreement with a verdict, kept with the attempt for rubric authors. */
export interface Dispute {
  round: string;
  /** The verdict's rubric item id. */
  verdict: string;
  /** The sentence of the answer the learner points to. */
  sentence: string;
  at: number;
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
  /** The hints unlocked, in order, with their cost. */
  hints: { text: string; cost: number }[];
  trap: { question: string; answer: string };
  seniorSignal: string;
  answer: string;
  submittedAt: number;
  /**
   * The two parts of the score, kept apart so nothing pays twice: the answer's ideas, and the
   * terminal's evidence (counted in proportion to how much of the answer stands).
   */
  parts?: { answer: { earned: number; max: number }; terminal: { earned: number; max: number; counts: number } };
  /** Verdicts the learner disputed ("I did say this"), for authors to improve the rubric. */
  disputes?: Dispute[];
}

export interface Report {
  scenario: string;
  title: string;
  score: number; // mean of round scores, 0..100
  rounds: RoundResult[];
  skills: { round: string; skill: string; score: number }[];
  timeline: { at: number; host: string; line: string; evidence: string[] }[];
  seniorPath: { command: string; why: string; round?: string }[];
}
