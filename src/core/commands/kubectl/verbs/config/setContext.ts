import type { KubectlVerb } from '../../verb.ts';
import { fail, loadKubeconfig, saveKubeconfig } from './file.ts';


/**
 * `kubectl config set-context [NAME | --current] [--cluster=…] [--user=…] [--namespace=…]`
 * (kubectl 1.33 create_context.go): creates or modifies a context; an empty `--namespace=`
 * removes the field. `set-context --current --namespace=X` is how people change their default
 * namespace, which every later kubectl command then uses.
 */
export const setContext: KubectlVerb = {
  name: 'set-context',
  short: 'Set a context entry in kubeconfig',
  long: 'Set a context entry in kubeconfig.\n\n Specifying a name that already exists will merge new fields on top of existing values for those fields.',
  examples: '# Set the user field on the gce context entry without touching other values\nkubectl config set-context gce --user=cluster-admin',
  usage: 'kubectl config set-context [NAME | --current] [--cluster=cluster_nickname] [--user=user_nickname] [--namespace=namespace] [options]',
  flags: [
    { name: 'cluster', type: 'string', help: 'cluster for the context entry in kubeconfig' },
    { name: 'current', type: 'bool', help: 'Modify the current context' },
    { name: 'namespace', type: 'string', help: 'namespace for the context entry in kubeconfig' },
    { name: 'user', type: 'string', help: 'user for the context entry in kubeconfig' },
  ],
  run(inv, ctx) {
    const v = inv.flags.values;
    const name = inv.flags.positionals[0] ?? '';
    if (v.current === true && name !== '') return fail('you cannot specify both a context name and --current');
    if (v.current !== true && name === '') return fail('you must specify a non-empty context name or --current');
    const loaded = loadKubeconfig(ctx);
    if ('error' in loaded) return loaded.error;
    const cfg = loaded.config;
    const target = v.current === true ? cfg['current-context'] : name;
    if (target === '') return fail('no current context is set');
    const existing = cfg.contexts.find((c) => c.name === target);
    const context = { cluster: '', user: '', ...existing?.context };
    for (const field of ['cluster', 'user', 'namespace'] as const) {
      if (inv.flags.given.has(field)) {
        const value = String(v[field] ?? '');
        if (value === '' && field === 'namespace') delete context.namespace; else context[field] = value;
      }
    }
    const contexts = existing ? cfg.contexts.map((c) => (c === existing ? { ...c, context } : c)) : [...cfg.contexts, { name: target, context }];
    saveKubeconfig(ctx, { ...cfg, contexts });
    return { stdout: `Context "${target}" ${existing ? 'modified' : 'created'}.\n`, stderr: '', exitCode: 0 };
  },
};
