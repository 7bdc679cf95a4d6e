import type { Container, Pod } from '../../../../model/k8s.ts';
import type { CommandResult } from '../../../types.ts';
import type { KubectlVerb } from '../../verb.ts';
import { GENERATOR_FLAGS, printCreated, printOptions, requestMeta } from '../create/output.ts';
import { runExec } from '../exec/index.ts';
import { parseDuration } from '../../../../time.ts';
import { keyOf } from '../../../../model/state.ts';

const fail = (stderr: string): CommandResult => ({ stdout: '', stderr, exitCode: 1 });
const USAGE_HINT = "See 'kubectl run -h' for help and examples\n";

/** `key=value` pairs of --labels / --env as kubectl parses them; the bad one's text on error. */
function pairs(items: readonly string[], what: string): { ok: true; map: Record<string, string> } | { ok: false; error: string } {
  const map: Record<string, string> = {};
  for (const item of items) {
    const eq = item.indexOf('=');
    if (eq <= 0) return { ok: false, error: what === 'labels' ? `invalid label spec: ${item}` : `invalid env: ${item}` };
    map[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return { ok: true, map };
}

/**
 * `kubectl run NAME --image=IMAGE [--restart=…] [-l …] [--env …] [--port …] [--command] [-- ARGS…]`
 * (kubectl 1.33 pkg/cmd/run): creates one Pod labelled `run=NAME`. With `-i`/`-it` it waits for
 * the pod to run and attaches: a shell opens a prompt inside the container, another command's
 * output is printed; `--rm` deletes the pod when the session ends (`pod "NAME" deleted`).
 */
export const run: KubectlVerb = {
  name: 'run',
  short: 'Run a particular image on the cluster',
  long: 'Create and run a particular image in a pod.',
  examples: `# Start a nginx pod
kubectl run nginx --image=nginx

# Start a busybox pod and keep it in the foreground, don't restart it if it exits
kubectl run -i -t busybox --image=busybox --restart=Never

# Start the nginx pod using a different command and custom arguments
kubectl run nginx --image=nginx --command -- <cmd> <arg1> ... <argN>`,
  usage: 'kubectl run NAME --image=image [--env="key=value"] [--port=port] [--dry-run=server|client] [--overrides=inline-json] [--command] -- [COMMAND] [args...] [options]',
  flags: [
    ...GENERATOR_FLAGS.filter((f) => f.name !== 'field-manager'),
    { name: 'field-manager', type: 'string', default: 'kubectl-run', help: 'Name of the manager used to track field ownership.' },
    { name: 'image', type: 'string', help: 'The image for the container to run.' },
    { name: 'restart', type: 'string', default: 'Always', help: "The restart policy for this Pod.  Legal values [Always, OnFailure, Never]." },
    { name: 'labels', short: 'l', type: 'string', help: 'Comma separated labels to apply to the pod. Will override previous values.' },
    { name: 'env', type: 'stringArray', help: 'Environment variables to set in the container.' },
    { name: 'port', type: 'string', help: 'The port that this container exposes.' },
    { name: 'command', type: 'bool', help: 'If true and extra arguments are present, use them as the \'command\' field in the container, rather than the \'args\' field which is the default.' },
    { name: 'image-pull-policy', type: 'string', help: "The image pull policy for the container.  If left empty, this value will not be specified by the client and defaulted by the server." },
    { name: 'stdin', short: 'i', type: 'bool', help: 'Keep stdin open on the container in the pod, even if nothing is attached.' },
    { name: 'tty', short: 't', type: 'bool', help: 'Allocate a TTY for the container in the pod.' },
    { name: 'attach', type: 'bool', help: 'If true, wait for the Pod to start running, and then attach to the Pod as if \'kubectl attach ...\' were called.  Default false, unless \'-i/--stdin\' is set, in which case the default is true. With \'--restart=Never\' the exit code of the container process is returned.' },
    { name: 'rm', type: 'bool', help: 'If true, delete the pod after it exits.  Only valid when attaching to the container, e.g. with \'--attach\' or with \'-i/--stdin\'.' },
    { name: 'quiet', short: 'q', type: 'bool', help: 'If true, suppress prompt messages.' },
    { name: 'pod-running-timeout', type: 'string', default: '1m0s', help: 'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running' },
    { name: 'annotations', type: 'stringArray', help: 'Annotations to apply to the pod.' },
  ],
  run(inv, ctx) {
    const v = inv.flags.values;
    const name = inv.flags.positionals[0];
    if (!name) return fail(`error: NAME is required for run\n${USAGE_HINT}`);
    const image = String(v.image ?? '');
    if (image === '') return fail(`error: required flag(s) "image" not set\n`);
    const restart = String(v.restart);
    if (!['Always', 'OnFailure', 'Never'].includes(restart)) return fail(`error: invalid restart policy: ${restart}\n`);
    const stdin = v.stdin === true;
    const attach = inv.flags.given.has('attach') ? v.attach === true : stdin;
    if (v.tty === true && !stdin) return fail('error: -i/--stdin is required for containers with -t/--tty=true\n');
    if (v.rm === true && !attach) return fail('error: --rm should only be used for attached containers\n');
    const p = printOptions(inv);
    if (!p.ok) return p.result;
    if (attach && p.opts.dryRun !== 'none') return fail("error: --dry-run can't be used with attached containers options (--attach, --stdin, or --tty)\n");
    const labels = pairs(String(v.labels ?? '').split(',').filter((s) => s !== ''), 'labels');
    if (!labels.ok) return fail(`error: ${labels.error}\n`);
    const env = pairs(v.env as string[], 'env');
    if (!env.ok) return fail(`error: ${env.error}\n`);
    const extra = inv.flags.afterDashDash ?? inv.flags.positionals.slice(1);
    const port = String(v.port ?? '');
    const container: Container = {
      name, image,
      ...(extra.length ? (v.command === true ? { command: extra } : { args: extra }) : {}),
      ...(Object.keys(env.map).length ? { env: Object.entries(env.map).map(([k, val]) => ({ name: k, value: val })) } : {}),
      ...(v['image-pull-policy'] ? { imagePullPolicy: String(v['image-pull-policy']) } : {}),
      ...(port ? { ports: [{ containerPort: Number(port) }] } : {}),
      resources: {},
      ...(stdin ? { stdin: true, stdinOnce: true } : {}),
      ...(v.tty === true ? { tty: true } : {}),
    } as Container;
    const pod = {
      apiVersion: 'v1', kind: 'Pod',
      metadata: { ...requestMeta(inv, name, true), labels: Object.keys(labels.map).length ? labels.map : { run: name } },
      spec: { containers: [container], dnsPolicy: 'ClusterFirst', restartPolicy: restart },
      status: {},
    } as unknown as Pod;
    if (Object.hasOwn(ctx.state.pods, keyOf(inv.namespace, name))) return fail(`Error from server (AlreadyExists): pods "${name}" already exists\n`);
    if (p.opts.dryRun === 'client') return printCreated(p.opts, `pod/${name}`, pod);
    const { creationTimestamp: _c, ...metadata } = pod.metadata as Pod['metadata'] & { creationTimestamp?: unknown };
    if (p.opts.dryRun === 'none') ctx.dispatch({ type: 'object/create', object: { ...pod, metadata: { ...metadata, namespace: inv.namespace } } as Pod });
    if (!attach) return printCreated(p.opts, `pod/${name}`, ctx.state.pods[keyOf(inv.namespace, name)] ?? pod);
    return attachTo(inv, ctx, name, extra, v.rm === true, v.quiet === true);
  },
};

/** Waits (virtual time) for the new pod to run, then attaches as `kubectl attach` / exec would. */
function attachTo(inv: Parameters<KubectlVerb['run']>[0], ctx: Parameters<KubectlVerb['run']>[1], name: string, command: string[], rm: boolean, quiet: boolean): CommandResult {
  const limit = parseDuration(String(inv.flags.values['pod-running-timeout'])) ?? 60000;
  const key = keyOf(inv.namespace, name);
  const running = () => ctx.state.pods[key]?.status?.containerStatuses?.some((s) => s.state?.running) === true;
  for (let waited = 0; !running(); waited += 500) {
    if (waited >= limit) return fail('error: timed out waiting for the condition\n');
    ctx.wait(500);
  }
  const deleted = `pod "${name}" deleted\n`;
  const removal = rm ? [{ type: 'pod/delete' as const, namespace: inv.namespace, name, force: false }] : [];
  const flags = { values: { stdin: true, tty: inv.flags.values.tty === true, container: name, quiet: true }, given: new Set(['stdin']), raw: {}, positionals: [name], afterDashDash: command.length ? command : ['sh'] };
  const r = runExec({ path: ['exec'], flags, namespace: inv.namespace, allNamespaces: false }, ctx);
  const prompt = quiet ? '' : "If you don't see a command prompt, try pressing enter.\n";
  if (r.enter) {
    const after = rm ? deleted : `Session ended, resume using 'kubectl attach ${name} -c ${name} -i -t' command when the pod is running\n`;
    return { ...r, stderr: prompt + r.stderr, enter: { ...r.enter, onLeave: { actions: removal, output: after } } };
  }
  for (const a of removal) ctx.dispatch(a);
  return { ...r, stdout: r.stdout + (rm ? deleted : '') };
}
