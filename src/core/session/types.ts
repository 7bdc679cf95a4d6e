/**
 * The session's input log and the views built from it. A session is its scenario plus this
 * append-only list; every output, the cluster state and the grade are a fold of it, which is what
 * makes reload, replay, CLI scripts and (later) live sessions exact. Times are virtual ms since epoch.
 */
import type { ClusterState } from '../model/state.ts';
import type { ShellFrame } from '../commands/types.ts';
import type { ShellState } from '../shell/state.ts';
import type { CommandRecord } from '../grader/match.ts';
import type { RoundResult } from '../grader/types.ts';

export type Input =
  /** A line typed at the prompt and submitted with Enter. */
  | { type: 'command'; at: number; line: string }
  /** Ctrl-C while a command is following (journalctl -f, a retrying drain). */
  | { type: 'interrupt'; at: number }
  /**
   * The editor a command opened (kubectl edit) was left: `text` is the file as it was when the
   * editor exited (`:wq` after changes, or the opening text after `:q!`).
   */
  | { type: 'edit'; at: number; text: string }
  /** The clock moved with nothing typed (a follow printing, or the learner idling). */
  | { type: 'tick'; at: number }
  /** The learner submitted an answer to the current round. */
  | { type: 'answer'; at: number; round: string; text: string }
  /** The learner unlocked the next hint of a round. */
  | { type: 'hint'; at: number; round: string }
  /**
   * "I did say this": the learner disputes a verdict of an answered round, pointing at a sentence
   * of the answer. Changes no score; kept with the attempt and shown in the report and exports.
   */
  | { type: 'dispute'; at: number; round: string; verdict: string; sentence: string };

/**
 * A session between two commands as plain data (Session.snapshot / Session.restore): what replaying
 * its first `inputs` inputs builds. Holds Maps and Sets (the shells) and Infinity (kubelet's
 * `until`), so it travels by structured clone, not JSON.
 */
export interface SessionSnapshot {
  /** How many inputs of the log it folds. */
  inputs: number;
  state: ClusterState;
  /** The location stack, the laptop first (ssh, kubectl debug push onto it). */
  frames: ShellFrame[];
  /** Each location's shell memory (variables, aliases, functions, options). */
  shells: ShellState[];
  /** Lines typed (bash history), oldest first. */
  history: string[];
  transcript: TranscriptEntry[];
  /** Commands run, as the grader keeps them. */
  records: CommandRecord[];
  results: RoundResult[];
  /** Hints unlocked, per round id. */
  hintsUsed: [string, number][];
  /** `$?` of the last command. */
  lastExit: number;
  /** The lines of a command not finished yet (bash's `> ` prompt), if any. */
  continued?: string;
}

/** One prompt-and-output block of the terminal, as it was shown. */
export interface TranscriptEntry {
  at: number;
  prompt: string;
  line: string;
  /** Everything printed in reply, follow output and `^C` included; lines end with \n. */
  output: string;
  /** True when `clear` or Ctrl-L wiped the screen before this entry's output. */
  cleared?: boolean;
}
