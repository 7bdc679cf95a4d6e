import type { Pod } from '../../../../model/k8s.ts';
import type { CommandContext, CommandResult, ShellFrame } from '../../../types.ts';
import type { KubectlInvocation, KubectlVerb } from '../../verb.ts';
import { containerView, listContainerDir, readContainerFile } from '../../../../container/view.ts';
import { resolvePath } from '../../../../host/files.ts';
import { shellFs } from '../../../../session/fs.ts';
import { hashString } from '../../../../sim/rng.ts';
import { defaultContainer } from '../logs/target.ts';

const fail = (stderr: string, exitCode = 1): CommandResult => ({ stdout: '', stderr, exitCode });

/** One side of `kubectl cp`: a local path, or `[NAMESPACE/]POD:PATH` (kubectl's extractFileSpec). */
type FileSpec = { remote: false; path: string } | { remote: true; namespace?: string; pod: string; path: string };

function fileSpec(arg: string): FileSpec {
  const colon = arg.indexOf(':');
  // `C:\…` and `./a:b` stay local, as kubectl's Windows-drive and relative-path checks keep them.
  if (colon <= 0 || arg.startsWith('.') || arg.startsWith('/')) return { remote: false, path: arg };
  const who = arg.slice(0, colon);
  const path = arg.slice(colon + 1);
  const slash = who.indexOf('/');
  return slash < 0 ? { remote: true, pod: who, path } : { remote: true, namespace: who.slice(0, slash), pod: who.slice(slash + 1), path };
}

/** The running container `kubectl cp` execs tar in, or kubectl's error. */
function target(ctx: CommandContext, inv: KubectlInvocation, spec: Extract<FileSpec, { remote: true }>): { ok: true; pod: Pod; container: string; notice: string; frame: ShellFrame } | { ok: false; result: CommandResult } {
  const ns = spec.namespace ?? inv.namespace;
  const pod = ctx.state.pods[`${ns}/${spec.pod}`];
  if (!pod) return { ok: false, result: fail(`Error from server (NotFound): pods "${spec.pod}" not found\n`) };
  let container = String(inv.flags.values.container ?? '');
  let notice = '';
  if (!container) ({ name: container, notice } = defaultContainer(pod));
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return { ok: false, result: fail(`${notice}error: cannot exec into a container in a completed pod; current phase is ${phase}\n`) };
  const running = (pod.status?.containerStatuses ?? []).some((s) => s.name === container && s.state?.running);
  if (!running || !pod.spec.nodeName) return { ok: false, result: fail(`${notice}error: unable to upgrade connection: container not found ("${container}")\n`) };
  const spec2 = (pod.spec.containers ?? []).find((c) => c.name === container)!;
  const image = Object.hasOwn(ctx.state.images, spec2.image) ? ctx.state.images[spec2.image] : undefined;
  if (image?.shell === false) {
    // A distroless image has no tar: the runtime refuses the exec kubectl cp is built on.
    let id = '';
    for (let i = 0; id.length < 64; i++) id += hashString(`${ctx.argv.join(' ')}|${ctx.state.now}#${i}`).toString(16).padStart(8, '0');
    return { ok: false, result: fail(`${notice}error: Internal error occurred: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${id.slice(0, 64)}": OCI runtime exec failed: exec failed: unable to start container process: exec: "tar": executable file not found in $PATH: unknown\n`) };
  }
  const frame: ShellFrame = { place: 'debug', host: pod.spec.nodeName, user: 'root', cwd: '/', debug: { pod: `${ns}/${spec.pod}`, container, image: spec2.image } };
  return { ok: true, pod, container, notice, frame };
}

/**
 * `kubectl cp` (kubectl 1.33): files and directories between the laptop and a running container,
 * through `tar` in the container as kubectl does it (so a distroless image without tar fails with
 * the runtime's exec error). From the pod, an absolute path makes the remote tar say `Removing
 * leading '/' from member names`; files land in the laptop's writable home and /tmp.
 */
export const cp: KubectlVerb = {
  name: 'cp',
  short: 'Copy files and directories to and from containers',
  usage: 'kubectl cp <file-spec-src> <file-spec-dest> [options]',
  long: 'Copy files and directories to and from containers.',
  examples: `# !!!Important Note!!!
# Requires that the 'tar' binary is present in your container
# image.  If 'tar' is not present, 'kubectl cp' will fail.
#
# For advanced use cases, such as symlinks, wildcard expansion or
# file mode preservation, consider using 'kubectl exec'.

# Copy /tmp/foo local file to /tmp/bar in a remote pod in namespace <some-namespace>
tar cf - /tmp/foo | kubectl exec -i -n <some-namespace> <some-pod> -- tar xf - -C /tmp/bar

# Copy /tmp/foo from a remote pod to /tmp/bar locally
kubectl exec -n <some-namespace> <some-pod> -- tar cf - /tmp/foo | tar xf - -C /tmp/bar

# Copy /tmp/foo_dir local directory to /tmp/bar_dir in a remote pod in the default namespace
kubectl cp /tmp/foo_dir <some-pod>:/tmp/bar_dir

# Copy /tmp/foo local file to /tmp/bar in a remote pod in a specific container
kubectl cp /tmp/foo <some-pod>:/tmp/bar -c <specific-container>

# Copy /tmp/foo local file to /tmp/bar in a remote pod in namespace <some-namespace>
kubectl cp /tmp/foo <some-namespace>/<some-pod>:/tmp/bar

# Copy /tmp/foo from a remote pod to /tmp/bar locally
kubectl cp <some-namespace>/<some-pod>:/tmp/foo /tmp/bar`,
  flags: [
    { name: 'container', short: 'c', type: 'string', help: 'Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen' },
    { name: 'no-preserve', type: 'bool', help: "The copied file/directory's ownership and permissions will not be preserved in the container" },
    { name: 'retries', type: 'int', default: 0, help: 'Set number of retries to complete a copy operation from a container. Specify 0 to disable or any negative value for infinite retrying. The default is 0 (no retry).' },
  ],
  run(inv, ctx) {
    const args = inv.flags.positionals;
    if (args.length !== 2) return fail("error: source and destination are required\n");
    const src = fileSpec(args[0]);
    const dest = fileSpec(args[1]);
    if (!src.remote && !dest.remote) return fail('error: one of src or dest must be a remote file specification\n');
    if (src.remote && dest.remote) return fail('error: one of src or dest must be a local file specification\n');
    if (src.path === '' || dest.path === '') return fail('error: filepath can not be empty\n');
    return src.remote ? fromPod(ctx, inv, src, dest.path) : toPod(ctx, inv, src.path, dest as Extract<FileSpec, { remote: true }>);
  },
};

/** `kubectl cp POD:PATH LOCAL`: tar in the container, untar on the laptop. */
function fromPod(ctx: CommandContext, inv: KubectlInvocation, src: Extract<FileSpec, { remote: true }>, local: string): CommandResult {
  const t = target(ctx, inv, src);
  if (!t.ok) return t.result;
  const view = containerView(ctx.state, t.frame);
  if (!view) return fail(`${t.notice}error: unable to upgrade connection: container not found ("${t.container}")\n`);
  const remote = resolvePath(src.path, '/');
  const leading = src.path.startsWith('/') ? "tar: Removing leading '/' from member names\n" : '';
  const files: { rel: string; text: string }[] = [];
  const one = readContainerFile(view, remote, '/');
  if (one.ok) files.push({ rel: '', text: one.text });
  else if (one.error === 'EISDIR') {
    const walk = (dir: string, rel: string) => {
      for (const n of listContainerDir(view, dir, '/') ?? []) {
        const p = `${dir === '/' ? '' : dir}/${n}`;
        const r = readContainerFile(view, p, '/');
        if (r.ok) files.push({ rel: `${rel}/${n}`, text: r.text });
        else if (r.error === 'EISDIR' && !p.startsWith('/proc') && !p.startsWith('/sys')) walk(p, `${rel}/${n}`);
      }
    };
    walk(remote, '');
  } else {
    return fail(`${t.notice}${leading}tar: ${src.path}: Cannot stat: No such file or directory\ntar: Exiting with failure status due to previous errors\ncommand terminated with exit code 2\n`);
  }
  const fs = ctx.fs;
  if (!fs) return fail(`${t.notice}${leading}error: open ${local}: read-only file system\n`);
  const base = resolvePath(local, ctx.frame.cwd);
  const isDir = (p: string) => fs.list(p) !== undefined;
  // A single file copied onto a directory lands inside it under its own name.
  const root = files.length === 1 && files[0].rel === '' && isDir(base) ? `${base}/${remote.split('/').pop()}` : base;
  if (!(files.length === 1 && files[0].rel === '') && !isDir(root)) {
    const made = fs.mkdir?.(root);
    if (made && !made.ok) return fail(`${t.notice}${leading}error: mkdir ${local}: ${made.error.toLowerCase()}\n`);
  }
  for (const f of files) {
    const path = `${root}${f.rel}`;
    const parent = path.slice(0, path.lastIndexOf('/')) || '/';
    if (!isDir(parent)) fs.mkdir?.(parent);
    const w = fs.write(path, f.text, false);
    if (!w.ok) return fail(`${t.notice}${leading}error: open ${path}: ${w.error.toLowerCase()}\n`);
  }
  return { stdout: '', stderr: `${t.notice}${leading}`, exitCode: 0 };
}

/** `kubectl cp LOCAL POD:PATH`: tar on the laptop, untar in the container. */
function toPod(ctx: CommandContext, inv: KubectlInvocation, local: string, dest: Extract<FileSpec, { remote: true }>): CommandResult {
  const read = ctx.readFile(resolvePath(local, ctx.frame.cwd));
  if (!read.ok && read.error !== 'EISDIR') return fail(`error: ${local} doesn't exist in local filesystem\n`);
  const t = target(ctx, inv, dest);
  if (!t.ok) return t.result;
  const fs = shellFs(() => ctx.state, t.frame, (a) => ctx.dispatch(a));
  const from = resolvePath(local, ctx.frame.cwd);
  let root = resolvePath(dest.path, '/');
  // Onto an existing directory, the copy goes inside it under its own name.
  if (fs.list(root) !== undefined) root = `${root === '/' ? '' : root}/${from.split('/').pop()}`;
  const files: { rel: string; text: string }[] = [];
  if (read.ok) files.push({ rel: '', text: read.text });
  else {
    const walk = (dir: string, rel: string) => {
      for (const n of ctx.fs?.list(dir) ?? []) {
        const r = ctx.readFile(`${dir}/${n}`);
        if (r.ok) files.push({ rel: `${rel}/${n}`, text: r.text });
        else if (r.error === 'EISDIR') walk(`${dir}/${n}`, `${rel}/${n}`);
      }
    };
    walk(from, '');
    if (fs.list(root) === undefined) fs.mkdir?.(root);
  }
  for (const f of files) {
    const path = `${root}${f.rel}`;
    const parent = path.slice(0, path.lastIndexOf('/')) || '/';
    if (fs.list(parent) === undefined) fs.mkdir?.(parent);
    const w = fs.write(path, f.text, false);
    if (!w.ok) return fail(`${t.notice}tar: ${path.replace(/^\//, '')}: Cannot open: ${w.error}\ntar: Exiting with failure status due to previous errors\ncommand terminated with exit code 2\n`);
  }
  return { stdout: '', stderr: t.notice, exitCode: 0 };
}
