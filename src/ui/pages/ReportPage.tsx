/**
 * Report pages: of the scenario's current run (`?scenario=<id>&view=report`, from the store) and of
 * an earlier finished attempt (`&attempt=<attempt id>`, rebuilt by replaying its saved inputs).
 */
import { useEffect, useMemo } from 'react';
import type { Scenario } from '../../core/scenario/types.ts';
import type { Input } from '../../core/session/types.ts';
import { useAppStore, useAppStoreApi } from '../store.ts';
import { navigate } from '../route.ts';
import { ReportView } from '../components/report/ReportView.tsx';
import { clearSaved } from '../state/persistence.ts';
import { useRecords } from '../recordsContext.ts';
import { loadAttempts, startRetry } from '../state/attempts.ts';
import type { SessionLike } from '../state/engine.ts';
import { TopBar } from '../components/TopBar.tsx';
import { RouteLink } from '../components/RouteLink.tsx';
import { mayReplaceRun } from '../confirmDiscard.ts';
import { RenameProvider } from '../content.tsx';
import { useVariantPlan } from '../variant.ts';
import { variantOf } from '../../core/scenario/variants.ts';

export function ReportPage({ scenario }: { scenario: Scenario }) {
  const store = useAppStoreApi();
  const id = scenario.meta.id;
  useEffect(() => store.getState().open(scenario), [store, scenario]);
  const session = useAppStore((s) => (s.scenarioId === id ? s.session : null));
  useAppStore((s) => s.rev);
  const { rename } = useVariantPlan(scenario, useAppStore((s) => s.seed));
  if (!session) return <p className="loading">Loading report…</p>;
  return (
    <RenameProvider value={rename}>
    <ReportView
      scenario={session.scenario}
      report={session.report()}
      onRetryRound={(i) => store.getState().retryRound(i) && navigate({ scenario: id })}
      onRetryScenario={() => {
        store.getState().restart();
        navigate({ scenario: id });
      }}
    />
    </RenameProvider>
  );
}

export interface AttemptReportPageProps {
  scenario: Scenario;
  attemptId: string;
  replay: (scenario: Scenario, inputs: readonly Input[]) => SessionLike;
}

/** An earlier attempt's report. Retrying from it replaces the scenario's current run. */
export function AttemptReportPage({ scenario, attemptId, replay }: AttemptReportPageProps) {
  const id = scenario.meta.id;
  const storage = useRecords();
  const attempt = useMemo(() => loadAttempts(storage, id).find((a) => a.id === attemptId), [storage, id, attemptId]);
  // Replayed on the variant it was played with (attempts from before seeds per attempt: seed 0).
  const variant = useMemo(() => variantOf(scenario, attempt?.seed ?? 0), [scenario, attempt]);
  const report = useMemo(() => (attempt ? replay(variant.scenario, attempt.inputs).report() : undefined), [attempt, replay, variant]);
  if (!attempt || !report) {
    return (
      <div>
        <TopBar title={scenario.meta.title} />
        <main className="home-main">
          <h1>No such attempt</h1>
          <p>
            This browser keeps no attempt <code>{attemptId}</code> of {scenario.meta.title}. <RouteLink to={{ view: 'progress' }}>See your progress</RouteLink>.
          </p>
        </main>
      </div>
    );
  }
  const when = new Date(attempt.finishedAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <RenameProvider value={variant.variant.rename}>
    <ReportView
      scenario={variant.scenario}
      report={report}
      note={`An earlier attempt, finished ${when}.`}
      onRetryRound={(i) => mayReplaceRun(storage, scenario) && startRetry(storage, scenario, attempt, i) && navigate({ scenario: id })}
      onRetryScenario={() => {
        if (!mayReplaceRun(storage, scenario)) return;
        clearSaved(storage, id);
        navigate({ scenario: id });
      }}
    />
    </RenameProvider>
  );
}
