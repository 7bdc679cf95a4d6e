/**
 * The session slice: the running session of one scenario and the actions the terminal and the
 * answer box call. The session object is mutable (it folds inputs as they come), so every action
 * bumps `rev`; components select `rev` to re-render. Virtual time for each input is the session's
 * clock plus the real time elapsed since the previous input.
 */
import type { StateCreator } from 'zustand';
import type { Scenario } from '../../core/scenario/types.ts';
import type { RoundResult } from '../../core/grader/types.ts';
import type { SessionEngine, SessionLike } from './engine.ts';
import { AWAY_FROM, clearSaved, loadSaved, savedAttemptKey, type RetryOf, type SavedSession } from './persistence.ts';
import { newAttemptId, startRetry } from './attempts.ts';
import { playLine, THINK_MS } from '../../core/session/script.ts';
import { pickSeed, planVariant, variantOf } from '../../core/scenario/variants.ts';
import type { Records } from './records.ts';
import type { Ownership, TabLock } from './sessionLock.ts';
import type { AppState } from '../store.ts';

export interface SessionSlice {
  scenarioId: string | null;
  session: SessionLike | null;
  /** Incremented after every change to the session. */
  rev: number;
  /** Round results whose feedback the learner has moved past ("Next round"). */
  reviewed: number;
  /** The id under which this session is kept as an attempt once finished (attempts.ts). */
  attemptId: string | null;
  /** Set when this session is a retry of another attempt's round. */
  retryOf: RetryOf | null;
  /**
   * The variant seed the open session plays (core/scenario/variants.ts; 0: the file as written).
   * `session.scenario` is already that variant; pages rename the prose with the same seed.
   */
  seed: number;
  /**
   * Whether this tab owns the open scenario's session (sessionLock.ts). Only the owner saves; a tab
   * where it is 'elsewhere' shows the owner's saved log read-only and offers to take over.
   */
  ownership: Ownership;
  /** Asks to own the scenario's session (the play page does on opening it). */
  claim(scenarioId: string): Promise<Ownership>;
  /** Takes the session over from the tab that owns it, then replays the log that tab saved. */
  takeOver(scenario: Scenario): Promise<void>;
  /**
   * Opens a scenario (as written): keeps the live session when it matches the saved record, else
   * replays the saved input log on the saved variant seed, else starts a new attempt on a newly
   * drawn seed (always new when `fresh`). The session plays `variantOf(scenario, seed)`.
   */
  open(scenario: Scenario, options?: { fresh?: boolean }): void;
  /** Throws away the current scenario's progress and starts it again. */
  restart(): void;
  /**
   * The authors' preview: a fresh run whose rounds before `roundIndex` (0-based) are played by the
   * reference `solution` (script lines as scenario:check replays them, THINK_MS apart). Returns the
   * round reached (less than asked when the solution stops early).
   */
  preview(scenario: Scenario, roundIndex: number, solution: string): number;
  /**
   * Starts a new attempt that replays this session's inputs before round `roundIndex` (0-based) and
   * continues from that round; the finished attempt stays on the progress page. False if that round
   * was never reached.
   */
  retryRound(roundIndex: number): boolean;
  run(line: string): { output: string; following: boolean; clear?: boolean };
  tick(): { output: string; following: boolean };
  interrupt(): { output: string };
  /** The editor a command opened (kubectl edit) was left with `text` in its file. */
  saveEdit(text: string): { output: string; following: boolean };
  complete(line: string, cursor: number): { start: number; candidates: string[] };
  submitAnswer(text: string): RoundResult | undefined;
  hint(): { text: string; cost: number } | undefined;
  /** "I did say this" on a verdict of an answered round, with the sentence of the answer. */
  dispute(round: string, verdict: string, sentence: string): RoundResult | undefined;
  /** Dismisses the feedback of the last answered round. */
  nextRound(): void;
}

export interface SessionDeps {
  engine: SessionEngine;
  records: Records;
  /** Tab ownership of sessions; without one, this tab owns every session it opens. */
  lock?: TabLock;
  /** Reads storage again (after another tab saved); the browser's IndexedDB records provide it. */
  refresh?: () => Promise<void>;
  /** Real-time clock in ms (performance.now in the browser; a fake in tests). */
  realNow: () => number;
  /** Wall clock in ms, dating attempts (Date.now unless a test fixes it). */
  wallNow?: () => number;
  /**
   * A number in [0, 1) from which each new attempt draws its variant seed (Math.random in the
   * browser). Without it every attempt plays seed 0, the scenario as written.
   */
  random?: () => number;
  /** Every new attempt plays this seed instead (authors reproducing a variant; the e2e tests pin 0). */
  pinnedSeed?: number;
}

const NO_SESSION = new Error('no scenario is open');

export const createSessionSlice =
  (deps: SessionDeps): StateCreator<AppState, [], [], SessionSlice> =>
  (set, get) => {
    let lastInputReal = deps.realNow();
    /** The scenario as written that `open` last opened (`session.scenario` is its variant). */
    let opened: Scenario | null = null;

    /** The virtual time of an input made now, and the mark for the next one. */
    const at = (session: SessionLike) => {
      const real = deps.realNow();
      const elapsed = Math.max(0, Math.round(real - lastInputReal));
      lastInputReal = real;
      return session.now + elapsed;
    };
    const current = () => {
      const s = get().session;
      if (!s) throw NO_SESSION;
      return s;
    };
    const bump = () => set((st) => ({ rev: st.rev + 1 }));
    /** The saved record being rebuilt off the page's thread (ui/replay), if one is. */
    let rebuilding: { id: string; record: SavedSession } | undefined;

    /** Opens on the page: replays the saved log here, or starts a new attempt (a record that no longer replays is set aside, saying why). */
    const openHere = (scenario: Scenario, saved: SavedSession | undefined, savedSeed: number, draw: () => number) => {
      const id = scenario.meta.id;
      let seed = savedSeed;
      let session: SessionLike;
      let record = saved;
      try {
        session = saved ? deps.engine.replay(variantOf(scenario, seed).scenario, saved.inputs) : deps.engine.start(variantOf(scenario, seed).scenario);
      } catch (e) {
        // A record that no longer replays (an older build's): keep it aside, tell, start over.
        if (saved) deps.records.setAside('sessions', id, saved, `could not be replayed (${e instanceof Error ? e.message : String(e)})`);
        record = undefined;
        seed = draw();
        session = deps.engine.start(variantOf(scenario, seed).scenario);
      }
      opened = scenario;
      show(scenario, session, record, seed);
    };

    /** Makes `session` (of `record`, or a new attempt) the open one. */
    const show = (scenario: Scenario, session: SessionLike, record: SavedSession | undefined, seed: number) => {
      const id = scenario.meta.id;
      lastInputReal = deps.realNow();
      const reviewed = Math.min(record?.reviewed ?? 0, session.results.length);
      const attemptId = record?.attempt ?? newAttemptId(deps.wallNow?.());
      const retryOf = record?.retryOf ?? null;
      const drafts = { ...get().drafts };
      for (const [round, text] of Object.entries(record?.drafts ?? {})) drafts[`${id}/${round}`] = text;
      const ownership = get().scenarioId === id ? get().ownership : deps.lock ? 'checking' : 'owner';
      set((st) => ({ scenarioId: id, session, seed, reviewed, attemptId, retryOf, drafts, ownership, rev: st.rev + 1 }));
    };

    return {
      scenarioId: null,
      session: null,
      rev: 0,
      reviewed: 0,
      attemptId: null,
      retryOf: null,
      seed: 0,
      ownership: deps.lock ? 'checking' : 'owner',
      async claim(scenarioId) {
        if (!deps.lock) return 'owner';
        const lost = () => get().scenarioId === scenarioId && set({ ownership: 'elsewhere' });
        const ownership = await deps.lock.claim(scenarioId, lost);
        if (get().scenarioId === scenarioId) set({ ownership });
        return ownership;
      },
      async takeOver(scenario) {
        const id = scenario.meta.id;
        if (!deps.lock) return;
        await deps.lock.takeOver(id, () => get().scenarioId === id && set({ ownership: 'elsewhere' }));
        await deps.refresh?.();
        set({ ownership: 'owner', session: null });
        get().open(scenario);
      },
      open(scenario, options = {}) {
        const id = scenario.meta.id;
        const before = loadSaved(deps.records, id);
        if (options.fresh) clearSaved(deps.records, id);
        const saved = options.fresh ? undefined : before;
        // Storage is the source of truth: keep the live session only while it matches the saved log
        // (the home page's "Start" clears the record to begin again).
        const live = get().scenarioId === id ? get().session : null;
        const sameAttempt = !saved?.attempt || saved.attempt === get().attemptId;
        const sameSeed = (saved?.seed ?? 0) === get().seed;
        if (live && !options.fresh && sameAttempt && sameSeed && (saved?.inputs.length ?? 0) === live.inputs.length) return;
        // A new attempt draws its variant; a saved one replays on the seed it was played with.
        const draw = () => deps.pinnedSeed ?? (deps.random ? pickSeed(deps.random(), before?.seed ?? deps.records.attemptsOf(id)[0]?.seed ?? 0) : 0);
        const seed = saved ? (saved.seed ?? 0) : draw();
        // A long saved log is rebuilt off the page's thread (ui/replay); the page shows "Loading…" meanwhile.
        const away = deps.engine.replayAway;
        if (saved && away && saved.inputs.length >= AWAY_FROM) {
          const key = savedAttemptKey(saved, id);
          if (rebuilding?.id === id && rebuilding.record === saved) return;
          const mine = (rebuilding = { id, record: saved });
          set((st) => ({ scenarioId: id, session: null, seed, ownership: st.scenarioId === id ? st.ownership : deps.lock ? 'checking' : 'owner' }));
          const stale = () => rebuilding !== mine || loadSaved(deps.records, id) !== saved;
          away(variantOf(scenario, seed).scenario, saved.inputs, key).then(
            (session) => {
              if (stale()) return;
              rebuilding = undefined;
              opened = scenario;
              show(scenario, session, saved, seed);
            },
            () => {
              if (stale()) return;
              rebuilding = undefined;
              openHere(scenario, saved, seed, draw);
            },
          );
          return;
        }
        rebuilding = undefined;
        openHere(scenario, saved, seed, draw);
      },
      restart() {
        current();
        get().open(opened!, { fresh: true });
      },
      preview(scenario, roundIndex, solution) {
        get().open(scenario, { fresh: true });
        const s = current();
        // The solution is written against the file's names: play it under this attempt's variant.
        const rename = planVariant(scenario, get().seed).rename;
        for (const raw of rename(solution).split('\n')) {
          const line = raw.replace(/\r$/, '');
          if (s.roundIndex >= roundIndex) break;
          if (line.trim() !== '' && !/^\s*#/.test(line)) playLine(s, line, s.now + THINK_MS);
        }
        lastInputReal = deps.realNow();
        set((st) => ({ reviewed: s.results.length, rev: st.rev + 1 }));
        return s.roundIndex;
      },
      retryRound(roundIndex) {
        const s = current();
        const from = { id: get().attemptId ?? newAttemptId(deps.wallNow?.()), inputs: s.inputs, seed: get().seed };
        if (!startRetry(deps.records, s.scenario, from, roundIndex)) return false;
        get().open(opened!);
        return true;
      },
      run(line) {
        const s = current();
        const result = s.run(line, at(s));
        bump();
        return result;
      },
      tick() {
        const s = current();
        const result = s.tick(at(s));
        bump();
        return result;
      },
      interrupt() {
        const s = current();
        const result = s.interrupt(at(s));
        bump();
        return result;
      },
      saveEdit(text) {
        const s = current();
        const result = s.saveEdit?.(text, at(s)) ?? { output: '', following: s.following };
        bump();
        return result;
      },
      complete(line, cursor) {
        return current().complete(line, cursor);
      },
      submitAnswer(text) {
        const s = current();
        if (s.roundIndex >= s.scenario.rounds.length) return undefined;
        const result = s.submitAnswer(text, at(s));
        bump();
        return result;
      },
      hint() {
        const s = current();
        const result = s.hint(at(s));
        bump();
        return result;
      },
      dispute(round, verdict, sentence) {
        const s = current();
        const result = s.dispute?.(round, verdict, sentence, at(s));
        bump();
        return result;
      },
      nextRound() {
        const s = current();
        set({ reviewed: s.results.length });
      },
    };
  };
