/**
 * The report as a Markdown document, the same in the browser's "Export Markdown" and the CLI's
 * `--report markdown`. Pure: the model answers' text comes in as an option (the caller reads the
 * MDX files its own way), and times are the scenario's virtual clock (UTC `HH:MM:SS`).
 */
import type { Paragraph, PhrasingContent } from 'mdast';
import { gfmAutolinkLiteralToMarkdown } from 'mdast-util-gfm-autolink-literal';
import { toMarkdown } from 'mdast-util-to-markdown';
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

/** mdast-util-to-markdown's options: also escape what GFM renderers would turn into links (`https\://`, `www\.`, `a\@b`). */
const TO_MARKDOWN = { extensions: [gfmAutolinkLiteralToMarkdown()] };

/** A code span as CommonMark reads it: a whole run of backticks, then anything up to a run of the same length (6.1). */
const CODE_SPAN = /(?<!`)(`+)(?!`)([\s\S]*?[^`])\1(?!`)/;

/** One paragraph of a person's text as mdast phrasing: the code spans they typed stay code, the rest is text. */
function phrasing(text: string): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  let rest = text;
  for (let m = CODE_SPAN.exec(rest); m; m = CODE_SPAN.exec(rest)) {
    if (m.index > 0) out.push({ type: 'text', value: rest.slice(0, m.index) });
    // CommonMark reads a line ending inside a code span as a space, and strips one space each side.
    const code = m[2].replace(/\r?\n/g, ' ');
    out.push({ type: 'inlineCode', value: /^ .*[^ ].* $/.test(code) ? code.slice(1, -1) : code });
    rest = rest.slice(m.index + m[0].length);
  }
  if (rest) out.push({ type: 'text', value: rest });
  return out;
}

/** A person's text as mdast paragraphs (a blank line starts the next one). */
const paragraphs = (text: string): Paragraph[] =>
  text.split(/\n[ \t]*\n/).map((p) => p.replace(/^\n+|\n+$/g, '')).filter((p) => p.trim() !== '').map((p) => ({ type: 'paragraph', children: phrasing(p) }));

/**
 * Text that came from a person (answers, verdicts quoting them, disputes, interviewers' notes) made
 * inert in Markdown: the text becomes mdast text nodes and mdast-util-to-markdown writes them with
 * every character escaped that would otherwise start HTML, a link, an image, a reference
 * definition, emphasis, a heading or a list (`\<script>`, `\[click]\(…)`), plus the URLs and
 * addresses GFM would link by themselves; code spans the person typed stay code. Whoever renders
 * an exported report (a wiki, a Markdown viewer) runs no script from it and gets no live link.
 * Paragraphs are kept; the result has no trailing newline.
 */
export function inert(text: string): string {
  return toMarkdown({ type: 'root', children: paragraphs(text) }, TO_MARKDOWN).trimEnd();
}

/** `inert` on one line: line breaks become spaces (a list item, a table cell, a note). */
export const inertLine = (text: string): string => inert(text.replace(/\s*\n\s*/g, ' '));

/** A table cell: one line, pipes escaped (GFM splits cells on `|` even inside code spans). */
const cell = (text: string) => text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');

const table = (head: string[], align: string[], rows: string[][]) =>
  [`| ${head.join(' | ')} |`, `| ${align.join(' | ')} |`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');

/** A person's text as a block quote; `> (empty)` when there is none. */
const quote = (text: string) => (text.trim() === '' ? '> (empty)' : toMarkdown({ type: 'blockquote', children: paragraphs(text.trim()) }, TO_MARKDOWN).trimEnd());

const signed = (v: Verdict) => (v.points > 0 ? `+${v.points}` : String(v.points));

function hintLines(r: RoundResult): string {
  if (r.hints && r.hints.length > 0) return r.hints.map((h, i) => `${i + 1}. ${h.text} (-${h.cost})`).join('\n');
  if (r.hintsUsed > 0) return `${r.hintsUsed} hint${r.hintsUsed === 1 ? '' : 's'} used.`;
  return 'None.';
}

function roundSection(r: RoundResult, n: number, model: string | undefined): string {
  const parts = [`### Round ${n}: ${r.title} — ${r.score}/100`, `Skill tested: ${r.skill}`];
  parts.push('#### Verdicts', r.verdicts.length ? r.verdicts.map((v) => `- **${signed(v)}** ${inertLine(v.text)}`).join('\n') : 'No verdicts.');
  parts.push(
    '#### Weak answer fallen into',
    r.weakAnswers.length ? r.weakAnswers.map((w) => `- “${w.label.replace(/^["“]+|["”]+$/g, '')}”: ${w.why}`).join('\n') : 'None.',
  );
  parts.push('#### Hints used', hintLines(r));
  parts.push('#### Your answer', quote(r.answer));
  // Disagreement is data: what the learner says the grader missed, for the rubric's authors.
  if (r.disputes?.length) parts.push('#### You disputed', r.disputes.map((d) => `- ${r.verdicts.find((v) => v.id === d.verdict)?.text.split(':')[0] ?? d.verdict}: “I did say this” — ${inertLine(d.sentence)}`).join('\n'));
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
