/**
 * "Start a live interview" (`/live/new`): pick a scenario, optionally the candidate's name and a time
 * limit; the server makes the session and two links: the candidate's, to send, and the interviewer's,
 * secret. Needs the server (`npm start` or `npm run serve`): a static build says so. A live-only
 * server (src/server/liveOnly.ts) also asks for the interviewers' key, kept in this browser once it works.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { LiveTopBar } from './common.tsx';
import { rememberInterview } from './remembered.ts';

const KEY_STORE = 'gauntlet:live:key';
const storedKey = () => {
  try {
    return localStorage.getItem(KEY_STORE) ?? '';
  } catch {
    return '';
  }
};

interface ScenarioChoice {
  id: string;
  title: string;
  summary: string;
  rounds: number;
}

export function NewInterviewPage() {
  const [scenarios, setScenarios] = useState<ScenarioChoice[]>();
  const [unavailable, setUnavailable] = useState(false);
  const [scenario, setScenario] = useState('');
  const [name, setName] = useState('');
  const [limit, setLimit] = useState('45');
  const [links, setLinks] = useState<{ candidate: string; interviewer: string }>();
  const [error, setError] = useState<string>();
  const [key, setKey] = useState(storedKey);
  const [needKey, setNeedKey] = useState(false);

  useEffect(() => {
    fetch('/api/scenarios')
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(String(r.status)))))
      .then((list: ScenarioChoice[]) => {
        setScenarios(list);
        setScenario(list[0]?.id ?? '');
      })
      .catch(() => setUnavailable(true));
  }, []);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    const r = await fetch('/api/live', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { 'x-gauntlet-key': key } : {}) },
      body: JSON.stringify({ scenario, ...(name.trim() ? { candidateName: name.trim() } : {}), ...(Number(limit) > 0 ? { timeLimitMin: Number(limit) } : {}) }),
    }).catch(() => undefined);
    if (!r?.ok) {
      const body = r ? await r.json().catch(() => ({})) : {};
      if (body.needKey) setNeedKey(true);
      return setError(r ? (body.error ?? `The server said ${r.status}.`) : 'Could not reach the server.');
    }
    if (key) {
      try {
        localStorage.setItem(KEY_STORE, key);
      } catch {
        // Storage blocked: it is asked for again next time.
      }
    }
    const body = (await r.json()) as { candidatePath: string; interviewerPath: string; interviewerToken: string };
    rememberInterview(body.interviewerToken);
    setLinks({ candidate: new URL(body.candidatePath, location.href).href, interviewer: new URL(body.interviewerPath, location.href).href });
  };

  return (
    <div>
      <LiveTopBar title="Start a live interview">
        <a href="/live/sessions">Sessions</a>
      </LiveTopBar>
      <main className="home-main">
        <h1>Start a live interview</h1>
        {unavailable ? (
          <p role="alert">
            Live interviews need Gauntlet’s server: run <code>npm start</code> (or <code>npm run serve</code> on a build) and open this page from it.
          </p>
        ) : links ? (
          <section className="panel" aria-labelledby="links-title">
            <h2 id="links-title">Your interview is ready</h2>
            <p>Send the candidate their link. Keep the interviewer link to yourself and your co-interviewers: it shows the rubric and the grades.</p>
            <dl className="live-links">
              <dt>Candidate link</dt>
              <dd>
                <input readOnly aria-label="Candidate link" value={links.candidate} onFocus={(e) => e.target.select()} />
              </dd>
              <dt>Interviewer link (secret)</dt>
              <dd>
                <input readOnly aria-label="Interviewer link" value={links.interviewer} onFocus={(e) => e.target.select()} />
              </dd>
            </dl>
            <a className="button" href={links.interviewer}>
              Open the interviewer’s view
            </a>
          </section>
        ) : (
          <form className="panel live-form" onSubmit={(e) => void create(e)}>
            <label>
              Scenario
              <select value={scenario} onChange={(e) => setScenario(e.target.value)} aria-label="Scenario" disabled={!scenarios}>
                {(scenarios ?? []).map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.title} ({s.rounds} rounds)
                  </option>
                ))}
              </select>
            </label>
            <label>
              Candidate’s name (optional)
              <input value={name} maxLength={80} onChange={(e) => setName(e.target.value)} />
            </label>
            <label>
              Time limit in minutes (0 for none)
              <input type="number" min={0} max={600} value={limit} onChange={(e) => setLimit(e.target.value)} />
            </label>
            {(needKey || key) && (
              <label>
                Interviewers’ key
                <input type="password" autoComplete="off" value={key} onChange={(e) => setKey(e.target.value)} />
              </label>
            )}
            {error && <p role="alert">{error}</p>}
            <button type="submit" disabled={!scenario}>
              Create the interview
            </button>
          </form>
        )}
      </main>
    </div>
  );
}
