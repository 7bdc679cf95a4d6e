/** The app's store instance, wired to the real session engine, the browser's records and tab locks. */
import { Session } from '../core/session/session.ts';
import { createAppStore, type AppStore } from './store.ts';
import type { BrowserRecords } from './state/idbRecords.ts';
import { webTabLock } from './state/sessionLock.ts';
import { replayInWorker, shareInputs } from './replay/client.ts';

const stores = new WeakMap<BrowserRecords, AppStore>();

/** localStorage key pinning every new attempt in this browser to one variant seed (see README, "Variants"). */
export const PIN_SEED_KEY = 'gauntlet.seed';

function pinnedSeed(): number | undefined {
  try {
    const v = globalThis.localStorage?.getItem(PIN_SEED_KEY) ?? '';
    return /^\d+$/.test(v) ? Number(v) : undefined;
  } catch {
    return undefined; // storage blocked: draw as usual
  }
}

/** The one store of this page for these records. */
export function appStoreFor(browser: BrowserRecords): AppStore {
  let store = stores.get(browser);
  if (!store) {
    store = createAppStore({
      engine: {
        start: (scenario) => Session.start(scenario, { tty: true }),
        replay: (scenario, inputs) => Session.replay(scenario, inputs, { tty: true }),
        ...(typeof Worker === 'undefined' ? {} : { replayAway: replayInWorker }),
      },
      records: browser.records,
      lock: webTabLock(browser.flush, browser.records.owned),
      refresh: browser.refresh,
      realNow: () => performance.now(),
      // Each new attempt plays another variant (other node names and IPs): see core/scenario/variants.ts.
      random: Math.random,
      pinnedSeed: pinnedSeed(),
    });
    // The replay worker keeps snapshots of the run this tab plays, for a fast reload (ui/replay).
    store.subscribe((next, prev) => {
      if (next.rev === prev.rev || !next.session || next.ownership !== 'owner' || !next.scenarioId || !next.attemptId) return;
      shareInputs(next.session.scenario, next.session.inputs, { scenario: next.scenarioId, attempt: next.attemptId, seed: next.seed });
    });
    stores.set(browser, store);
  }
  return store;
}
