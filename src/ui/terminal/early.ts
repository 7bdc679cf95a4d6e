/**
 * The terminal of a fresh run, opened before the simulator core has loaded (see ../earlyTerminal.tsx
 * for when). It prints the prompt every session starts with (core/session/prompt.ts) and edits the
 * line at once; keys that need the shell wait in the line editor (`held`) until the play page's
 * terminal adopts this xterm and binds the editor to the session. Nothing is printed here that the
 * session did not print: the first command's output comes from the session when it has loaded.
 */
import { FIRST_PROMPT } from '../../core/session/prompt.ts';
import { LineEditor, type ShellBackend } from './lineEditor.ts';
import { openXterm, type XtermTerminal } from './xtermAdapter.ts';

/** What the play page's terminal takes over. */
export interface EarlyTerminal {
  readonly scenario: string;
  readonly term: XtermTerminal;
  readonly editor: LineEditor;
  /** Whether `bind` was called: the session has run what waited. */
  readonly bound: boolean;
  /** Moves the terminal into `host` (the play page's terminal element) and re-fits it. */
  moveTo(host: HTMLElement): void;
  /**
   * Binds the editor to the session's shell and releases the keys that waited for it; from now on
   * the caller feeds the editor (the early key handler is removed).
   */
  bind(backend: ShellBackend, onFollowingChange: (following: boolean) => void): void;
  /** The play page's terminal unmounted: the terminal is adoptable again for a moment (React's StrictMode remounts), then disposed. */
  giveBack(): void;
  dispose(): void;
}

interface Open extends EarlyTerminal {
  adopted: boolean;
  /** The session that adopted it first. */
  boundTo?: object;
}

let current: Open | undefined;

/** `scenario`'s early terminal while one is open and has never been adopted by the play page's terminal. */
export function pendingEarlyTerminal(scenario: string): EarlyTerminal | undefined {
  return current && current.scenario === scenario && !current.adopted && current.boundTo === undefined ? current : undefined;
}

/**
 * Takes over `scenario`'s early terminal for the session `by` (undefined when there is none to take).
 * Once bound, only the same session takes it again (a remount); another session (a restart) gets a
 * new terminal and this one is disposed.
 */
export function adoptEarlyTerminal(scenario: string, by: object): EarlyTerminal | undefined {
  const t = current && current.scenario === scenario && !current.adopted ? current : undefined;
  if (!t) return undefined;
  if (t.boundTo !== undefined && t.boundTo !== by) {
    t.dispose();
    return undefined;
  }
  t.adopted = true;
  t.boundTo = by;
  return t;
}

/**
 * Shows `scenario`'s early terminal in `host`, opening it (and printing the prompt) the first time;
 * `onPainted` is called once the prompt is painted. Does nothing while the play page's terminal has
 * it; another scenario's early terminal, or one a session has used, is disposed first.
 */
export function showEarlyTerminal(scenario: string, host: HTMLElement, onPainted: () => void): void {
  if (current?.adopted) return; // the play page's terminal has it
  if (current && (current.scenario !== scenario || current.boundTo !== undefined)) current.dispose();
  if (current) {
    current.moveTo(host);
    return;
  }
  current = open(scenario, host);
  current.term.afterWrites(onPainted);
}

function open(scenario: string, host: HTMLElement): Open {
  const element = document.createElement('div');
  element.style.height = '100%';
  element.style.width = '100%';
  host.appendChild(element);
  const term = openXterm(element, 'Terminal: type shell commands here');
  let shell: ShellBackend | undefined;
  let following: ((f: boolean) => void) | undefined;
  const need = () => {
    if (!shell) throw new Error('the shell has not loaded yet');
    return shell;
  };
  const editor = new LineEditor(
    term,
    {
      prompt: () => shell?.prompt() ?? FIRST_PROMPT,
      run: (line) => need().run(line),
      interrupt: () => need().interrupt(),
      complete: (line, cursor) => need().complete(line, cursor),
    },
    { columns: () => term.columns, onFollowingChange: (f) => following?.(f), held: true },
  );
  editor.start();
  let off: (() => void) | undefined = term.onData((d) => editor.feed(d));
  term.focus();
  let disposeTimer: ReturnType<typeof setTimeout> | undefined;
  const t: Open = {
    scenario,
    term,
    editor,
    adopted: false,
    get bound() {
      return shell !== undefined;
    },
    moveTo(to) {
      clearTimeout(disposeTimer);
      if (element.parentElement !== to) to.appendChild(element);
      term.fit();
      // Moving the element drops the keyboard focus; give it back unless the user is elsewhere.
      if (!document.activeElement || document.activeElement === document.body) term.focus();
    },
    bind(backend, onFollowingChange) {
      off?.();
      off = undefined;
      shell = backend;
      following = onFollowingChange;
      editor.release();
    },
    giveBack() {
      t.adopted = false;
      disposeTimer = setTimeout(() => t.dispose());
    },
    dispose() {
      clearTimeout(disposeTimer);
      off?.();
      term.dispose();
      element.remove();
      if (current === t) current = undefined;
    },
  };
  return t;
}
