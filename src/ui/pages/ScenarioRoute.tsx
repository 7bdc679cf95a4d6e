/**
 * The lazily loaded part of the app: the store with the real simulation engine, and the play,
 * report and interviewer pages that use it.
 */
import type { Scenario } from '../../core/scenario/types.ts';
import { StoreProvider } from '../store.ts';
import { appStoreFor } from '../appStore.ts';
import { useBrowserRecords } from '../recordsContext.ts';
import type { View } from '../route.ts';
import { PlayPage } from './PlayPage.tsx';
import { AttemptReportPage, ReportPage } from './ReportPage.tsx';
import { Session } from '../../core/session/session.ts';
import type { Input } from '../../core/session/types.ts';
import { InterviewerPage } from './InterviewerPage.tsx';
import { logNeedsGrader, WithGrader } from '../components/WithGrader.tsx';

const replay = (scenario: Scenario, inputs: readonly Input[]) => Session.replay(scenario, inputs);

function page(scenario: Scenario, view?: View, attempt?: string, author?: { preview?: number; debug?: boolean }) {
  if (view === 'report' && attempt) return <AttemptReportPage key={attempt} scenario={scenario} attemptId={attempt} replay={replay} />;
  if (view === 'report') return <ReportPage scenario={scenario} />;
  if (view === 'interviewer') return <InterviewerPage scenario={scenario} />;
  return <PlayPage scenario={scenario} preview={author?.preview} debug={author?.debug} />;
}

export default function ScenarioRoute({ scenario, view, attempt, preview, debug }: { scenario: Scenario; view?: View; attempt?: string; preview?: number; debug?: boolean }) {
  const browser = useBrowserRecords();
  // Only a fresh (or unanswered) run opens before the grader's model has loaded.
  const needGrader = view !== undefined || preview !== undefined || debug === true || logNeedsGrader(browser.records.session(scenario.meta.id)?.inputs);
  return <WithGrader needGrader={needGrader}><StoreProvider store={appStoreFor(browser)}>{page(scenario, view, attempt, { preview, debug })}</StoreProvider></WithGrader>;
}
