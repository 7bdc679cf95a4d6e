/**
 * The kubeconfig's named entries, listed, deleted and renamed: `kubectl config get-clusters`,
 * `get-users`, `delete-context`, `delete-cluster`, `delete-user` and `rename-context`, with
 * kubectl 1.33's messages (pkg/cmd/config in kubernetes/kubectl). Every change is written back to
 * ~/.kube/config on the laptop.
 */
import type { KubectlVerb } from '../../verb.ts';
import type { CommandResult } from '../../../types.ts';
import { KUBECONFIG_PATH, type Kubeconfig } from '../../../../kubeconfig.ts';
import { verbHelp } from '../../root/help.ts';
import { fail, helpError, loadKubeconfig, saveKubeconfig } from './file.ts';

const ok = (stdout: string, stderr = ''): CommandResult => ({ stdout, stderr, exitCode: 0 });

/** The three lists of a kubeconfig and what kubectl calls one entry of each in its messages. */
const LISTS = { clusters: 'cluster', contexts: 'context', users: 'user' } as const;
type ListName = keyof typeof LISTS;

/**
 * `kubectl config get-clusters` / `get-users`: `NAME` and one name per line. kubectl ranges over a
 * Go map for clusters (random order on every run) and sorts users; both come out sorted here, so
 * the answer is stable.
 */
function getNames(list: 'clusters' | 'users'): KubectlVerb {
  return {
    name: `get-${list}`,
    short: `Display ${list} defined in the kubeconfig`,
    long: `Display ${list} defined in the kubeconfig.`,
    examples: `# List the ${list} that kubectl knows about\nkubectl config get-${list}`,
    usage: `kubectl config get-${list} [flags] [options]`,
    flags: [],
    run(_inv, ctx) {
      const loaded = loadKubeconfig(ctx);
      if ('error' in loaded) return loaded.error;
      const names = loaded.config[list].map((e) => e.name).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      return ok(['NAME', ...names].map((n) => `${n}\n`).join(''));
    },
  };
}

/**
 * `kubectl config delete-<entry> NAME`: removes the entry, prints `deleted <entry> NAME from FILE`;
 * a NAME the file lacks is `cannot delete <entry> NAME, not in FILE`. Deleting the current
 * context warns on stderr, as kubectl does, and leaves current-context pointing at it. Without
 * exactly one NAME, delete-context and delete-cluster print their help; delete-user refuses.
 */
function deleteEntry(list: ListName, example: string): KubectlVerb {
  const entry = LISTS[list];
  const verb: KubectlVerb = {
    name: `delete-${entry}`,
    short: `Delete the specified ${entry} from the kubeconfig`,
    long: `Delete the specified ${entry} from the kubeconfig.`,
    examples: example,
    usage: `kubectl config delete-${entry} NAME [options]`,
    flags: [],
    run(inv, ctx) {
      const loaded = loadKubeconfig(ctx);
      if ('error' in loaded) return loaded.error;
      const args = inv.flags.positionals;
      if (args.length !== 1) {
        if (list === 'users') return fail(`user to delete is required\nSee 'kubectl config delete-user -h' for help and examples`);
        return ok(verbHelp(verb));
      }
      const name = args[0];
      const cfg = loaded.config;
      if (!cfg[list].some((e) => e.name === name)) return fail(`cannot delete ${entry} ${name}, not in ${KUBECONFIG_PATH}`);
      const warning = list === 'contexts' && cfg['current-context'] === name
        ? 'warning: this removed your active context, use "kubectl config use-context" to select a different one\n' : '';
      saveKubeconfig(ctx, { ...cfg, [list]: cfg[list].filter((e) => e.name !== name) } as Kubeconfig);
      return ok(`deleted ${entry} ${name} from ${KUBECONFIG_PATH}\n`, warning);
    },
  };
  return verb;
}

/** `kubectl config rename-context CONTEXT_NAME NEW_NAME` (rename_context.go); follows current-context along. */
const renameContext: KubectlVerb = {
  name: 'rename-context',
  short: 'Rename a context from the kubeconfig file',
  long: "Renames a context from the kubeconfig file.\n\n CONTEXT_NAME is the context name that you want to change.\n\n NEW_NAME is the new name you want to set.\n\n Note: If the context being renamed is the 'current-context', this field will also be updated.",
  examples: "# Rename the context 'old-name' to 'new-name' in your kubeconfig file\nkubectl config rename-context old-name new-name",
  usage: 'kubectl config rename-context CONTEXT_NAME NEW_NAME [options]',
  flags: [],
  run(inv, ctx) {
    const args = inv.flags.positionals;
    if (args.length !== 2) return helpError(renameContext, args);
    const [from, to] = args;
    if (to === '') return fail('You must specify a new non-empty context name');
    const loaded = loadKubeconfig(ctx);
    if ('error' in loaded) return loaded.error;
    const cfg = loaded.config;
    if (!cfg.contexts.some((c) => c.name === from)) return fail(`cannot rename the context "${from}", it's not in ${KUBECONFIG_PATH}`);
    if (cfg.contexts.some((c) => c.name === to)) return fail(`cannot rename the context "${from}", the context "${to}" already exists in ${KUBECONFIG_PATH}`);
    saveKubeconfig(ctx, {
      ...cfg,
      contexts: cfg.contexts.map((c) => (c.name === from ? { ...c, name: to } : c)),
      'current-context': cfg['current-context'] === from ? to : cfg['current-context'],
    });
    return ok(`Context "${from}" renamed to "${to}".\n`);
  },
};

export const getClusters = getNames('clusters');
export const getUsers = getNames('users');
export const deleteCluster = deleteEntry('clusters', '# Delete the minikube cluster\nkubectl config delete-cluster minikube');
export const deleteContext = deleteEntry('contexts', '# Delete the context for the minikube cluster\nkubectl config delete-context minikube');
export const deleteUser = deleteEntry('users', '# Delete the minikube user\nkubectl config delete-user minikube');
export { renameContext };
