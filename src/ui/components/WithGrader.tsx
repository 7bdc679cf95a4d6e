/**
 * Renders its children once the grader's English model is loaded (src/core/grader/model.ts), and
 * suspends until then: the model is its own chunk, fetched beside the page's code, so the page
 * shell paints first. Sessions are opened only inside it, because replaying an answered round grades it.
 */
import { use, type ReactNode } from 'react';
import { languageModel, loadLanguageModel } from '../../core/grader/model.ts';

export function WithGrader({ children }: { children: ReactNode }) {
  if (!languageModel()) use(loadLanguageModel());
  return children;
}
