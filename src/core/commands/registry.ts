import type { Command, Place } from './types.ts';
import { busyboxCommands } from './busybox/index.ts';
import { kubectlCommand } from './kubectl/index.ts';
import { nodeCommands } from './node/index.ts';
import { textCommands } from './text/index.ts';
import { jq } from './jq/index.ts';

/**
 * Every command of the simulated shell, one explicit list (no registration by import side
 * effects). Where a command exists is its own `places`; the shell's builtins (cd, echo, sleep,
 * history, exit…) and the session's `ssh` are apart from these.
 */
export const commands: readonly Command[] = [kubectlCommand, ...nodeCommands, ...textCommands, jq, ...busyboxCommands];

const byPlace = new Map<Place, Map<string, Command>>();
for (const c of commands) {
  for (const p of c.places) {
    if (!byPlace.has(p)) byPlace.set(p, new Map());
    byPlace.get(p)!.set(c.name, c);
  }
}

/** The command named `name` where the shell is, or undefined (bash: command not found). */
export function findCommand(place: Place, name: string): Command | undefined {
  return byPlace.get(place)?.get(name);
}

/** Names available at a place, for Tab completion. */
export function commandNames(place: Place): string[] {
  return [...(byPlace.get(place)?.keys() ?? [])];
}
