/**
 * The candidate's terminal replayed with asciinema-player from the server's asciicast v2 export
 * (built by replaying the input log with the core): 1× to 32×, seekable, with the moments evidence
 * was found and the answers as markers on the time line and as a list to jump to.
 */
import { useEffect, useRef, useState } from 'react';
import * as AsciinemaPlayer from 'asciinema-player';
import 'asciinema-player/dist/bundle/asciinema-player.css';

const SPEEDS = [1, 2, 4, 8, 16, 32];

export default function ReplayPanel({ token }: { token: string }) {
  const host = useRef<HTMLDivElement>(null);
  const player = useRef<AsciinemaPlayer.Player>(undefined);
  const [cast, setCast] = useState<string>();
  const [error, setError] = useState<string>();
  const [speed, setSpeed] = useState(4);
  const markers = (cast ?? '').split('\n').slice(1).filter(Boolean).map((l) => JSON.parse(l) as [number, string, string]).filter((e) => e[1] === 'm');

  useEffect(() => {
    fetch(`/api/live/${token}/cast`).then(
      async (r) => (r.ok ? setCast(await r.text()) : setError(`The server said ${r.status}.`)),
      () => setError('Could not reach the server.'),
    );
  }, [token]);

  useEffect(() => {
    if (!cast || !host.current) return;
    const at = player.current?.getCurrentTime() ?? 0;
    const p = AsciinemaPlayer.create({ data: cast }, host.current, { speed, idleTimeLimit: 3, fit: 'width', startAt: at, preload: true, terminalFontSize: 'small' });
    player.current = p;
    return () => {
      p.dispose();
      player.current = undefined;
    };
  }, [cast, speed]);

  if (error) return <p role="alert">{error}</p>;
  if (!cast) return <p className="loading">Building the replay…</p>;
  return (
    <div className="live-replay" aria-label="Terminal replay">
      <div className="row">
        <label>
          Speed{' '}
          <select aria-label="Replay speed" value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="secondary" onClick={() => void player.current?.seek('100%')}>
          Jump to the end
        </button>
      </div>
      <div ref={host} className="live-player" />
      {markers.length > 0 && (
        <ol className="live-markers" aria-label="Moments">
          {markers.map((m, i) => (
            <li key={i}>
              <button type="button" className="link" onClick={() => void player.current?.seek({ marker: i })}>
                {new Date(m[0] * 1000).toISOString().slice(11, 19)} {m[2]}
              </button>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
