import type { CommandContext, CommandResult } from '../../../types.ts';
import type { KubectlVerb } from '../../verb.ts';
import { resolvePath } from '../../../../host/files.ts';
import { kustomizeBuild, type BuildResult } from '../../../../kustomize/index.ts';

/**
 * Builds the kustomization in `typed` (relative to the shell's directory) over the laptop's files,
 * as kubectl 1.33's bundled kustomize does: `-k DIR` of apply, create, delete, diff and get, and
 * `kubectl kustomize DIR`.
 */
export function buildKustomization(ctx: CommandContext, typed: string): BuildResult {
  const dir = resolvePath(typed, ctx.frame.cwd);
  return kustomizeBuild({ read: (path) => ctx.readFile(path) }, dir, typed);
}

const fail = (stderr: string): CommandResult => ({ stdout: '', stderr, exitCode: 1 });

/**
 * `kubectl kustomize [DIR] [-o FILE]` (1.33): the built resources on stdout (or written to FILE),
 * kustomize's deprecation warnings on stderr first; no cluster involved. Remote URLs cannot be
 * fetched from the laptop.
 */
export const kustomize: KubectlVerb = {
  name: 'kustomize',
  short: 'Build a kustomization target from a directory or URL',
  long: "Build a set of KRM resources using a 'kustomization.yaml' file. The DIR argument must be a path to a directory containing 'kustomization.yaml', or a git repository URL with a path suffix specifying same with respect to the repository root. If DIR is omitted, '.' is assumed.",
  examples: '# Build the current working directory\nkubectl kustomize\n\n# Build some shared configuration directory\nkubectl kustomize /home/config/production\n\n# Build from github\nkubectl kustomize https://github.com/kubernetes-sigs/kustomize.git/examples/helloWorld?ref=v1.0.6',
  usage: 'kubectl kustomize DIR [flags] [options]',
  flags: [
    { name: 'as-current-user', type: 'bool', help: 'use the uid and gid of the command executor to run the function in the container' },
    { name: 'enable-alpha-plugins', type: 'bool', help: 'enable kustomize plugins' },
    { name: 'enable-helm', type: 'bool', help: 'Enable use of the Helm chart inflator generator.' },
    { name: 'env', short: 'e', type: 'stringArray', help: 'a list of environment variables to be used by functions' },
    { name: 'helm-api-versions', type: 'stringArray', help: 'Kubernetes api versions used by Helm for Capabilities.APIVersions' },
    { name: 'helm-command', type: 'string', default: 'helm', help: 'helm command (path to executable)' },
    { name: 'helm-debug', type: 'bool', help: 'Enable debug output from the Helm chart inflator generator.' },
    { name: 'helm-kube-version', type: 'string', help: 'Kubernetes version used by Helm for Capabilities.KubeVersion' },
    { name: 'load-restrictor', type: 'string', default: 'LoadRestrictionsRootOnly', help: "if set to 'LoadRestrictionsNone', local kustomizations may load files from outside their root. This does, however, break the relocatability of the kustomization." },
    { name: 'mount', type: 'stringArray', help: 'a list of storage options read from the filesystem' },
    { name: 'network', type: 'bool', help: 'enable network access for functions that declare it' },
    { name: 'network-name', type: 'string', default: 'bridge', help: 'the docker network to run the container in' },
    { name: 'output', short: 'o', type: 'string', help: 'If specified, write output to this path.' },
  ],
  run(inv, ctx) {
    const args = inv.flags.positionals;
    if (args.length > 1) return fail('error: specify one path to kustomization.yaml\n');
    const typed = args[0] ?? '.';
    if (/^(https?:\/\/|git@|github\.com\/)/.test(typed)) return fail(`error: no 'git' program on path: exec: "git": executable file not found in $PATH\n`);
    const built = buildKustomization(ctx, typed);
    if (!built.ok) return { stdout: '', stderr: `${built.warnings}error: ${built.error}\n`, exitCode: 1 };
    const out = String(inv.flags.values.output ?? '');
    if (out !== '') {
      const wrote = ctx.fs?.write(resolvePath(out, ctx.frame.cwd), built.yaml, false);
      if (!wrote || !wrote.ok) return { stdout: '', stderr: `${built.warnings}error: open ${out}: ${wrote ? wrote.error.toLowerCase() : 'read-only file system'}\n`, exitCode: 1 };
      return { stdout: '', stderr: built.warnings, exitCode: 0 };
    }
    return { stdout: built.yaml, stderr: built.warnings, exitCode: 0, ...(built.warnings ? { interleaved: built.warnings + built.yaml } : {}) };
  },
};
