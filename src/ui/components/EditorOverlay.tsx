/**
 * The editor a command opened (kubectl edit), full screen over the terminal: CodeMirror 6 with
 * vi key bindings (@replit/codemirror-vim) for vi/vim, the default as on a real laptop, or nano's
 * Ctrl-O (write) and Ctrl-X (exit) for `KUBE_EDITOR=nano`. Leaving it hands the file back as it
 * was last written: `:wq`/`:x`/`ZZ` write and quit, `:w` writes, `:q!` quits without writing, `:q`
 * refuses while there are unwritten changes (vim's E37). The saved text becomes the session's
 * `edit` input, so replay, reload and the interviewer's view see exactly what was saved.
 */
import { useEffect, useRef, useState } from 'react';
import { EditorState, type Extension } from '@codemirror/state';
import { EditorView, keymap, lineNumbers, drawSelection } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { yaml } from '@codemirror/lang-yaml';
import { vim, Vim } from '@replit/codemirror-vim';

export interface EditorOverlayProps {
  /** The temporary file's path (vim's status line names it). */
  file: string;
  text: string;
  /** The editor program (`vi`, `vim`, `nano`, a path to one). */
  program: string;
  /** The editor exited with `text` in the file. */
  onExit(text: string): void;
}

/** What the ex commands defined below act on: the overlay on screen (one at a time). */
let current: { write(): void; quit(force: boolean): void; writeQuit(): void } | undefined;

let exDefined = false;
/** `:w`, `:wq`, `:x`, `:q[!]` act on the file of the overlay on screen (Vim's ex table is global). */
function defineEx(): void {
  if (exDefined) return;
  exDefined = true;
  Vim.defineEx('write', 'w', () => current?.write());
  Vim.defineEx('wq', 'wq', () => current?.writeQuit());
  Vim.defineEx('xit', 'x', () => current?.writeQuit());
  Vim.defineEx('quit', 'q', (_cm: unknown, params: { argString?: string }) => current?.quit((params.argString ?? '').trim().startsWith('!')));
  Vim.defineEx('qall', 'qa', (_cm: unknown, params: { argString?: string }) => current?.quit((params.argString ?? '').trim().startsWith('!')));
  Vim.map('ZZ', ':x<CR>', 'normal');
  Vim.map('ZQ', ':q!<CR>', 'normal');
}

const isNano = (program: string) => /(^|\/)nano$/.test(program.trim().split(/\s+/)[0] ?? '');

export function EditorOverlay({ file, text, program, onExit }: EditorOverlayProps) {
  const host = useRef<HTMLDivElement>(null);
  const [status, setStatus] = useState(() => `"${file}" ${text.split('\n').length - (text.endsWith('\n') ? 1 : 0)}L, ${new TextEncoder().encode(text).length}B`);
  const exit = useRef(onExit);
  exit.current = onExit;

  useEffect(() => {
    if (!host.current) return;
    const nano = isNano(program);
    let written = text;
    let done = false;
    let askSave = false;
    let view: EditorView;
    const content = () => view.state.doc.toString();
    const leave = (saved: string) => {
      if (done) return;
      done = true;
      exit.current(saved);
    };
    const write = () => {
      written = content();
      setStatus(`"${file}" ${view.state.doc.lines}L, ${new TextEncoder().encode(written).length}B written`);
    };
    const ops = {
      write,
      writeQuit: () => { write(); leave(written); },
      quit: (force: boolean) => {
        if (!force && content() !== written) { setStatus('E37: No write since last change (add ! to override)'); return; }
        leave(written);
      },
    };
    // nano: ^O writes, ^X exits (asking first when the buffer changed), as GNU nano does.
    const nanoKeys = keymap.of([
      { key: 'Ctrl-o', run: () => { write(); return true; } },
      { key: 'Ctrl-x', run: () => {
        if (content() === written) leave(written);
        else { askSave = true; setStatus('Save modified buffer?  Y Yes  N No  ^C Cancel'); }
        return true;
      } },
    ]);
    const nanoAnswer = EditorView.domEventHandlers({
      keydown(e) {
        if (!askSave) return false;
        const k = e.key.toLowerCase();
        if (k === 'y') { write(); leave(written); }
        else if (k === 'n') leave(written);
        else if (k === 'c' && e.ctrlKey) { askSave = false; setStatus('Cancelled'); }
        e.preventDefault();
        return true;
      },
    });
    if (!nano) defineEx();
    const extensions: Extension[] = [
      ...(nano ? [nanoAnswer, nanoKeys] : [vim()]),
      lineNumbers(), history(), drawSelection(), yaml(),
      keymap.of([...defaultKeymap, ...historyKeymap]),
      EditorView.theme({ '&': { height: '100%' }, '.cm-scroller': { fontFamily: 'var(--mono, monospace)' } }, { dark: true }),
    ];
    view = new EditorView({ state: EditorState.create({ doc: text, extensions }), parent: host.current });
    current = ops;
    view.focus();
    return () => {
      if (current === ops) current = undefined;
      view.destroy();
    };
  }, [file, text, program]);

  return (
    <div className="editor-overlay" role="dialog" aria-label={`Editing ${file}`}>
      <div className="editor-overlay-body" ref={host} data-testid="editor" />
      <div className="editor-overlay-status" role="status">
        {isNano(program) ? `GNU nano  ${file}  —  ^O Write Out  ^X Exit  ·  ${status}` : status}
      </div>
    </div>
  );
}
