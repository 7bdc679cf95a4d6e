/**
 * The lazily loaded part of the app: the store with the real simulation engine, and the play,
 * report and interviewer pages that use it.
 */
import type { Scenario } from '../../core/scenario/types.ts';
import { StoreProvider } from '../store.ts';
import { appStore } from '../appStore.ts';
import type { View } from '../route.ts';
import { PlayPage } from './PlayPage.tsx';
import { ReportPage } from './ReportPage.tsx';
import { InterviewerPage } from './InterviewerPage.tsx';

export default function ScenarioRoute({ scenario, view }: { scenario: Scenario; view?: View }) {
  return (
    <StoreProvider store={appStore}>
      {view === 'report' ? <ReportPage scenario={scenario} /> : view === 'interviewer' ? <InterviewerPage scenario={scenario} /> : <PlayPage scenario={scenario} />}
    </StoreProvider>
  );
}
