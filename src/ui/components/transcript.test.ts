import { describe, expect, it } from 'vitest';
import { printTranscript } from './transcript.ts';
import { FakeScreen } from '../terminal/testing.ts';

const P = 'learner@laptop:~$ ';

describe('printTranscript', () => {
  it('re-prints prompts, lines and outputs', () => {
    const screen = new FakeScreen();
    printTranscript(screen, [
      { at: 0, prompt: P, line: 'hostname', output: 'laptop\n' },
      { at: 1, prompt: P, line: 'ssh worker-3', output: '' },
      { at: 2, prompt: 'root@worker-3:~# ', line: 'printf x', output: 'x' },
    ]);
    expect(screen.text()).toBe(`${P}hostname\nlaptop\n${P}ssh worker-3\nroot@worker-3:~# printf x\nx`);
  });

  it('starts after the last screen wipe, showing only what came after it', () => {
    const screen = new FakeScreen();
    printTranscript(screen, [
      { at: 0, prompt: P, line: 'hostname', output: 'laptop\n' },
      { at: 1, prompt: P, line: 'clear', output: '', cleared: true },
      { at: 2, prompt: P, line: 'date', output: 'Wed Jun 12 10:30:02 UTC 2024\n' },
    ]);
    expect(screen.text()).toBe(`${P}date\nWed Jun 12 10:30:02 UTC 2024\n`.trimEnd());
  });

  it('prints only the last keepLines lines of a long session, in pieces that join to the same text', () => {
    const entries = Array.from({ length: 3000 }, (_, i) => ({ at: i, prompt: P, line: `echo ${i}`, output: `${i}\n` }));
    const all = new FakeScreen();
    printTranscript(all, entries);
    const kept = new FakeScreen();
    const writes: string[] = [];
    printTranscript({ write: (t) => { writes.push(t); kept.write(t); }, clear: () => kept.clear() }, entries, 101);
    expect(kept.text()).toBe(all.text().split('\n').slice(-101).join('\n'));
    expect(kept.text().split('\n')[0]).toBe('2949');
    const many: string[] = [];
    printTranscript({ write: (t) => many.push(t), clear: () => {} }, entries);
    expect(many.length).toBeGreaterThan(1);
    expect(many.every((t) => t.length <= 32_768 * 2)).toBe(true);
    expect(many.join('')).toBe(entries.map((e) => `${P}${e.line}\r\n${e.output.replace('\n', '\r\n')}`).join(''));
  });
});
