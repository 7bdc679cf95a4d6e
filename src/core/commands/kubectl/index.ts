import type { Command } from '../types.ts';
import { runKubectl } from './root/run.ts';
import { completeKubectl } from './root/complete.ts';
import { VERBS } from './verbs/registry.ts';
import { GLOBAL_FLAGS, HELP_FLAG } from './root/globalFlags.ts';
import type { KubectlVerb } from './verb.ts';
import type { FlagSpec } from '../flags.ts';

/** Every verb path with the flags it takes (its own, then the global ones), walking sub-commands. */
function verbPaths(verbs: readonly KubectlVerb[], above: string[] = []): { path: string[]; flags: FlagSpec[] }[] {
  return verbs.flatMap((v) => [
    { path: [...above, v.name], flags: [...v.flags, ...GLOBAL_FLAGS, HELP_FLAG] },
    ...verbPaths(v.subcommands ?? [], [...above, v.name]),
  ]);
}

/** The `kubectl` command of the learner's laptop: verbs from verbs/registry.ts, flags and help in root/. */
export const kubectlCommand: Command = {
  name: 'kubectl',
  places: ['laptop'],
  summary: 'kubectl controls the Kubernetes cluster manager',
  run: (ctx) => runKubectl(ctx, VERBS),
  complete: (words, partial, ctx) => completeKubectl(words, partial, ctx, VERBS),
  verbs: () => verbPaths(VERBS),
};
