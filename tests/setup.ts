// Shared test setup. Component tests opt into jsdom with `// @vitest-environment jsdom`.
import '@testing-library/jest-dom/vitest';

if (typeof window !== 'undefined') {
  // xterm asks for matchMedia; jsdom does not provide it.
  window.matchMedia ??= ((query: string) => ({
    matches: false, media: query, onchange: null,
    addListener() {}, removeListener() {}, addEventListener() {}, removeEventListener() {}, dispatchEvent: () => false,
  })) as unknown as typeof window.matchMedia;
  // Silence jsdom's "not implemented" warning: xterm falls back to the DOM renderer.
  HTMLCanvasElement.prototype.getContext = (() => null) as never;
}

// The grader's English model is loaded by the host before any grade (src/core/grader/model.ts).
import { loadLanguageModel } from '../src/core/grader/model.ts';
await loadLanguageModel();

// jq (a WebAssembly build) is provided by the host before a session runs (src/core/commands/jq/engine.ts).
// Required, not imported: vitest's interop would try to resolve the thenable CommonJS export as a namespace.
import { createRequire } from 'node:module';
import { provideJq, type JqWeb } from '../src/core/commands/jq/engine.ts';
provideJq(await (createRequire(import.meta.url)('jq-web') as Promise<JqWeb>));

// The record validator is fetched by the browser only when storage holds records (src/ui/state/recordChecks.ts).
import { loadRecordChecks } from '../src/ui/state/recordChecks.ts';
await loadRecordChecks();
