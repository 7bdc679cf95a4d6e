import { describe, expect, it } from 'vitest';
import { LineEditor, formatColumns, commonPrefix, type ShellBackend } from './lineEditor.ts';
import { splitKeys } from './keys.ts';
import { FakeScreen } from './testing.ts';

const P = 'learner@laptop:~$ ';

/** A shell that echoes commands, follows on `tail -f`, and completes from a fixed word list. */
function setup(opts: { history?: string[]; columns?: number; words?: string[]; held?: boolean } = {}) {
  const screen = new FakeScreen(opts.columns ?? 80);
  const ran: string[] = [];
  const follows: boolean[] = [];
  let interrupts = 0;
  const words = opts.words ?? ['kubectl', 'kubeadm', 'kubelet', 'journalctl'];
  const backend: ShellBackend = {
    prompt: () => P,
    run(line) {
      ran.push(line);
      if (line === 'tail -f log') return { output: 'line 1\n', following: true };
      if (line === 'clear') return { output: '', following: false, clear: true };
      if (line === 'printf x') return { output: 'x', following: false };
      return { output: line ? `ran: ${line}\n` : '', following: false };
    },
    interrupt() {
      interrupts++;
      return { output: '^C\n' };
    },
    complete(line, cursor) {
      const start = line.lastIndexOf(' ', cursor - 1) + 1;
      const word = line.slice(start, cursor);
      return { start, candidates: words.filter((w) => w.startsWith(word)) };
    },
  };
  const editor = new LineEditor(screen, backend, {
    history: opts.history,
    columns: () => screen.columns,
    onFollowingChange: (f) => follows.push(f),
    held: opts.held,
  });
  editor.start();
  return { screen, editor, ran, follows, interrupts: () => interrupts };
}

const LEFT = '\x1b[D';
const RIGHT = '\x1b[C';
const UP = '\x1b[A';
const DOWN = '\x1b[B';

describe('splitKeys', () => {
  it('separates escape sequences, control keys and printable runs', () => {
    expect(splitKeys('ab\x1b[Dc\x1bOH\x1b[3~\r\n\x03')).toEqual(['ab', '\x1b[D', 'c', '\x1b[H', '\x1b[3~', '\r', '\x03']);
  });
  it('maps Home/End spellings to one key each and keeps a lone ESC (the Escape key)', () => {
    expect(splitKeys('\x1b[1~\x1b[7~\x1bOF\x1b[4~\x1b[8~\x1b')).toEqual(['\x1b[H', '\x1b[H', '\x1b[F', '\x1b[F', '\x1b[F', '\x1b']);
  });
});

describe('LineEditor', () => {
  it('prints the prompt and echoes typed text', () => {
    const t = setup();
    t.editor.feed('kubectl get pods');
    expect(t.screen.text()).toBe(`${P}kubectl get pods`);
    expect(t.editor.state).toEqual({ line: 'kubectl get pods', cursor: 16, searching: false });
  });

  it('runs the line on Enter and prints the output and a new prompt', () => {
    const t = setup();
    t.editor.feed('kubectl get nodes\r');
    expect(t.ran).toEqual(['kubectl get nodes']);
    expect(t.screen.text()).toBe(`${P}kubectl get nodes\nran: kubectl get nodes\n${P}`);
  });

  it('keeps the prompt at column 0 when output lacks a final newline', () => {
    const t = setup();
    t.editor.feed('printf x\r');
    expect(t.screen.text()).toBe(`${P}printf x\nx\n${P}`);
  });

  it('inserts at the cursor after Left and Right', () => {
    const t = setup();
    t.editor.feed(`kubctl${LEFT}${LEFT}${LEFT}e${RIGHT}x`);
    expect(t.editor.state.line).toBe('kubecxtl');
    expect(t.screen.text()).toBe(`${P}kubecxtl`);
    expect(t.screen.col).toBe(P.length + 6);
  });

  it('moves to the start and end with Home/End in every spelling and Ctrl-A/Ctrl-E', () => {
    for (const [home, end] of [['\x1b[H', '\x1b[F'], ['\x1bOH', '\x1bOF'], ['\x1b[1~', '\x1b[4~'], ['\x01', '\x05']]) {
      const t = setup();
      t.editor.feed(`get${home}kubectl `);
      expect(t.editor.state.line).toBe('kubectl get');
      t.editor.feed(`${end} pods`);
      expect(t.screen.text()).toBe(`${P}kubectl get pods`);
      expect(t.screen.col).toBe(P.length + 16);
    }
  });

  it('deletes before the cursor with Backspace and under it with Delete', () => {
    const t = setup();
    t.editor.feed(`kubectlx\x7f get podss${LEFT}\x1b[3~`);
    expect(t.screen.text()).toBe(`${P}kubectl get pods`);
    t.editor.feed('\x1b[3~');
    expect(t.screen.bells).toBe(1);
  });

  it('kills with Ctrl-U (to start), Ctrl-K (to end), Ctrl-W (previous word) and yanks with Ctrl-Y', () => {
    const t = setup();
    t.editor.feed('kubectl get pods -A\x17');
    expect(t.screen.text()).toBe(`${P}kubectl get pods `);
    t.editor.feed(`${LEFT}${LEFT}${LEFT}${LEFT}${LEFT}${LEFT}\x0b`);
    expect(t.screen.text()).toBe(`${P}kubectl get`);
    t.editor.feed(`${LEFT}${LEFT}${LEFT}\x15`);
    expect(t.editor.state).toEqual({ line: 'get', cursor: 0, searching: false });
    expect(t.screen.text()).toBe(`${P}get`);
    expect(t.screen.col).toBe(P.length);
    t.editor.feed('\x19');
    expect(t.screen.text()).toBe(`${P}kubectl get`);
  });

  it('prints ^C and a fresh prompt on Ctrl-C at the prompt without running anything', () => {
    const t = setup();
    t.editor.feed(`kubectl dele${LEFT}${LEFT}\x03`);
    expect(t.ran).toEqual([]);
    expect(t.screen.text()).toBe(`${P}kubectl dele^C\n${P}`);
    expect(t.editor.state.line).toBe('');
  });

  it('interrupts a follow on Ctrl-C, discarding what was typed ahead (the tty flushes on SIGINT)', () => {
    const t = setup();
    t.editor.feed('tail -f log\r');
    expect(t.editor.following).toBe(true);
    t.editor.feed('ls\r');
    t.editor.followOutput('line 2\n', true);
    t.editor.feed('\x03');
    expect(t.interrupts()).toBe(1);
    expect(t.follows).toEqual([true, false]);
    expect(t.ran).toEqual(['tail -f log']);
    expect(t.screen.text()).toBe(`${P}tail -f log\nline 1\nline 2\n^C\n${P}`);
  });

  it('prints the prompt when a follow ends by itself', () => {
    const t = setup();
    t.editor.feed('tail -f log\r');
    t.editor.followOutput('done\n', false);
    expect(t.editor.following).toBe(false);
    expect(t.screen.text()).toBe(`${P}tail -f log\nline 1\ndone\n${P}`);
  });

  it('clears the screen on Ctrl-L and keeps the line being typed', () => {
    const t = setup();
    t.editor.feed('ls\rkubectl');
    t.editor.feed(`${LEFT}\x0c`);
    expect(t.screen.clears).toBe(1);
    expect(t.screen.text()).toBe(`${P}kubectl`);
    expect(t.editor.state.cursor).toBe(6);
    expect(t.screen.col).toBe(P.length + 6);
  });

  it('clears before the output when the command asks for it', () => {
    const t = setup();
    t.editor.feed('ls\rclear\r');
    expect(t.screen.text()).toBe(P);
  });

  it('walks history with Up/Down and restores the line being typed', () => {
    const t = setup({ history: ['kubectl get pods', 'kubectl get nodes'] });
    t.editor.feed(`draft${UP}`);
    expect(t.screen.text()).toBe(`${P}kubectl get nodes`);
    t.editor.feed(UP);
    expect(t.screen.text()).toBe(`${P}kubectl get pods`);
    t.editor.feed(UP);
    expect(t.screen.bells).toBe(1);
    t.editor.feed(`${DOWN}${DOWN}`);
    expect(t.screen.text()).toBe(`${P}draft`);
    t.editor.feed(`\x15ls\r${UP}`);
    expect(t.screen.text().split('\n').at(-1)).toBe(`${P}ls`);
  });

  it('does not store lines starting with a space or repeated lines (ignoreboth)', () => {
    const t = setup();
    t.editor.feed('ls\rls\r secret\r' + UP + UP);
    expect(t.screen.bells).toBe(1);
    expect(t.editor.state.line).toBe('ls');
  });

  it('searches history backwards with Ctrl-R and runs the match on Enter', () => {
    const t = setup({ history: ['kubectl get pods', 'journalctl -u kubelet', 'kubectl get nodes'] });
    t.editor.feed('\x12');
    expect(t.screen.text()).toBe("(reverse-i-search)`': ");
    t.editor.feed('q');
    expect(t.screen.text()).toBe("(failed reverse-i-search)`q': ");
    t.editor.feed('\x7fpo');
    expect(t.screen.text()).toBe("(reverse-i-search)`po': kubectl get pods");
    expect(t.screen.col).toBe("(reverse-i-search)`po': kubectl get ".length);
    t.editor.feed('\r');
    expect(t.ran).toEqual(['kubectl get pods']);
    expect(t.screen.text()).toBe(`${P}kubectl get pods\nran: kubectl get pods\n${P}`);
  });

  it('finds older matches on a second Ctrl-R and reports a failed search', () => {
    const t = setup({ history: ['kubectl get pods', 'journalctl -u kubelet', 'kubectl get nodes'] });
    t.editor.feed('\x12kubectl');
    expect(t.screen.text()).toBe("(reverse-i-search)`kubectl': kubectl get nodes");
    t.editor.feed('\x12');
    expect(t.screen.text()).toBe("(reverse-i-search)`kubectl': kubectl get pods");
    t.editor.feed('\x12');
    expect(t.screen.text()).toBe("(failed reverse-i-search)`kubectl': kubectl get pods");
  });

  it('accepts the match for editing on an arrow key and restores the line on Ctrl-G', () => {
    const t = setup({ history: ['kubectl get pods'] });
    t.editor.feed(`\x12get${RIGHT}`);
    expect(t.editor.state).toEqual({ line: 'kubectl get pods', cursor: 9, searching: false });
    expect(t.screen.text()).toBe(`${P}kubectl get pods`);
    t.editor.feed('\x05\x15mine\x12get\x07');
    expect(t.screen.text()).toBe(`${P}mine`);
  });

  it('completes a single candidate with a trailing space', () => {
    const t = setup();
    t.editor.feed('jour\t');
    expect(t.screen.text()).toBe(`${P}journalctl `);
  });

  it('does not add a space after a directory', () => {
    const t = setup({ words: ['/var/log/'] });
    t.editor.feed('ls /v\t');
    expect(t.screen.text()).toBe(`${P}ls /var/log/`);
  });

  it('completes the common prefix, rings on the next Tab, lists candidates in columns on the one after', () => {
    const t = setup();
    t.editor.feed('k\t');
    expect(t.screen.text()).toBe(`${P}kube`);
    t.editor.feed('\t');
    expect(t.screen.bells).toBe(1);
    t.editor.feed('\t');
    expect(t.screen.text()).toBe(`${P}kube\nkubeadm  kubectl  kubelet\n${P}kube`);
    expect(t.screen.col).toBe(P.length + 4);
  });

  it('lists on the second Tab when nothing can be added', () => {
    const t = setup({ words: ['get', 'describe'] });
    t.editor.feed('\t\t');
    expect(t.screen.text()).toBe(`${P}\ndescribe  get\n${P}`);
  });

  it('runs each line of a multi-line paste', () => {
    const t = setup();
    t.editor.feed('kubectl get nodes\rkubectl get pods\r');
    expect(t.ran).toEqual(['kubectl get nodes', 'kubectl get pods']);
    expect(t.screen.text()).toBe(
      `${P}kubectl get nodes\nran: kubectl get nodes\n${P}kubectl get pods\nran: kubectl get pods\n${P}`,
    );
  });

  it('keeps what is typed while a command follows and reads it at the next prompt', () => {
    const t = setup();
    t.editor.feed('tail -f log\rls\r');
    t.editor.feed('kubectl get po');
    expect(t.ran).toEqual(['tail -f log']);
    expect(t.editor.typedAhead).toBe('ls\rkubectl get po');
    t.editor.followOutput('done\n', false);
    expect(t.ran).toEqual(['tail -f log', 'ls']);
    expect(t.screen.text()).toBe(`${P}tail -f log\nline 1\ndone\n${P}ls\nran: ls\n${P}kubectl get po`);
    expect(t.editor.state.line).toBe('kubectl get po');
  });

  it('ends a history search with Escape, keeping the match to edit', () => {
    const t = setup({ history: ['kubectl get pods -A', 'dmesg -T'] });
    t.editor.feed('\x12get');
    expect(t.screen.text()).toBe("(reverse-i-search)`get': kubectl get pods -A");
    t.editor.feed('\x1b');
    expect(t.editor.state).toEqual({ line: 'kubectl get pods -A', cursor: 8, searching: false });
    expect(t.screen.text()).toBe(`${P}kubectl get pods -A`);
    t.editor.feed('\x05 -o wide\r');
    expect(t.ran).toEqual(['kubectl get pods -A -o wide']);
  });

  it('kills the next word with Alt-d (also Esc d) and yanks it back', () => {
    const t = setup();
    t.editor.feed(`kubectl get pods -A\x01\x1bd`);
    expect(t.editor.state).toEqual({ line: ' get pods -A', cursor: 0, searching: false });
    t.editor.feed('\x1b[C\x1b'); // Escape then d: Meta-d, as readline reads it
    t.editor.feed('d');
    expect(t.editor.state.line).toBe('  pods -A');
    t.editor.feed('\x19');
    expect(t.editor.state.line).toBe(' get pods -A');
  });

  it('inserts the last argument of earlier commands with Alt-., cycling back on repeats', () => {
    const t = setup({ history: ["grep -c avx512f '/proc/cpu info'", 'ssh ip-10-42-3-208'] });
    t.editor.feed('ping \x1b.');
    expect(t.editor.state.line).toBe('ping ip-10-42-3-208');
    t.editor.feed('\x1b.');
    expect(t.editor.state.line).toBe("ping '/proc/cpu info'");
    t.editor.feed('\x1b.');
    expect(t.editor.state.line).toBe("ping '/proc/cpu info'");
    expect(t.screen.bells).toBe(1);
  });

  it('transposes characters with Ctrl-T, at the end the last two', () => {
    const t = setup();
    t.editor.feed('kubectl gte\x14');
    expect(t.editor.state).toEqual({ line: 'kubectl get', cursor: 11, searching: false });
    t.editor.feed('\x01\x06\x14');
    expect(t.editor.state).toEqual({ line: 'ukbectl get', cursor: 2, searching: false });
    t.editor.feed('\x01\x14');
    expect(t.screen.bells).toBe(1);
  });

  it('undoes with Ctrl-_: typing in runs of up to 20 characters, then each kill and edit', () => {
    const t = setup();
    for (const c of 'kubectl get pods --all-namespaces') t.editor.feed(c); // typed key by key
    t.editor.feed('\x17'); // Ctrl-W kills "--all-namespaces"
    expect(t.editor.state.line).toBe('kubectl get pods ');
    t.editor.feed('\x1f');
    expect(t.editor.state.line).toBe('kubectl get pods --all-namespaces');
    t.editor.feed('\x1f');
    expect(t.editor.state.line).toBe('kubectl get pods --a');
    t.editor.feed('\x1f');
    expect(t.editor.state).toEqual({ line: '', cursor: 0, searching: false });
    t.editor.feed('\x1f');
    expect(t.screen.bells).toBe(1);
    expect(t.screen.text()).toBe(P);
  });

  it('redraws lines that wrap past the terminal width', () => {
    const t = setup({ columns: 24 });
    t.editor.feed('kubectl get pods -n production');
    const first = `${P}kubect`;
    expect(t.screen.text()).toBe(`${first}\nl get pods -n production`);
    t.editor.feed('\x01# ');
    expect(t.screen.text()).toBe(`${P}# kube\nctl get pods -n producti\non`);
    expect([t.screen.row, t.screen.col]).toEqual([0, P.length + 2]);
    t.editor.feed('\x05\r');
    expect(t.ran).toEqual(['# kubectl get pods -n production']);
  });

  it('keeps the cursor right when the line exactly fills a row', () => {
    const t = setup({ columns: 20 });
    t.editor.feed('ab');
    expect([t.screen.row, t.screen.col]).toEqual([1, 0]);
    t.editor.feed('\x7f');
    expect(t.screen.text()).toBe(`${P}a`);
    expect([t.screen.row, t.screen.col]).toEqual([0, 19]);
  });
});

describe('formatColumns', () => {
  it('fills columns top to bottom like bash', () => {
    expect(formatColumns(['a1', 'a2', 'a3', 'a4', 'a5'], 12)).toBe('a1  a3  a5\na2  a4\n');
  });
  it('puts one word per line when a word is wider than the terminal', () => {
    expect(formatColumns(['long-word', 'x'], 5)).toBe('long-word\nx\n');
  });
  it('finds the common prefix', () => {
    expect(commonPrefix(['kubectl', 'kubelet'])).toBe('kube');
  });
});

describe('LineEditor before the shell has loaded (held)', () => {
  it('edits the line at once, holds Enter, Tab and what follows them, then runs them in order on release', () => {
    const t = setup({ held: true });
    t.editor.feed('kubectl get nodx\x7fes\rjourn\t');
    expect(t.screen.text()).toBe(`${P}kubectl get nodes`);
    expect(t.ran).toEqual([]);
    expect(t.editor.typedAhead).toBe('\rjourn\t');
    t.editor.feed('-u kubelet');
    expect(t.screen.text()).toBe(`${P}kubectl get nodes`);
    t.editor.release();
    expect(t.ran).toEqual(['kubectl get nodes']);
    expect(t.screen.text()).toBe(`${P}kubectl get nodes\nran: kubectl get nodes\n${P}journalctl -u kubelet`);
    expect(t.editor.typedAhead).toBe('');
  });

  it('holds a Tab typed first, and a line that starts following keeps what was typed behind it for its end', () => {
    const t = setup({ held: true });
    t.editor.feed('ku\t get');
    expect(t.screen.text()).toBe(`${P}ku`);
    t.editor.release();
    expect(t.screen.text()).toBe(`${P}kube get`);
    const u = setup({ held: true });
    u.editor.feed('tail -f log\rls\r');
    u.editor.release();
    expect(u.ran).toEqual(['tail -f log']);
    expect(u.follows).toEqual([true]);
    expect(u.editor.typedAhead).toBe('ls\r');
    u.editor.followOutput('', false);
    expect(u.ran).toEqual(['tail -f log', 'ls']);
  });
});

