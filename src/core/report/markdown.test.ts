import { describe, expect, it } from 'vitest';
import MarkdownIt from 'markdown-it';
import type { Report } from '../grader/types.ts';
import { codeSpan, reportMarkdown } from './markdown.ts';
import { mdxAsMarkdown } from './mdx.ts';

const T = Date.UTC(2024, 5, 12, 14, 2, 5);

const report: Report = {
  scenario: 'demo',
  title: 'Demo Incident',
  score: 47,
  rounds: [
    {
      round: 'opening',
      title: 'The Opening',
      skill: 'Pod debugging',
      score: 70,
      verdicts: [
        { kind: 'earned', points: 20, text: 'Exit code read: `kubectl describe pod` at 14:02:05', at: T },
        { kind: 'missed', points: 0, text: 'Previous logs: not seen in your terminal (worth 20)' },
        { kind: 'hint', points: -5, text: '1 hint used (−5)' },
        { kind: 'note', points: 0, text: 'Ran get pods nine times in a row' },
      ],
      didWell: [],
      missed: [],
      weakAnswers: [{ id: 'restart', label: '"Just restart it"', why: 'A restart throws away the last state.' }],
      hintsUsed: 1,
      hints: [{ text: 'Look at Last State', cost: 5 }],
      trap: { question: 'Why not delete the pod?', answer: 'It resets the back-off.\nAnd loses the evidence.' },
      seniorSignal: 'Reads before acting.',
      answer: 'I would restart it.',
      submittedAt: T,
    },
  ],
  skills: [
    { round: 'opening', skill: 'Pod debugging', score: 70 },
    { round: 'probe', skill: 'Node isolation', score: 0 },
  ],
  timeline: [
    { at: T, host: 'laptop', line: "kubectl get pods | grep -v Running", evidence: [] },
    { at: T + 65_000, host: 'worker-3', line: 'dmesg -T', evidence: ['Kernel traps seen', 'Node compared'] },
  ],
  seniorPath: [
    { command: 'kubectl get pods -o wide', why: 'Where are the crashes?', round: 'opening' },
    { command: 'ssh worker-3', why: 'Go to the node.', round: 'probe' },
    { command: 'kubectl cordon worker-3', why: 'Stop new pods landing there.' },
  ],
};

describe('reportMarkdown', () => {
  it('writes totals, skills, each answered round, the timeline and both paths', () => {
    expect(reportMarkdown(report, { modelAnswers: { opening: 'Read **Last State** first.', probe: 'unused' } })).toBe(`# Report: Demo Incident

Scenario \`demo\` · total score **47/100** · 1 of 2 rounds answered

## Skills

| Round | Skill tested | Score |
| ---: | --- | ---: |
| 1 | Pod debugging | 70 |
| 2 | Node isolation | not answered |

## Rounds

### Round 1: The Opening — 70/100

Skill tested: Pod debugging

#### Verdicts

- **+20** Exit code read: \`kubectl describe pod\` at 14:02:05
- **0** Previous logs: not seen in your terminal (worth 20)
- **-5** 1 hint used (−5)
- **0** Ran get pods nine times in a row

#### Weak answer fallen into

- “Just restart it”: A restart throws away the last state.

#### Hints used

1. Look at Last State (-5)

#### Your answer

> I would restart it.

#### The interviewer follows up

**Why not delete the pod?**

> It resets the back-off.
> And loses the evidence.

#### Senior signal

Reads before acting.

#### Model answer

Read **Last State** first.

## Timeline

| Time (UTC) | Host | Command | Evidence found |
| --- | --- | --- | --- |
| 14:02:05 | laptop | \`kubectl get pods \\| grep -v Running\` |  |
| 14:03:10 | worker-3 | \`dmesg -T\` | Kernel traps seen; Node compared |

## The senior path

1. \`kubectl get pods -o wide\` — Where are the crashes?

2 more steps after you answer the remaining rounds.

## Your path

1. \`kubectl get pods | grep -v Running\` on laptop
2. \`dmesg -T\` on worker-3
`);
  });

  it('falls back to the hint count, and says so when nothing was done', () => {
    const bare: Report = {
      ...report,
      score: 0,
      rounds: [{ ...report.rounds[0], hints: [], hintsUsed: 2, weakAnswers: [], verdicts: [], answer: '  ' }],
      timeline: [],
      seniorPath: [],
    };
    const md = reportMarkdown(bare);
    expect(md).toContain('#### Hints used\n\n2 hints used.\n');
    expect(md).toContain('#### Weak answer fallen into\n\nNone.\n');
    expect(md).toContain('#### Verdicts\n\nNo verdicts.\n');
    expect(md).toContain('#### Your answer\n\n> (empty)\n');
    expect(md).not.toContain('Model answer');
    expect(md.endsWith('## Timeline\n\nNo commands were run.\n\n## The senior path\n\nNone given.\n\n## Your path\n\nNo commands were run.\n')).toBe(true);
  });
});

describe('codeSpan', () => {
  it('fences with more backticks than the text holds', () => {
    expect(codeSpan('ls')).toBe('`ls`');
    // A span that ends in a backtick is padded with a space each side (CommonMark strips them).
    expect(codeSpan('echo `date`')).toBe('`` echo `date` ``');
    expect(codeSpan('a``b')).toBe('```a``b```');
  });
});

describe('mdxAsMarkdown', () => {
  it('drops imports, exports and component tags, keeps the Markdown', () => {
    const src = "import X from './x.mdx'\nexport const meta = {}\n\n<Note>\nRun **this**:\n</Note>\n\n\n\n```\nkubectl get pods\n```\n";
    expect(mdxAsMarkdown(src)).toBe('Run **this**:\n\n```\nkubectl get pods\n```');
  });
});

describe('reportMarkdown with crafted answers', () => {
  const crafted = (answer: string, verdict = 'Quoted: ' + answer): Report => ({
    ...report,
    rounds: [{ ...report.rounds[0], answer, verdicts: [{ kind: 'earned', points: 10, text: verdict }] }],
  });
  const section = (md: string, from: string, to: string) => md.slice(md.indexOf(from), md.indexOf(to));

  it('writes HTML, links and images in an answer as inert text, keeping code spans as typed', () => {
    const md = reportMarkdown(
      crafted(
        '<img src=x onerror=alert(1)> <script>alert(2)</script>\n<iframe src="javascript:alert(3)"></iframe>\n[click](javascript:alert(4)) ![i](javascript:alert(5)) <javascript:alert(6)>\n[ref]\n\n[ref]: javascript:alert(7)\n&lt;b&gt; `kubectl get pods -o jsonpath=\'{.items[0]}\'` C:\\[x]',
      ),
    );
    expect(section(md, '#### Your answer', '#### The interviewer')).toBe(
      [
        '#### Your answer',
        '',
        '> \\<img src=x onerror=alert(1)> \\<script>alert(2)\\</script>',
        '> \\<iframe src="javascript:alert(3)">\\</iframe>',
        '> \\[click]\\(javascript:alert(4)) !\\[i]\\(javascript:alert(5)) \\<javascript:alert(6)>',
        '> \\[ref]',
        '>',
        '> \\[ref]: javascript:alert(7)',
        "> \\&lt;b\\&gt; `kubectl get pods -o jsonpath='{.items[0]}'` C:\\\\\\[x]",
        '',
        '',
      ].join('\n'),
    );
    expect(section(md, '#### Verdicts', '#### Weak')).toContain('- **+10** Quoted: \\<img src=x onerror=alert(1)>');
    // Rendered by a permissive renderer (raw HTML on, bare URLs linked): the text, no element, no link.
    const html = new MarkdownIt({ html: true, linkify: true }).render(md);
    expect(html).not.toMatch(/<(img|script|iframe|a)\b/);
    expect(html).toContain('<blockquote>\n<p>&lt;img src=x onerror=alert(1)&gt; &lt;script&gt;alert(2)&lt;/script&gt;');
    expect(html).toContain("&amp;lt;b&amp;gt; <code>kubectl get pods -o jsonpath='{.items[0]}'</code> C:\\[x]</p>");
  });

  it('leaves no bare URL, address or Markdown syntax live in an answer, and keeps its paragraphs', () => {
    const md = reportMarkdown(crafted('see https://evil.example, www.evil.example or me@evil.example\n# not a heading\n- not a list\n**not bold** _nor this_\n\nsecond paragraph'));
    const html = new MarkdownIt({ html: true, linkify: true }).render(section(md, '#### Your answer', '#### The interviewer'));
    expect(html).toBe([
      '<h4>Your answer</h4>',
      '<blockquote>',
      '<p>see https://evil.example, www.evil.example or me@evil.example',
      '# not a heading',
      '- not a list',
      '**not bold** _nor this_</p>',
      '<p>second paragraph</p>',
      '</blockquote>',
      '',
    ].join('\n'));
  });

  it('does not take a backtick run that CommonMark would not close as a code span', () => {
    const md = reportMarkdown(crafted('``<img src=x onerror=alert(1)>`'));
    expect(md).toContain('> \\`\\`\\<img src=x onerror=alert(1)>\\`');
  });
});

describe('reportMarkdown mid-run', () => {
  it('shows the senior path of answered rounds only; untagged steps once every round is answered', () => {
    const probe = { ...report.rounds[0], round: 'probe', title: 'The Probe' };
    const done = reportMarkdown({ ...report, rounds: [report.rounds[0], probe] });
    expect(done.slice(done.indexOf('## The senior path'), done.indexOf('## Your path'))).toBe(
      '## The senior path\n\n1. `kubectl get pods -o wide` — Where are the crashes?\n2. `ssh worker-3` — Go to the node.\n3. `kubectl cordon worker-3` — Stop new pods landing there.\n\n',
    );
    const none = reportMarkdown({ ...report, rounds: [] });
    expect(none.slice(none.indexOf('## The senior path'), none.indexOf('## Your path'))).toBe('## The senior path\n\n3 more steps after you answer the remaining rounds.\n\n');
  });
});
