import type { CommandContext, CommandResult } from '../../../types.ts';
import { KUBECONFIG_PATH, parseKubeconfig, type Kubeconfig } from '../../../../kubeconfig.ts';
import { printYaml } from '../../../../printers/yaml.ts';

/**
 * The kubeconfig kubectl loads for this command: the laptop's ~/.kube/config (the default one when
 * the file was removed), or kubectl's loading error, ready to return.
 */
export function loadKubeconfig(ctx: Pick<CommandContext, 'readFile' | 'state'>): { config: Kubeconfig } | { error: CommandResult } {
  const file = ctx.readFile(KUBECONFIG_PATH);
  const parsed = parseKubeconfig(file.ok ? file.text : undefined, ctx.state);
  return 'error' in parsed ? { error: { stdout: '', stderr: `error: ${parsed.error}\n`, exitCode: 1 } } : parsed;
}

/** Booleans clientcmd's v1 types tag omitempty: written only when true. */
const OMIT_FALSE = ['insecure-skip-tls-verify', 'disable-compression', 'colors'];
const dropFalse = (m: Record<string, unknown> | undefined) => Object.fromEntries(Object.entries(m ?? {}).filter(([k, v]) => !(OMIT_FALSE.includes(k) && v === false)));
const byName = <T extends { name: string }>(list: readonly T[]) => [...list].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

/**
 * Writes the kubeconfig back as kubectl does (clientcmd.WriteToFile: the in-memory maps become lists
 * sorted by name, false booleans are omitted, YAML with keys sorted), through the simulator's file action.
 */
export function saveKubeconfig(ctx: Pick<CommandContext, 'dispatch'>, cfg: Kubeconfig): void {
  const written: Kubeconfig = {
    ...cfg,
    clusters: byName(cfg.clusters).map((c) => ({ ...c, cluster: dropFalse(c.cluster) })),
    contexts: byName(cfg.contexts),
    users: byName(cfg.users),
    preferences: dropFalse(cfg.preferences),
  };
  ctx.dispatch({ type: 'host/writeFile', host: 'laptop', path: KUBECONFIG_PATH, text: printYaml(written) });
}
