/**
 * What a key press in the terminal means before xterm.js turns it into bytes, as browser terminals
 * decide it (GNOME Terminal, Windows Terminal, VS Code's): Ctrl-Shift-C copies the selection and
 * keeps it; Ctrl-C copies and clears it while text is selected (without a selection it stays the
 * interrupt); Ctrl-V and Ctrl-Shift-V are left to the browser, whose paste event reaches xterm;
 * Shift+Tab is left to the browser so keyboard users can leave the terminal (Tab is completion).
 */

/** `copy`: copy, keep the selection; `copy-clear`: copy, then clear it; `browser`: xterm ignores the
 * key and the browser acts (paste, focus move); `terminal`: xterm handles it as usual. */
export type BrowserKeyAction = 'copy' | 'copy-clear' | 'browser' | 'terminal';

/** Decides one key event; `hasSelection` is whether the terminal has selected text. */
export function browserKeyAction(e: Pick<KeyboardEvent, 'type' | 'key' | 'ctrlKey' | 'shiftKey' | 'altKey' | 'metaKey'>, hasSelection: boolean): BrowserKeyAction {
  if (e.key === 'Tab' && e.shiftKey) return 'browser';
  if (e.type !== 'keydown' || !e.ctrlKey || e.altKey || e.metaKey) return 'terminal';
  const key = e.key.toLowerCase();
  if (key === 'c' && e.shiftKey) return 'copy';
  if (key === 'c' && hasSelection) return 'copy-clear';
  if (key === 'v') return 'browser';
  return 'terminal';
}
