import { describe, expect, it } from 'vitest';
import { nodeState, runOn } from '../testing.ts';
import { sysctl } from './index.ts';

const run = (line: string) => runOn(sysctl, nodeState(), 'worker-7', line);

describe('sysctl', () => {
  it('reads the kernel parameters kubelet and kube-proxy rely on, as /proc/sys holds them', () => {
    expect(run('sysctl vm.overcommit_memory kernel.panic net.ipv4.ip_forward').stdout).toBe('vm.overcommit_memory = 1\nkernel.panic = 10\nnet.ipv4.ip_forward = 1\n');
    expect(run('sysctl -n net.ipv4.ip_local_port_range').stdout).toBe('32768\t60999\n');
    expect(run('sysctl vm/swappiness').stdout).toBe('vm.swappiness = 60\n');
    expect(run('sysctl -r ^fs.inotify').stdout).toBe('fs.inotify.max_user_instances = 8192\nfs.inotify.max_user_watches = 524288\n');
  });
  it('writes as root through /proc/sys and refuses unknown keys', () => {
    const w = run('sysctl -w vm.swappiness=10');
    expect(w.stdout).toBe('vm.swappiness = 10\n');
    expect(w.actions).toEqual([{ type: 'host/writeFile', host: 'worker-7', path: '/proc/sys/vm/swappiness', text: '10\n' }]);
    expect(run('sysctl no.such')).toMatchObject({ stdout: '', stderr: 'sysctl: cannot stat /proc/sys/no/such: No such file or directory\n', exitCode: 1 });
    expect(run('sysctl -e no.such')).toMatchObject({ stderr: '', exitCode: 0 });
  });
});
