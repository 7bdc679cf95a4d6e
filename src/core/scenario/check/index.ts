/**
 * The scenario check: every problem of a scenario file at once, each located and worded for an
 * author who does not read src/:
 * `scenarios/<id>.yaml:LINE:COL: rounds[opening].rubric.evidence[saw-401]: what is wrong — the fix`.
 * YAML syntax, the schema and the cross-references all run on every call (no stage hides another).
 */
import type { z } from 'zod';
import { scenarioSchema, type ScenarioFile } from '../schema.ts';
import type { Scenario } from '../types.ts';
import { findIndentProblem, findUnclosedFlow } from './indent.ts';
import { displayPath, SourceMap } from './locate.ts';
import { referenceProblems } from './references.ts';
import { applyPreset, filePath } from '../presets.ts';
import { describeIssue, type RawProblem } from './schemaIssues.ts';

export type { RawProblem } from './schemaIssues.ts';

/** One problem, located. */
export interface Problem {
  file: string;
  line: number;
  col: number;
  /** The field, by ids: `rounds[opening].rubric.evidence[saw-401].any[0].flags[0]`. */
  field: string;
  /** What is wrong — the fix. */
  message: string;
  /** Playable but surely unintended: `scenario:check` fails on it, the loader does not. */
  warning?: boolean;
}

/** `file:LINE:COL: field: message`, the form editors and CI annotate. */
export const formatProblem = (p: Problem) => `${p.file}:${p.line}:${p.col}: ${p.field}: ${p.warning ? 'warning: ' : ''}${p.message}`;

export interface CheckOptions {
  /** Whether a path under content/ exists; without it the prose files are not checked. */
  contentExists?: (path: string) => boolean;
}

export interface CheckResult {
  /** The scenario, when there are no problems. */
  scenario?: Scenario;
  problems: Problem[];
}

const YAML_WORDS: Record<string, string> = {
  BAD_INDENT: 'this line is not indented like its siblings',
  MISSING_CHAR: 'a list item lacks its "- " or a mapping its ":"',
  MULTILINE_IMPLICIT_KEY: 'a key runs over more than one line (a missing ":" or a line indented too far)',
  BLOCK_AS_IMPLICIT_KEY: 'a nested mapping where a key was expected (check the indentation above)',
  DUPLICATE_KEY: 'this key appears twice in the same mapping — keep one',
  UNEXPECTED_TOKEN: 'unexpected character',
  BAD_SCALAR_START: 'a value starts with a character YAML reserves (quote it)',
  TAB_AS_INDENT: 'a tab is used for indentation — YAML indents with spaces only',
};

/** The id a file name implies: `scenarios/sigill-node.yaml` → `sigill-node`. */
export const idOfFile = (file: string) => /([^/\\]+)\.ya?ml$/.exec(file)?.[1];

/**
 * Any YAML file against a zod schema, with extra checks on its data: every problem located and
 * worded as checkScenario does (used for scenarios and for calibration sets).
 */
export function checkYaml<T>(file: string, text: string, schema: z.ZodType<T>, extra: (data: unknown) => RawProblem[] = () => [], prepare?: (data: unknown) => Prepared): { data?: T; problems: Problem[] } {
  const src = new SourceMap(text);
  const problems: Problem[] = [];
  const located: { raw: RawProblem; data: unknown }[] = [];
  // YAML syntax: plain words, and for indentation the line that is really wrong.
  let broken: { from: number; to: number } | undefined;
  if (src.doc.errors.length) {
    const first = src.doc.errors[0];
    const firstPos = src.at(first.pos[0]);
    const lastPos = src.at(src.doc.errors[src.doc.errors.length - 1].pos[0]);
    const unclosed = /end with an? [\]}]/.test(first.message) ? findUnclosedFlow(text, firstPos.line) : undefined;
    const indent = unclosed ?? (first.code === 'DUPLICATE_KEY' ? undefined : findIndentProblem(text, lastPos.line + 2));
    if (indent) problems.push({ file, line: indent.line, col: indent.col, field: '(YAML)', message: unclosed ? indent.message : `broken indentation: ${indent.message}` });
    for (const e of src.doc.errors) {
      const pos = src.at(e.pos[0]);
      if (indent && e.code !== 'DUPLICATE_KEY') continue;
      const parser = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
      problems.push({ file, line: pos.line, col: pos.col, field: '(YAML)', message: `${YAML_WORDS[e.code] ? `${YAML_WORDS[e.code]} (the parser says: ${parser})` : parser} — fix the YAML here` });
    }
    broken = { from: Math.min(indent?.line ?? firstPos.line, firstPos.line), to: lastPos.line + 1 };
  }
  let data: unknown;
  try { data = src.doc.toJS({ maxAliasCount: 100 }); } catch { data = undefined; }
  let toFile = (path: RawProblem['path']) => path;
  if (prepare) {
    const p = prepare(data);
    data = p.data;
    for (const raw of p.problems) located.push({ raw, data });
    if (p.toFile) toFile = p.toFile;
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) for (const issue of parsed.error.issues) for (const raw of describeIssue(schema, issue, data)) located.push({ raw, data });
  for (const raw of extra(data)) located.push({ raw, data });
  const seen = new Set<string>();
  for (const { raw } of located) {
    const at = toFile(raw.path);
    const pos = src.position(at, raw.atKey && at.length === raw.path.length);
    // Around a syntax error the structure is guesswork: fields there are not reported twice.
    if (broken && pos.line >= broken.from && pos.line <= broken.to) continue;
    // A syntax error loses what follows it: fields reported missing are its echo, not news.
    if (broken && raw.message.startsWith('missing field')) continue;
    const p: Problem = { file, ...pos, field: displayPath(raw.path, data), message: raw.message, ...(raw.warning ? { warning: true } : {}) };
    const key = formatProblem(p);
    if (!seen.has(key)) { seen.add(key); problems.push(p); }
  }
  problems.sort((a, b) => a.line - b.line || a.col - b.col);
  if (problems.some((p) => !p.warning) || !parsed.success) return { problems };
  return { problems, data: parsed.data };
}

/** What a file's data becomes before its schema sees it (a preset applied), and how to find its fields in the file. */
export interface Prepared {
  data: unknown;
  problems: RawProblem[];
  /** A path into `data` as a path into the file as written. */
  toFile?: (path: RawProblem['path']) => RawProblem['path'];
}

/** Checks a scenario file's text (with its cluster preset applied); see the module comment. */
export function checkScenario(file: string, text: string, opts: CheckOptions = {}): CheckResult {
  const prepare = (data: unknown): Prepared => {
    const r = applyPreset(data);
    return { ...r, toFile: (path) => filePath(path, r.data) };
  };
  const r = checkYaml(file, text, scenarioSchema, (data) => referenceProblems(data, { expectedId: idOfFile(file), contentExists: opts.contentExists }), prepare);
  return r.data ? { problems: r.problems, scenario: toScenario(file, r.data) } : { problems: r.problems };
}

/** The validated file as the simulator's Scenario. */
export function toScenario(file: string, s: ScenarioFile): Scenario {
  return {
    schemaVersion: 1,
    meta: { id: s.id, title: s.title, summary: s.summary, category: s.category, difficulty: s.difficulty, duration: s.duration, domains: s.domains },
    cluster: s.cluster,
    faults: s.faults,
    faultyNodes: s.faultyNodes,
    rounds: s.rounds.map((r) => ({ id: r.id, title: r.title, skill: r.skill, prompt: r.prompt, modelAnswer: r.modelAnswer, rubric: r.rubric, ...(r.onStart ? { onStart: r.onStart } : {}) })),
    seniorPath: s.seniorPath,
    ...(s.variants ? { variants: s.variants } : {}),
    file,
  };
}
