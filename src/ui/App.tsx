/**
 * The app shell: picks the page from the URL. Home is in the first bundle; the play and report
 * pages (xterm, the simulation core) load on demand.
 */
import { lazy, Suspense, use, useEffect } from 'react';
import type { Scenario } from '../core/scenario/types.ts';
import { useRoute } from './route.ts';
import { HomePage } from './pages/HomePage.tsx';
import { ProgressPage } from './pages/ProgressPage.tsx';
import { TopBar } from './components/TopBar.tsx';
import type { KeyValueStorage } from './state/persistence.ts';

const ScenarioRoute = lazy(() => import('./pages/ScenarioRoute.tsx'));

/** The bundled scenarios, or problems found in their files. */
export interface Catalog {
  scenarios: readonly Scenario[];
  errors: readonly string[];
}

export interface AppProps {
  /** Loaded after first paint: parsing YAML needs the parser and schema, which the shell does not. */
  catalog: Promise<Catalog>;
  storage: KeyValueStorage;
}

export function App({ catalog, storage }: AppProps) {
  return (
    <Suspense fallback={<p className="loading">Loading…</p>}>
      <Pages catalog={catalog} storage={storage} />
    </Suspense>
  );
}

function Pages({ catalog, storage }: AppProps) {
  const { scenarios, errors } = use(catalog);
  const route = useRoute();
  const scenario = route.scenario ? scenarios.find((s) => s.meta.id === route.scenario) : undefined;
  useEffect(() => {
    const page = route.view === 'progress' ? 'Progress' : scenario?.meta.title;
    document.title = page ? `${page} · Gauntlet` : 'Gauntlet';
  }, [scenario, route.view]);

  if (route.view === 'progress') return <ProgressPage scenarios={scenarios} storage={storage} />;
  if (!route.scenario) return <HomePage scenarios={scenarios} errors={errors} storage={storage} />;
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
    <Suspense fallback={<p className="loading">Loading {scenario.meta.title}…</p>}>
      <ScenarioRoute scenario={scenario} view={route.view} attempt={route.attempt} />
    </Suspense>
  );
}
