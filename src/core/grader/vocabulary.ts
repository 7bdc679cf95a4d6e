/**
 * What a rubric matcher may name, read from the command registry itself (Command.verbs / flags,
 * docs/shapes.md §1), located field by field with "did you mean": the scenario check turns each into
 * `…any[0].flags[0]: "kubectl logs" has no flag --prevous — did you mean "previous"?`.
 * This is the one place those rules live.
 */
import { commands } from '../commands/registry.ts';
import type { Command } from '../commands/types.ts';
import type { FlagSpec } from '../commands/flags.ts';
import { KINDS, resolveKind } from '../kinds/registry.ts';
import { builtins } from '../shell/builtins/index.ts';
import type { CommandMatcher } from './types.ts';

/** Tools the session provides besides the registry (ssh from the laptop). */
const SESSION_TOOLS = ['ssh'];

/** Every tool name a matcher may use: registry commands, the session's ssh, the shell's builtins. */
export function toolNames(): string[] {
  return [...new Set([...commands.map((c) => c.name), ...SESSION_TOOLS, ...builtins.map((b) => b.name)])].sort();
}

/** One thing wrong with a matcher: the field (with the list index or map key), and the message. */
export interface MatcherProblem { field: (string | number)[]; atKey?: boolean; message: string }

/**
 * Checks a rubric matcher against the command registry: the tool exists, the verb path is one the
 * tool has, every flag is one that verb (or tool) knows, kubectl resources are resource types.
 * `suggest` words the "did you mean" (scenario/check/suggest.ts).
 */
export function matcherProblems(m: CommandMatcher, suggest: (typed: string, valid: readonly string[]) => string): MatcherProblem[] {
  const out: MatcherProblem[] = [];
  const command: Command | undefined = commands.find((c) => c.name === m.tool);
  if (!command) {
    if (!toolNames().includes(m.tool)) return [{ field: ['tool'], message: `no tool "${m.tool}" in the simulator — ${suggest(m.tool, toolNames())}` }];
    if (m.verb) out.push({ field: ['verb'], message: `${m.tool} has no sub-commands or flag table to match — drop \`verb\`` });
    if (m.flags) out.push({ field: ['flags'], message: `${m.tool} has no flag table to match — drop \`flags\`` });
    return out;
  }
  let flags: readonly FlagSpec[] | undefined = command.flags;
  let where = m.tool;
  if (command.verbs) {
    const verbs = command.verbs();
    const path = m.verb ?? [];
    let under = verbs;
    for (let i = 0; i < path.length; i++) {
      const next = under.filter((v) => v.path[i] === path[i]);
      if (next.length === 0) {
        const valid = [...new Set(under.map((v) => v.path[i]).filter((x): x is string => !!x))];
        out.push({ field: ['verb', i], message: `${[m.tool, ...path.slice(0, i)].join(' ')} has no sub-command "${path[i]}" — ${suggest(path[i], valid)}` });
        return out;
      }
      under = next;
    }
    // A flag is valid when some verb at or below the path has it.
    flags = [...new Map(under.flatMap((v) => v.flags).map((f) => [f.name, f])).values()];
    if (path.length) where = `${m.tool} ${path.join(' ')}`;
  } else if (m.verb) out.push({ field: ['verb'], message: `${m.tool} has no sub-commands — drop \`verb\` (match positionals with \`args\`)` });
  const wanted = m.flags ? (Array.isArray(m.flags) ? m.flags.map((f, i) => ({ f, field: ['flags', i] as (string | number)[], atKey: false })) : Object.keys(m.flags).map((f) => ({ f, field: ['flags', f] as (string | number)[], atKey: true }))) : [];
  if (wanted.length && !flags) out.push({ field: ['flags'], message: `${m.tool} exposes no flag table, so its flags cannot be matched — match its output or args instead` });
  else if (flags) {
    const names = flags.map((f) => f.name);
    for (const { f, field, atKey } of wanted) {
      if (names.includes(f)) continue;
      const long = flags.find((x) => x.short === f)?.name;
      out.push({ field, atKey, message: long ? `write flags by their long name — "${long}" (for -${f})` : `"${where}" has no flag --${f} — ${suggest(f, names)}` });
    }
  }
  if (m.resources) {
    if (m.tool !== 'kubectl') out.push({ field: ['resources'], message: 'only kubectl addresses resources — drop `resources`' });
    else m.resources.forEach((r, i) => {
      if (!resolveKind(r)) out.push({ field: ['resources', i], message: `kubectl knows no resource type "${r}" — ${suggest(r, KINDS.flatMap((t) => [t.plural, t.singular, ...t.shortNames]))}` });
    });
  }
  return out;
}
