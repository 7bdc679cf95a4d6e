import type { ShellFrame } from '../commands/types.ts';

/**
 * Which user-space a container image brings to a shell in it: the flavour of its network tools
 * and of its shell. One table, image repository → toolset; images it does not name are busybox
 * ones (busybox, alpine, the distroless debug images, the application images of the scenarios).
 * - `busybox`: busybox 1.36 applets (`nc`, `nslookup`, `wget`) under busybox ash;
 * - `netshoot`: nicolaka/netshoot (Alpine 3.22): OpenBSD netcat, bind9's `nslookup` and `dig`,
 *   curl 8, under zsh.
 */
export type Toolset = 'busybox' | 'netshoot';

const IMAGE_TOOLSETS: readonly { repository: string; toolset: Toolset }[] = [
  { repository: 'nicolaka/netshoot', toolset: 'netshoot' },
  { repository: 'docker.io/nicolaka/netshoot', toolset: 'netshoot' },
  { repository: 'ghcr.io/nicolaka/netshoot', toolset: 'netshoot' },
];

/** The image reference without its tag or digest: `nicolaka/netshoot:v0.13` → `nicolaka/netshoot`. */
function repositoryOf(image: string): string {
  const noDigest = image.split('@')[0];
  const slash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  return colon > slash ? noDigest.slice(0, colon) : noDigest;
}

/** The toolset of an image (`busybox` unless the table names its repository). */
export function toolsetOf(image: string): Toolset {
  const repo = repositoryOf(image);
  return IMAGE_TOOLSETS.find((t) => t.repository === repo)?.toolset ?? 'busybox';
}

/** The toolset of the shell's top frame: a pod container's image, or undefined outside one (laptop, node, a node debug pod). */
export function frameToolset(frame: ShellFrame): Toolset | undefined {
  if (frame.place !== 'debug' || !frame.debug) return undefined;
  return toolsetOf(frame.debug.image);
}

/** How each toolset's shell answers a command it does not have: busybox ash, zsh. */
export const NOT_FOUND: Record<Toolset, (name: string) => string> = {
  busybox: (name) => `sh: ${name}: not found\n`,
  netshoot: (name) => `zsh: command not found: ${name}\n`,
};

/**
 * The prompt of a pod container's shell: busybox ash's `PWD # `; netshoot's zsh with its
 * powerlevel10k `host dir` segments, drawn without the powerline glyphs (`pod ~ # `).
 */
export function containerPrompt(toolset: Toolset, pod: string, cwd: string): string {
  if (toolset === 'busybox') return `${cwd} # `;
  const dir = cwd === '/root' ? '~' : cwd.startsWith('/root/') ? `~${cwd.slice(5)}` : cwd;
  return `${pod} ${dir} # `;
}

/** Where a toolset's shell starts: netshoot's image sets WORKDIR /root. */
export const SHELL_HOME: Record<Toolset, string> = { busybox: '/', netshoot: '/root' };
