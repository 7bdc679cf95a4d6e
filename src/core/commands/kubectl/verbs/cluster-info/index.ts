import type { Service } from '../../../../model/k8s.ts';
import type { CommandContext } from '../../../types.ts';
import type { KubectlVerb } from '../../verb.ts';
import { loadKubeconfig } from '../config/file.ts';
import { currentContextOf } from '../../../../kubeconfig.ts';
import { clusterInfoDump } from './dump.ts';

/** go-colortext's ANSI sequences (green, yellow, reset), which kubectl writes only to a terminal. */
const GREEN = '\x1b[0;32m';
const YELLOW = '\x1b[0;33m';
const RESET = '\x1b[0m';

/** Whether this command's stdout is the terminal (last stage of its pipeline), as kubectl's colour check sees it. */
const toTerminal = (ctx: CommandContext) => !ctx.pipeline || ctx.pipeline.index === ctx.pipeline.stages.length - 1;

/**
 * `kubectl cluster-info` (kubectl 1.33 clusterinfo.go): the API server's address from the
 * kubeconfig, then every Service labelled `kubernetes.io/cluster-service=true` in kube-system (or
 * `-n`) with its API-server proxy URL, named by its `kubernetes.io/name` label.
 */
export const clusterInfo: KubectlVerb = {
  name: 'cluster-info',
  short: 'Display cluster information',
  long: "Display addresses of the control plane and services with label kubernetes.io/cluster-service=true. To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.",
  examples: '# Print the address of the control plane and cluster services\nkubectl cluster-info',
  usage: 'kubectl cluster-info [flags] [options]',
  flags: [],
  subcommands: [clusterInfoDump],
  // cobra ignores extra words: `kubectl cluster-info foo` prints cluster-info.
  takesArgs: true,
  run(inv, ctx) {
    const loaded = loadKubeconfig(ctx);
    if ('error' in loaded) return loaded.error;
    const cfg = loaded.config;
    const clusterName = currentContextOf(cfg)?.context?.cluster;
    const server = String(cfg.clusters.find((c) => c.name === clusterName)?.cluster?.server ?? 'http://localhost:8080');
    const ns = inv.flags.given.has('namespace') ? inv.namespace : 'kube-system';
    const color = toTerminal(ctx);
    const line = (name: string, link: string) => color ? `${GREEN}${name}${RESET} is running at ${YELLOW}${link}${RESET}\n` : `${name} is running at ${link}\n`;
    const services = Object.values(ctx.state.services)
      .filter((s): s is Service => s.metadata.namespace === ns && s.metadata.labels?.['kubernetes.io/cluster-service'] === 'true')
      .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
    let out = line('Kubernetes control plane', server);
    for (const s of services) {
      const port = s.spec.ports?.[0];
      const portName = port?.name ? `:${port.name}` : '';
      out += line(s.metadata.labels?.['kubernetes.io/name'] || s.metadata.name, `${server}/api/v1/namespaces/${ns}/services/${s.metadata.name}${portName}/proxy`);
    }
    out += "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n";
    return { stdout: out, stderr: '', exitCode: 0 };
  },
};
