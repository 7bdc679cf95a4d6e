/**
 * What the UI needs from a session (src/core/session/session.ts implements it). The store depends on
 * this shape rather than on the class, so component tests can drive the UI with a small fake.
 * Times (`at`, `now`) are virtual ms since the epoch.
 */
import type { Scenario } from '../../core/scenario/types.ts';
import type { Input, TranscriptEntry } from '../../core/session/types.ts';
import type { Report, RoundResult } from '../../core/grader/types.ts';

export interface SessionLike {
  readonly scenario: Scenario;
  readonly inputs: readonly Input[];
  readonly now: number;
  prompt(): string;
  run(line: string, at: number): { output: string; following: boolean; clear?: boolean };
  tick(at: number): { output: string; following: boolean };
  interrupt(at: number): { output: string };
  complete(line: string, cursor: number): { start: number; candidates: string[] };
  readonly transcript: readonly TranscriptEntry[];
  /** True while a command is following (a resumed session may be mid-follow). */
  readonly following: boolean;
  /** The file a command waits on in the editor (kubectl edit); the terminal shows it full screen. */
  readonly editing?: { file: string; text: string; program: string };
  /** The editor exited with `text` in the file: what the command printed then (`deployment.apps/web edited`). */
  saveEdit?(text: string, at: number): { output: string; following: boolean };
  /** The text a pager shows full screen (less, journalctl on the terminal); leaving it is `interrupt`. */
  readonly paging?: { text: string; title: string; program: string };
  /** True while a background job runs (`cmd &`): the terminal keeps ticking at the prompt for its output. */
  readonly jobsRunning?: boolean;
  /** Virtual ms a slow line waited while its output is held (the terminal shows it working); undefined otherwise. */
  readonly pendingMs?: number;
  /** Index of the round being played; equals rounds.length when every round is answered. */
  readonly roundIndex: number;
  /** Grades the current round's answer; undefined when every round is already answered. */
  submitAnswer(text: string, at: number): RoundResult | undefined;
  readonly results: readonly RoundResult[];
  report(): Report;
  hint(at: number): { text: string; cost: number } | undefined;
  /** The current round graded as if `answer` were submitted now, recording nothing (interviewer view). */
  preview(text: string): RoundResult | undefined;
  /** "I did say this": disputes a verdict of an answered round with a sentence of the answer (kept with the attempt). */
  dispute?(round: string, verdict: string, sentence: string, at: number): RoundResult | undefined;
}

/** Which attempt a session is, for the copy kept off the page's thread (ui/replay). */
export interface AttemptKey {
  scenario: string;
  attempt: string;
  seed: number;
}

/** How sessions are made: fresh, or rebuilt exactly from a saved input log. */
export interface SessionEngine {
  start(scenario: Scenario): SessionLike;
  replay(scenario: Scenario, inputs: readonly Input[]): SessionLike;
  /**
   * What `replay` returns, rebuilt off the page's thread (the browser's replay worker, from a kept
   * snapshot plus the log's tail). Rejects when it cannot (no worker): the store replays on the
   * page then. Absent in tests.
   */
  replayAway?(scenario: Scenario, inputs: readonly Input[], key: AttemptKey): Promise<SessionLike>;
}
