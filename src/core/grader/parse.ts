/**
 * The generic parse record (docs/shapes.md §1) for commands that do not fill `CommandResult.parsed`
 * themselves: read with the command's own flag table and parser when it exposes one
 * (`Command.flags`), else a flag-agnostic split. Never re-reads a command with tables of its own.
 */
import { parseFlags, type FlagSpec } from '../commands/flags.ts';
import { parsedFromFlags, type ParsedCommand } from '../commands/parsed.ts';

const HELP: FlagSpec = { name: 'help', type: 'bool', help: '' };

/**
 * The parse of `argv` by `specs` (the command's own table), or, without one or when it refuses the
 * line, a split that knows no flag: `--name=value` → name: [value], `--name` → name: ['true'],
 * `-abc` → a, b, c: ['true'] (short letters, their long names unknown), the rest positional.
 */
export function genericParse(argv: readonly string[], specs?: readonly FlagSpec[]): ParsedCommand {
  const tool = (argv[0] ?? '').split('/').pop() ?? '';
  const args = argv.slice(1);
  if (specs) {
    const p = parseFlags(args, specs.some((s) => s.name === 'help') ? specs : [...specs, HELP]);
    if (p.ok) return parsedFromFlags(tool, [], p.flags);
  }
  const flags: Record<string, string[]> = {};
  const positionals: string[] = [];
  const add = (k: string, v: string) => (flags[k] ??= []).push(v);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') { positionals.push(...args.slice(i + 1)); break; }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      if (eq < 0) add(a.slice(2), 'true');
      else add(a.slice(2, eq), a.slice(eq + 1));
    } else if (a.startsWith('-') && a.length > 1 && !/^-\d/.test(a)) {
      for (const c of a.slice(1)) add(c, 'true');
    } else positionals.push(a);
  }
  return { tool, verb: [], flags, args: positionals };
}
