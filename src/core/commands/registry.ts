import type { Command, Place } from './types.ts';
import { busyboxCommands } from './busybox/index.ts';
import { kubectlCommand } from './kubectl/index.ts';
import { nodeCommands } from './node/index.ts';
import { textCommands } from './text/index.ts';
import { jq } from './jq/index.ts';
import { netshootCommands } from './netshoot/index.ts';
import type { Toolset } from '../container/toolsets.ts';

/**
 * Every command of the simulated shell, one explicit list (no registration by import side
 * effects). Where a command exists is its own `places`; the shell's builtins (cd, echo, sleep,
 * history, exit…) and the session's `ssh` are apart from these.
 */
export const commands: readonly Command[] = [kubectlCommand, ...nodeCommands, ...textCommands, jq, ...busyboxCommands, ...netshootCommands];

/** Per place and name, the implementations: a later one without toolsets replaces what was there (busybox's cat over the node's). */
const byPlace = new Map<Place, Map<string, Command[]>>();
for (const c of commands) {
  for (const p of c.places) {
    if (!byPlace.has(p)) byPlace.set(p, new Map());
    const named = byPlace.get(p)!;
    named.set(c.name, c.toolsets ? [...(named.get(c.name) ?? []), c] : [c, ...(named.get(c.name) ?? []).filter((x) => x.toolsets)]);
  }
}

/**
 * The command named `name` where the shell is, or undefined (bash: command not found). In a pod
 * container's shell (`toolset` given) the image's own implementation wins, then a shared one.
 */
export function findCommand(place: Place, name: string, toolset?: Toolset): Command | undefined {
  const candidates = byPlace.get(place)?.get(name) ?? [];
  return candidates.find((c) => toolset !== undefined && c.toolsets?.includes(toolset)) ?? candidates.find((c) => !c.toolsets);
}

/** Names available at a place, for Tab completion. */
export function commandNames(place: Place): string[] {
  return [...(byPlace.get(place)?.keys() ?? [])];
}
