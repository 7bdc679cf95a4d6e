import { SHELL_HOME, toolsetOf } from '../../../../container/toolsets.ts';
import { netshootCommands } from '../../../netshoot/index.ts';
import type { Container, Pod } from '../../../../model/k8s.ts';
import type { Command, CommandContext, CommandResult, ShellFrame } from '../../../types.ts';
import type { KubectlInvocation, KubectlVerb } from '../../verb.ts';
import { hashString } from '../../../../sim/rng.ts';
import { defaultContainer, resolvePodTarget, targetErrorText } from '../logs/target.ts';
import { runInContainer, type InContainerResult } from './commands.ts';
import { podCurl } from './curl.ts';
import { bbNc, bbNslookup, bbWget } from '../../../busybox/net.ts';
import { containerView } from '../../../../container/view.ts';
import { ciliumCli, ciliumCliName } from './cilium.ts';

const SHELLS = new Set(['sh', 'bash', 'ash', 'zsh', 'dash']);

/**
 * `kubectl exec POD [-c C] [-it] -- CMD…`, kubectl 1.33 against a containerd 1.7 node: argument
 * rules and texts of kubectl, the kubelet's answer for containers that are not running, the OCI
 * runtime's error for a command the image lacks (a distroless image has no shell), a few read-only
 * commands answered from the pod, and `-it sh` entering a shell frame in the container.
 */
export const verb: KubectlVerb = {
  name: 'exec',
  short: 'Execute a command in a container',
  usage: 'kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...]',
  long: 'Execute a command in a container.',
  examples: "  # Get output from running the 'date' command from pod mypod, using the first container by default\n  kubectl exec mypod -- date\n\n  # Switch to raw terminal mode; sends stdin to 'bash' in ruby-container from pod mypod\n  # and sends stdout/stderr from 'bash' back to the client\n  kubectl exec mypod -c ruby-container -i -t -- bash -il",
  flags: [
    { name: 'container', short: 'c', type: 'string', help: 'Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen' },
    { name: 'stdin', short: 'i', type: 'bool', help: 'Pass stdin to the container' },
    { name: 'tty', short: 't', type: 'bool', help: 'Stdin is a TTY' },
    { name: 'quiet', short: 'q', type: 'bool', help: 'Only print output from the remote session' },
    { name: 'filename', short: 'f', type: 'stringArray', help: 'to use to exec into the resource' },
    { name: 'pod-running-timeout', type: 'string', default: '1m0s', help: 'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running' },
  ],
  run: runExec,
};

/** The exec verb's body, for verbs that attach to a pod they made (`kubectl run -it`). */
export function runExec(opts: KubectlInvocation, ctx: CommandContext): CommandResult {
  const v = opts.flags.values;
  const args = opts.flags.positionals;
  const dash = opts.flags.afterDashDash;
  if (dash === undefined && args.length > 1) {
    return fail("error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n");
  }
  if (!args.length) return fail('error: pod, type/name or --filename must be specified\n');
  const command = dash ?? [];
  if (!command.length) return fail('error: you must specify at least one command for the container\n');
  const state = ctx.state;
  const target = resolvePodTarget(state, opts.namespace, args[0]);
  if (!target.ok) return fail(targetErrorText(target.error));
  const pod = target.pod;
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return fail(`error: cannot exec into a container in a completed pod; current phase is ${phase}\n`);
  let notice = '';
  let name = String(v.container ?? '');
  if (!name) {
    const d = defaultContainer(pod);
    name = d.name;
    if (v.quiet !== true) notice = d.notice;
  }
  const container = findContainer(pod, name);
  const running = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.ephemeralContainerStatuses ?? [])].some((s) => s.name === name && s.state?.running);
  if (!container || !running || !pod.spec.nodeName) return fail(`${notice}error: unable to upgrade connection: container not found ("${name}")\n`);

  const image = Object.hasOwn(state.images, container.image) ? state.images[container.image] : undefined;
  const hasShell = image?.shell !== false;
  const program = command[0].split('/').pop() ?? '';
  const isShell = SHELLS.has(program);
  const binary = image?.binary.split('/').pop();
  // The CNI agent's own CLI (cilium monitor), run in the agent's pod on its node.
  const cli = ciliumCliName(container.image, image?.binary);
  if (cli && program === cli) {
    const r = ciliumCli(state, pod.spec.nodeName, cli, command.slice(1));
    return { ...r, stderr: `${notice}${r.stderr}${r.exitCode ? `command terminated with exit code ${r.exitCode}\n` : ''}` };
  }
  // A distroless image holds only its own binary: anything else, a shell included, is not found.
  if ((!hasShell && program !== binary) || (hasShell && !isShell && !NET_TOOLS.has(program) && !runInContainer(pod, container, command).known)) {
    return fail(`${notice}error: Internal error occurred: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${execId(opts, ctx)}": OCI runtime exec failed: exec failed: unable to start container process: exec: "${command[0]}": ${command[0].includes('/') ? `stat ${command[0]}: no such file or directory` : 'executable file not found in $PATH'}: unknown\n`);
  }
  const interactive = v.stdin === true;
  if (isShell && command.length === 1) {
    if (!interactive) return { stdout: '', stderr: notice, exitCode: 0 };
    return {
      stdout: '',
      stderr: notice,
      exitCode: 0,
      enter: { place: 'debug', host: pod.spec.nodeName, user: 'root', cwd: SHELL_HOME[toolsetOf(container.image)], debug: { pod: `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`, container: name, image: container.image } },
    };
  }
  // `sh -c` with nothing to run: the shell's own complaint (dash's on Debian images, bash's), exit 2.
  if (isShell && command[1] === '-c' && command.length === 2) {
    const said = program === 'bash' ? `${command[0]}: -c: option requires an argument` : `${command[0]}: 0: -c requires an argument`;
    return { stdout: '', stderr: `${notice}${said}\ncommand terminated with exit code 2\n`, exitCode: 2 };
  }
  // `sh -c "cmd args"`: run the inner command the same way.
  const inner = isShell && command[1] === '-c' && command[2] ? command[2].trim().split(/\s+/) : command;
  const tool = inner[0]?.split('/').pop() ?? '';
  const r = NET_TOOLS.has(tool) ? netTool(ctx, pod, name, container.image, tool, inner) : runInContainer(pod, container, inner);
  if (!r.known) {
    return { stdout: '', stderr: `${notice}${command[0]}: 1: ${inner[0]}: not found\ncommand terminated with exit code 127\n`, exitCode: 127 };
  }
  const code = r.exitCode ?? 0;
  return { stdout: r.stdout, stderr: `${notice}${r.stderr}${code ? `command terminated with exit code ${code}\n` : ''}`, exitCode: code };
}

const fail = (stderr: string): CommandResult => ({ stdout: '', stderr, exitCode: 1 });

/** Network tools an image with a shell carries: curl, and busybox-style wget, nc and nslookup (netshoot's own, and dig, in nicolaka/netshoot). */
const NET_TOOLS = new Set(['curl', 'wget', 'nc', 'nslookup', 'dig']);
const APPLETS: Record<string, Command> = { wget: bbWget, nc: bbNc, nslookup: bbNslookup };

/** Runs a network tool inside the container, over the pod's network (as a shell in it would). */
function netTool(ctx: CommandContext, pod: Pod, container: string, image: string, tool: string, argv: string[]): InContainerResult {
  const frame: ShellFrame = { place: 'debug', host: pod.spec.nodeName ?? '', user: 'root', cwd: '/', debug: { pod: `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`, container, image } };
  const inPod: CommandContext = { ...ctx, argv, frame, stdin: '' };
  const view = containerView(ctx.state, frame);
  if (!view) return { known: false, stdout: '', stderr: '' };
  if (toolsetOf(image) === 'netshoot') {
    const own = netshootCommands.find((c) => c.name === tool) ?? (tool === 'wget' ? bbWget : undefined);
    if (!own) return { known: false, stdout: '', stderr: '' };
    const r = own.run(inPod);
    return { known: true, stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode };
  }
  if (!Object.hasOwn(APPLETS, tool) && tool !== 'curl') return { known: false, stdout: '', stderr: '' };
  const r = tool === 'curl' ? podCurl(inPod, view, argv.slice(1)) : APPLETS[tool].run(inPod);
  return { known: true, stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode };
}

function findContainer(pod: Pod, name: string): Container | undefined {
  return [...(pod.spec.containers ?? []), ...(pod.spec.ephemeralContainers ?? [])].find((c) => c.name === name);
}

/** A 64-hex exec id, derived from the command line and the clock so it is stable in replays. */
function execId(opts: KubectlInvocation, ctx: CommandContext): string {
  const seed = `${ctx.argv.join(' ')}|${opts.namespace}|${ctx.state.now}`;
  let out = '';
  for (let i = 0; out.length < 64; i++) out += hashString(`${seed}#${i}`).toString(16).padStart(8, '0');
  return out.slice(0, 64);
}
