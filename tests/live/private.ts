/**
 * The private text of a scenario, as a candidate must never receive it: every string of the private
 * part (rubric labels and reasons, weak answers, the trap, hints, senior signal and path) and every
 * line of the model answers. Strings that also appear in the public part (a label quoting a log line
 * the cluster prints, say) are not secrets and are left out, as are very short ones.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitScenario } from '../../src/core/scenario/split.ts';
import type { Scenario } from '../../src/core/scenario/types.ts';
import { mdxAsMarkdown } from '../../src/core/report/mdx.ts';

const ROOT = join(import.meta.dirname, '..', '..');

function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) v.forEach((x) => strings(x, out));
  else if (v && typeof v === 'object') Object.values(v).forEach((x) => strings(x, out));
  return out;
}

/** Private strings of `scenario` at least `min` characters long that the public part does not contain. */
export function privateTexts(scenario: Scenario, min = 24): string[] {
  const { public: pub, private: priv } = splitScenario(scenario);
  const publicText = JSON.stringify(pub) + pub.rounds.map((r) => readFileSync(join(ROOT, 'content', r.prompt), 'utf8')).join('\n');
  const privateRubric = strings(priv.rounds.map((r) => r.rubric)).concat(strings(priv.seniorPath));
  const models = priv.rounds.flatMap((r) => mdxAsMarkdown(readFileSync(join(ROOT, 'content', r.modelAnswer), 'utf8')).split('\n'));
  const all = [...privateRubric, ...models].map((s) => s.trim()).filter((s) => s.length >= min && !publicText.includes(s));
  return [...new Set(all)];
}
