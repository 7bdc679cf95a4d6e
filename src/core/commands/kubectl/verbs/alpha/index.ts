import type { KubectlVerb } from '../../verb.ts';

/** What kubectl 1.33's `alpha` writes to stderr: it ships no alpha sub-commands. */
export const NO_ALPHA = 'No alpha commands are available in this version of kubectl\n';

/**
 * `kubectl alpha` (1.33): a command group with nothing in it. Its run and its help both print
 * the notice to stderr and exit 0, whatever words follow; an unknown flag is still pflag's error.
 */
export const alpha: KubectlVerb = {
  name: 'alpha',
  short: 'Commands for features in alpha',
  usage: 'kubectl alpha [flags] [options]',
  flags: [],
  takesArgs: true,
  answersHelp: true,
  run: () => ({ stdout: '', stderr: NO_ALPHA, exitCode: 0 }),
};
