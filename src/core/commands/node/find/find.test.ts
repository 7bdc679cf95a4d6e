import { describe, expect, it } from 'vitest';
import { nodeState, runOn } from '../testing.ts';
import { find } from './index.ts';

const run = (line: string) => runOn(find, nodeState(), 'worker-7', line.split(' '));

describe('find', () => {
  it('walks the host tree in name order with name, type, depth and size tests', () => {
    expect(run('find /etc -name *.conf').stdout).toBe('/etc/kubernetes/kubelet.conf\n');
    expect(run('find /etc -maxdepth 1 -type d').stdout).toBe('/etc\n/etc/kubernetes\n');
    expect(run('find /proc/sys/vm -type f -name swap*').stdout).toBe('/proc/sys/vm/swappiness\n');
    expect(run('find /etc/kubernetes -size -1k -o -name kubelet.conf').stdout).toBe('/etc/kubernetes/kubelet.conf\n');
    expect(run('find /etc/kubernetes ! -type d').stdout).toBe('/etc/kubernetes/kubelet.conf\n');
  });
  it('answers missing paths and unknown predicates as GNU find does', () => {
    expect(run('find /nope')).toMatchObject({ stdout: '', stderr: 'find: ‘/nope’: No such file or directory\n', exitCode: 1 });
    expect(run('find /etc -foo')).toMatchObject({ stderr: "find: unknown predicate `-foo'\n", exitCode: 1 });
    expect(run('find /etc -name')).toMatchObject({ stderr: "find: missing argument to `-name'\n", exitCode: 1 });
  });
});
