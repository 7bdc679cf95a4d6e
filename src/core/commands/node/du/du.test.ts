import { describe, expect, it } from 'vitest';
import { onNode } from '../../../../../tests/onNode.ts';

describe('du on a node (coreutils 9.1)', () => {
  it('sums the images, pod logs and journal; du -s / is what df says is used', () => {
    const { run } = onNode('etcd-slowness', 'wk-1');
    expect(run('du -sh /var/lib/containerd/* | sort -h')).toBe('325M\t/var/lib/containerd/io.containerd.content.v1.content\n649M\t/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs\n');
    expect(run('du -h --max-depth=1 /var/log')).toBe('41M\t/var/log/journal\n24K\t/var/log/pods\n41M\t/var/log\n');
    expect(run('du -ch -d0 /var/log/pods /var/lib/containerd')).toBe('24K\t/var/log/pods\n973M\t/var/lib/containerd\n973M\ttotal\n');
    const used = Number(run('df /').split('\n')[1].split(/\s+/)[2]);
    const du = Number(run('du -s /').split('\t')[0]);
    expect(Math.abs(du - used)).toBeLessThanOrEqual(256);
    expect(run('du -xh /var | sort -rh | head -3')).toBe('1013M\t/var\n973M\t/var/lib/containerd\n973M\t/var/lib\n');
  });
  it('answers a missing path and a bad depth as coreutils does', () => {
    const { run } = onNode('etcd-slowness', 'wk-1');
    expect(run('du -sh /nope; echo $?')).toBe("du: cannot access '/nope': No such file or directory\n1\n");
    expect(run('du -d x /var')).toBe("du: invalid maximum depth 'x'\nTry 'du --help' for more information.\n");
  });
});
