import type { Pod } from '../../../../model/k8s.ts';
import type { ClusterState } from '../../../../model/state.ts';
import type { CommandResult, Follow } from '../../../types.ts';
import { hashString } from '../../../../sim/rng.ts';
import { sortedValues } from '../../../../kinds/common.ts';
import { imageMatches } from '../../../../sim/faults/missingCpuFlag.ts';
import { callTimes, upstreamEvery, upstreamOutcome, type UpstreamCallsRule } from '../../../../sim/faults/upstreamCalls.ts';
import { selectorMatches } from '../../../../k8s/labels.ts';

/**
 * The Cilium agent's own CLI inside its pod (`kubectl exec -n kube-system cilium-xxxxx -- cilium
 * monitor --type drop`): `cilium` up to 1.14, renamed `cilium-dbg` in 1.15. Only the agent's image
 * (binary `cilium-agent`) carries it; the tag says which name it has.
 */
export function ciliumCliName(imageRef: string, binary: string | undefined): string | undefined {
  if (!binary?.endsWith('/cilium-agent')) return undefined;
  const m = /:v?(\d+)\.(\d+)/.exec(imageRef);
  const renamed = m ? Number(m[1]) > 1 || Number(m[2]) >= 15 : true;
  return renamed ? 'cilium-dbg' : 'cilium';
}

/** A Cilium security identity for a pod: derived from its namespace and labels, as the agent allocates one per label set (cluster-local range). */
function identityOf(pod: Pod): number {
  const labels = Object.entries(pod.metadata.labels ?? {}).filter(([k]) => k !== 'pod-template-hash' && k !== 'controller-revision-hash' && k !== 'pod-template-generation').sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return 256 + (hashString(`${pod.metadata.namespace}|${labels.map(([k, v]) => `${k}=${v}`).join(',')}`) % 65_000);
}

/** A pod's endpoint id and its host-side veth's ifindex on its node (stable per pod). */
const endpointOf = (pod: Pod) => 100 + (hashString(`ep|${pod.metadata.uid}`) % 3900);
const ifindexOf = (pod: Pod) => 8 + (hashString(`if|${pod.metadata.uid}`) % 40);

/** One drop notification as the monitor prints it (pkg/monitor/datapath_drop.go DumpInfo). */
interface DropEvent { at: number; line: string }

/**
 * The drops the agent on `node` reports between two instants: every call of an `upstream-calls`
 * rule that a NetworkPolicy drops, seen where the policy is enforced (the client's node for
 * egress, the server's for ingress), one line per SYN: the first at the call, then the kernel's
 * retransmits 1 s and 3 s later, before the client's 5 s timeout.
 */
export function dropsOnNode(state: ClusterState, node: string, from: number, to: number): DropEvent[] {
  const out: DropEvent[] = [];
  for (const rule of state.faults) {
    if (rule.kind !== 'upstream-calls') continue;
    const r = rule as unknown as UpstreamCallsRule;
    const every = upstreamEvery(r);
    for (const pod of sortedValues(state.pods)) {
      if (pod.status.phase !== 'Running' || !pod.status.podIP || pod.metadata.deletionTimestamp) continue;
      if (!pod.spec.containers.some((c) => imageMatches(r.images, c.image))) continue;
      const res = upstreamOutcome(state, r, pod);
      if (res.outcome !== 'dropped' || !res.to || !res.drop?.direction) continue;
      const enforcedAt = res.drop.direction === 'egress' ? pod.spec.nodeName : res.to.pod?.spec.nodeName;
      if (enforcedAt !== node) continue;
      const ingress = res.drop.direction === 'ingress';
      const dst = res.to.pod;
      for (const t of callTimes(pod, every, from - 3000, to)) {
        const sport = 32768 + (hashString(`${pod.metadata.uid}|${t}`) % 28_000);
        for (const retry of [0, 1000, 3000]) {
          const at = t + retry;
          if (at <= from || at > to) continue;
          const flow = hashString(`${pod.metadata.uid}|${t}|flow`).toString(16);
          const dstId = dst ? identityOf(dst) : 2;
          const ep = ingress && dst ? endpointOf(dst) : 0;
          const ifindex = ingress && dst ? ifindexOf(dst) : ifindexOf(pod);
          const file = ingress ? 'bpf_lxc.c:2023' : 'bpf_lxc.c:1290';
          out.push({ at, line: `xx drop (Policy denied) flow 0x${flow} to endpoint ${ep}, ifindex ${ifindex}, file ${file}, , identity ${identityOf(pod)}->${dst ? dstId : 'world'}: ${pod.status.podIP}:${sport} -> ${res.to.ip}:${res.to.port} tcp SYN` });
        }
      }
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

/** Whether a pod is the Cilium agent of its node (a DaemonSet pod whose labels say so). */
export const isCiliumAgent = (pod: Pod) => selectorMatches({ matchLabels: { 'k8s-app': 'cilium' } }, pod.metadata.labels);

const MONITOR_TYPES = ['agent', 'capture', 'debug', 'drop', 'l7', 'policy-verdict', 'recorder', 'trace', 'trace-sock'];

/**
 * `cilium monitor [--type drop] [-n]` in the agent of `node`: the banner, then a drop line for
 * each packet a policy drops on that node, as virtual time passes, until Ctrl-C. Other sub-commands
 * are not modelled and answer as cobra does for an unknown one.
 */
export function ciliumCli(state: ClusterState, node: string, cli: string, args: string[]): CommandResult {
  const [sub, ...rest] = args;
  if (sub !== 'monitor') {
    if (!sub) return { stdout: `CLI for interacting with the local Cilium Agent\n\nUsage:\n  ${cli} [command]\n\nUse "${cli} [command] --help" for more information about a command.\n`, stderr: '', exitCode: 0 };
    return { stdout: '', stderr: `Error: unknown command "${sub}" for "${cli}"\nRun '${cli} --help' for usage.\n`, exitCode: 1 };
  }
  const types: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const m = /^(?:--type|-t)(?:=(.*))?$/.exec(a);
    if (m) {
      const v = m[1] ?? rest[++i];
      if (v === undefined) return { stdout: '', stderr: `Error: flag needs an argument: ${a.startsWith('--') ? "'type'" : "'t' in -t"}\n`, exitCode: 1 };
      types.push(...v.split(','));
    } else if (!['-n', '--numeric', '-v', '--verbose', '--hex', '-j', '--json'].includes(a) && !a.startsWith('--related-to') && !a.startsWith('--from') && !a.startsWith('--to')) {
      return { stdout: '', stderr: `Error: unknown flag: ${a}\n`, exitCode: 1 };
    }
  }
  const bad = types.find((t) => !MONITOR_TYPES.includes(t));
  if (bad) return { stdout: '', stderr: `Error: Unknown type (${bad}). Please use one of the following ones [${MONITOR_TYPES.join(' ')}]\n`, exitCode: 1 };
  const cpus = Number(state.nodes[node]?.status.capacity.cpu ?? 2);
  const banner = `Listening for events on ${cpus} CPUs with 64x4096 of shared memory\nPress Ctrl-C to quit\nlevel=info msg="Initializing dissection cache..." subsys=monitor\n`;
  const showsDrops = types.length === 0 || types.includes('drop');
  let due = state.now + 1000;
  const follow: Follow = {
    nextAt: () => due,
    poll(s, from, to) {
      due = to + 1000;
      if (!showsDrops) return { stdout: '', stderr: '' };
      return { stdout: dropsOnNode(s, node, from, to).map((e) => `${e.line}\n`).join(''), stderr: '' };
    },
  };
  return { stdout: banner, stderr: '', exitCode: 0, follow };
}
