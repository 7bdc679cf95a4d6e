import { describe, expect, it } from 'vitest';
import { nodeState, runOn } from '../testing.ts';
import { lsblk, lsblkSize } from './index.ts';

const run = (line: string) => runOn(lsblk, nodeState(), 'worker-7', line);

describe('lsblk', () => {
  it('sizes as util-linux rounds them', () => {
    expect([512, 4 * 1024 * 1024, 104_634_368, 103865303040, 1024 ** 3 * 49.96].map(lsblkSize)).toEqual(['512B', '4M', '99.8M', '96.7G', '50G']);
  });
  it('shows the root disk and its partitions as a tree, mount points from the mounted file systems', () => {
    expect(run('lsblk').stdout).toBe(
      'NAME         MAJ:MIN RM  SIZE RO TYPE MOUNTPOINTS\n' +
      'nvme0n1      259:0    0 96.9G  0 disk \n' +
      '├─nvme0n1p1  259:1    0 96.7G  0 part /\n' +
      '├─nvme0n1p14 259:2    0    4M  0 part \n' +
      '└─nvme0n1p15 259:3    0  106M  0 part \n');
    expect(run('lsblk -d -n -o NAME,SIZE').stdout).toBe('nvme0n1 96.9G\n');
    expect(run('lsblk /dev/sdz')).toMatchObject({ stderr: 'lsblk: /dev/sdz: not a block device\n', exitCode: 32 });
    expect(run('lsblk -o BOGUS')).toMatchObject({ stderr: 'lsblk: unknown column: BOGUS\n', exitCode: 1 });
  });
});
