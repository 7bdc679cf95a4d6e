/**
 * The report as a Markdown document, the same in the browser's "Export Markdown" and the CLI's
 * `--report markdown`. Pure: the model answers' text comes in as an option (the caller reads the
 * MDX files its own way), and times are the scenario's virtual clock (UTC `HH:MM:SS`).
 */
import type { Report, RoundResult, Verdict } from '../grader/types.ts';
import { clock } from '../time.ts';
import { revealedSeniorPath } from './reveal.ts';

export interface MarkdownOptions {
  /** Model answer per round id, as Markdown (see mdxAsMarkdown). Rounds without one omit it. */
  modelAnswers?: Readonly<Record<string, string>>;
}

const time = (ms: number) => clock(new Date(ms));

/** A code span that survives backticks inside `text` (CommonMark: a longer fence). */
export function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/**
 * Text that came from a person (answers, verdicts quoting them) made inert in Markdown: no raw HTML
 * (`<` becomes `&lt;`, entity-like `&` becomes `&amp;`), no links or images (`[`, `]` and `\`
 * backslash-escaped, which also stops reference definitions), while `code spans` stay as written —
 * CommonMark never reads HTML or links inside them. Whoever renders an exported report (a wiki, a
 * Markdown viewer) runs no script from it and gets no live link.
 */
export function inert(text: string): string {
  const plain = (t: string) => t.replace(/[\\[\]]/g, (c) => `\\${c}`).replace(/&(?=#?\w+;)/g, '&amp;').replace(/</g, '&lt;');
  let out = '';
  let rest = text;
  // A code span: a whole run of backticks, then anything up to a run of the same length (CommonMark 6.1).
  const span = /(?<!`)(`+)(?!`)([\s\S]*?[^`])\1(?!`)/;
  for (let m = span.exec(rest); m; m = span.exec(rest)) {
    out += plain(rest.slice(0, m.index)) + m[0];
    rest = rest.slice(m.index + m[0].length);
  }
  return out + plain(rest);
}

/** A table cell: one line, pipes escaped (GFM splits cells on `|` even inside code spans). */
const cell = (text: string) => text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');

const table = (head: string[], align: string[], rows: string[][]) =>
  [`| ${head.join(' | ')} |`, `| ${align.join(' | ')} |`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');

const quote = (text: string) => (text.trim() === '' ? '> (empty)' : inert(text.trim()).split('\n').map((l) => `> ${l}`.trimEnd()).join('\n'));

const signed = (v: Verdict) => (v.points > 0 ? `+${v.points}` : String(v.points));

function hintLines(r: RoundResult): string {
  if (r.hints && r.hints.length > 0) return r.hints.map((h, i) => `${i + 1}. ${h.text} (-${h.cost})`).join('\n');
  if (r.hintsUsed > 0) return `${r.hintsUsed} hint${r.hintsUsed === 1 ? '' : 's'} used.`;
  return 'None.';
}

function roundSection(r: RoundResult, n: number, model: string | undefined): string {
  const parts = [`### Round ${n}: ${r.title} — ${r.score}/100`, `Skill tested: ${r.skill}`];
  parts.push('#### Verdicts', r.verdicts.length ? r.verdicts.map((v) => `- **${signed(v)}** ${inert(v.text)}`).join('\n') : 'No verdicts.');
  parts.push(
    '#### Weak answer fallen into',
    r.weakAnswers.length ? r.weakAnswers.map((w) => `- “${w.label.replace(/^["“]+|["”]+$/g, '')}”: ${w.why}`).join('\n') : 'None.',
  );
  parts.push('#### Hints used', hintLines(r));
  parts.push('#### Your answer', quote(r.answer));
  parts.push('#### The interviewer follows up', `**${r.trap.question}**`, quote(r.trap.answer));
  parts.push('#### Senior signal', r.seniorSignal);
  if (model !== undefined) parts.push('#### Model answer', model.trim());
  return parts.join('\n\n');
}

/**
 * Renders `report` as Markdown: title and total, the skills table, one section per answered round
 * (score, verdict lines with their points, weak answers, hints, the answer, the trap, the senior
 * signal, the model answer), the timeline with the evidence each command first showed, and the
 * senior path beside the learner's. Ends with a newline.
 */
export function reportMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const answered = new Map(report.rounds.map((r) => [r.round, r]));
  const models = options.modelAnswers ?? {};
  const out = [
    `# Report: ${report.title}`,
    `Scenario ${codeSpan(report.scenario)} · total score **${report.score}/100** · ${report.rounds.length} of ${report.skills.length} rounds answered`,
    '## Skills',
    table(['Round', 'Skill tested', 'Score'], ['---:', '---', '---:'], report.skills.map((s, i) => [String(i + 1), s.skill, answered.has(s.round) ? String(s.score) : 'not answered'])),
    '## Rounds',
  ];
  if (report.rounds.length === 0) out.push('No round answered yet.');
  report.skills.forEach((s, i) => {
    const r = answered.get(s.round);
    if (r) out.push(roundSection(r, i + 1, Object.hasOwn(models, r.round) ? models[r.round] : undefined));
  });
  out.push('## Timeline');
  out.push(
    report.timeline.length === 0
      ? 'No commands were run.'
      : table(['Time (UTC)', 'Host', 'Command', 'Evidence found'], ['---', '---', '---', '---'], report.timeline.map((t) => [time(t.at), t.host, codeSpan(t.line), t.evidence.join('; ')])),
  );
  const path = revealedSeniorPath(report);
  const later = path.hidden ? `${path.hidden} more step${path.hidden === 1 ? '' : 's'} after you answer the remaining rounds.` : '';
  out.push('## The senior path', [path.shown.map((p, i) => `${i + 1}. ${codeSpan(p.command)} — ${p.why}`).join('\n'), later].filter(Boolean).join('\n\n') || 'None given.');
  out.push('## Your path', report.timeline.map((t, i) => `${i + 1}. ${codeSpan(t.line)} on ${t.host}`).join('\n') || 'No commands were run.');
  return `${out.join('\n\n')}\n`;
}
