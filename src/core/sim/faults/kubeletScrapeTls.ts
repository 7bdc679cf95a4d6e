import { z } from 'zod';
import type { ClusterState } from '../../model/state.ts';
import { klogStamp, SECOND } from '../../time.ts';
import { imageMatches } from './missingCpuFlag.ts';
import type { FaultKind, ProbeBehaviour } from './types.ts';

const params = z.object({
  kind: z.literal('kubelet-scrape-tls'),
  /** metrics-server's images (refs, or prefixes ending in `*`). */
  images: z.array(z.string()).min(1),
  /**
   * Why the kubelets' serving certificates fail verification: `ip-sans` (kubelet's self-signed
   * certificate names the host only, and metrics-server dials the node's InternalIP) or
   * `unknown-authority` (signed by a CA metrics-server was not given).
   */
  cause: z.enum(['ip-sans', 'unknown-authority']).default('ip-sans'),
  /** Container args any one of which makes the scrape succeed (default `--kubelet-insecure-tls`). */
  fixedBy: z.array(z.string().startsWith('--')).min(1).default(['--kubelet-insecure-tls']),
}).strict();
type Params = z.infer<typeof params>;

/** metrics-server's default `--metric-resolution`: one scrape of every node per 15 s. */
const RESOLUTION_MS = 15 * SECOND;
/** How far ahead the scrape lines are written at the start of a container no liveness probe kills. */
const HORIZON_MS = 10 * 60 * SECOND;

/** The Ready nodes metrics-server scrapes, with the address it dials (the InternalIP, its default preferred address type). */
function scrapedNodes(state: ClusterState): { name: string; ip: string }[] {
  return Object.values(state.nodes)
    .filter((n) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'))
    .map((n) => ({ name: n.metadata.name, ip: n.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '' }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * metrics-server that cannot verify the kubelets' serving certificates (metrics-server 0.7): every
 * scrape of `https://<InternalIP>:10250/metrics/resource` fails with Go's x509 error, so it has no
 * metrics to serve. Its `/readyz` (metric-storage-ready) and `/livez` answer 500: it never turns
 * Ready (the Service has no endpoints, the APIService `v1beta1.metrics.k8s.io` is not Available,
 * `kubectl top` fails) and, with a liveness probe, kubelet kills it every few probes
 * (CrashLoopBackOff). Its log carries the `Failed to scrape node` and `Failed probe` lines. One of
 * the `fixedBy` args on the container (`--kubelet-insecure-tls`: skip verification) lets it scrape.
 */
export const kubeletScrapeTls: FaultKind<Params> = {
  kind: 'kubelet-scrape-tls',
  description: 'The metrics server cannot verify the kubelets\' serving certificates: no metrics, never Ready (500 on its probes), killed by its liveness probe; an arg such as --kubelet-insecure-tls heals it.',
  params,
  stages: ['probe'],
  probe(rule, { state, container }): ProbeBehaviour | undefined {
    if (!imageMatches(rule.images, container.image)) return undefined;
    const args = [...(container.command ?? []), ...(container.args ?? [])];
    // The rule arrives as written in the scenario: defaults are applied here.
    const fixedBy = rule.fixedBy ?? ['--kubelet-insecure-tls'];
    if (args.some((a) => fixedBy.some((f) => a === f || (a.startsWith(`${f}=`) && a !== `${f}=false`)))) return undefined;
    const nodes = scrapedNodes(state);
    const why = (ip: string) => (rule.cause ?? 'ip-sans') === 'ip-sans'
      ? `x509: cannot validate certificate for ${ip} because it doesn't contain any IP SANs`
      : 'x509: certificate signed by unknown authority';
    const logs: NonNullable<ProbeBehaviour['logs']> = [];
    const line = (afterMs: number, text: (stamp: string) => string) => logs.push({ afterMs, stream: 'stderr', text: text(klogStamp(state.now + afterMs)) });
    // A liveness probe kills it within its threshold: no need to write lines past that.
    const live = container.livenessProbe;
    const horizon = live ? ((live.initialDelaySeconds ?? 0) + ((live.failureThreshold ?? 3) + 1) * (live.periodSeconds ?? 10)) * SECOND : HORIZON_MS;
    for (let t = RESOLUTION_MS; t < horizon; t += RESOLUTION_MS) {
      nodes.forEach((n, i) => line(t + 3 + i * 2, (s) => `E${s}       1 scraper.go:149] "Failed to scrape node" err="Get \\"https://${n.ip}:10250/metrics/resource\\": tls: failed to verify certificate: ${why(n.ip)}" node="${n.name}"`));
      // Probes find nothing stored: /readyz's metric-storage-ready check fails (kubelet probes it between scrapes).
      line(t + 7_000, (s) => `I${s}       1 server.go:191] "Failed probe" probe="metric-storage-ready" err="no metrics to serve"`);
    }
    const probeOutput = 'HTTP probe failed with statuscode: 500';
    if (!live) return { unready: { afterMs: 0, probeOutput }, logs };
    return {
      logs,
      // Never healthy within any run: the liveness probe kills it first (exit 143 on SIGTERM).
      warmUp: { healthyAfterMs: 24 * 60 * 60 * SECOND, refusal: 'http-500', sigterm: 'exit', shutdownLogs: [] },
    };
  },
};
