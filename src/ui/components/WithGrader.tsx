/**
 * Renders its children once the grader's English model (src/core/grader/model.ts) and the shell's
 * jq (src/core/commands/jq/engine.ts) are loaded, and
 * suspends until then: the model is its own chunk, fetched beside the page's code, so the page
 * shell paints first. Sessions are opened only inside it, because replaying an answered round grades it.
 */
import { use, type ReactNode } from 'react';
import { languageModel, loadLanguageModel } from '../../core/grader/model.ts';
import { jqLoaded } from '../../core/commands/jq/engine.ts';
import { loadBrowserJq } from '../jqLoader.ts';

export function WithGrader({ children }: { children: ReactNode }) {
  if (!languageModel()) use(loadLanguageModel());
  // The shell's jq (WebAssembly) too: a line must answer the same whenever it is replayed.
  if (!jqLoaded()) use(loadBrowserJq());
  return children;
}
