/**
 * The candidate's terminal as the interviewer watches it: a read-only xterm kept in step with the
 * replayed session (screen.ts), so outputs appear as the candidate's browser printed them.
 */
import { useEffect, useRef } from 'react';
import type { Session } from '../../core/session/session.ts';
import { ScreenFollower, screenTail } from '../../live/screen.ts';
import { openXterm, type XtermTerminal } from '../terminal/xtermAdapter.ts';
import { toCrlf } from '../terminal/terminal.ts';

export function WatchTerminal({ session, rev, label = "Candidate's terminal" }: { session: Session; rev: number; label?: string }) {
  const host = useRef<HTMLDivElement>(null);
  const term = useRef<{ xterm: XtermTerminal; screen: ScreenFollower }>(undefined);

  useEffect(() => {
    if (!host.current) return;
    const xterm = openXterm(host.current, label);
    term.current = { xterm, screen: new ScreenFollower() };
    return () => {
      xterm.dispose();
      term.current = undefined;
    };
  }, [session, label]);

  useEffect(() => {
    const t = term.current;
    if (!t) return;
    const u = t.screen.update(session.transcript, screenTail(session));
    if (u.reset) t.xterm.clear();
    if (u.text) t.xterm.write(toCrlf(u.text));
  }, [session, rev]);

  return (
    <div className="terminal-wrap">
      <div className="terminal-host" ref={host} />
    </div>
  );
}
