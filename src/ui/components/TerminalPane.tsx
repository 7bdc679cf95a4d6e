/**
 * The learner's terminal: an xterm (through the adapter) driven by the line editor, bound to the
 * store's session. On mount it re-prints the transcript (a resumed session looks as it was left),
 * and while a command follows it ticks the session every 250 ms of real time. On narrow screens a
 * key bar offers the keys a phone keyboard lacks (Tab, Ctrl, Esc, arrows), as mobile terminal apps do.
 */
import { lazy, Suspense, useLayoutEffect, useRef, useState } from 'react';
import { KEY } from '../terminal/keys.ts';
import { LineEditor, type ShellBackend } from '../terminal/lineEditor.ts';
import { openXterm } from '../terminal/xtermAdapter.ts';
import { useAppStoreApi } from '../store.ts';
import type { SessionLike } from '../state/engine.ts';
import { printTranscript } from './transcript.ts';
import { PagerOverlay } from './PagerOverlay.tsx';
import { adoptEarlyTerminal } from '../terminal/early.ts';

// The editor (CodeMirror with vi keys, about a third of the play page's code) opens only for
// `kubectl edit`, so it is fetched then, not before the first prompt.
const EditorOverlay = lazy(() => import('./EditorOverlay.tsx').then((m) => ({ default: m.EditorOverlay })));

const TICK_MS = 250;

/**
 * Lines of the transcript re-printed when the terminal mounts (a reload, coming back from the
 * report): the screen as it was left plus 1,000 lines to scroll back (xterm.js's own default
 * scrollback), as a terminal reattached to a running shell shows. New output then scrolls into
 * the full SCROLLBACK. Re-printing all of it made a 3,000-command session's reload wait about
 * 330 ms for xterm (5,500 lines, Chromium at load 5) instead of about 120 ms.
 */
const RESUME_LINES = 1000 + 500;

/**
 * Real time the terminal stays busy for a line that waited `virtualMs` (kubectl behind a slow
 * etcd): a fifth of it, between 0.4 s and 2.5 s, so the learner feels the wait without sitting
 * through it. Ctrl-C abandons it.
 */
export function busyRealMs(virtualMs: number): number {
  return Math.min(2500, Math.max(400, Math.round(virtualMs / 5)));
}

/** `onReady`: called once the terminal shows its prompt (the page may then fetch what can wait). */
export function TerminalPane({ session, onReady }: { session: SessionLike; onReady?: () => void }) {
  const host = useRef<HTMLDivElement>(null);
  const ready = useRef(onReady);
  ready.current = onReady;
  const store = useAppStoreApi();
  const [busy, setBusy] = useState(false);
  const [ctrl, setCtrl] = useState(false);
  const ctrlArmed = useRef(false);
  const send = useRef<(data: string) => void>(() => {});
  const focus = useRef<() => void>(() => {});
  /** The file a command waits on in the editor (kubectl edit), shown over the terminal. */
  const [editing, setEditing] = useState(session.editing);
  const saved = useRef<(text: string) => void>(() => {});
  /** The text a pager shows (less, journalctl), over the terminal until `q`. */
  const [paging, setPaging] = useState(session.paging);
  const quitPager = useRef<() => void>(() => {});

  // A layout effect: taking over the early terminal (below) happens in the same commit that removed
  // its earlier host, so no frame goes without it and no key is lost.
  useLayoutEffect(() => {
    if (!host.current) return;
    // A fresh run's terminal may already be open, with the prompt and what was typed (terminal/early.ts).
    let early = adoptEarlyTerminal(session.scenario.meta.id, session);
    if (early && !early.bound && (session.transcript.length > 0 || session.following)) {
      early.dispose(); // the session is not fresh after all: its screen comes from its transcript
      early = undefined;
    }
    early?.moveTo(host.current);
    const term = early ? early.term : openXterm(host.current, 'Terminal: type shell commands here');
    let timer: ReturnType<typeof setInterval> | undefined;
    let wait: ReturnType<typeof setTimeout> | undefined;
    const backend: ShellBackend = {
      prompt: () => session.prompt(),
      run: (line) => store.getState().run(line),
      interrupt: () => store.getState().interrupt(),
      complete: (line, cursor) => store.getState().complete(line, cursor),
    };
    const onFollowingChange = (following: boolean) => {
      clearInterval(timer);
      clearTimeout(wait);
      timer = undefined;
      // The command opened an editor: it holds the screen until the editor exits (no ticks meanwhile;
      // the save's time carries the clock on).
      setEditing(following ? session.editing : undefined);
      setPaging(following ? session.paging : undefined);
      if (following && (session.editing || session.paging)) return;
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
    };
    let editor: LineEditor;
    if (early) {
      editor = early.editor;
      early.bind(backend, onFollowingChange); // runs what was typed while the core loaded
    } else {
      editor = new LineEditor(term, backend, {
        history: session.inputs.flatMap((i) => (i.type === 'command' ? [i.line] : [])),
        columns: () => term.columns,
        onFollowingChange,
      });
      printTranscript(term, session.transcript, RESUME_LINES);
      // A session saved while a command was following resumes following (ticks carry on its output).
      if (session.following) editor.resumeFollowing();
      else editor.start();
    }
    // The prompt is on screen once xterm has parsed and painted it (its accessibility tree follows within ~100 ms).
    let mounted = true;
    term.afterWrites(() => mounted && ready.current?.());
    send.current = (d) => editor.feed(d);
    saved.current = (text) => {
      const r = store.getState().saveEdit(text);
      // An invalid edit reopens the file (with kubectl's error comments); otherwise the prompt returns.
      setEditing(r.following ? session.editing : undefined);
      editor.followOutput(r.output, r.following);
      if (!r.following || !session.editing) term.focus();
    };
    quitPager.current = () => {
      const r = store.getState().interrupt();
      setPaging(undefined);
      editor.followOutput(r.output, false);
      term.focus();
    };
    // Background jobs (`kubectl port-forward … &`) print at the prompt as the clock moves.
    const jobs = setInterval(() => {
      if (editor.following || !session.jobsRunning) return;
      const r = store.getState().tick();
      editor.backgroundOutput(r.output);
    }, TICK_MS);
    focus.current = () => term.focus();
    const off = term.onData((d) => {
      // The key bar's Ctrl applies to the next letter typed on the keyboard.
      if (ctrlArmed.current && /^[a-z@[\\\]^_]$/i.test(d)) {
        ctrlArmed.current = false;
        setCtrl(false);
        editor.feed(String.fromCharCode(d.toUpperCase().charCodeAt(0) & 0x1f));
        return;
      }
      editor.feed(d);
    });
    term.focus();
    return () => {
      clearInterval(jobs);
      mounted = false;
      clearInterval(timer);
      clearTimeout(wait);
      off();
      if (early) early.giveBack();
      else term.dispose();
    };
  }, [session, store]);

  const key = (data: string) => () => {
    send.current(data);
    focus.current();
  };
  // Buttons must not take the focus (and the phone keyboard) away from the terminal.
  const keep = (e: React.MouseEvent) => e.preventDefault();
  return (
    <>
      <div className="terminal-wrap">
        <div className="terminal-host" ref={host} />
        {paging && <PagerOverlay key={`${paging.title}\n${paging.text}`} {...paging} onExit={() => quitPager.current()} />}
        {editing && (
          <Suspense fallback={<div className="editor-overlay loading" role="status">Opening {editing.file}…</div>}>
            <EditorOverlay key={`${editing.file}\n${editing.text}`} {...editing} onExit={(text) => saved.current(text)} />
          </Suspense>
        )}
        {busy && <div className="terminal-busy" role="status">Running… press Ctrl-C to interrupt</div>}
      </div>
      <div className="key-bar" role="toolbar" aria-label="Terminal keys">
        <button type="button" onMouseDown={keep} onClick={key(KEY.tab)}>Tab</button>
        <button
          type="button"
          aria-pressed={ctrl}
          onMouseDown={keep}
          onClick={() => {
            ctrlArmed.current = !ctrlArmed.current;
            setCtrl(ctrlArmed.current);
            focus.current();
          }}
        >
          Ctrl
        </button>
        <button type="button" onMouseDown={keep} onClick={key(KEY.escape)}>Esc</button>
        <button type="button" onMouseDown={keep} onClick={key(KEY.left)} aria-label="Left">←</button>
        <button type="button" onMouseDown={keep} onClick={key(KEY.up)} aria-label="Up">↑</button>
        <button type="button" onMouseDown={keep} onClick={key(KEY.down)} aria-label="Down">↓</button>
        <button type="button" onMouseDown={keep} onClick={key(KEY.right)} aria-label="Right">→</button>
        <button type="button" onMouseDown={keep} onClick={key('|')} aria-label="Pipe">|</button>
      </div>
    </>
  );
}
