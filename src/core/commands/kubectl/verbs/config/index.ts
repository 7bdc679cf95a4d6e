import type { KubectlVerb } from '../../verb.ts';
import { renderTable } from '../../../../printers/table.ts';
import { verbHelp } from '../../root/help.ts';
import { loadKubeconfig, saveKubeconfig } from './file.ts';
import { view } from './view.ts';
import { setContext } from './setContext.ts';
import { deleteCluster, deleteContext, deleteUser, getClusters, getUsers, renameContext } from './entries.ts';
import { set, unset } from './property.ts';
import { setCluster, setCredentials } from './credentials.ts';

const currentContext: KubectlVerb = {
  name: 'current-context',
  short: 'Display the current-context',
  long: 'Display the current-context.',
  examples: '# Display the current-context\nkubectl config current-context',
  usage: 'kubectl config current-context [options]',
  flags: [],
  run(_inv, ctx) {
    const loaded = loadKubeconfig(ctx);
    if ('error' in loaded) return loaded.error;
    const name = loaded.config['current-context'];
    if (name === '') return { stdout: '', stderr: 'error: current-context is not set\n', exitCode: 1 };
    return { stdout: `${name}\n`, stderr: '', exitCode: 0 };
  },
};

const getContexts: KubectlVerb = {
  name: 'get-contexts',
  short: 'Describe one or many contexts',
  long: 'Display one or many contexts from the kubeconfig file.',
  examples: '# List all the contexts in your kubeconfig file\nkubectl config get-contexts',
  usage: 'kubectl config get-contexts [(-o|--output=)name)] [options]',
  flags: [
    { name: 'output', short: 'o', type: 'string', help: 'Output format. One of: (name).' },
    { name: 'no-headers', type: 'bool', help: "When using the default or custom-column output format, don't print headers (default print headers)." },
  ],
  run(inv, ctx) {
    const loaded = loadKubeconfig(ctx);
    if ('error' in loaded) return loaded.error;
    const cfg = loaded.config;
    const wanted = inv.flags.positionals;
    const missing = wanted.find((n) => !cfg.contexts.some((c) => c.name === n));
    if (missing) return { stdout: '', stderr: `error: context ${missing} not found\n`, exitCode: 1 };
    const shown = [...cfg.contexts].filter((c) => wanted.length === 0 || wanted.includes(c.name)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    if (inv.flags.values.output === 'name') return { stdout: shown.map((c) => `${c.name}\n`).join(''), stderr: '', exitCode: 0 };
    const rows = shown.map((c) => [c.name === cfg['current-context'] ? '*' : '', c.name, c.context?.cluster ?? '', c.context?.user ?? '', c.context?.namespace ?? '']);
    return { stdout: renderTable(['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE'], rows, inv.flags.values['no-headers'] === true), stderr: '', exitCode: 0 };
  },
};

const useContext: KubectlVerb = {
  name: 'use-context',
  aliases: ['use'],
  short: 'Set the current-context in a kubeconfig file',
  long: 'Set the current-context in a kubeconfig file.',
  examples: "# Use the context for the minikube cluster\nkubectl config use-context minikube",
  usage: 'kubectl config use-context CONTEXT_NAME [options]',
  flags: [],
  run(inv, ctx) {
    const name = inv.flags.positionals[0];
    if (!name) return { stdout: '', stderr: `error: empty context names are not allowed\n`, exitCode: 1 };
    const loaded = loadKubeconfig(ctx);
    if ('error' in loaded) return loaded.error;
    if (!loaded.config.contexts.some((c) => c.name === name)) return { stdout: '', stderr: `error: no context exists with the name: "${name}"\n`, exitCode: 1 };
    saveKubeconfig(ctx, { ...loaded.config, 'current-context': name });
    return { stdout: `Switched to context "${name}".\n`, stderr: '', exitCode: 0 };
  },
};

/** `kubectl config`: the kubeconfig on the laptop (~/.kube/config), read and edited as kubectl does. */
export const config: KubectlVerb = {
  name: 'config',
  short: 'Modify kubeconfig files',
  long: `Modify kubeconfig files using subcommands like "kubectl config set current-context my-context".

 The loading order follows these rules:

  1.  If the --kubeconfig flag is set, then only that file is loaded. The flag may only be set once and no merging takes place.
  2.  If $KUBECONFIG environment variable is set, then it is used as a list of paths (normal path delimiting rules for your system). These paths are merged. When a value is modified, it is modified in the file that defines the stanza. When a value is created, it is created in the first file that exists. If no files in the chain exist, then it creates the last file in the list.
  3.  Otherwise, \${HOME}/.kube/config is used and no merging takes place.`,
  usage: 'kubectl config SUBCOMMAND [options]',
  flags: [],
  subcommands: [currentContext, deleteCluster, deleteContext, deleteUser, getClusters, getContexts, getUsers, renameContext, set, setCluster, setContext, setCredentials, unset, useContext, view],
  subcommandPadding: 17,
  run: () => ({ stdout: verbHelp(config), stderr: '', exitCode: 0 }),
};
