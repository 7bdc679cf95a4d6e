// @vitest-environment jsdom
/**
 * The keys a browser terminal keeps for itself, decided from real KeyboardEvents as the browser
 * fires them: copy by Ctrl-Shift-C (selection kept) and by Ctrl-C with a selection (cleared), Ctrl-C
 * alone still the interrupt, Ctrl-V left to the browser's paste, Shift+Tab leaving the terminal.
 * The Chromium side (real clipboard) is tests/e2e/keeping.spec.ts.
 */
import { describe, expect, it } from 'vitest';
import { browserKeyAction } from '../../src/ui/terminal/browserKeys.ts';

const press = (key: string, mods: KeyboardEventInit = {}, type = 'keydown') => new KeyboardEvent(type, { key, ...mods });

describe('keys the terminal leaves to the browser', () => {
  it('copies with Ctrl-Shift-C whether or not text is selected, keeping the selection', () => {
    expect(browserKeyAction(press('C', { ctrlKey: true, shiftKey: true }), true)).toBe('copy');
    expect(browserKeyAction(press('C', { ctrlKey: true, shiftKey: true }), false)).toBe('copy');
  });

  it('copies and clears with Ctrl-C only while text is selected; otherwise Ctrl-C interrupts', () => {
    expect(browserKeyAction(press('c', { ctrlKey: true }), true)).toBe('copy-clear');
    expect(browserKeyAction(press('c', { ctrlKey: true }), false)).toBe('terminal');
  });

  it('leaves Ctrl-V and Ctrl-Shift-V to the browser, so its paste event carries the text', () => {
    expect(browserKeyAction(press('v', { ctrlKey: true }), false)).toBe('browser');
    expect(browserKeyAction(press('V', { ctrlKey: true, shiftKey: true }), true)).toBe('browser');
  });

  it('lets Shift+Tab leave the terminal while Tab stays completion', () => {
    expect(browserKeyAction(press('Tab', { shiftKey: true }), false)).toBe('browser');
    expect(browserKeyAction(press('Tab'), false)).toBe('terminal');
  });

  it('leaves other chords and key-ups to xterm (Alt-C, Cmd-C, Ctrl-D, the keyup of Ctrl-Shift-C)', () => {
    expect(browserKeyAction(press('c', { ctrlKey: true, altKey: true }), true)).toBe('terminal');
    expect(browserKeyAction(press('c', { ctrlKey: true, metaKey: true }), true)).toBe('terminal');
    expect(browserKeyAction(press('d', { ctrlKey: true }), true)).toBe('terminal');
    expect(browserKeyAction(press('C', { ctrlKey: true, shiftKey: true }, 'keyup'), true)).toBe('terminal');
  });
});
