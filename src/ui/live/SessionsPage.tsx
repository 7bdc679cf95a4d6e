/**
 * The interviewer's Sessions page (`/live/sessions`): every interview this browser created or opened
 * as an interviewer, newest first, with its state and score, linking to each one's page (report,
 * exports and replay are there).
 */
import { useEffect, useState } from 'react';
import { LiveTopBar } from './common.tsx';
import { rememberedInterviews } from './remembered.ts';
import { scoreBand } from '../format.ts';

interface Row {
  token: string;
  title: string;
  candidateName: string | null;
  createdAt: number;
  startedAt: number | null;
  endedAt: number | null;
  inputs: number;
  score: number | null;
}

export function SessionsPage() {
  const [rows, setRows] = useState<Row[]>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    fetch('/api/live/sessions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tokens: rememberedInterviews() }) })
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(String(r.status)))))
      .then(setRows, () => setError('Live interviews need Gauntlet’s server (npm start).'));
  }, []);
  return (
    <div>
      <LiveTopBar title="Sessions">
        <a href="/live/new">Start a live interview</a>
      </LiveTopBar>
      <main className="home-main">
        <h1>Interview sessions</h1>
        <p className="muted">Interviews this browser created or opened with an interviewer link.</p>
        {error && <p role="alert">{error}</p>}
        {rows && rows.length === 0 && <p>None yet.</p>}
        {rows && rows.length > 0 && (
          <table className="live-sessions" aria-label="Sessions">
            <thead>
              <tr>
                <th>Created</th>
                <th>Candidate</th>
                <th>Scenario</th>
                <th>State</th>
                <th>Inputs</th>
                <th>Score</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.token}>
                  <td>
                    <a href={`/live/i/${r.token}`}>{new Date(r.createdAt).toLocaleString()}</a>
                  </td>
                  <td>{r.candidateName ?? '—'}</td>
                  <td>{r.title}</td>
                  <td>{r.endedAt ? 'ended' : r.startedAt ? 'running' : 'waiting'}</td>
                  <td>{r.inputs}</td>
                  <td className={r.score !== null ? scoreBand(r.score) : undefined}>{r.score ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </main>
    </div>
  );
}
