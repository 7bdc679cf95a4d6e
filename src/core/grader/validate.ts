/**
 * Checks a rubric's command matchers against the command registry, so a rubric cannot wait for a
 * command, verb or flag no learner could ever run: `kubectl logz`, `--prevous`, `etcdctl alarm off`.
 */
import { commands } from '../commands/registry.ts';
import type { Command } from '../commands/types.ts';
import type { FlagSpec } from '../commands/flags.ts';
import { builtinsByName } from '../shell/builtins/index.ts';
import type { CommandMatcher } from './types.ts';

/** Tools that exist outside the registry: the session's `ssh`. */
const SESSION_TOOLS = new Set(['ssh']);

function commandNamed(name: string): Command | undefined {
  return commands.find((c) => c.name === name);
}

const flagNames = (specs: readonly FlagSpec[]) => new Set(specs.map((f) => f.name));

/**
 * What is wrong with a matcher, in an author's words, or undefined when the registry has its tool,
 * its verb path and every flag it names (for that verb).
 */
export function matcherProblem(m: CommandMatcher): string | undefined {
  const command = commandNamed(m.tool);
  if (!command) {
    if (SESSION_TOOLS.has(m.tool) || builtinsByName.has(m.tool)) return m.verb || m.flags ? `\`${m.tool}\` has no verbs or flag table to match` : undefined;
    return `no command "${m.tool}" in the simulated shell (commands/registry.ts)`;
  }
  const wanted = m.flags ? (Array.isArray(m.flags) ? m.flags : Object.keys(m.flags)) : [];
  if (command.verbs) {
    const verbs = command.verbs();
    const path = m.verb ?? [];
    const under = verbs.filter((v) => path.every((w, i) => v.path[i] === w));
    if (under.length === 0) {
      const known = [...new Set(verbs.map((v) => v.path.slice(0, path.length).join(' ')))].sort();
      return `${m.tool} has no verb "${path.join(' ')}": use one of ${known.join(', ')}`;
    }
    // A flag must exist on the verb named (on every verb below it when the path is a prefix, at least one).
    for (const f of wanted) if (!under.some((v) => flagNames(v.flags).has(f))) return `${m.tool} ${path.join(' ')} has no flag --${f}`;
    return undefined;
  }
  if (m.verb) return `${m.tool} has no sub-commands: drop \`verb\` (match positionals with \`args\`)`;
  if (wanted.length) {
    if (!command.flags) return `${m.tool} exposes no flag table (Command.flags), so its flags cannot be matched`;
    const known = flagNames(command.flags);
    for (const f of wanted) if (!known.has(f)) return `${m.tool} has no flag --${f}`;
  }
  if (m.resources && m.tool !== 'kubectl') return `only kubectl addresses resources`;
  return undefined;
}
