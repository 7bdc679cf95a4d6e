/** Browser entry: renders the app shell at once and loads the scenario catalog and saved records alongside. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App.tsx';
import { ContentProvider, ContentTextProvider } from './ui/content.tsx';
import { browserRecords } from './ui/storage.ts';
import { loadEarlyTerminal, opensFreshRun, whenPromptShown } from './ui/earlyTerminal.tsx';
import { parseRoute } from './ui/route.ts';
import './ui/styles.css';

if (location.pathname.startsWith('/live/')) {
  // Live interviews: their own pages, which never load the practice catalogue (every rubric).
  void import('./ui/live/mount.tsx').then((m) => m.mountLive(document.getElementById('root')!));
} else {
  mountPractice();
}

function mountPractice() {
  const catalogModule = import('./ui/scenarios.ts');
  // Opening a scenario directly: fetch the play page's chunk (xterm, simulation) and that scenario's
  // chunks alongside the catalog; for a fresh run, only once its early terminal shows the prompt
  // (earlyTerminal.tsx), whose chunk comes first.
  const route = parseRoute(location.search);
  const opened = route.scenario;
  if (opened) {
    if (!route.view) void loadEarlyTerminal();
    const prefetch = () => {
      void import('./ui/pages/ScenarioRoute.tsx');
      void catalogModule.then((m) => m.loadScenario(opened).catch(() => undefined));
    };
    void browserRecords().then(({ records }) => {
      if (opensFreshRun(route, records)) return whenPromptShown(opened).then(prefetch);
      prefetch();
      // A long saved session starts its rebuild in the replay worker now, while the play page loads.
      if (!route.view && !route.preview && !route.debug) {
        const load = (id: string) => catalogModule.then((m) => m.loadScenario(id));
        void import('./ui/replay/prefetch.ts').then((m) => m.prefetchReplay(records, opened, load)).catch(() => undefined);
      }
    });
  }
  const catalog = catalogModule.then((m) => ({ scenarios: m.scenarios, errors: m.scenarioErrors, load: m.loadScenario }));
  const loadContent = (path: string) => catalogModule.then((m) => m.loadContent(path));
  const loadContentText = (path: string) => catalogModule.then((m) => m.loadContentText(path));

  createRoot(document.getElementById('root')!, { onRecoverableError }).render(
    <StrictMode>
      <ContentProvider value={loadContent}>
        <ContentTextProvider value={loadContentText}>
          <App catalog={catalog} records={browserRecords()} />
        </ContentTextProvider>
      </ContentProvider>
    </StrictMode>,
  );
}

/**
 * A render that threw and was retried (React's error #520 in a production build, "recovered by
 * rendering synchronously"): logged with what was thrown and where, which React's default message
 * leaves out. Still a console error: it is a bug to fix, not to hide.
 */
function onRecoverableError(error: unknown, info: { componentStack?: string }) {
  const cause = error instanceof Error && error.cause !== undefined ? error.cause : error;
  const what = cause instanceof Error ? `${cause.message}\n${cause.stack ?? ''}` : String(cause);
  console.error(`A render failed and was retried: ${what}${info.componentStack ? `\nin${info.componentStack}` : ''}`);
}
