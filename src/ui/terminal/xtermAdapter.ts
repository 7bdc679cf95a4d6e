/**
 * The one place that knows xterm.js: it opens an xterm in a DOM element, fits it to the element,
 * and exposes it as the small Terminal interface. `screenReaderMode` keeps the visible text in
 * `.xterm-accessibility-tree`, for screen-reader users and for end-to-end tests.
 *
 * Copy and paste as browser terminals do (GNOME Terminal, Windows Terminal, VS Code): Ctrl-Shift-C
 * copies the selection, and so does Ctrl-C while text is selected (without a selection Ctrl-C is
 * the interrupt); Ctrl-V and Ctrl-Shift-V paste through the browser's paste event rather than
 * sending ^V. Shift+Tab leaves the terminal (the browser moves focus back), as Tab is completion.
 */
import { Terminal as XTerm } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import '@xterm/xterm/css/xterm.css';
import type { Terminal } from './terminal.ts';
import { browserKeyAction } from './browserKeys.ts';

/** Lines xterm keeps above the screen. */
export const SCROLLBACK = 5000;

export interface XtermTerminal extends Terminal {
  /** Re-fits to the element (call after layout changes); also runs on window resize. */
  fit(): void;
  /** Calls `cb` once everything written so far is parsed (xterm parses writes in a later task) and painted. */
  afterWrites(cb: () => void): void;
  dispose(): void;
}

/** Dark palette matching styles.css (--term-bg). */
const THEME = {
  background: '#0f1419',
  foreground: '#d8dee9',
  cursor: '#f0c674',
  selectionBackground: '#3b4a5a',
};

/** Opens a terminal inside `element`; `label` names it for assistive technology. */
export function openXterm(element: HTMLElement, label = 'Terminal'): XtermTerminal {
  const term = new XTerm({
    screenReaderMode: true,
    cursorBlink: true,
    convertEol: false,
    fontFamily: 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace',
    fontSize: 14,
    lineHeight: 1.15,
    scrollback: SCROLLBACK,
    theme: THEME,
  });
  const fitAddon = new FitAddon();
  term.loadAddon(fitAddon);
  term.open(element);
  term.textarea?.setAttribute('aria-label', label);
  const copy = () => {
    const text = term.getSelection();
    if (text) void navigator.clipboard?.writeText(text).catch(() => document.execCommand('copy'));
  };
  term.attachCustomKeyEventHandler((e) => {
    const action = browserKeyAction(e, term.hasSelection());
    if (action === 'copy' || action === 'copy-clear') {
      copy();
      if (action === 'copy-clear') term.clearSelection();
      e.preventDefault();
    }
    return action === 'terminal';
  });
  const fit = () => {
    try {
      fitAddon.fit();
    } catch {
      // Not laid out yet (e.g. jsdom or a hidden tab): keep the current size.
    }
  };
  fit();
  window.addEventListener('resize', fit);
  return {
    write: (text) => term.write(text),
    // ED2 + ED3 + home: what `clear` sends, wiping the scrollback too.
    clear: () => term.write('\x1b[H\x1b[2J\x1b[3J'),
    onData(cb) {
      const d = term.onData(cb);
      return () => d.dispose();
    },
    focus: () => term.focus(),
    get columns() {
      return term.cols;
    },
    fit,
    afterWrites(cb) {
      term.write('', () => requestAnimationFrame(() => cb()));
    },
    dispose() {
      window.removeEventListener('resize', fit);
      term.dispose();
    },
  };
}
