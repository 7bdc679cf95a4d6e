/**
 * Renders its children once what opening the page needs is loaded, and suspends until then. The
 * shell's jq (src/core/commands/jq/engine.ts, WebAssembly) is always needed: a line must answer the
 * same whenever it is replayed. The grader's English model (src/core/grader/model.ts, about 1 MB
 * gzipped, its own chunk) is needed only by pages that grade as they open: a report, the
 * interviewer's view, the authors' preview, and a run whose saved log holds answers (replaying an
 * answered round grades it). A fresh run opens without it, so the first prompt does not wait for
 * the model; the model is fetched once the prompt is on screen (`preloadGrader`), and an answer
 * submitted before it arrives waits for it (`whenGraderReady`).
 */
import { use, useEffect, type ReactNode } from 'react';
import { languageModel, loadLanguageModel } from '../../core/grader/model.ts';
import { jqLoaded } from '../../core/commands/jq/engine.ts';
import type { Input } from '../../core/session/types.ts';
import { loadBrowserJq } from '../jqLoader.ts';

/** How long after the prompt painted the model starts loading, ms. */
const AFTER_PROMPT_MS = 300;
/** When the page shows no terminal (another tab owns the run), the model loads this long after mounting, ms. */
const FALLBACK_MS = 10_000;

/** True when replaying `inputs` grades something (an answer), so the model must be loaded first. */
export function logNeedsGrader(inputs: readonly Input[] | undefined): boolean {
  return (inputs ?? []).some((i) => i.type === 'answer');
}

/** Fetches the model shortly after the terminal's prompt is on screen (TerminalPane's `onReady`). */
export function preloadGrader(): void {
  if (!languageModel()) setTimeout(() => void loadLanguageModel(), AFTER_PROMPT_MS);
}

/**
 * `needGrader`: the page grades as it opens (see above); the children wait for the model. Without
 * it they render as soon as jq is ready and the model loads in the background.
 */
export function WithGrader({ children, needGrader = true }: { children: ReactNode; needGrader?: boolean }) {
  useEffect(() => {
    if (languageModel()) return;
    const timer = setTimeout(() => void loadLanguageModel(), FALLBACK_MS);
    return () => clearTimeout(timer);
  }, []);
  // The `use` calls come after every hook, and must stay last. They are conditional (no suspension
  // once loaded), so a render that suspended on one may be replayed by React with none of them
  // called (the module loaded meanwhile); a hook after them would then run on React's replay
  // dispatcher in a first mount and throw "Update hook called on initial render" (#467), which
  // React recovers from by rendering the root again (#520 in the console).
  if (needGrader && !languageModel()) use(loadLanguageModel());
  if (!jqLoaded()) use(loadBrowserJq());
  return children;
}

/**
 * Runs `grade` at once when the model is loaded (the usual case), or once it has loaded: for an
 * answer submitted in the first moments of a fresh run, or a takeover that replays another tab's answers.
 */
export function whenGraderReady(grade: () => void): void {
  if (languageModel()) grade();
  else void loadLanguageModel().then(grade);
}
