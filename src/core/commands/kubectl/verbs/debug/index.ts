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

const ATTACH = 'All commands and output from this session will be recorded in container logs, including credentials and sensitive information passed through the command prompt.\nIf you don\'t see a command prompt, try pressing enter.\n';

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
  const prompt = attach && !quiet ? "If you don't see a command prompt, try pressing enter.\n" : '';
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
 * `kubectl debug` (kubectl pkg/cmd/debug, 1.33): `POD --image=IMG [--target=C] [-c NAME] [-it]`
 * adds an ephemeral container (`pod/addEphemeralContainer`); `node/NAME --image=IMG -it` creates
 * the node-debugger pod (`node/createDebugPod`). With -i the learner's shell enters the container
 * (a `debug` frame); kubectl's notices all go to stderr.
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
    if (args.length === 0) return fail("error: NAME is required for debug\nSee 'kubectl debug -h' for help and examples\n");
    const profile = String(v.profile);
    if (!['legacy', 'general', 'baseline', 'netadmin', 'restricted', 'sysadmin'].includes(profile)) return fail(`error: unknown profile: ${profile}\n`);
    const image = String(v.image);
    const copying = String(v['copy-to'] ?? '') !== '';
    // Without --copy-to, an ephemeral container or a node pod needs an image to run.
    if (image === '' && !copying) return fail('error: --image is required\n');
    const attach = v.stdin === true || v.attach === true;
    const quiet = v.quiet === true;
    const target = args[0];
    const split = splitResourceTypeName(target);
    if (split && !split.ok) return fail(`error: ${split.error}\n`);
    const type = split ? split.typed : 'pod';
    const name = split ? split.name : target;
    if (type === 'node' || type === 'nodes' || type === 'no') return debugNode(ctx, name, image, profile, v.profile === undefined || profile === 'legacy', attach, quiet, String(v.container));
    if (!['pod', 'pods', 'po'].includes(type)) return fail(`error: the server doesn't have a resource type "${type}"\n`);
    const key = keyOf(inv.namespace, name);
    if (!Object.hasOwn(ctx.state.pods, key)) return fail(`Error from server (NotFound): pods "${name}" not found\n`);
    const pod = ctx.state.pods[key];
    if (copying) return debugCopy(inv, ctx, pod, ATTACH);
    const given = String(v.container);
    const taken = [...pod.spec.containers, ...(pod.spec.ephemeralContainers ?? [])].some((c) => c.name === given);
    if (given !== '' && taken) return fail(`error: ephemeral container "${given}" already exists in pod "${name}"\n`);
    // kubectl draws 5 random characters; ours come from the pod and the clock, without touching state.rng.
    const container = given || `debugger-${podSuffix({ rng: hashString(`${pod.metadata.uid}@${ctx.state.now}`) })}`;
    const targetC = String(v.target);
    ctx.dispatch({ type: 'pod/addEphemeralContainer', namespace: inv.namespace, name, container, image, ...(targetC ? { target: targetC } : {}) });
    let stderr = '';
    if (!quiet && targetC) stderr += `Targeting container "${targetC}". If you don't see processes from this container it may be because the container runtime doesn't support this feature.\n`;
    if (!quiet && !given) stderr += `Defaulting debug container name to ${container}.\n`;
    if (!attach) return { stdout: '', stderr, exitCode: 0 };
    if (!quiet) stderr += ATTACH;
    const resume = reattachMessage(ctx.state.pods[key], container, { quiet, stdin: v.stdin === true, tty: v.tty === true });
    return {
      stdout: '', stderr, exitCode: 0,
      enter: { place: 'debug', host: pod.spec.nodeName ?? '', user: 'root', cwd: SHELL_HOME[toolsetOf(image)], debug: { pod: `${inv.namespace}/${name}`, container, image, ...(targetC ? { target: targetC } : {}) }, ...(resume ? { onLeave: { actions: [], output: resume } } : {}) },
    };
  },
};
