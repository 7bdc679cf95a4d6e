/**
 * GNU stat over the simulated files: whole outputs on a node, and the format engine against the
 * real coreutils stat on a real file whose metadata we hand to ours.
 */
import { chmodSync, mkdtempSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { realTool, runReal } from '../../../../../tests/realtools.ts';
import { nodeState, runOn } from '../testing.ts';
import { expand, stat } from './index.ts';

const run = (line: string) => runOn(stat, nodeState(), 'worker-7', line);

describe('stat on a node', () => {
  it('names the cgroup v2 file system, as `stat -fc %T /sys/fs/cgroup` is used to tell v1 from v2', () => {
    expect(run('stat -fc %T /sys/fs/cgroup').stdout).toBe('cgroup2fs\n');
    expect(run('stat -f -c %T /').stdout).toBe('ext2/ext3\n');
    expect(run('stat -f /sys/fs/cgroup').stdout).toBe('  File: "/sys/fs/cgroup"\n    ID: 0        Namelen: 255     Type: cgroup2fs\nBlock size: 4096       Fundamental block size: 4096\nBlocks: Total: 0          Free: 0          Available: 0\nInodes: Total: 0          Free: 0\n');
  });
  it('prints the default layout for a file and a kernel file', () => {
    expect(run('stat /etc/kubernetes/kubelet.conf').stdout).toBe(
      '  File: /etc/kubernetes/kubelet.conf\n  Size: 28        \tBlocks: 8          IO Block: 4096   regular file\nDevice: 259,1\tInode: 1325128     Links: 1\n' +
      'Access: (0644/-rw-r--r--)  Uid: (    0/    root)   Gid: (    0/    root)\nAccess: 2024-05-10 07:12:03.897324128 +0000\nModify: 2024-05-10 07:12:03.897324128 +0000\n' +
      'Change: 2024-05-10 07:12:03.897324128 +0000\n Birth: 2024-05-10 07:12:03.897324128 +0000\n');
    expect(run('stat -c %n:%s:%F:%a:%U /proc/meminfo /tmp /etc').stdout).toBe('/proc/meminfo:0:regular empty file:444:root\n/tmp:4096:directory:1777:root\n/etc:4096:directory:755:root\n');
  });
  it('answers missing files and operands as coreutils does', () => {
    expect(run('stat /nope')).toMatchObject({ stdout: '', stderr: "stat: cannot statx '/nope': No such file or directory\n", exitCode: 1 });
    expect(run('stat')).toMatchObject({ stderr: "stat: missing operand\nTry 'stat --help' for more information.\n", exitCode: 1 });
    expect(run('stat -Z /')).toMatchObject({ stderr: "stat: invalid option -- 'Z'\nTry 'stat --help' for more information.\n", exitCode: 1 });
  });
});

const REAL = realTool('stat');
describe('the format engine against coreutils stat', () => {
  it(`prints what the real stat prints for the same metadata${REAL ? '' : ' (skipped: no stat here)'}`, () => {
    if (!REAL) return;
    const dir = mkdtempSync(join(tmpdir(), 'gauntlet-stat-'));
    const file = join(dir, 'config.yaml');
    writeFileSync(file, 'apiVersion: v1\nkind: Config\n');
    chmodSync(file, 0o640);
    utimesSync(file, new Date(Date.UTC(2024, 4, 10, 7, 12, 3)), new Date(Date.UTC(2024, 4, 10, 7, 12, 3)));
    const st = statSync(file, { bigint: true });
    const format = '%n|%s|%b|%B|%o|%f|%F|%a|%04a|%A|%h|%i|%d|%D|%y|%Y|%-12s|%10.10A|%5u';
    const theirs = runReal(REAL, ['-c', format, file]).stdout;
    const mtime = Number(st.mtimeNs / 1_000_000n);
    const ours = expand(`${format}\n`, {
      name: file, meta: { dir: false, size: Number(st.size), mtime, owner: 'root', mode: '-rw-r-----', links: Number(st.nlink) }, inode: Number(st.ino),
      major: Math.floor(Number(st.dev) / 256), minor: Number(st.dev) % 256, ioBlock: Number(st.blksize), atime: mtime, mtime, ctime: mtime, nanos: Number(st.mtimeNs % 1_000_000_000n), uid: Number(st.uid),
    }, undefined, false);
    expect(ours).toBe(theirs);
  });
});
