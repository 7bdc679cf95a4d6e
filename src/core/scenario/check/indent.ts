/**
 * Plain words for broken YAML indentation. The parser notices a misplaced line only where the
 * structure stops making sense, often many lines below; this walks the lines above that point
 * with a stack of open blocks and names the first line whose indentation fits none of them.
 */

export interface IndentProblem { line: number; col: number; message: string }

const strip = (s: string) => s.replace(/\s+#.*$/, '');

/** Net bracket depth a line opens ([ and { minus ] and }), ignoring quoted text. */
function bracketDelta(line: string): number {
  let d = 0;
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote && !(quote === "'" && line[i + 1] === "'")) quote = undefined;
      else if (c === quote) i++;
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(line[i - 1]))) break;
    if ((c === '"' || c === "'") && (i === 0 || /[\s[{,:]/.test(line[i - 1]))) quote = c;
    else if (c === '[' || c === '{') d++;
    else if (c === ']' || c === '}') d--;
  }
  return d;
}

/** Indentation of the next entry line after line index `i` that is not nested deeper than `max`. */
function siblingIndent(lines: readonly string[], i: number, max: number): number {
  for (let j = i + 1; j < lines.length; j++) {
    const t = lines[j].trim();
    if (!t || t.startsWith('#')) continue;
    const d = lines[j].length - lines[j].trimStart().length;
    if (d <= max) return d;
  }
  return -1;
}

/** Indentation of the next entry line after line index `i` (blank lines and comments skipped), -1 at the end. */
function nextIndent(lines: readonly string[], i: number): number {
  for (let j = i + 1; j < lines.length; j++) {
    const t = lines[j].trim();
    if (t && !t.startsWith('#')) return lines[j].length - lines[j].trimStart().length;
  }
  return -1;
}

/**
 * The first line at or before `limit` (1-based) whose indentation is wrong, or undefined when the
 * indentation looks consistent (the parser's own message is then the better one).
 */
export function findIndentProblem(text: string, limit: number): IndentProblem | undefined {
  const lines = text.split('\n');
  /** Indentation of each open block's entries, innermost last; `owner` is the key line that opened it. */
  const stack: { indent: number; owner?: string; line?: number; entries: number }[] = [{ indent: 0, entries: 0 }];
  let depth = 0; // open flow brackets
  let blockScalarIndent: number | undefined; // inside `key: >-`, lines indented more than this belong to the scalar
  /** The last entry line: its indentation, whether it opens a block, which blocks it closed, whether it began a new one. */
  let prev: { indent: number; opens: boolean; key: string; line: number; raw: number; closed: number[]; pushed: boolean } | undefined;
  for (let i = 0; i < Math.min(lines.length, limit); i++) {
    const raw = lines[i];
    if (raw.trim() === '' || raw.trim().startsWith('#')) continue;
    const indent = raw.length - raw.trimStart().length;
    if (blockScalarIndent !== undefined) {
      if (indent > blockScalarIndent) continue;
      blockScalarIndent = undefined;
    }
    if (depth > 0) { depth += bracketDelta(raw); continue; }
    const body = strip(raw.trimStart());
    const isItem = body === '-' || body.startsWith('- ');
    const keyMatch = /^(?:-\s+)?("[^"]*"|'[^']*'|[^\s:#][^:#]*?)\s*:(\s|$)/.exec(body);
    const key = keyMatch ? keyMatch[1] : body.slice(0, 30);
    const afterColon = keyMatch ? body.slice(keyMatch[0].length).trim() : body;
    // Close blocks this line is outside of.
    const closed: number[] = [];
    let closedBlock: { indent: number; line?: number; entries: number } | undefined;
    while (stack.length > 1 && indent < stack[stack.length - 1].indent) { closedBlock = stack.pop()!; closed.push(closedBlock.indent); }
    const top = stack[stack.length - 1];
    // The line above left its block and this one is back in it: the line above is the odd one out.
    const next = nextIndent(lines, i);
    if (prev && indent > prev.indent && !prev.opens && prev.closed.includes(indent) && next === indent) {
      return { line: prev.line, col: prev.raw + 1, message: `line ${prev.line} is indented ${prev.raw} spaces, less than the entries around it (${indent} spaces) — line it up with them` };
    }
    // The line above began a block alone, deeper than this line and its siblings: it is the odd one out.
    if (prev?.pushed && !prev.opens && indent !== prev.indent && indent > top.indent && next === indent && (closed.includes(prev.indent) || indent > prev.indent)) {
      return { line: prev.line, col: prev.raw + 1, message: `line ${prev.line} is indented ${prev.raw} spaces, ${prev.raw > indent ? 'more' : 'less'} than the entries after it (${indent} spaces) — line it up with them` };
    }
    // A block whose first entry is off by a little: the siblings after this line decide which is wrong.
    const lone = [indent > top.indent ? top : undefined, closedBlock].find((b) => b?.line !== undefined && b.entries === 1);
    if (lone?.line !== undefined && indent > top.indent && indent !== lone.indent && !(prev?.opens) && siblingIndent(lines, i, Math.max(indent, lone.indent)) === indent) {
      const l = lone.line;
      return { line: l, col: lone.indent + 1, message: `line ${l} is indented ${lone.indent} spaces, but the entries after it (line ${i + 1} on) are at ${indent} — line it up with them` };
    }
    if (indent === top.indent) top.entries++;
    if (prev && indent > prev.indent && !prev.opens && indent !== top.indent) {
      return { line: i + 1, col: indent + 1, message: `line ${i + 1} is indented more than the line above it (line ${prev.line}, "${prev.key}"), which already has its value — indent it like "${prev.key}" (${prev.indent} spaces), or give "${prev.key}" no value on its own line` };
    }
    if (indent < top.indent || (indent > top.indent && !(prev?.opens))) {
      const expected = stack.map((s) => s.indent).filter((x, j, a) => a.indexOf(x) === j).join(', ');
      return { line: i + 1, col: indent + 1, message: `line ${i + 1} is indented ${indent} spaces, which lines up with no block above it (open blocks start at ${expected} spaces${top.owner ? `; the entries of "${top.owner}" start at ${top.indent}` : ''}) — line it up with its siblings` };
    }
    const pushed = !!(prev?.opens && indent > prev.indent);
    if (pushed) stack.push({ indent, owner: prev!.key, line: i + 1, entries: 1 });
    const d = bracketDelta(body);
    if (d > 0) depth = d;
    // A line opens a block when it ends in `key:` or is a bare `-`.
    const opens = (keyMatch !== null && afterColon === '') || body === '-';
    // An item's own keys line up with its first key, two or more columns right of the dash.
    const own = isItem ? indent + (/^-\s*/.exec(body)?.[0].length ?? 2) : indent;
    if (isItem && stack[stack.length - 1].indent !== own) stack.push({ indent: own, owner: key, entries: 1 });
    if (/^[|>][-+0-9]*$/.test(afterColon)) blockScalarIndent = own;
    prev = { indent: own, opens, key, line: i + 1, raw: indent, closed, pushed };
  }
  return undefined;
}

/**
 * The line where a flow collection (`[` or `{`) that is still open at `limit` began, for the
 * parser's "must end with a ]" errors, which it raises where it gave up looking.
 */
export function findUnclosedFlow(text: string, limit: number): IndentProblem | undefined {
  const lines = text.split('\n');
  let depth = 0;
  let opened: number | undefined;
  for (let i = 0; i < Math.min(lines.length, limit); i++) {
    const before = depth;
    depth = Math.max(0, depth + bracketDelta(lines[i]));
    if (before === 0 && depth > 0) opened = i;
    if (depth === 0) opened = undefined;
  }
  if (opened === undefined) return undefined;
  const col = lines[opened].search(/[[{]/) + 1;
  return { line: opened + 1, col, message: `the "${lines[opened][col - 1]}" opened on line ${opened + 1} is never closed — add the matching "${lines[opened][col - 1] === '[' ? ']' : '}'}" (a list or mapping written inline must end on a line of its own item)` };
}
