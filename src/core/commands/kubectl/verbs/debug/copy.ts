import { reattachMessage } from '../attach/reattach.ts';
import type { Container, Pod } from '../../../../model/k8s.ts';
import { keyOf } from '../../../../model/state.ts';
import { clone } from '../../../../clone.ts';
import { hashString, podSuffix } from '../../../../sim/rng.ts';
import type { CommandContext, CommandResult } from '../../../types.ts';
import type { KubectlInvocation } from '../../verb.ts';

const fail = (stderr: string): CommandResult => ({ stdout: '', stderr, exitCode: 1 });

/** How long `-i` waits at most for the copy's debug container to run before giving up (virtual ms). */
const ATTACH_WAIT_MS = 120_000;

/** `--set-image=app=img,sidecar=img` (repeatable; `*` for every container) as a map, or kubectl's error. */
function parseSetImages(values: readonly string[]): Record<string, string> | { error: string } {
  const out: Record<string, string> = {};
  for (const pair of values.flatMap((v) => v.split(','))) {
    const at = pair.indexOf('=');
    if (at <= 0) return { error: `invalid argument "${values.join(',')}" for "--set-image" flag: ${pair} must be formatted as key=value` };
    out[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return out;
}

const withoutProbes = (c: Container, keep: { liveness: boolean; readiness: boolean; startup: boolean }): Container => {
  const copy = { ...c } as Container & Record<string, unknown>;
  if (!keep.liveness) delete copy.livenessProbe;
  if (!keep.readiness) delete copy.readinessProbe;
  if (!keep.startup) delete copy.startupProbe;
  return copy;
};

/**
 * `kubectl debug POD --copy-to=NEW` (kubectl 1.33 debug.go generatePodCopyWithDebugContainer with
 * the legacy profile): a new pod with the original's spec minus its ephemeral containers, node
 * (unless --same-node), labels, annotations and probes (unless --keep-*), `shareProcessNamespace`
 * from --share-processes (default true), images changed by --set-image, and either a new debug
 * container (--image, named by -c or `debugger-xxxxx`) or the container -c names changed (image,
 * `-- COMMAND`). --replace deletes the original. With -i the shell enters the debug container once
 * it runs; with a shared process namespace it sees the original containers' processes.
 * `notices`: the legacy profile's warning ('' for another profile), written first, and attach's
 * prompt hint.
 */
export function debugCopy(inv: KubectlInvocation, ctx: CommandContext, pod: Pod, notices: { warning: string; attach: string }): CommandResult {
  const v = inv.flags.values;
  const copyTo = String(v['copy-to']);
  const ns = pod.metadata.namespace ?? inv.namespace;
  const setImages = parseSetImages(v['set-image'] as string[]);
  if ('error' in setImages) return fail(`error: ${setImages.error}\n`);
  const image = String(v.image ?? '');
  const given = String(v.container ?? '');
  const keep = { liveness: v['keep-liveness'] === true, readiness: v['keep-readiness'] === true, startup: v['keep-startup'] === true };
  const spec = clone(pod.spec) as Pod['spec'] & Record<string, unknown>;
  delete spec.ephemeralContainers;
  if (v['same-node'] !== true) delete spec.nodeName;
  if (v['keep-init-containers'] === false) delete spec.initContainers;
  spec.shareProcessNamespace = v['share-processes'] !== false;
  spec.containers = spec.containers.map((c) => {
    const next = withoutProbes(c, keep);
    const override = setImages[c.name] ?? setImages['*'];
    return override ? { ...next, image: override } : next;
  });
  // Validate printed the legacy profile's warning before anything below can fail.
  let stderr = notices.warning;
  let name = given;
  let index = spec.containers.findIndex((c) => c.name === given);
  if (index < 0) {
    if (image === '') {
      if (Object.keys(setImages).length) name = '';
      else return fail(`${stderr}error: you must specify image when creating new container\n`);
    } else {
      if (name === '') {
        name = `debugger-${podSuffix({ rng: hashString(`${pod.metadata.uid}/${copyTo}@${ctx.state.now}`) })}`;
        if (v.quiet !== true) stderr += `Defaulting debug container name to ${name}.\n`;
      }
      spec.containers.push({ name, terminationMessagePolicy: 'File', image } as Container);
      index = spec.containers.length - 1;
    }
  }
  const attach = v.stdin === true || v.attach === true;
  if (index >= 0) {
    const c = spec.containers[index] as Container & Record<string, unknown>;
    const args = inv.flags.afterDashDash ?? [];
    if (args.length) {
      if (v['arguments-only'] === true) c.args = [...args];
      else { c.command = [...args]; delete c.args; }
    }
    if (image) c.image = image;
    if (v['image-pull-policy']) c.imagePullPolicy = String(v['image-pull-policy']);
    c.stdin = v.stdin === true;
    c.tty = v.tty === true;
  }
  if (Object.hasOwn(ctx.state.pods, keyOf(ns, copyTo))) return fail(`${stderr}Error from server (AlreadyExists): pods "${copyTo}" already exists\n`);
  const metadata: Pod['metadata'] = { name: copyTo, namespace: ns, uid: '', creationTimestamp: '' };
  if (v['keep-labels'] === true && pod.metadata.labels) metadata.labels = { ...pod.metadata.labels };
  if (v['keep-annotations'] === true && pod.metadata.annotations) metadata.annotations = { ...pod.metadata.annotations };
  if (v.replace === true) ctx.dispatch({ type: 'pod/delete', namespace: ns, name: pod.metadata.name } as never);
  ctx.dispatch({ type: 'object/create', object: { apiVersion: 'v1', kind: 'Pod', metadata, spec } as unknown as Pod });
  if (!attach || name === '') return { stdout: '', stderr, exitCode: 0 };
  // kubectl waits for the container to run before it attaches (waitForContainer).
  const key = keyOf(ns, copyTo);
  const running = () => ctx.state.pods[key]?.status.containerStatuses?.find((s) => s.name === name)?.state?.running;
  for (let waited = 0; !running() && waited < ATTACH_WAIT_MS; waited += 1000) ctx.wait(1000);
  if (!running()) return { stdout: '', stderr: `${stderr}error: timed out waiting for the condition\n`, exitCode: 1 };
  if (v.quiet !== true) stderr += notices.attach;
  const created = ctx.state.pods[key];
  const others = created.spec.containers.filter((c) => c.name !== name);
  const target = spec.shareProcessNamespace && others.length ? others[0].name : undefined;
  const resume = reattachMessage(created, name, { quiet: v.quiet === true, stdin: v.stdin === true, tty: v.tty === true });
  return {
    stdout: '', stderr, exitCode: 0,
    enter: { place: 'debug', host: created.spec.nodeName ?? '', user: 'root', cwd: '/', debug: { pod: key, container: name, image: spec.containers[index].image, ...(target ? { target } : {}) }, ...(resume ? { onLeave: { actions: [], output: resume } } : {}) },
  };
}
