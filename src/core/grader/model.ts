/**
 * The grader's English model (wink-eng-lite-web-model, about 4.9 MB of JavaScript), kept out of the
 * code that needs it so a browser can fetch it as its own chunk while the page paints. The host
 * provides it before the first grade: Node entry points and the test setup `await
 * loadLanguageModel()` at start; the browser starts it beside the play chunk and waits for it before
 * a session is opened (ui/components/WithGrader.tsx). A host with its own copy may inject it with
 * `provideLanguageModel`. This module imports no NLP code itself.
 */
import type winkNLP from 'wink-nlp';

/** The model object wink-nlp is built from. */
export type LanguageModel = Parameters<typeof winkNLP>[0];

let model: LanguageModel | undefined;
let loading: Promise<void> | undefined;

/** Gives the grader its model (the first one given stays). */
export function provideLanguageModel(m: LanguageModel): void {
  model ??= m;
}

/** The model, or undefined while it is not loaded. */
export function languageModel(): LanguageModel | undefined {
  return model;
}

/** Loads the English model once (a separate chunk in the browser); resolves when grading can run. */
export function loadLanguageModel(): Promise<void> {
  loading ??= import('wink-eng-lite-web-model').then((m) => provideLanguageModel(m.default));
  return loading;
}
