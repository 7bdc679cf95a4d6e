/**
 * A fresh run's first prompt before the simulator has loaded (issue 17: the prompt must not wait for
 * the core's ~600 KB of gzipped JS). This file is in the first bundle and stays small: it decides
 * when a page gets the early terminal, fetches its chunk (xterm and the line editor,
 * terminal/early.ts) and shows it in the play page's frame. The core is fetched only once the prompt
 * is on screen; the play page's terminal then adopts the same xterm and line editor
 * (TerminalPane.tsx), so the line typed meanwhile stays, and the keys that needed the shell (Enter,
 * Tab and all after them) run then, in order. A saved run is not early: its screen comes from
 * replaying it.
 */
import { useLayoutEffect, useRef } from 'react';
import type { ScenarioSummary } from '../core/scenario/split.ts';
import { hasSaved } from './state/persistence.ts';
import type { Records } from './state/records.ts';
import type { Route } from './route.ts';
import { TopBar } from './components/TopBar.tsx';

type EarlyModule = typeof import('./terminal/early.ts');

let loading: Promise<EarlyModule> | undefined;
/** The early terminal's chunk once it has arrived, for the play page's synchronous checks. */
let loaded: EarlyModule | undefined;

/** Fetches the early terminal's chunk (once per page). */
export function loadEarlyTerminal(): Promise<EarlyModule> {
  loading ??= import('./terminal/early.ts').then((m) => (loaded = m));
  return loading;
}

/** Whether `route` opens a fresh run of a scenario: the play page of one without saved inputs. */
export function opensFreshRun(route: Route, records: Records): route is Route & { scenario: string } {
  return !!route.scenario && !route.view && !route.preview && !route.debug && !hasSaved(records, route.scenario);
}

const shown = new Map<string, { promise: Promise<void>; resolve: () => void }>();
function shownEntry(id: string) {
  let e = shown.get(id);
  if (!e) {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    shown.set(id, (e = { promise, resolve }));
  }
  return e;
}

/**
 * Resolves once scenario `id`'s early terminal has painted its prompt and the browser has had a
 * task to show it: the moment to start fetching the core.
 */
export function whenPromptShown(id: string): Promise<void> {
  return shownEntry(id).promise;
}

/** The early terminal of scenario `id` while one is open and not yet taken over by the play page's terminal. */
export function pendingEarlyTerminal(id: string): ReturnType<EarlyModule['pendingEarlyTerminal']> {
  return loaded?.pendingEarlyTerminal(id);
}

/** Shows scenario `id`'s early terminal in this host (opening it the first time). */
export function EarlyTerminalHost({ id }: { id: string }) {
  const host = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    let live = true;
    const shownNow = () => setTimeout(() => shownEntry(id).resolve());
    const show = (m: EarlyModule) => {
      if (!live || !host.current) return;
      m.showEarlyTerminal(id, host.current, shownNow);
      // A tab opened in the background paints nothing (no animation frames) until shown: load the core meanwhile.
      if (document.hidden) shownNow();
    };
    if (loaded) show(loaded);
    else void loadEarlyTerminal().then(show);
    return () => {
      live = false;
    };
  }, [id]);
  return (
    <div className="terminal-wrap">
      <div className="terminal-host" ref={host} />
    </div>
  );
}

/**
 * The play page's frame while the simulator loads: the scenario's title, the round's title, and the
 * early terminal. The round's text and the answer box come with the play page itself.
 */
export function PlayShell({ scenario }: { scenario: ScenarioSummary }) {
  const first = scenario.rounds[0];
  return (
    <div className="play">
      <TopBar title={scenario.meta.title} heading />
      <main className="play-main">
        <div className="side">
          {first && (
            <section className="panel round">
              <p className="eyebrow">Round 1 of {scenario.rounds.length}</p>
              <h2>{first.title}</h2>
              <p className="loading" role="status">Loading the cluster…</p>
            </section>
          )}
        </div>
        <section className="term" aria-label="Terminal">
          <EarlyTerminalHost id={scenario.meta.id} />
        </section>
      </main>
    </div>
  );
}
