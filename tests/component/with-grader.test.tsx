// @vitest-environment jsdom
/**
 * WithGrader suspends until jq (and, where asked, the grader's model) is loaded. React replays a
 * render that suspended on a promise that settles at once; by then the module is loaded and the
 * replay calls no `use`. The page must still mount without a render error (React's #467 "Update
 * hook called on initial render", recovered as #520, was logged by the e2e runs on a loaded machine).
 */
import { startTransition, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { act } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

const jq = vi.hoisted(() => ({ loaded: false }));
vi.mock('../../src/core/commands/jq/engine.ts', async (real) => ({ ...(await real<object>()), jqLoaded: () => jq.loaded }));
vi.mock('../../src/ui/jqLoader.ts', () => ({
  // Settles in a microtask, as a module already in the cache does: the render that suspended is replayed.
  loadBrowserJq: () => Promise.resolve().then(() => { jq.loaded = true; }),
}));

const { WithGrader } = await import('../../src/ui/components/WithGrader.tsx');

afterEach(() => { jq.loaded = false; });

describe('WithGrader', () => {
  it('mounts its children once jq has loaded, with no render error on the way', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const recovered: unknown[] = [];
    const host = document.createElement('div');
    const root = createRoot(host, { onRecoverableError: (e) => recovered.push(e), onUncaughtError: (e) => recovered.push(e) });
    await act(async () => {
      // A time-sliced render, as a Suspense boundary's retry (the play chunk arriving) is.
      startTransition(() => root.render(<Suspense fallback={<p>loading</p>}><WithGrader needGrader={false}><p>ready</p></WithGrader></Suspense>));
    });
    await act(async () => { await new Promise((r) => setTimeout(r, 20)); });
    expect(host.textContent).toBe('ready');
    expect(recovered).toEqual([]);
    expect(errors).not.toHaveBeenCalled();
    act(() => root.unmount());
    errors.mockRestore();
  });
});
