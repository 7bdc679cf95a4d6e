import type { KubectlVerb } from '../../verb.ts';
import { verbHelp } from '../../root/help.ts';

const EXAMPLES = '# List all available plugins\nkubectl plugin list\n\n# List only binary names of available plugins without paths\nkubectl plugin list --name-only';

/**
 * `kubectl plugin list` (1.33): plugins are `kubectl-*` executables on the PATH, and the
 * learner's laptop has none, so it answers kubectl's own error and exit 1.
 */
const list: KubectlVerb = {
  name: 'list',
  short: "List all visible plugin executables on a user's PATH",
  long: 'List all available plugin files on a user\'s PATH. To see plugins binary names without the full path use --name-only flag.\n\n Available plugin files are those that are: - executable - anywhere on the user\'s PATH - begin with "kubectl-"',
  examples: EXAMPLES,
  usage: 'kubectl plugin list [flags] [options]',
  flags: [{ name: 'name-only', type: 'bool', help: 'If true, display only the binary name of each plugin, rather than its full path' }],
  run: () => ({ stdout: '', stderr: 'error: unable to find any kubectl plugins in your PATH\n', exitCode: 1 }),
};

/** `kubectl plugin`: its help, and `list`. */
export const plugin: KubectlVerb = {
  name: 'plugin',
  short: 'Provides utilities for interacting with plugins',
  long: 'Provides utilities for interacting with plugins.\n\n Plugins provide extended functionality that is not part of the major command-line distribution. Please refer to the documentation and examples for more information about how write your own plugins.\n\n The easiest way to discover and install plugins is via the kubernetes sub-project krew: [krew.sigs.k8s.io]. To install krew, visit https://krew.sigs.k8s.io/docs/user-guide/setup/install',
  examples: EXAMPLES,
  usage: 'kubectl plugin [flags] [options]',
  flags: [],
  subcommands: [list],
  run: () => ({ stdout: verbHelp(plugin), stderr: '', exitCode: 0 }),
};
