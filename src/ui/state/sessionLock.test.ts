import { afterEach, describe, expect, it, vi } from 'vitest';
import { webTabLock } from './sessionLock.ts';

/**
 * A stand-in for the browser's LockManager shared by several "tabs" (TabLocks) of one test:
 * exclusive locks by name, `ifAvailable` answering null when held, the callback run a task later
 * as browsers do, the lock kept until the callback's promise settles.
 */
function fakeLocks() {
  const held = new Set<string>();
  return {
    request(name: string, options: { ifAvailable?: boolean; steal?: boolean }, callback: (lock: object | null) => Promise<void> | void) {
      return new Promise<void>((resolve) => {
        setTimeout(() => {
          if (held.has(name) && options.ifAvailable) { void Promise.resolve(callback(null)).then(resolve); return; }
          held.add(name);
          void Promise.resolve(callback({ name })).then(() => { held.delete(name); resolve(); });
        }, 0);
      });
    },
  };
}

describe('one tab owns a scenario session (Web Locks)', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('two claims of one scenario from the same tab in a row (an effect run twice) both own it; another tab does not', async () => {
    vi.stubGlobal('navigator', { locks: fakeLocks() });
    const tab = webTabLock(async () => {}, new Set());
    const other = webTabLock(async () => {}, new Set());
    const [first, second] = await Promise.all([tab.claim('sigill-node', () => {}), tab.claim('sigill-node', () => {})]);
    expect([first, second]).toEqual(['owner', 'owner']);
    expect(await tab.claim('sigill-node', () => {})).toBe('owner');
    expect(await other.claim('sigill-node', () => {})).toBe('elsewhere');
    expect(await other.claim('crashloop', () => {})).toBe('owner');
  });
});
