/**
 * The headless CLI on the same core as the browser: `npm run sim -- --scenario sigill-node`.
 * Interactive in a real terminal, or `--script FILE` with one shell command per line and
 * `answer: <text>` lines that submit the current round's answer. `--report json` prints the final
 * report as JSON, last on stdout; `--report markdown` prints it as the browser's Markdown export.
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Session } from '../core/session/session.ts';
import type { Report, RoundResult } from '../core/grader/types.ts';
import { loadScenario, mdxAsText, modelAnswers } from './content.ts';
import { reportMarkdown } from '../core/report/markdown.ts';
import { playLine, THINK_MS } from '../core/session/script.ts';
import { describeVariant, variantOf } from '../core/scenario/variants.ts';
import { loadLanguageModel } from '../core/grader/model.ts';
import { loadJq } from '../core/commands/jq/engine.ts';

// The grader's English model, before anything is graded (src/core/grader/model.ts).
await loadLanguageModel();
// jq (WebAssembly), before a session runs a line (src/core/commands/jq/engine.ts).
await loadJq();

const USAGE = `usage: npm run sim -- --scenario <id> [--script FILE] [--report json|markdown|text]

  --scenario <id>   a scenario under scenarios/ (e.g. sigill-node)
  --script FILE     read lines from FILE: a shell command per line, or "answer: <text>"
  --report json     print the final report as JSON (last on stdout)
  --report markdown print the final report as Markdown, model answers included
  --think <ms>      virtual time between two script lines (default 2000)
  --seed N          play variant N: other node names, IPs, ages and generated names (0, the
                    default, is the file as written); the script and prose are rewritten to match
  --dir DIR         a folder with scenarios/ and content/ other than the repository's

Interactive lines: shell commands, "answer: <text>", ":hint", ":report", ":quit".
While "kubectl edit" has its file open, lines are vi ex commands typed into it:
":%s/OLD/NEW/[g]" (OLD a regular expression), ":w", ":wq" (or ":x") saves and quits, ":q!" cancels.
`;

type ReportFormat = 'json' | 'markdown' | 'text';
interface Options { scenario?: string; script?: string; report: ReportFormat; think: number; seed: number }

function parseArgs(argv: string[]): Options | string {
  const o: Options = { report: 'text', think: THINK_MS, seed: 0 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => (a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i]);
    const name = a.split('=')[0];
    if (name === '--scenario') o.scenario = value();
    else if (name === '--script') o.script = value();
    else if (name === '--report') { const v = value(); if (v !== 'json' && v !== 'markdown' && v !== 'text') return `--report takes json, markdown or text, not "${v}"`; o.report = v; }
    else if (name === '--think') o.think = Number(value());
    else if (name === '--seed') { const v = value(); if (!/^\d+$/.test(v ?? '')) return `--seed takes a whole number, not "${v}"`; o.seed = Number(v); }
    else if (name === '--dir') process.env.GAUNTLET_DIR = value();
    else if (name === '--help' || name === '-h') return '';
    else return `unknown option ${a}`;
  }
  if (!o.scenario) return 'missing --scenario';
  return o;
}

/** Rewrites prose written against the file's names for the variant being played (identity for seed 0). */
let rename = (text: string) => text;

function roundBanner(session: Session): string {
  const round = session.scenario.rounds[session.roundIndex];
  if (!round) return '';
  return `\n=== Round ${session.roundIndex + 1} of ${session.scenario.rounds.length}: ${round.title} ===\n${rename(mdxAsText(round.prompt))}\n\n`;
}

function feedback(r: RoundResult): string {
  const lines = [`--- ${r.title}: ${r.score}/100 ---`];
  for (const v of r.verdicts) lines.push(`  ${v.points > 0 ? `+${v.points}` : v.points === 0 ? '  0' : v.points}  ${v.text}`);
  if (r.weakAnswers.length) lines.push(`  Weak answer: ${r.weakAnswers.map((w) => w.label).join('; ')}`);
  lines.push(`  Trap follow-up: ${r.trap.question}`, `    ${r.trap.answer}`, `  Senior signal: ${r.seniorSignal}`);
  return `${lines.join('\n')}\n`;
}

function textReport(report: Report): string {
  const width = Math.max('Skill tested'.length, ...report.skills.map((s) => s.skill.length)) + 2;
  const lines = [`\n=== Report: ${report.title} — ${report.score}/100 ===`, '', `Round  ${'Skill tested'.padEnd(width)}Score`];
  report.skills.forEach((s, i) => lines.push(`${String(i + 1).padEnd(7)}${s.skill.padEnd(width)}${String(s.score).padStart(5)}`));
  lines.push('', 'Timeline:');
  for (const t of report.timeline) lines.push(`  ${new Date(t.at).toISOString().slice(11, 19)}  ${t.host.padEnd(15)} ${t.line}${t.evidence.length ? `   <- ${t.evidence.join('; ')}` : ''}`);
  lines.push('', 'The senior path:');
  for (const s of report.seniorPath) lines.push(`  $ ${s.command}\n      ${s.why}`);
  return `${lines.join('\n')}\n`;
}

/** Handles one input line; returns false when the session should end. */
function handle(session: Session, line: string, at: number, out: (s: string) => void): boolean {
  if (line === ':report') { out(textReport(session.report())); return true; }
  if (line === ':quit') return false;
  const e = playLine(session, line, at);
  if (!e) out(line.trim() === ':hint' ? 'No more hints for this round.\n' : '');
  else if (e.kind === 'command') out(`${e.prompt}${e.line}\n${e.output}`);
  else if (e.kind === 'hint') out(`Hint (-${e.cost}): ${e.text}\n`);
  else out(feedback(e.result) + (session.finished ? '' : roundBanner(session)));
  return !session.finished;
}

async function main(): Promise<number> {
  const opts = parseArgs(process.argv.slice(2));
  if (typeof opts === 'string') { process.stderr.write(`${opts ? `sim: ${opts}\n\n` : ''}${USAGE}`); return opts ? 2 : 0; }
  const loaded = loadScenario(opts.scenario!);
  if (!loaded.ok) { process.stderr.write(`sim: ${loaded.error}\n`); return 2; }
  const { scenario, variant } = variantOf(loaded.scenario, opts.seed);
  rename = variant.rename;
  const session = Session.start(scenario);
  const out = (s: string) => { process.stdout.write(s); };
  out(`${scenario.meta.title} (${scenario.meta.difficulty}, ${scenario.meta.duration})${opts.seed ? `, variant ${opts.seed}: ${describeVariant(variant)}` : ''}\n`);
  out(roundBanner(session));
  if (opts.script) {
    let text: string;
    try { text = readFileSync(opts.script, 'utf8'); } catch { process.stderr.write(`sim: cannot read ${opts.script}\n`); return 2; }
    for (const raw of rename(text).split('\n')) {
      const line = raw.replace(/\r$/, '');
      if (line.trim() === '' || /^\s*#/.test(line)) continue;
      if (!handle(session, line, session.now + opts.think, out)) break;
    }
  } else {
    const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: session.prompt(), terminal: process.stdin.isTTY });
    const started = Date.now();
    const virtualStart = session.now;
    rl.prompt();
    for await (const line of rl) {
      if (!handle(session, line, virtualStart + (Date.now() - started), out)) break;
      rl.setPrompt(session.prompt());
      rl.prompt();
    }
    rl.close();
  }
  const report = session.report();
  if (opts.report === 'json') out(`${JSON.stringify(report, null, 2)}\n`);
  else if (opts.report === 'markdown') out(reportMarkdown(report, { modelAnswers: Object.fromEntries(Object.entries(modelAnswers(scenario)).map(([k, v]) => [k, rename(v)])) }));
  else out(textReport(report));
  return 0;
}

main().then((code) => { process.exitCode = code; }, (e) => { process.stderr.write(`sim: ${(e as Error).stack}\n`); process.exitCode = 1; });
