/**
 * The interviewer's page of a live interview (`/live/i/<token>`; co-interviewers open the same link):
 * the candidate's terminal live, the current round with its rubric and a live verdict of the answer
 * being written (Session.preview on this page's own replay), the clock; controls to release a hint,
 * hold or move past the round, tick concepts, override a round's score with a reason, write notes,
 * and end the session (sharing the report or not). Afterwards: exports and the terminal's replay.
 */
import { lazy, Suspense, useEffect, useState, useSyncExternalStore } from 'react';
import type { Round } from '../../core/scenario/types.ts';
import type { RoundResult } from '../../core/grader/types.ts';
import { ContentProvider } from '../content.tsx';
import { RubricPanel } from '../components/interviewer/RubricPanel.tsx';
import { VerdictList } from '../components/VerdictList.tsx';
import { LiveScore } from '../components/interviewer/LiveScore.tsx';
import { InlineText } from '../components/InlineText.tsx';
import { scoreBand } from '../format.ts';
import { InterviewerLive, type InterviewerView } from './interviewer.ts';
import { loadAnyContent } from './interviewerContent.ts';
import { ConnectionBadge, InterviewClock, LinkProblem, LiveRename, LiveTopBar } from './common.tsx';
import { WatchTerminal } from './WatchTerminal.tsx';
import { rememberInterview } from './remembered.ts';
import { useLive } from './viewStore.ts';
import { interviewerRound } from '../../live/report.ts';

const ReplayPanel = lazy(() => import('./ReplayPanel.tsx'));
const makeInterviewer = (token: string) => new InterviewerLive(token);

export function InterviewerPage({ token }: { token: string }) {
  const live = useLive(makeInterviewer, token);
  if (!live) return <p className="loading">Connecting…</p>;
  return (
    <ContentProvider value={loadAnyContent}>
      <LiveRename live={live}>
        <Interviewer live={live} />
      </LiveRename>
    </ContentProvider>
  );
}

function Interviewer({ live }: { live: InterviewerLive }) {
  const view = useSyncExternalStore(live.subscribe, live.getView);
  useEffect(() => {
    if (view.phase === 'ready' && view.info) rememberInterview(live.token);
  }, [view.phase, view.info, live.token]);
  if (view.phase === 'problem') return <LinkProblem message={view.problem ?? ''} />;
  const { info, session, scenario } = view;
  if (view.phase === 'connecting' || !info || !session || !scenario) return <p className="loading">Connecting to the interview…</p>;
  const index = session.roundIndex;
  const round = scenario.rounds[index];
  const send = live.send.bind(live);
  const ended = info.status === 'ended';
  return (
    <div className="live-interviewer">
      <LiveTopBar title={`${scenario.meta.title} · interviewer`}>
        <InterviewClock info={info} offset={view.clockOffset} />
        <ConnectionBadge connected={view.connected} />
        <a href="/live/sessions">Sessions</a>
      </LiveTopBar>
      <main className="live-grid">
        <div className="live-side">
          <section className="panel" aria-labelledby="status-title">
            <h1 id="status-title">
              {info.candidateName ?? 'Candidate'}: {ended ? 'interview ended' : info.status === 'waiting' ? 'has not started yet' : round ? `round ${index + 1} of ${scenario.rounds.length}, ${round.title}` : 'all rounds answered'}
            </h1>
            <Links view={view} />
            {view.error && <p className="live-error" role="alert">{view.error}</p>}
          </section>
          {round && !ended && <RoundControls view={view} round={round} send={send} />}
          {round && <LiveVerdict view={view} round={round} send={send} />}
          {round && <RubricPanel round={round} hintsUsed={session.hintsFor(round.id).length} />}
          <Rounds view={view} send={send} />
          <Notes view={view} send={send} />
          <EndPanel view={view} send={send} token={live.token} />
        </div>
        <section className="term live-term" aria-label="Candidate's terminal">
          <WatchTerminal session={session} rev={view.rev} />
        </section>
      </main>
    </div>
  );
}

type Send = InterviewerLive['send'];

function Links({ view }: { view: InterviewerView }) {
  return (
    <dl className="live-links">
      <dt>Candidate link (send this)</dt>
      <dd>
        <input readOnly aria-label="Candidate link" value={view.candidateLink ?? ''} onFocus={(e) => e.target.select()} />
      </dd>
      <dt>Interviewer link (secret; for co-interviewers)</dt>
      <dd>
        <input readOnly aria-label="Interviewer link" value={location.href} onFocus={(e) => e.target.select()} />
      </dd>
    </dl>
  );
}

function RoundControls({ view, round, send }: { view: InterviewerView; round: Round; send: Send }) {
  const info = view.info!;
  const released = info.hints[round.id]?.length ?? 0;
  const total = round.rubric.hints.length;
  const moved = info.advanced.includes(round.id);
  return (
    <section className="panel" aria-labelledby="controls-title">
      <h2 id="controls-title">Run the round</h2>
      <div className="row">
        <button type="button" className="secondary" disabled={released >= total} onClick={() => send({ type: 'hint', round: round.id })}>
          Release hint {released < total ? `${released + 1} of ${total}` : '(none left)'}
        </button>
        <button type="button" className="secondary" onClick={() => send({ type: 'hold', held: !info.held })}>
          {info.held ? 'Let the candidate answer' : 'Hold this round'}
        </button>
        <button type="button" className="secondary" disabled={moved} onClick={() => send({ type: 'advance', round: round.id })}>
          Move on to the next round
        </button>
      </div>
      <p className="muted small">
        {info.held ? 'Held: the candidate cannot submit this round yet. ' : ''}
        {moved ? 'Moving on: the candidate’s browser submits what they have written. ' : ''}
        {released > 0 ? `${released} hint${released === 1 ? '' : 's'} released in this round.` : 'No hint released in this round.'}
      </p>
    </section>
  );
}

function LiveVerdict({ view, round, send }: { view: InterviewerView; round: Round; send: Send }) {
  const draft = view.draft?.round === round.id ? view.draft.text : '';
  const live = view.session!.preview(draft);
  if (!live) return null;
  const scored = interviewerRound(view.scenario!, live, view.marks[round.id]);
  return (
    <section className="panel" aria-labelledby="live-title">
      <h2 id="live-title">Live verdict</h2>
      <p className="muted small">The answer the candidate is writing, graded as if submitted now{scored.by === 'concepts' ? `, with your concept marks (the grader alone: ${live.score})` : ''}:</p>
      <blockquote className="live-draft" aria-label="Candidate's draft">{draft || <span className="muted">(nothing written yet)</span>}</blockquote>
      <LiveScore result={scored.judged} forInterviewer />
      <ConceptMarks view={view} result={live} round={round} send={send} />
    </section>
  );
}

/**
 * The round's concepts, ticked as the grader read them unless an interviewer judged otherwise;
 * a change sends the interviewer's judgement (or clears it when it comes back to the grader's).
 */
function ConceptMarks({ view, result, round, send }: { view: InterviewerView; result: RoundResult; round: Round; send: Send }) {
  const marks = view.marks[round.id]?.concepts ?? {};
  const credited = new Set(result.verdicts.filter((v) => v.kind === 'earned' && v.part === 'answer').map((v) => v.id));
  return (
    <fieldset className="live-concepts-box">
      <legend>Concepts heard</legend>
      <p className="muted small">Tick what the candidate showed (said on the call or wrote), untick what you do not accept; the score follows and the report shows it beside the grader’s.</p>
      <ul className="live-concepts" aria-label={`Concept marks of ${round.title}`}>
        {round.rubric.concepts.map((c) => {
          const grader = credited.has(c.id);
          const met = marks[c.id] ?? grader;
          return (
            <li key={c.id}>
              <label>
                <input type="checkbox" checked={met} onChange={(e) => send({ type: 'concept', round: round.id, concept: c.id, met: e.target.checked === grader ? null : e.target.checked })} />{' '}
                <InlineText text={c.label} />
                {marks[c.id] !== undefined && <span className="muted small"> (yours; the grader: {grader ? 'met' : 'not met'})</span>}
              </label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}

function Rounds({ view, send }: { view: InterviewerView; send: Send }) {
  const results = view.session!.results;
  if (results.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="rounds-title">
      <h2 id="rounds-title">Answered rounds</h2>
      {results.map((r) => (
        <RoundScore key={r.round} result={r} view={view} send={send} />
      ))}
    </section>
  );
}

function RoundScore({ result, view, send }: { result: RoundResult; view: InterviewerView; send: Send }) {
  const override = view.marks[result.round]?.override;
  const [score, setScore] = useState(String(override?.score ?? ''));
  const [reason, setReason] = useState(override?.reason ?? '');
  const scored = interviewerRound(view.scenario!, result, view.marks[result.round]);
  const round = view.scenario!.rounds.find((r) => r.id === result.round);
  return (
    <details className="live-round" aria-label={`Round ${result.title}`}>
      <summary>
        {result.title}: grader <strong className={scoreBand(result.score)}>{result.score}</strong>
        {scored.score !== undefined && (
          <>
            , interviewer <strong className={scoreBand(scored.score)}>{scored.score}</strong> ({scored.by === 'override' ? 'override' : 'concept marks'})
          </>
        )}
      </summary>
      <p className="live-answer">
        <strong>Answer:</strong> {result.answer}
      </p>
      <VerdictList verdicts={scored.judged.verdicts} label={`Verdicts of ${result.title}`} />
      {round && <ConceptMarks view={view} result={result} round={round} send={send} />}
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          send({ type: 'override', round: result.round, score: Number(score), reason });
        }}
      >
        <label>
          Your score <input type="number" min={0} max={100} required value={score} onChange={(e) => setScore(e.target.value)} aria-label={`Override score for ${result.title}`} />
        </label>
        <label>
          Reason <input required value={reason} onChange={(e) => setReason(e.target.value)} aria-label={`Reason for ${result.title}`} />
        </label>
        <button type="submit" className="secondary">
          Override score
        </button>
        {override && (
          <button type="button" className="link" onClick={() => send({ type: 'override', round: result.round, score: null, reason: '' })}>
            Remove override
          </button>
        )}
      </form>
      {override && <p className="muted small">Overridden: {override.reason}</p>}
    </details>
  );
}

function Notes({ view, send }: { view: InterviewerView; send: Send }) {
  const [text, setText] = useState(() => localStorage.getItem('gauntlet:live:note-draft') ?? '');
  const [author, setAuthor] = useState(() => localStorage.getItem('gauntlet:live:author') ?? '');
  const keep = (t: string) => {
    setText(t);
    localStorage.setItem('gauntlet:live:note-draft', t);
  };
  const add = () => {
    if (!text.trim()) return;
    if (send({ type: 'note', text: text.trim(), ...(author.trim() ? { author: author.trim() } : {}) })) keep('');
  };
  return (
    <section className="panel" aria-labelledby="notes-title">
      <h2 id="notes-title">Private notes</h2>
      <ol className="live-notes" aria-label="Notes">
        {view.notes.map((n) => (
          <li key={n.id}>
            <span className="muted small">
              {new Date(n.at).toLocaleTimeString()} · after input {n.seq}
              {n.author ? ` · ${n.author}` : ''}
            </span>
            <p>{n.text}</p>
          </li>
        ))}
      </ol>
      <label htmlFor="note-text">Note (only interviewers see it)</label>
      <textarea
        id="note-text"
        rows={3}
        value={text}
        onChange={(e) => keep(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) add();
        }}
      />
      <div className="row">
        <input
          aria-label="Your name (on your notes)"
          placeholder="Your name"
          value={author}
          onChange={(e) => {
            setAuthor(e.target.value);
            localStorage.setItem('gauntlet:live:author', e.target.value);
          }}
        />
        <button type="button" className="secondary" onClick={add} disabled={!text.trim()}>
          Add note
        </button>
      </div>
    </section>
  );
}

function EndPanel({ view, send, token }: { view: InterviewerView; send: Send; token: string }) {
  const info = view.info!;
  const [share, setShare] = useState(false);
  const [replay, setReplay] = useState(false);
  const ended = info.status === 'ended';
  return (
    <section className="panel" aria-labelledby="end-title">
      <h2 id="end-title">{ended ? 'Report' : 'End the interview'}</h2>
      {ended ? (
        <label>
          <input type="checkbox" checked={info.shared} onChange={(e) => send({ type: 'share', share: e.target.checked })} /> The candidate can see the report
        </label>
      ) : (
        <div className="row">
          <label>
            <input type="checkbox" checked={share} onChange={(e) => setShare(e.target.checked)} /> Share the report with the candidate
          </label>
          <button type="button" onClick={() => window.confirm('End the interview? The candidate can no longer type or answer.') && send({ type: 'end', share })}>
            End the interview
          </button>
        </div>
      )}
      <div className="row" role="group" aria-label="Export the report">
        <a className="button secondary" href={`/api/live/${token}/report.md`} download>
          Export Markdown
        </a>
        <a className="button secondary" href={`/api/live/${token}/report.json`} download>
          Export JSON
        </a>
        <button type="button" className="secondary" onClick={() => setReplay(true)} disabled={replay}>
          Replay the terminal
        </button>
      </div>
      {replay && (
        <Suspense fallback={<p className="loading">Loading the replay…</p>}>
          <ReplayPanel token={token} />
        </Suspense>
      )}
    </section>
  );
}
