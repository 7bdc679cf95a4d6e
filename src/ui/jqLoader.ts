/**
 * Loads jq (src/core/commands/jq/engine.ts) in the browser. jq-web's Emscripten glue fetches
 * `jq.wasm` beside the script that loaded it, which a bundle cannot tell it; Vite serves the file
 * as an asset, and the glue's one request for it is pointed there while jq loads.
 */
import wasmUrl from 'jq-web/jq.wasm?url';
import { jqLoaded, loadJq } from '../core/commands/jq/engine.ts';

let loading: Promise<void> | undefined;

/** Loads jq once; resolves when the shell's `jq` can run. */
export function loadBrowserJq(): Promise<void> {
  if (jqLoaded()) return Promise.resolve();
  loading ??= (() => {
    const realFetch = globalThis.fetch;
    globalThis.fetch = ((input: RequestInfo | URL, init?: RequestInit) =>
      realFetch(typeof input === 'string' && /(^|\/)jq\.wasm$/.test(input) ? wasmUrl : input, init)) as typeof fetch;
    return loadJq().finally(() => { globalThis.fetch = realFetch; });
  })();
  return loading;
}
