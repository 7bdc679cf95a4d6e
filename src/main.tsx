/** Browser entry: renders the app shell at once and loads the scenario catalog and saved records alongside. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App.tsx';
import { ContentProvider, ContentTextProvider } from './ui/content.tsx';
import { browserRecords } from './ui/storage.ts';
import './ui/styles.css';

if (location.pathname.startsWith('/live/')) {
  // Live interviews: their own pages, which never load the practice catalogue (every rubric).
  void import('./ui/live/mount.tsx').then((m) => m.mountLive(document.getElementById('root')!));
} else {
  mountPractice();
}

function mountPractice() {
  const catalogModule = import('./ui/scenarios.ts');
  // Opening a scenario directly: fetch the play page's chunk (xterm, simulation) alongside the catalog.
  if (new URLSearchParams(location.search).has('scenario')) void import('./ui/pages/ScenarioRoute.tsx');
  const catalog = catalogModule.then((m) => ({ scenarios: m.scenarios, errors: m.scenarioErrors }));
  const loadContent = (path: string) => catalogModule.then((m) => m.loadContent(path));
  const loadContentText = (path: string) => catalogModule.then((m) => m.loadContentText(path));

  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <ContentProvider value={loadContent}>
        <ContentTextProvider value={loadContentText}>
          <App catalog={catalog} records={browserRecords()} />
        </ContentTextProvider>
      </ContentProvider>
    </StrictMode>,
  );
}
