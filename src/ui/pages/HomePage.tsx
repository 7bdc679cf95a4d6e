/** The home page: one card per scenario with Start (and Resume when progress is saved). */
import type { ScenarioSummary } from '../../core/scenario/split.ts';
import { clearSaved, hasSaved } from '../state/persistence.ts';
import type { Records } from '../state/records.ts';
import { useRecords } from '../recordsContext.ts';
import { TopBar } from '../components/TopBar.tsx';
import { loadAttempts, unfinishedRounds } from '../state/attempts.ts';
import { RouteLink } from '../components/RouteLink.tsx';
import { navigate } from '../route.ts';

export interface HomePageProps {
  scenarios: readonly ScenarioSummary[];
  errors?: readonly string[];
}

export function HomePage({ scenarios, errors = [] }: HomePageProps) {
  const storage = useRecords();
  return (
    <div className="home">
      <TopBar />
      <main className="home-main">
        <h1>Kubernetes incident gauntlets</h1>
        <p className="lede">
          A simulated cluster, a terminal that answers like the real tools, and an interviewer who asks
          what you would do. Investigate in the terminal, answer each round, and get graded on the evidence.
        </p>
        {errors.length > 0 && (
          <div className="panel warn" role="alert">
            <p>Some scenario files could not be loaded:</p>
            <ul>
              {errors.map((e, i) => (
                <li key={i} className="mono small">
                  {e}
                </li>
              ))}
            </ul>
          </div>
        )}
        <ul className="cards" aria-label="Scenarios">
          {scenarios.map((s) => (
            <ScenarioCard key={s.meta.id} scenario={s} storage={storage} />
          ))}
        </ul>
      </main>
    </div>
  );
}

function ScenarioCard({ scenario, storage }: { scenario: ScenarioSummary; storage: Records }) {
  const { id, title, summary, difficulty, duration, domains, category } = scenario.meta;
  const saved = hasSaved(storage, id);
  const attempts = loadAttempts(storage, id);
  const titleId = `card-${id}`;
  const start = () => {
    // A finished run is kept on the progress page; only an unfinished one would be lost.
    const unfinished = unfinishedRounds(storage, scenario) !== undefined;
    if (unfinished && !window.confirm(`Start "${title}" again? Your unfinished run will be lost.`)) return;
    clearSaved(storage, id);
    navigate({ scenario: id });
  };
  return (
    <li className="card" aria-labelledby={titleId} data-scenario={id}>
      <p className="eyebrow">{category}</p>
      <h2 id={titleId}>{title}</h2>
      <p>{summary}</p>
      <dl className="facts">
        <div>
          <dt>Difficulty</dt>
          <dd>{difficulty}</dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd>{duration}</dd>
        </div>
        <div>
          <dt>Domains</dt>
          <dd>{domains.join(', ')}</dd>
        </div>
      </dl>
      {attempts.length > 0 && (
        <p className="muted small">
          {attempts.length} finished attempt{attempts.length === 1 ? '' : 's'}, last scored {attempts[0].summary.score}/100.{' '}
          <RouteLink to={{ view: 'progress' }}>See progress</RouteLink>
        </p>
      )}
      <div className="row">
        <button type="button" onClick={start} aria-describedby={titleId}>
          Start
        </button>
        {saved && (
          <button type="button" className="secondary" onClick={() => navigate({ scenario: id })} aria-describedby={titleId}>
            Resume
          </button>
        )}
      </div>
    </li>
  );
}
