import type { Place } from '../commands/types.ts';

/**
 * `$PATH` and where each program lives, per place, as on the real machines: the laptop is Ubuntu
 * 24.04 with kubectl from the Kubernetes apt repository; nodes are Ubuntu 22.04 with the
 * Kubernetes binaries under /usr/bin and crictl/etcdctl under /usr/local/bin; a busybox debug
 * container has every applet as a link under /bin.
 */
const PATHS: Record<Place, string> = {
  laptop: '/home/learner/.local/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/games:/usr/local/games:/snap/bin',
  node: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/games:/usr/local/games:/snap/bin',
  debug: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
};

/** Programs outside /usr/bin, by place. */
const DIRS: Record<Place, Record<string, string>> = {
  laptop: { },
  node: {
    crictl: '/usr/local/bin', etcdctl: '/usr/local/bin', ctr: '/usr/bin', containerd: '/usr/bin', kubelet: '/usr/bin', kubeadm: '/usr/bin',
    sysctl: '/usr/sbin', iptables: '/usr/sbin', ss: '/usr/bin', ip: '/usr/sbin', lsblk: '/usr/bin', findmnt: '/usr/bin', iostat: '/usr/bin',
    mount: '/usr/bin', vmstat: '/usr/bin', strace: '/usr/bin', chroot: '/usr/sbin', lsof: '/usr/bin',
  },
  debug: {},
};

/** The default `$PATH` of a login shell at `place`. */
export function defaultPath(place: Place): string {
  return PATHS[place];
}

/**
 * Where `name` is installed at `place`, first the one `$PATH` finds (`which -a` order): the
 * program's directory and the merged-/usr twin (`/bin` is a link to `/usr/bin` on Ubuntu).
 */
export function locate(place: Place, name: string): string[] {
  if (place === 'debug') return [`/bin/${name}`, `/usr/bin/${name}`];
  const dir = DIRS[place][name] ?? '/usr/bin';
  const twin = dir === '/usr/bin' ? '/bin' : dir === '/usr/sbin' ? '/sbin' : undefined;
  return twin ? [`${dir}/${name}`, `${twin}/${name}`] : [`${dir}/${name}`];
}
