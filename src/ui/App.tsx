/**
 * The app shell: picks the page from the URL. Home is in the first bundle; the play and report
 * pages (xterm, the simulation core) load on demand.
 */
import { lazy, Suspense, use, useEffect, useState } from 'react';
import type { Scenario } from '../core/scenario/types.ts';
import type { ScenarioSummary } from '../core/scenario/split.ts';
import { useRoute } from './route.ts';
import { HomePage } from './pages/HomePage.tsx';
import { ProgressPage } from './pages/ProgressPage.tsx';
import { TopBar } from './components/TopBar.tsx';
import { ErrorBoundary } from './components/ErrorBoundary.tsx';
import { RecordsProvider, useBrowserRecords } from './recordsContext.ts';
import { opensFreshRun, PlayShell, whenPromptShown } from './earlyTerminal.tsx';
import type { BrowserRecords } from './state/idbRecords.ts';
import { loadLanguageModel } from '../core/grader/model.ts';
import { loadBrowserJq } from './jqLoader.ts';

// jq is fetched beside the play chunk, not after it; so is the grader's English model (its own
// chunk) for the pages that grade as they open. A fresh run's play page loads the model after the
// prompt is on screen (components/WithGrader.tsx).
const ScenarioRoute = lazy(() => {
  const query = new URLSearchParams(location.search);
  if (query.has('view') || query.has('preview')) void loadLanguageModel();
  void loadBrowserJq();
  return import('./pages/ScenarioRoute.tsx');
});

/** The bundled scenarios' summaries, problems found in their files, and how to load one whole. */
export interface Catalog {
  scenarios: readonly ScenarioSummary[];
  errors: readonly string[];
  /** The whole scenario of a summary's id: the same promise for the same id (React's `use`). */
  load(id: string): Promise<Scenario>;
}

export interface AppProps {
  /** Loaded after first paint: parsing YAML needs the parser and schema, which the shell does not. */
  catalog: Promise<Catalog>;
  /** What this browser keeps (IndexedDB), read once at start. */
  records: Promise<BrowserRecords>;
}

export function App({ catalog, records }: AppProps) {
  return (
    <Suspense fallback={<p className="loading">Loading…</p>}>
      <WithRecords catalog={catalog} records={records} />
    </Suspense>
  );
}

function WithRecords({ catalog, records }: AppProps) {
  const route = useRoute();
  const page = route.view === 'progress' ? 'the progress page' : route.view === 'report' ? 'the report' : route.scenario ? 'the play page' : 'the home page';
  return (
    <RecordsProvider value={use(records)}>
      {/* Keyed by page: navigating away from a failed page starts it afresh. */}
      <ErrorBoundary key={`${route.scenario}/${route.view}/${route.attempt}`} page={page}>
        <Pages catalog={catalog} />
      </ErrorBoundary>
    </RecordsProvider>
  );
}

function Pages({ catalog }: { catalog: Promise<Catalog> }) {
  const { scenarios, errors, load } = use(catalog);
  const route = useRoute();
  const scenario = route.scenario ? scenarios.find((s) => s.meta.id === route.scenario) : undefined;
  const { records } = useBrowserRecords();
  // Decided once per page (the ErrorBoundary above is keyed by the route): a fresh run shows its
  // prompt first and fetches the simulator after (earlyTerminal.tsx).
  const [early] = useState(() => scenario !== undefined && opensFreshRun(route, records));
  useEffect(() => {
    const page = route.view === 'progress' ? 'Progress' : scenario?.meta.title;
    document.title = page ? `${page} · Gauntlet` : 'Gauntlet';
  }, [scenario, route.view]);

  if (route.view === 'progress') return <ProgressPage scenarios={scenarios} />;
  if (!route.scenario) return <HomePage scenarios={scenarios} errors={errors} />;
  if (!scenario) {
    return (
      <div>
        <TopBar />
        <main className="home-main">
          <h1>No such scenario</h1>
          <p>
            There is no scenario called <code>{route.scenario}</code>. <a href="./">See all scenarios</a>.
          </p>
        </main>
      </div>
    );
  }
  return (
    <Suspense fallback={early ? <PlayShell scenario={scenario} /> : <p className="loading">Loading {scenario.meta.title}…</p>}>
      <WholeScenario load={() => load(scenario.meta.id)} after={early ? whenPromptShown(scenario.meta.id) : undefined} route={route} />
    </Suspense>
  );
}

/**
 * The play, report or interviewer page, once the scenario's own chunks have arrived; `after`: they
 * are fetched only once it has resolved (a fresh run's prompt is on screen).
 */
function WholeScenario({ load, after, route }: { load: () => Promise<Scenario>; after?: Promise<void>; route: ReturnType<typeof useRoute> }) {
  if (after) use(after);
  return <ScenarioRoute scenario={use(load())} view={route.view} attempt={route.attempt} preview={route.preview} debug={route.debug} />;
}
