/**
 * One tab owns a scenario's session. Two tabs playing the same scenario would each save their own
 * log and the last write would silently erase the other's commands; instead the first tab holds a
 * Web Lock named after the scenario, a second tab sees that it is held elsewhere (the play page says
 * so and follows the owner's saved log read-only), and "Take over here" asks the owner over a
 * BroadcastChannel to save and let go, then takes the lock (stealing it if the owner does not
 * answer in time). The tab that lost it is told and stops saving.
 */

export type Ownership = 'checking' | 'owner' | 'elsewhere';

export interface TabLock {
  /**
   * Owns the scenario's session when no other tab does ('owner'), else 'elsewhere'. `onLost` runs
   * if another tab later takes it over. Owning one scenario lets go of any other this tab held.
   */
  claim(scenario: string, onLost: () => void): Promise<Ownership>;
  /** Takes the session over from the tab that owns it; that tab saves first (see `beforeRelease`). */
  takeOver(scenario: string, onLost: () => void): Promise<void>;
}

const HANDOVER_WAIT_MS = 1500;
const lockName = (scenario: string) => `gauntlet:session:${scenario}`;

interface Held {
  release: () => void;
  onLost: () => void;
}

/**
 * The browser's TabLock. `beforeRelease` runs after this tab has stopped writing and before it lets
 * go (it flushes pending writes, so the taker reads the latest log). Without Web Locks (very old
 * browsers) every tab owns its session, as before.
 */
export function webTabLock(beforeRelease: () => Promise<void>, owned: Set<string>): TabLock {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (!locks) return { claim: async () => 'owner', takeOver: async () => {} };
  const held = new Map<string, Held>();
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('gauntlet:locks') : undefined;

  const letGo = async (scenario: string) => {
    const h = held.get(scenario);
    if (!h) return;
    held.delete(scenario);
    owned.delete(scenario);
    h.onLost();
    await beforeRelease();
    h.release();
  };

  channel?.addEventListener('message', (e: MessageEvent<{ type: string; scenario: string }>) => {
    if (e.data.type === 'release' && held.has(e.data.scenario)) {
      void letGo(e.data.scenario).then(() => channel.postMessage({ type: 'released', scenario: e.data.scenario }));
    }
  });

  const request = (scenario: string, onLost: () => void, options: LockOptions) =>
    new Promise<Ownership>((resolve) => {
      locks
        .request(lockName(scenario), options, (lock) => {
          if (!lock) return resolve('elsewhere');
          owned.add(scenario);
          resolve('owner');
          return new Promise<void>((release) => held.set(scenario, { release, onLost }));
        })
        .catch(() => {
          // Stolen by a tab that did not wait for us (we did not answer in time).
          if (held.has(scenario)) {
            held.delete(scenario);
            owned.delete(scenario);
            onLost();
          }
        });
    });

  const releaseOthers = (scenario: string) => {
    for (const [other, h] of [...held]) {
      if (other === scenario) continue;
      held.delete(other);
      owned.delete(other);
      h.release();
    }
  };

  // A claim whose lock request is still in flight: a second claim of the same scenario from this
  // tab (React's development mode runs every effect twice) must wait for it, not ask for a lock
  // this tab is about to hold and conclude that another tab owns it.
  const pending = new Map<string, Promise<Ownership>>();

  return {
    async claim(scenario, onLost) {
      releaseOthers(scenario);
      const h = held.get(scenario);
      if (h) {
        h.onLost = onLost;
        return 'owner';
      }
      const inFlight = pending.get(scenario);
      if (inFlight) {
        const ownership = await inFlight;
        const now = held.get(scenario);
        if (now) now.onLost = onLost;
        return ownership;
      }
      const asked = request(scenario, onLost, { ifAvailable: true }).finally(() => pending.delete(scenario));
      pending.set(scenario, asked);
      return asked;
    },
    async takeOver(scenario, onLost) {
      releaseOthers(scenario);
      if (held.has(scenario)) return;
      const released = new Promise<void>((resolve) => {
        const done = (e: MessageEvent<{ type: string; scenario: string }>) => {
          if (e.data.type === 'released' && e.data.scenario === scenario) resolve();
        };
        channel?.addEventListener('message', done);
        setTimeout(resolve, HANDOVER_WAIT_MS);
      });
      channel?.postMessage({ type: 'release', scenario });
      await released;
      await request(scenario, onLost, { steal: true });
    },
  };
}
