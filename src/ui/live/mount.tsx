/**
 * The live-interview pages, mounted instead of the practice app when the path starts with /live/.
 * This entry never imports the practice catalogue (ui/scenarios.ts, which carries every rubric), so
 * a candidate's page loads only what the server sends it: the scenario's public part.
 */
import { StrictMode, Suspense, type ReactNode } from 'react';
import { WithGrader } from '../components/WithGrader.tsx';
import { createRoot } from 'react-dom/client';
import { CandidatePage } from './CandidatePage.tsx';
import { InterviewerPage } from './InterviewerPage.tsx';
import { NewInterviewPage } from './NewInterviewPage.tsx';
import { SessionsPage } from './SessionsPage.tsx';
import { LinkProblem } from './common.tsx';

/** The page for a /live/… path. */
export function livePage(path: string): ReactNode {
  const [, , kind, token] = path.split('/');
  if (kind === 'c' && token) return <CandidatePage token={token} />;
  // The interviewer's page replays and grades the candidate's answers: it waits for the English model.
  if (kind === 'i' && token) return <Suspense fallback={<p className="loading">Loading the grader…</p>}><WithGrader><InterviewerPage token={token} /></WithGrader></Suspense>;
  if (kind === 'new') return <NewInterviewPage />;
  if (kind === 'sessions') return <SessionsPage />;
  return <LinkProblem message="There is no such page. Interview links look like /live/c/… (candidates) or /live/i/… (interviewers)." />;
}

export function mountLive(root: HTMLElement): void {
  document.title = 'Live interview · Gauntlet';
  createRoot(root).render(<StrictMode>{livePage(location.pathname)}</StrictMode>);
}
