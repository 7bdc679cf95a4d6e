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
    if (type === 'node' || type === 'nodes' || type === 'no') {
      if (!Object.hasOwn(ctx.state.nodes, name)) return fail(`Error from server (NotFound): nodes "${name}" not found\n`);
      const podName = nodeDebugPodName(ctx.state, name);
      ctx.dispatch({ type: 'node/createDebugPod', node: name, image, podName });
      const stderr = `${quiet ? '' : `Creating debugging pod ${podName} with container debugger on node ${name}.\n`}${attach && !quiet ? ATTACH : ''}`;
      if (!attach) return { stdout: '', stderr, exitCode: 0 };
      // In a real cluster the node's root filesystem is mounted at /host inside this pod; the
      // simulator's node tools read the host directly, so the shell opens on the node itself.
      return { stdout: '', stderr, exitCode: 0, enter: { place: 'node', host: name, user: 'root', cwd: '/', debug: { pod: `default/${podName}`, container: 'debugger', image, nodeDebug: true } } };
    }
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
