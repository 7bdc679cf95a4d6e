/** Small pieces the live pages share: the header, a clock, the page for a link that opens nothing. */
import { useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { LiveInfo } from '../../live/protocol.ts';
import { elapsed } from '../format.ts';
import { RenameProvider, type Rename } from '../content.tsx';
import type { ViewStore } from './viewStore.ts';

const asWritten: Rename = (t) => t;

/**
 * The session's variant rename (from the welcome frame's `renames`) for the prose rendered below:
 * the scenario the server sent is already the variant, the MDX prompts and answers are not.
 */
export function LiveRename({ live, children }: { live: ViewStore<{ rename?: Rename }>; children: ReactNode }) {
  const view = useSyncExternalStore(live.subscribe, live.getView);
  return <RenameProvider value={view.rename ?? asWritten}>{children}</RenameProvider>;
}

export function LiveTopBar({ title, children }: { title?: string; children?: ReactNode }) {
  return (
    <header className="topbar">
      <a className="brand" href="/">
        Gauntlet
      </a>
      {title && <span className="crumb">{title}</span>}
      <nav className="actions" aria-label="Interview actions">
        {children}
      </nav>
    </header>
  );
}

/** A wrong, expired or unknown link: says so plainly and shows nothing of any session. */
export function LinkProblem({ message }: { message: string }) {
  return (
    <div>
      <LiveTopBar />
      <main className="home-main">
        <h1>This link does not open an interview</h1>
        <p role="alert">{message}</p>
      </main>
    </div>
  );
}

/** Re-renders every second. */
export function useSecond(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  return now;
}

/** The interview's clock: time since the candidate started, and what is left of the limit. */
export function InterviewClock({ info, offset }: { info: LiveInfo; offset: number }) {
  const now = useSecond() + offset;
  if (info.startedAt === null) return <span className="live-clock">Not started</span>;
  const end = info.endedAt ?? now;
  const spent = end - info.startedAt;
  const left = info.timeLimitMin ? info.timeLimitMin * 60_000 - spent : undefined;
  return (
    <span className="live-clock" role="timer" aria-label="Interview clock">
      {elapsed(spent)} elapsed
      {left !== undefined && (left >= 0 ? `, ${elapsed(left)} left` : `, ${elapsed(-left)} over time`)}
    </span>
  );
}

export function ConnectionBadge({ connected, unsent = 0 }: { connected: boolean; unsent?: number }) {
  return (
    <span className={`live-conn ${connected ? 'on' : 'off'}`} role="status">
      {connected ? (unsent > 0 ? `Sending ${unsent}…` : 'Connected') : 'Reconnecting…'}
    </span>
  );
}
