import type { Command, CompletionContext } from '../commands/types.ts';
import { builtins } from './builtins/index.ts';
import { shellWords } from './interpreter.ts';

/** What Tab completion needs from the session. */
export interface CompleteEnv {
  /** Names of the commands available at the current place (builtins are added here). */
  commandNames(): string[];
  /** The command for a name at the current place (as ShellEnv.lookup). */
  lookup(name: string): Command | undefined;
  /** What a command's own `complete` may read. */
  ctx: CompletionContext;
}

/**
 * Tab completion candidates for the word under the cursor, as bash's programmable completion
 * offers them: command names (builtins and the place's commands) for the first word of a
 * command, otherwise whatever the command's own `complete(words, partial, ctx)` returns, where
 * `words` are the command's words before the one being completed, argv[0] included.
 * Returns the offset where the word being completed starts (its text is replaced by the chosen
 * candidate) and the candidates starting with what is typed, sorted and de-duplicated. The
 * common-prefix insertion and listing are the UI's. Never throws.
 */
export function complete(line: string, cursor: number, env: CompleteEnv): { start: number; candidates: string[] } {
  const { words, partial, start, redirectTarget } = wordsAt(line.slice(0, cursor));
  let raw: string[];
  // File names after `>`/`<` would need a directory listing the simulated hosts do not offer.
  if (redirectTarget) raw = [];
  else if (words.length === 0) {
    raw = [...builtins.map((b) => b.name), ...shellWords(), ...env.commandNames()];
  } else {
    const cmd = env.lookup(words[0]);
    const builtin = builtins.find((b) => b.name === words[0]);
    try {
      raw = builtin?.complete ? builtin.complete(words, partial, env.ctx) : cmd?.complete ? cmd.complete(words, partial, env.ctx) : [];
    } catch {
      raw = [];
    }
  }
  const candidates = [...new Set(raw.filter((c) => c.startsWith(partial)))].sort();
  return { start, candidates };
}

/**
 * Splits the text before the cursor into the current simple command's finished words and the
 * partial word, tolerating unterminated quotes. `|`, `;`, `&`, `(`, `$(` and backquotes start a
 * new command; redirection targets are not words of the command.
 */
function wordsAt(text: string): { words: string[]; partial: string; start: number; redirectTarget: boolean } {
  let words: string[] = [];
  let cur = '';
  let curStart = -1;
  let quote: '"' | "'" | undefined;
  let skipNext = false; // the word after a redirection operator is its target
  const endWord = () => {
    if (curStart >= 0) {
      if (!skipNext) words.push(cur);
      skipNext = false;
    }
    cur = '';
    curStart = -1;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < text.length) cur += text[++i];
      else cur += c;
      continue;
    }
    if (c === "'" || c === '"') { if (curStart < 0) curStart = i; quote = c; continue; }
    if (c === '\\' && i + 1 < text.length) { if (curStart < 0) curStart = i; cur += text[++i]; continue; }
    if (c === ' ' || c === '\t') { endWord(); continue; }
    if (c === '$' && text[i + 1] === '(') { endWord(); words = []; skipNext = false; i++; continue; }
    if ('|;&()`\n'.includes(c)) { endWord(); words = []; skipNext = false; continue; }
    if (c === '>' || c === '<') {
      // `2>` — digits just before belong to the operator, not to a word.
      if (/^\d+$/.test(cur)) { cur = ''; curStart = -1; }
      endWord();
      skipNext = true;
      while (text[i + 1] === '>' || text[i + 1] === '&') i++;
      continue;
    }
    if (curStart < 0) curStart = i;
    cur += c;
  }
  const start = curStart < 0 ? text.length : curStart;
  return { words, partial: cur, start, redirectTarget: skipNext };
}
