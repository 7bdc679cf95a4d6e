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

/** Writes the kubeconfig back as kubectl does (clientcmd.WriteToFile: YAML, keys sorted), through the simulator's file action. */
export function saveKubeconfig(ctx: Pick<CommandContext, 'dispatch'>, cfg: Kubeconfig): void {
  ctx.dispatch({ type: 'host/writeFile', host: 'laptop', path: KUBECONFIG_PATH, text: printYaml(cfg) });
}
