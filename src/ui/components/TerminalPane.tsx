/**
 * The learner's terminal: an xterm (through the adapter) driven by the line editor, bound to the
 * store's session. On mount it re-prints the transcript (a resumed session looks as it was left),
 * and while a command follows it ticks the session every 250 ms of real time.
 */
import { useEffect, useRef, useState } from 'react';
import { LineEditor, type ShellBackend } from '../terminal/lineEditor.ts';
import { openXterm } from '../terminal/xtermAdapter.ts';
import { useAppStoreApi } from '../store.ts';
import type { SessionLike } from '../state/engine.ts';
import { printTranscript } from './transcript.ts';

const TICK_MS = 250;

/**
 * Real time the terminal stays busy for a line that waited `virtualMs` (kubectl behind a slow
 * etcd): a fifth of it, between 0.4 s and 2.5 s, so the learner feels the wait without sitting
 * through it. Ctrl-C abandons it.
 */
export function busyRealMs(virtualMs: number): number {
  return Math.min(2500, Math.max(400, Math.round(virtualMs / 5)));
}

export function TerminalPane({ session }: { session: SessionLike }) {
  const host = useRef<HTMLDivElement>(null);
  const store = useAppStoreApi();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!host.current) return;
    const term = openXterm(host.current, 'Terminal: type shell commands here');
    let timer: ReturnType<typeof setInterval> | undefined;
    let wait: ReturnType<typeof setTimeout> | undefined;
    const backend: ShellBackend = {
      prompt: () => session.prompt(),
      run: (line) => store.getState().run(line),
      interrupt: () => store.getState().interrupt(),
      complete: (line, cursor) => store.getState().complete(line, cursor),
    };
    const editor: LineEditor = new LineEditor(term, backend, {
      history: session.inputs.flatMap((i) => (i.type === 'command' ? [i.line] : [])),
      columns: () => term.columns,
      onFollowingChange(following) {
        clearInterval(timer);
        clearTimeout(wait);
        timer = undefined;
        const pending = session.pendingMs;
        setBusy(following && pending !== undefined);
        if (following && pending !== undefined) {
          // A slow command: hold its output for a scaled-down moment, then show it.
          wait = setTimeout(() => {
            const r = store.getState().tick();
            editor.followOutput(r.output, r.following);
          }, busyRealMs(pending));
        } else if (following) {
          timer = setInterval(() => {
            const r = store.getState().tick();
            editor.followOutput(r.output, r.following);
          }, TICK_MS);
        }
      },
    });

    printTranscript(term, session.transcript);
    // A session saved while a command was following resumes following (ticks carry on its output).
    if (session.following) editor.resumeFollowing();
    else editor.start();
    const off = term.onData((d) => editor.feed(d));
    term.focus();
    return () => {
      clearInterval(timer);
      clearTimeout(wait);
      off();
      term.dispose();
    };
  }, [session, store]);

  return (
    <div className="terminal-wrap">
      <div className="terminal-host" ref={host} />
      {busy && <div className="terminal-busy" role="status">Running… press Ctrl-C to interrupt</div>}
    </div>
  );
}
