import { SHELL_HOME, toolsetOf } from '../../../../container/toolsets.ts';
import { keyOf } from '../../../../model/state.ts';
import { nodeDebugPodName } from '../../../../sim/reduce.ts';
import { hashString, podSuffix } from '../../../../sim/rng.ts';
import type { CommandResult } from '../../../types.ts';
import type { KubectlVerb } from '../../verb.ts';
import { splitResourceTypeName } from '../get/query.ts';

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
  long: `Debug cluster resources using interactive debugging containers.

 'debug' provides automation for common debugging tasks for cluster objects identified by resource and name. Pods will be used by default if no resource is specified.

 The action taken by 'debug' varies depending on what resource is specified. Supported actions include:

  *  Workload: Create a copy of an existing pod with certain attributes changed, for example changing the image tag to a new version.
  *  Workload: Add an ephemeral container to an already running pod, for example to add debugging utilities without restarting the pod.
  *  Node: Create a new pod that runs in the node's host namespaces and can access the node's filesystem.`,
  examples: `# Create an interactive debugging session in pod mypod and immediately attach to it.
kubectl debug mypod -it --image=busybox

# Create a debug container named debugger using a custom automated debugging image.
kubectl debug --image=myproj/debug-tools -c debugger mypod

# Create an interactive debugging session on a node and immediately attach to it.
# The container will run in the host namespaces and the host's filesystem will be mounted at /host
kubectl debug node/mynode -it --image=busybox`,
  usage: 'kubectl debug (POD | TYPE[[.VERSION].GROUP]/NAME) [ -- COMMAND [args...] ] [options]',
  flags: [
    { name: 'attach', type: 'bool', help: 'If true, wait for the container to start running, and then attach as if \'kubectl attach ...\' were called.  Default false, unless \'-i/--stdin\' is set, in which case the default is true.' },
    { name: 'container', short: 'c', type: 'string', help: 'Container name to use for debug container.' },
    { name: 'image', type: 'string', help: 'Container image to use for debug container.' },
    { name: 'profile', type: 'string', default: 'legacy', help: 'Options are "legacy", "general", "baseline", "netadmin", "restricted" or "sysadmin".' },
    { name: 'quiet', short: 'q', type: 'bool', help: 'If true, suppress informational messages.' },
    { name: 'stdin', short: 'i', type: 'bool', help: 'Keep stdin open on the container(s) in the pod, even if nothing is attached.' },
    { name: 'target', type: 'string', help: 'When using an ephemeral container, target processes in this container name.' },
    { name: 'tty', short: 't', type: 'bool', help: 'Allocate a TTY for the debugging container.' },
  ],
  run(inv, ctx) {
    const v = inv.flags.values;
    const args = inv.flags.positionals;
    if (args.length === 0) return fail("error: NAME is required for debug\nSee 'kubectl debug -h' for help and examples\n");
    const profile = String(v.profile);
    if (!['legacy', 'general', 'baseline', 'netadmin', 'restricted', 'sysadmin'].includes(profile)) return fail(`error: unknown profile: ${profile}\n`);
    const image = String(v.image);
    // Without --copy-to, an ephemeral container or a node pod needs an image to run.
    if (image === '') return fail('error: --image is required\n');
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
    return {
      stdout: '', stderr, exitCode: 0,
      enter: { place: 'debug', host: pod.spec.nodeName ?? '', user: 'root', cwd: SHELL_HOME[toolsetOf(image)], debug: { pod: `${inv.namespace}/${name}`, container, image, ...(targetC ? { target: targetC } : {}) } },
    };
  },
};
