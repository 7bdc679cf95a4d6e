/**
 * The pager a command opened on the terminal (less, more, journalctl), full screen and read only
 * over the terminal, with less's keys: space/f/PageDown/z a page on, b/PageUp/w a page back,
 * Enter/j/e/↓ and k/y/↑ a line, d/u half a page, g/</Home the top, G/>/End the end, `/pattern`
 * and `?pattern` search (n/N again), q/Q/Ctrl-C leave. The status line is less's prompt: the file
 * name on the first screen, `:` after, `(END)` at the end (more: `--More--(NN%)`). Leaving hands
 * control back to the session (its `interrupt` input); nothing else is recorded.
 */
import { useEffect, useMemo, useRef, useState } from 'react';

export interface PagerOverlayProps {
  text: string;
  /** less's first prompt: the file name, or empty for standard input. */
  title: string;
  /** `less` or `more`. */
  program: string;
  onExit(): void;
}

/** Rows of text the view holds, from its height and the line height of its font. */
function rowsOf(el: HTMLElement | null): number {
  if (!el) return 24;
  const lineHeight = parseFloat(getComputedStyle(el).lineHeight) || 17;
  return Math.max(3, Math.floor(el.clientHeight / lineHeight));
}

export function PagerOverlay({ text, title, program, onExit }: PagerOverlayProps) {
  const lines = useMemo(() => {
    const l = text.split('\n');
    if (l[l.length - 1] === '') l.pop();
    return l;
  }, [text]);
  const body = useRef<HTMLPreElement>(null);
  const root = useRef<HTMLDivElement>(null);
  const [top, setTop] = useState(0);
  const [rows, setRows] = useState(24);
  const [moved, setMoved] = useState(false);
  /** The search being typed after `/` or `?`, or undefined. */
  const [typing, setTyping] = useState<{ dir: 1 | -1; text: string } | undefined>();
  const [pattern, setPattern] = useState<{ dir: 1 | -1; text: string } | undefined>();
  const [message, setMessage] = useState('');
  const exit = useRef(onExit);
  exit.current = onExit;

  useEffect(() => {
    root.current?.focus();
    const measure = () => setRows(rowsOf(body.current));
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, []);

  const last = Math.max(0, lines.length - rows);
  const go = (to: number) => { setTop(Math.max(0, Math.min(last, to))); setMoved(true); setMessage(''); };
  const find = (p: { dir: 1 | -1; text: string }, from: number) => {
    let re: RegExp;
    try { re = new RegExp(p.text); } catch { setMessage('Invalid pattern  (press RETURN)'); return; }
    for (let i = from; i >= 0 && i < lines.length; i += p.dir) {
      if (re.test(lines[i])) { setTop(Math.max(0, Math.min(Math.max(0, lines.length - 1), i))); setMoved(true); setMessage(''); return; }
    }
    setMessage('Pattern not found  (press RETURN)');
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    e.preventDefault();
    e.stopPropagation();
    if (typing) {
      if (e.key === 'Enter') {
        const p = typing.text ? typing : pattern;
        setTyping(undefined);
        if (p) { setPattern(p); find(p, top + p.dir); }
      } else if (e.key === 'Escape' || (e.ctrlKey && e.key === 'c')) setTyping(undefined);
      else if (e.key === 'Backspace') setTyping(typing.text ? { ...typing, text: typing.text.slice(0, -1) } : undefined);
      else if (e.key.length === 1) setTyping({ ...typing, text: typing.text + e.key });
      return;
    }
    const half = Math.max(1, Math.floor(rows / 2));
    if (e.ctrlKey && e.key === 'c') return exit.current();
    if (e.ctrlKey && e.key === 'f') return go(top + rows);
    if (e.ctrlKey && e.key === 'b') return go(top - rows);
    switch (e.key) {
      case 'q': case 'Q': return exit.current();
      case ' ': case 'f': case 'z': case 'PageDown': return go(top + rows);
      case 'b': case 'w': case 'PageUp': return go(top - rows);
      case 'Enter': case 'j': case 'e': case 'ArrowDown': return go(top + 1);
      case 'k': case 'y': case 'ArrowUp': return go(top - 1);
      case 'd': return go(top + half);
      case 'u': return go(top - half);
      case 'g': case '<': case 'Home': return go(0);
      case 'G': case '>': case 'End': return go(last);
      case '/': return setTyping({ dir: 1, text: '' });
      case '?': return setTyping({ dir: -1, text: '' });
      case 'n': if (pattern) find(pattern, top + pattern.dir); return;
      case 'N': if (pattern) find({ ...pattern, dir: pattern.dir === 1 ? -1 : 1 }, top - pattern.dir); return;
      default: return;
    }
  };

  const atEnd = top >= last;
  const status = typing
    ? `${typing.dir === 1 ? '/' : '?'}${typing.text}`
    : message || (program === 'more'
      ? (atEnd ? '' : `--More--(${Math.floor(((top + rows) / Math.max(1, lines.length)) * 100)}%)`)
      : atEnd ? '(END)' : !moved && title ? title : ':');
  const re = pattern ? (() => { try { return new RegExp(pattern.text, 'g'); } catch { return undefined; } })() : undefined;
  const shown = lines.slice(top, top + rows);
  return (
    <div className="editor-overlay pager-overlay" role="dialog" aria-label={`Pager: ${title || 'standard input'}`} tabIndex={0} ref={root} onKeyDown={onKeyDown} data-testid="pager">
      <pre className="pager-body" ref={body}>
        {shown.map((l, i) => (
          <div key={top + i}>{re ? highlight(l, re) : l || '\u00a0'}</div>
        ))}
        {shown.length < rows && Array.from({ length: rows - shown.length }, (_, i) => <div key={`t${i}`} className="pager-tilde">~</div>)}
      </pre>
      <div className="editor-overlay-status pager-status" role="status">{status}</div>
    </div>
  );
}

/** The line with every match of the search pattern marked, as less shows them in reverse video. */
function highlight(line: string, re: RegExp) {
  const parts: React.ReactNode[] = [];
  let last = 0;
  re.lastIndex = 0;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    if (m[0] === '') { re.lastIndex++; continue; }
    parts.push(line.slice(last, m.index), <mark key={m.index}>{m[0]}</mark>);
    last = m.index + m[0].length;
  }
  parts.push(line.slice(last));
  return parts.length === 1 && parts[0] === '' ? '\u00a0' : parts;
}
