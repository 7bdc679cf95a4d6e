import { SHELL_HOME, toolsetOf } from '../../../../container/toolsets.ts';
import { keyOf } from '../../../../model/state.ts';
import { nodeDebugPodName } from '../../../../sim/reduce.ts';
import { hashString, podSuffix } from '../../../../sim/rng.ts';
import { reattachMessage } from '../attach/reattach.ts';
import type { CommandResult } from '../../../types.ts';
import type { KubectlVerb } from '../../verb.ts';
import { splitResourceTypeName } from '../get/query.ts';
import { debugCopy } from './copy.ts';
import { DEBUG_EXAMPLES, DEBUG_FLAGS, DEBUG_LONG, DEBUG_USAGE } from './help.ts';

const fail = (stderr: string): CommandResult => ({ stdout: '', stderr, exitCode: 1 });

/** What kubectl 1.33's attach writes to stderr before it hands the terminal over (1.34 adds a recording notice). */
const ATTACH = 'If you don\'t see a command prompt, try pressing enter.\n';

/** What kubectl 1.33 prints (Validate, to stderr) whenever the profile is legacy, the default. */
const LEGACY = '--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".\n';

/**
 * `kubectl debug node/NAME --image=IMG [-it] [--profile=P]` (debug.go's visitNode, 1.33): the
 * pod `node-debugger-NODE-xxxxx` with container `debugger` (or -c) pinned to the node, tolerating
 * every taint, in the host namespaces with the node's root at /host as the profile says
 * (node/createDebugPod). With -i the shell opens in that container: the image's own tools, the
 * node at /host, `chroot /host` for the node's shell; leaving it ends the container (the pod
 * shows Completed, restartPolicy Never, so kubectl prints no reattach hint).
 * "Creating debugging pod" goes to stdout, the notices to stderr.
 */
function debugNode(ctx: Parameters<KubectlVerb['run']>[1], name: string, image: string, profile: string, legacy: boolean, attach: boolean, quiet: boolean, given: string): CommandResult {
  if (!Object.hasOwn(ctx.state.nodes, name)) return fail(`${legacy ? LEGACY : ''}Error from server (NotFound): nodes "${name}" not found\n`);
  const podName = nodeDebugPodName(ctx.state, name);
  const container = given || 'debugger';
  ctx.dispatch({ type: 'node/createDebugPod', node: name, image, podName, container, profile });
  const warning = legacy ? LEGACY : '';
  const creating = quiet ? '' : `Creating debugging pod ${podName} with container ${container} on node ${name}.\n`;
  const prompt = attach && !quiet ? ATTACH : '';
  const result = { stdout: creating, stderr: warning + prompt, exitCode: 0, interleaved: warning + creating + prompt };
  if (!attach) return result;
  const pod = `default/${podName}`;
  // kubectl attaches once the container runs (waitForContainer): the image pull and start take their time.
  const running = () => !!ctx.state.pods[pod]?.status.containerStatuses?.some((c) => c.name === container && c.state.running);
  for (let waited = 0; waited < 60_000 && !running(); waited += 500) ctx.wait(500, true);
  const hostRoot = ['legacy', 'general', 'sysadmin'].includes(profile);
  return {
    ...result,
    enter: {
      place: 'debug', host: name, user: 'root', cwd: SHELL_HOME[toolsetOf(image)], debug: { pod, container, image, nodeDebug: true, hostRoot },
      // The container's shell was its process: when it exits, so does the container.
      onLeave: { actions: [{ type: 'pod/shellExited', namespace: 'default', name: podName, container }], output: '' },
    },
  };
}

/**
 * debug.go's Validate (1.33), in its order, up to its notices: the refusal for flags that do not
 * go together, or undefined. `commandArgs` counts the words after `--`.
 */
function validate(v: Record<string, unknown>, copying: boolean, names: number, commandArgs: number): string | undefined {
  const image = String(v.image ?? '');
  const container = String(v.container ?? '');
  const setImages = (v['set-image'] as string[] | undefined ?? []).length;
  if (v.attach === true && image === '' && container === '') return 'you must specify --container or create a new container using --image in order to attach.';
  if (copying) {
    if (image === '' && setImages === 0 && commandArgs === 0) return 'you must specify --image, --set-image or command arguments.';
    if (commandArgs > 0 && container === '' && image === '') return 'you must specify an existing container or a new image when specifying args.';
  } else {
    if (v.replace === true) return '--replace may only be used with --copy-to.';
    if (v['same-node'] === true) return '--same-node may only be used with --copy-to.';
    if (setImages > 0) return '--set-image may only be used with --copy-to.';
    if (image === '') return 'you must specify --image when not using --copy-to.';
  }
  if (names === 0) return 'NAME or filename is required for debug';
  if (String(v.target ?? '') !== '' && copying) return '--target is incompatible with --copy-to. Use --share-processes instead.';
  if (v.tty === true && v.stdin !== true) return '-i/--stdin is required for containers with -t/--tty=true';
  return undefined;
}

/**
 * `kubectl debug` (kubectl pkg/cmd/debug, 1.33): `POD --image=IMG [--target=C] [-c NAME] [-it]`
 * adds an ephemeral container (`pod/addEphemeralContainer`); `node/NAME --image=IMG -it` creates
 * the node-debugger pod (`node/createDebugPod`). With -i the learner's shell enters the container
 * (a `debug` frame). As 1.33 prints them: "Targeting container" on stdout, then on stderr the
 * legacy profile's deprecation warning (the default profile), the generated container name and
 * attach's prompt hint.
 */
export const debug: KubectlVerb = {
  name: 'debug',
  short: 'Create debugging sessions for troubleshooting workloads and nodes',
  long: DEBUG_LONG,
  examples: DEBUG_EXAMPLES,
  usage: DEBUG_USAGE,
  flags: DEBUG_FLAGS,
  run(inv, ctx) {
    const v = inv.flags.values;
    const args = inv.flags.positionals;
    const profile = String(v.profile);
    // Complete picks the profile before Validate checks anything.
    if (!['legacy', 'general', 'baseline', 'netadmin', 'restricted', 'sysadmin'].includes(profile)) return fail(`error: unknown profile: ${profile}\n`);
    const image = String(v.image);
    const copying = String(v['copy-to'] ?? '') !== '';
    const invalid = validate(v, copying, args.length, (inv.flags.afterDashDash ?? []).length);
    if (invalid) return fail(`error: ${invalid}\n`);
    const attach = v.stdin === true || v.attach === true;
    const quiet = v.quiet === true;
    const target = args[0];
    const split = splitResourceTypeName(target);
    if (split && !split.ok) return fail(`error: ${split.error}\n`);
    const type = split ? split.typed : 'pod';
    const name = split ? split.name : target;
    const warning = profile === 'legacy' ? LEGACY : '';
    if (type === 'node' || type === 'nodes' || type === 'no') return debugNode(ctx, name, image, profile, warning !== '', attach, quiet, String(v.container));
    if (!['pod', 'pods', 'po'].includes(type)) return fail(`error: the server doesn't have a resource type "${type}"\n`);
    const key = keyOf(inv.namespace, name);
    // Validate's notices come before the pod is read: --target's to stdout, then the profile's warning.
    const targetC = String(v.target);
    const targeting = !quiet && targetC && !copying ? `Targeting container "${targetC}". If you don't see processes from this container it may be because the container runtime doesn't support this feature.\n` : '';
    const failed = (error: string): CommandResult => ({ stdout: targeting, stderr: warning + error, exitCode: 1, interleaved: targeting + warning + error });
    if (!Object.hasOwn(ctx.state.pods, key)) return failed(`Error from server (NotFound): pods "${name}" not found\n`);
    const pod = ctx.state.pods[key];
    if (copying) return debugCopy(inv, ctx, pod, { warning, attach: ATTACH });
    const given = String(v.container);
    const taken = [...pod.spec.containers, ...(pod.spec.ephemeralContainers ?? [])].some((c) => c.name === given);
    if (given !== '' && taken) return failed(`error: ephemeral container "${given}" already exists in pod "${name}"\n`);
    // kubectl draws 5 random characters; ours come from the pod and the clock, without touching state.rng.
    const container = given || `debugger-${podSuffix({ rng: hashString(`${pod.metadata.uid}@${ctx.state.now}`) })}`;
    ctx.dispatch({ type: 'pod/addEphemeralContainer', namespace: inv.namespace, name, container, image, ...(targetC ? { target: targetC } : {}) });
    let stderr = warning;
    if (!quiet && !given) stderr += `Defaulting debug container name to ${container}.\n`;
    if (attach && !quiet) stderr += ATTACH;
    const streams = { stdout: targeting, stderr, exitCode: 0, ...(targeting ? { interleaved: targeting + stderr } : {}) };
    if (!attach) return streams;
    const resume = reattachMessage(ctx.state.pods[key], container, { quiet, stdin: v.stdin === true, tty: v.tty === true });
    return {
      ...streams,
      enter: { place: 'debug', host: pod.spec.nodeName ?? '', user: 'root', cwd: SHELL_HOME[toolsetOf(image)], debug: { pod: `${inv.namespace}/${name}`, container, image, ...(targetC ? { target: targetC } : {}) }, ...(resume ? { onLeave: { actions: [], output: resume } } : {}) },
    };
  },
};
