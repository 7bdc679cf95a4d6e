import { reattachMessage } from './reattach.ts';
import type { Pod } from '../../../../model/k8s.ts';
import type { RuntimeContainer } from '../../../../model/host.ts';
import type { ClusterState } from '../../../../model/state.ts';
import type { CommandResult, Follow } from '../../../types.ts';
import type { KubectlVerb } from '../../verb.ts';
import { defaultContainer, resolvePodTarget } from '../logs/target.ts';
import { ATTACH_EXAMPLES, ATTACH_FLAGS, ATTACH_LONG, ATTACH_USAGE } from './help.ts';
import { containerLogText } from '../../../../sim/etcd/logs.ts';

const fail = (stderr: string): CommandResult => ({ stdout: '', stderr, exitCode: 1 });

/** The runtime container of `pod`'s container `name` running now, if any. */
function runningProcess(state: ClusterState, pod: Pod, name: string): RuntimeContainer | undefined {
  const node = pod.spec.nodeName;
  const host = node && Object.hasOwn(state.hosts, node) ? state.hosts[node] : undefined;
  return host?.containers.find((r) => r.podUid === pod.metadata.uid && r.name === name && r.state === 'CONTAINER_RUNNING');
}

/**
 * The attached stream: what the process writes to stdout and stderr from the moment of attaching,
 * until it exits (kubectl then returns; with -i -t and restartPolicy Always it says how to resume)
 * or Ctrl-C.
 */
function attachFollow(pod: Pod, id: string, sessionEnded: string): Follow {
  return {
    poll(state, fromMs, toMs) {
      const node = pod.spec.nodeName!;
      const rc = Object.hasOwn(state.hosts, node) ? state.hosts[node].containers.find((r) => r.id === id) : undefined;
      const stdout = (rc?.logs ?? []).filter((l) => l.at > fromMs && l.at <= toMs).map((l) => `${containerLogText(l)}\n`).join('');
      if (rc && rc.state === 'CONTAINER_RUNNING') return { stdout, stderr: '' };
      return { stdout: stdout + sessionEnded, stderr: '', done: { exitCode: 0 } };
    },
  };
}

/**
 * `kubectl attach (POD | TYPE/NAME) [-c CONTAINER] [-i] [-t]` (kubectl 1.33 pkg/cmd/attach): joins
 * the running process of a container. Its output streams from now on until it exits or Ctrl-C; a
 * container started with stdin and a TTY (a shell: `kubectl run -it`, a `debug --copy-to`
 * debugger) takes the learner's shell into it with -i. kubectl's notices and errors: the default
 * container, `Unable to use a TTY`, a completed pod, a container that is not running.
 */
export const attach: KubectlVerb = {
  name: 'attach',
  short: 'Attach to a running container',
  long: ATTACH_LONG,
  examples: ATTACH_EXAMPLES,
  usage: ATTACH_USAGE,
  flags: ATTACH_FLAGS,
  run(inv, ctx) {
    const v = inv.flags.values;
    const args = inv.flags.positionals;
    if (args.length === 0) return fail('error: at least 1 argument is required for attach\n');
    if (args.length > 2) return fail(`error: expected POD, TYPE/NAME, or TYPE NAME, (at most 2 arguments) saw ${args.length}: [${args.join(' ')}]\n`);
    const target = resolvePodTarget(ctx.state, inv.namespace, args.length === 2 ? `${args[0]}/${args[1]}` : args[0]);
    if (!target.ok) {
      const e = target.error;
      if (e.kind === 'not-found') return fail(`Error from server (NotFound): ${e.plural} "${e.name}" not found\n`);
      if (e.kind === 'unknown-type') return fail(`error: the server doesn't have a resource type "${e.typed}"\n`);
      if (e.kind === 'syntax') return fail(`error: ${e.message}\n`);
      return fail('error: timed out waiting for the condition\n');
    }
    const pod = target.pod;
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') return fail(`error: cannot attach a container in a completed pod; current phase is ${phase}\n`);
    const quiet = v.quiet === true;
    let stderr = '';
    let name = String(v.container ?? '');
    if (name === '') {
      const d = defaultContainer(pod);
      name = d.name;
      if (!quiet) stderr += d.notice;
    }
    const container = [...pod.spec.containers, ...(pod.spec.ephemeralContainers ?? [])].find((c) => c.name === name) as (typeof pod.spec.containers)[number] & { stdin?: boolean; tty?: boolean } | undefined;
    if (!container) return fail(`${stderr}error: cannot attach to the container: container ${name} not found in pod ${pod.metadata.name}\n`);
    let tty = v.tty === true;
    if (tty && !container.tty) {
      tty = false;
      if (!quiet) stderr += `error: Unable to use a TTY - container ${name} did not allocate one\n`;
    } else if (!tty && container.tty) tty = true;
    if (!quiet) stderr += "If you don't see a command prompt, try pressing enter.\n";
    const process = runningProcess(ctx.state, pod, name);
    if (!process) return { stdout: '', stderr: `${stderr}error: unable to upgrade connection: container not found ("${name}")\n`, exitCode: 1 };
    const stdin = v.stdin === true;
    const ns = pod.metadata.namespace ?? inv.namespace;
    const resume = reattachMessage(pod, name, { quiet, stdin, tty });
    // A shell started with stdin and a TTY: -i puts the learner at its prompt.
    if (stdin && container.stdin && tty) {
      const image = container.image;
      const ephemeral = (pod.spec.ephemeralContainers ?? []).find((c) => c.name === name) as { targetContainerName?: string } | undefined;
      const shared = (pod.spec as { shareProcessNamespace?: boolean }).shareProcessNamespace ? pod.spec.containers.find((c) => c.name !== name)?.name : undefined;
      const targetName = ephemeral?.targetContainerName ?? shared;
      return { stdout: '', stderr, exitCode: 0, enter: { place: 'debug', host: pod.spec.nodeName ?? '', user: 'root', cwd: '/', debug: { pod: `${ns}/${pod.metadata.name}`, container: name, image, ...(targetName ? { target: targetName } : {}) }, ...(resume ? { onLeave: { actions: [], output: resume } } : {}) } };
    }
    return { stdout: '', stderr, exitCode: 0, follow: attachFollow(pod, process.id, resume) };
  },
};
