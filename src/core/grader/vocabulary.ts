/**
 * What a rubric matcher may name, read from the command registry itself: the tools of every place,
 * kubectl's verbs and sub-commands, and the long flags each knows. The scenario check uses it to
 * refuse a matcher that could never match (a tool, verb or flag the simulator does not have), so a
 * typo in a rubric fails at check time instead of silently costing every learner the points.
 */
import { commands } from '../commands/registry.ts';
import type { FlagSpec } from '../commands/flags.ts';
import { GLOBAL_FLAGS, HELP_FLAG } from '../commands/kubectl/root/globalFlags.ts';
import { VERBS } from '../commands/kubectl/verbs/registry.ts';
import type { KubectlVerb } from '../commands/kubectl/verb.ts';
import { RESOURCE_TYPES, resolveResourceType } from '../commands/kubectl/resources.ts';
import { builtins } from '../shell/builtins/index.ts';
import type { Place } from '../commands/types.ts';
import type { CommandMatcher } from './types.ts';
import { editDistance } from './typos.ts';

/** Tools the session itself provides besides the registry (ssh from the laptop). */
const SESSION_TOOLS: readonly { name: string; places: Place[]; summary: string }[] = [
  { name: 'ssh', places: ['laptop'], summary: 'log in to a node' },
];

/** Every tool name a matcher may use: registry commands, the session's ssh, the shell's builtins. */
export function toolNames(): string[] {
  return [...new Set([...commands.map((c) => c.name), ...SESSION_TOOLS.map((t) => t.name), ...builtins.map((b) => b.name)])].sort();
}

/** The flag table a command exposes, when it does (`Command.flags`, docs/shapes.md §1). */
function commandFlags(tool: string): readonly FlagSpec[] | undefined {
  const c = commands.find((x) => x.name === tool) as { flags?: readonly FlagSpec[] } | undefined;
  return c?.flags;
}

const verbNames = (list: readonly KubectlVerb[]) => list.flatMap((v) => [v.name, ...(v.aliases ?? [])]);
const findVerb = (list: readonly KubectlVerb[], word: string) => list.find((v) => v.name === word || (v.aliases ?? []).includes(word));

/** The kubectl verb path a matcher's args name (`[rollout, undo]`), and the flags valid there. */
export function kubectlFlags(path: readonly string[]): { verbs: KubectlVerb[]; flags: FlagSpec[] } {
  const verbs: KubectlVerb[] = [];
  let level: readonly KubectlVerb[] = VERBS;
  for (const w of path) {
    const v = findVerb(level, w);
    if (!v) break;
    verbs.push(v);
    level = v.subcommands ?? [];
  }
  return { verbs, flags: [...GLOBAL_FLAGS, HELP_FLAG, ...verbs.flatMap((v) => v.flags)] };
}

/** One thing wrong with a matcher: which of its fields, which entry, and what to write instead. */
export interface MatcherProblem { field: 'tool' | 'args' | 'flags'; index?: number; message: string }

const VERBS_READING_TYPES = new Set(['get', 'describe', 'delete', 'label', 'annotate', 'explain', 'edit']);

/**
 * Checks a rubric matcher against the command registry: the tool exists somewhere, a kubectl
 * matcher's first arg is a verb (and the next a sub-command where the verb has them, a resource
 * type where the verb reads one), and every flag is a long flag that command knows.
 * `suggest` words the "did you mean" (scenario/check/suggest.ts).
 */
export function matcherProblems(m: CommandMatcher, suggest: (typed: string, valid: readonly string[]) => string): MatcherProblem[] {
  const out: MatcherProblem[] = [];
  const tools = toolNames();
  if (!tools.includes(m.tool)) {
    out.push({ field: 'tool', message: `no tool "${m.tool}" in the simulator — ${suggest(m.tool, tools)}` });
    return out;
  }
  let flags: readonly FlagSpec[] | undefined = commandFlags(m.tool);
  let where = m.tool;
  if (m.tool === 'kubectl') {
    const args = m.args ?? [];
    if (args.length > 0 && !findVerb(VERBS, args[0])) {
      out.push({ field: 'args', index: 0, message: `kubectl has no verb "${args[0]}" — ${suggest(args[0], verbNames(VERBS))}` });
    }
    const { verbs, flags: valid } = kubectlFlags(args);
    const last = verbs[verbs.length - 1];
    const next = args[verbs.length];
    if (last?.subcommands?.length && !last.takesArgs && next !== undefined && verbs.length === 1) {
      out.push({ field: 'args', index: 1, message: `"kubectl ${last.name}" has no sub-command "${next}" — ${suggest(next, verbNames(last.subcommands))}` });
    } else if (last && verbs.length === 1 && VERBS_READING_TYPES.has(last.name) && next !== undefined && !next.startsWith('/')) {
      // The word may be an object's name (`[delete, report-fanout]`): only a near miss of a type is a typo.
      const known = RESOURCE_TYPES.flatMap((r) => [r.plural, r.singular, ...r.shortNames]);
      for (const t of next.split('/')[0].split(',')) {
        if (!resolveResourceType(t) && t.length > 3 && known.some((k) => k.length > 3 && editDistance(t, k, 2) <= 2)) out.push({ field: 'args', index: 1, message: `kubectl knows no resource type "${t}" — ${suggest(t, known)}` });
      }
    }
    if (verbs.length) { flags = valid; where = `kubectl ${verbs.map((v) => v.name).join(' ')}`; }
  }
  if (flags) {
    const names = flags.map((f) => f.name);
    (m.flags ?? []).forEach((f, i) => {
      if (names.includes(f)) return;
      const long = flags!.find((x) => x.short === f)?.name;
      out.push({ field: 'flags', index: i, message: long ? `write flags by their long name: "${long}" (for -${f})` : `"${where}" has no flag --${f} — ${suggest(f, names)}` });
    });
  }
  return out;
}
