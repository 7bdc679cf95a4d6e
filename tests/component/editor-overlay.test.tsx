// @vitest-environment jsdom
/**
 * kubectl edit's editor over the terminal (EditorOverlay): vi keys change the file and `:wq`
 * hands it back, `:q!` hands back the file as opened, `:q` with unwritten changes is refused as
 * vim refuses it; `KUBE_EDITOR=nano` gets nano's ^O/^X. Keys go through the vim plugin's own key
 * handler (jsdom has no layout for CodeMirror's DOM input).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import { EditorView } from '@codemirror/view';
import { getCM, Vim } from '@replit/codemirror-vim';
import { EditorOverlay } from '../../src/ui/components/EditorOverlay.tsx';

afterEach(() => cleanup());

// jsdom has no layout: CodeMirror measures text ranges, which then have no boxes.
const noRects = () => Object.assign([], { item: () => null }) as unknown as DOMRectList;
const noBox = () => ({ x: 0, y: 0, width: 0, height: 0, top: 0, left: 0, right: 0, bottom: 0, toJSON: () => ({}) }) as DOMRect;
Range.prototype.getClientRects = noRects;
Range.prototype.getBoundingClientRect = noBox;

const FILE = '/tmp/kubectl-edit-123.yaml';
const TEXT = '# Please edit the object below.\napiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: 1\n';

function open(program = 'vi') {
  const onExit = vi.fn();
  render(<EditorOverlay file={FILE} text={TEXT} program={program} onExit={onExit} />);
  const view = EditorView.findFromDOM(screen.getByTestId('editor').querySelector('.cm-editor') as HTMLElement)!;
  const keys = (seq: string[]) => act(() => { for (const k of seq) Vim.handleKey(getCM(view)!, k, 'user'); });
  // An ex command as typed after `:` (the plugin's prompt is a DOM input jsdom cannot type into).
  const ex = (cmd: string) => act(() => { Vim.handleEx(getCM(view) as Parameters<typeof Vim.handleEx>[0], cmd); });
  return { onExit, view, keys, ex };
}


describe('EditorOverlay (kubectl edit\'s editor)', () => {
  it('shows the file as vim announces it', () => {
    open();
    expect(screen.getByRole('dialog', { name: `Editing ${FILE}` })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe(`"${FILE}" 5L, ${TEXT.length}B`);
  });

  it('vi keys change replicas; :wq hands back the changed file', () => {
    const { onExit, view, keys, ex } = open();
    // Go to the line, to its last word, change it.
    keys(['5', 'G', '$', 'r', '3', '<Esc>']);
    expect(view.state.doc.toString()).toBe(TEXT.replace('replicas: 1', 'replicas: 3'));
    ex('wq');
    expect(onExit).toHaveBeenCalledWith(TEXT.replace('replicas: 1', 'replicas: 3'));
  });

  it(':q with unwritten changes is refused (E37); :q! hands back the file as opened', () => {
    const { onExit, keys, ex } = open();
    keys(['G', 'd', 'd']);
    ex('q');
    expect(onExit).not.toHaveBeenCalled();
    expect(screen.getByRole('status').textContent).toBe('E37: No write since last change (add ! to override)');
    ex('q!');
    expect(onExit).toHaveBeenCalledWith(TEXT);
  });

  it(':w then :q hands back what was written', () => {
    const { onExit, keys, ex } = open();
    keys(['g', 'g', 'd', 'd']);
    ex('w');
    ex('q');
    expect(onExit).toHaveBeenCalledWith(TEXT.split('\n').slice(1).join('\n'));
  });

  it('nano: ^X on a changed buffer asks, Y saves and exits', () => {
    const { onExit, view } = open('nano');
    expect(screen.getByRole('status').textContent).toMatch(/^GNU nano {2}\/tmp\/kubectl-edit-123\.yaml/);
    const at = TEXT.indexOf('replicas: 1') + 'replicas: '.length;
    act(() => view.dispatch({ changes: { from: at, to: at + 1, insert: '2' } }));
    const key = (init: KeyboardEventInit) => act(() => { view.contentDOM.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init })); });
    key({ key: 'x', ctrlKey: true });
    expect(onExit).not.toHaveBeenCalled();
    expect(screen.getByRole('status').textContent).toContain('Save modified buffer?');
    key({ key: 'y' });
    expect(onExit).toHaveBeenCalledWith(TEXT.replace('replicas: 1', 'replicas: 2'));
  });
});
