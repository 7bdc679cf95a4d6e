import type { Pod, Service } from '../../../../model/k8s.ts';
import type { CommandResult, Listener } from '../../../types.ts';
import type { ClusterState } from '../../../../model/state.ts';
import { httpGet } from '../../../busybox/net.ts';
import { klogStamp } from '../../../../time.ts';
import type { KubectlVerb } from '../../verb.ts';
import { hashString } from '../../../../sim/rng.ts';
import { resolvePodTarget, targetErrorText } from '../logs/target.ts';
import { splitResourceTypeName } from '../get/query.ts';
import { resolveKind } from '../../../../kinds/registry.ts';

const fail = (stderr: string): CommandResult => ({ stdout: '', stderr, exitCode: 1 });
const USAGE = "error: TYPE/NAME and list of ports are required for port-forward\nSee 'kubectl port-forward -h' for help and examples\n";

/** A `[LOCAL:]REMOTE` argument after kubectl's service and named-port translation. */
interface Forward { local: string; remote: number }

/** The pod's container port called `name` (convertPodNamedPortToNumber). */
function namedPort(pod: Pod, name: string): number | undefined {
  for (const c of pod.spec.containers ?? []) for (const p of c.ports ?? []) if (p.name === name) return p.containerPort;
  return undefined;
}

/**
 * One connection through the tunnel (kubelet's port-forward into the pod's network namespace, so
 * no NetworkPolicy applies): kubectl logs `Handling connection for PORT` and, when nothing in the
 * pod listens on the remote port, its portforward.go error, and curl gets an empty reply.
 */
function tunnel(state: ClusterState, key: string, uid: string | undefined, f: Forward, laptop: string, path: string): ReturnType<Listener['serve']> {
  const handling = `Handling connection for ${f.local}\n`;
  const pod = state.pods[key];
  const listens = pod && pod.metadata.uid === uid && pod.status?.phase === 'Running' && pod.spec.containers.some((c) => (c.ports ?? []).some((p) => p.containerPort === f.remote));
  if (listens) return { ...httpGet(path), log: handling };
  const node = pod?.spec.nodeName ? state.hosts[pod.spec.nodeName] : undefined;
  const sandbox = node?.sandboxes.find((sb) => sb.podUid === uid && sb.state === 'SANDBOX_READY')?.id ?? '';
  const netns = `/var/run/netns/cni-${hashString(`${key}/netns`).toString(16).padStart(8, '0')}-${(uid ?? '').slice(9) || '0000-0000-000000000000'}`;
  const err = `an error occurred forwarding ${f.local} -> ${f.remote}: error forwarding port ${f.remote} to pod ${sandbox}, uid : failed to execute portforward in network namespace \\"${netns}\\": failed to connect to localhost:${f.remote} inside namespace \\"${sandbox}\\", IPv4: dial tcp4 127.0.0.1:${f.remote}: connect: connection refused IPv6 dial tcp6 [::1]:${f.remote}: connect: connection refused `;
  return { status: 0, body: '', error: 'empty', log: `${handling}E${klogStamp(state.now)}${String(pidOf(laptop)).padStart(8)} portforward.go:424] "Unhandled Error" err="${err}"\n` };
}

/** kubectl's own PID on the laptop (klog prints it), stable per machine. */
const pidOf = (host: string) => 4000 + (hashString(`${host}/kubectl`) % 900);

/**
 * `kubectl port-forward TYPE/NAME [LOCAL:]REMOTE…` (kubectl 1.33): picks the pod (a Service's or
 * controller's first active pod), maps a Service port to its targetPort and a named port to its
 * number, prints `Forwarding from 127.0.0.1:8080 -> 80` (and `[::1]` for localhost) per port and
 * address, and stays in the foreground until Ctrl-C, or until the pod goes away (`error: lost
 * connection to pod`).
 */
export const portForward: KubectlVerb = {
  name: 'port-forward',
  short: 'Forward one or more local ports to a pod',
  usage: 'kubectl port-forward TYPE/NAME [options] [LOCAL_PORT:]REMOTE_PORT [...[LOCAL_PORT_N:]REMOTE_PORT_N]',
  long: `Forward one or more local ports to a pod.

 Use resource type/name such as deployment/mydeployment to select a pod. Resource type defaults to 'pod' if omitted.

 If there are multiple pods matching the criteria, a pod will be selected automatically. The forwarding session ends when the selected pod terminates, and a rerun of the command is needed to resume forwarding.`,
  examples: `# Listen on ports 5000 and 6000 locally, forwarding data to/from ports 5000 and 6000 in the pod
kubectl port-forward pod/mypod 5000 6000

# Listen on ports 5000 and 6000 locally, forwarding data to/from ports 5000 and 6000 in a pod selected by the deployment
kubectl port-forward deployment/mydeployment 5000 6000

# Listen on port 8443 locally, forwarding to the targetPort of the service's port named "https" in a pod selected by the service
kubectl port-forward service/myservice 8443:https

# Listen on port 8888 locally, forwarding to 5000 in the pod
kubectl port-forward pod/mypod 8888:5000

# Listen on port 8888 on all addresses, forwarding to 5000 in the pod
kubectl port-forward --address 0.0.0.0 pod/mypod 8888:5000

# Listen on port 8888 on localhost and selected IP, forwarding to 5000 in the pod
kubectl port-forward --address localhost,10.19.21.23 pod/mypod 8888:5000

# Listen on a random port locally, forwarding to 5000 in the pod
kubectl port-forward pod/mypod :5000`,
  flags: [
    { name: 'address', type: 'stringArray', default: ['localhost'], help: 'Addresses to listen on (comma separated). Only accepts IP addresses or localhost as a value. When localhost is supplied, kubectl will try to bind on both 127.0.0.1 and ::1 and will fail if neither of these addresses are available to bind.' },
    { name: 'pod-running-timeout', type: 'string', default: '1m0s', help: 'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running' },
  ],
  run(inv, ctx) {
    const args = inv.flags.positionals;
    if (args.length < 2) return fail(USAGE);
    const target = resolvePodTarget(ctx.state, inv.namespace, args[0]);
    if (!target.ok) return fail(targetErrorText(target.error));
    const pod = target.pod;
    const split = splitResourceTypeName(args[0]);
    const service = split?.ok && resolveKind(split.typed)?.kind === 'Service' ? ctx.state.services?.[`${inv.namespace}/${split.name}`] as Service | undefined : undefined;
    const forwards: Forward[] = [];
    for (const spec of args.slice(1)) {
      const colon = spec.indexOf(':');
      let local = colon < 0 ? spec : spec.slice(0, colon);
      const remoteText = colon < 0 ? spec : spec.slice(colon + 1);
      let remote: number | undefined;
      if (service) {
        // translateServicePortToTargetPort: the Service port (by number or name) to its targetPort.
        const sp = (service.spec.ports ?? []).find((p) => String(p.port) === remoteText || p.name === remoteText);
        if (!sp) return fail(`error: Service ${service.metadata.name} does not have a service port ${remoteText}\n`);
        const tp = sp.targetPort ?? sp.port;
        remote = typeof tp === 'number' ? tp : /^\d+$/.test(tp) ? Number(tp) : namedPort(pod, tp);
        if (remote === undefined) return fail(`error: Pod '${pod.metadata.name}' does not have a named port '${tp}'\n`);
        if (colon < 0) local = String(sp.port);
      } else if (/^\d+$/.test(remoteText)) remote = Number(remoteText);
      else {
        remote = namedPort(pod, remoteText);
        if (remote === undefined) return fail(`error: Pod '${pod.metadata.name}' does not have a named port '${remoteText}'\n`);
        if (colon < 0) local = String(remote);
      }
      if (remote < 1 || remote > 65535) return fail(`error: Error parsing remote port '${remoteText}': port must be > 0\n`);
      if (local !== '' && (!/^\d+$/.test(local) || Number(local) > 65535)) return fail(`error: Error parsing local port '${local}': strconv.ParseUint: parsing "${local}": invalid syntax\n`);
      // `:5000`: the kernel picks a free ephemeral port (here one derived from the line and the clock).
      if (local === '') local = String(32768 + (hashString(`${spec}|${ctx.state.now}|${forwards.length}`) % 28232));
      forwards.push({ local, remote });
    }
    if (pod.status?.phase !== 'Running') return fail(`error: unable to forward port because pod is not running. Current status=${pod.status?.phase ?? 'Unknown'}\n`);
    const addresses = (inv.flags.values.address as string[]).flatMap((a) => a.split(',')).filter((a) => a !== '');
    let stdout = '';
    for (const f of forwards) {
      for (const a of addresses) {
        if (a === 'localhost') stdout += `Forwarding from 127.0.0.1:${f.local} -> ${f.remote}\nForwarding from [::1]:${f.local} -> ${f.remote}\n`;
        else stdout += `Forwarding from ${a.includes(':') ? `[${a}]` : a}:${f.local} -> ${f.remote}\n`;
      }
    }
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    const uid = pod.metadata.uid;
    return {
      stdout, stderr: '', exitCode: 0,
      follow: {
        listening: forwards.map((f) => ({ port: Number(f.local), serve: (state, _method, path) => tunnel(state, key, uid, f, ctx.frame.host, path) })),
        // The tunnel lives as long as the pod it was opened to.
        poll(state) {
          const p = state.pods[key];
          if (p && p.metadata.uid === uid && p.status?.phase === 'Running') return { stdout: '', stderr: '' };
          return { stdout: '', stderr: 'error: lost connection to pod\n', done: { exitCode: 1 } };
        },
      },
    };
  },
};
