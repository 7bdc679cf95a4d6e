import { describe, expect, it } from 'vitest';
import { nodeState, runOn } from '../testing.ts';
import { pgrep, pkill } from './index.ts';

const grep = (line: string) => runOn(pgrep, nodeState(), 'worker-7', line);

describe('pgrep', () => {
  it('lists the pids whose name matches, with names, command lines or a count', () => {
    expect(grep('pgrep kubelet')).toMatchObject({ stdout: '1234\n', exitCode: 0 });
    expect(grep('pgrep -l contain').stdout).toBe('812 containerd\n60106 containerd-shim\n');
    expect(grep('pgrep -a -x kubelet').stdout).toBe('1234 /usr/bin/kubelet --bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf --config=/var/lib/kubelet/config.yaml\n');
    expect(grep('pgrep -f payment-service').stdout).toBe('28901\n');
    expect(grep('pgrep -c -u 65535 pause').stdout).toBe('1\n');
    expect(grep('pgrep -d , -f containerd').stdout).toBe('812,60106\n');
  });
  it('answers no match and usage errors as procps-ng does', () => {
    expect(grep('pgrep nosuch')).toMatchObject({ stdout: '', stderr: '', exitCode: 1 });
    expect(grep('pgrep')).toMatchObject({ stderr: "pgrep: no matching criteria specified\nTry `pgrep --help' for more information.\n", exitCode: 2 });
    expect(grep('pgrep -Z x').stderr.split('\n').slice(0, 4)).toEqual(["pgrep: invalid option -- 'Z'", '', 'Usage:', ' pgrep [options] <pattern>']);
    expect(grep('pgrep (')).toMatchObject({ stderr: 'pgrep: regex error: Unmatched ( or \\(\n', exitCode: 2 });
  });
});

describe('pkill', () => {
  it('terminating a container process stops the container; a unit main process is restarted by systemd', () => {
    const a = runOn(pkill, nodeState(), 'worker-7', 'pkill -e -f payment-service');
    expect(a.stdout).toBe('payment-service killed (pid 28901)\n');
    expect(a.actions).toEqual([{ type: 'runtime/stopContainer', host: 'worker-7', id: 'b7e2d4f61a3c5e7f9b1d3f5a7c9e1b3d5f7a9c1e3b5d7f9a1c3e5b7d9f1a3c5e' }]);
    expect(runOn(pkill, nodeState(), 'worker-7', 'pkill -9 -x kubelet').actions).toEqual([{ type: 'host/systemctl', host: 'worker-7', verb: 'restart', unit: 'kubelet.service' }]);
    expect(runOn(pkill, nodeState(), 'worker-7', 'pkill -STOP kubelet').actions).toEqual([]);
    expect(runOn(pkill, nodeState(), 'worker-7', 'pkill nosuch')).toMatchObject({ stdout: '', exitCode: 1 });
  });
});
