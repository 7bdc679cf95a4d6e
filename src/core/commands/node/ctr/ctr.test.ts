import { describe, expect, it } from 'vitest';
import { nodeState, runOn } from '../testing.ts';
import { ctr } from './index.ts';

const run = (line: string) => runOn(ctr, nodeState(), 'worker-7', line);

describe('ctr', () => {
  it('lists the CRI containers (sandboxes included) and running tasks in k8s.io, every cell tab-terminated as ctr writes them', () => {
    expect(run('ctr -n k8s.io containers ls').stdout).toBe(
      'CONTAINER                                                           IMAGE                                                  RUNTIME                  \n' +
      '5c8e1a3f7b9d2e4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f    registry.k8s.io/pause:3.10                             io.containerd.runc.v2    \n' +
      'a3f1c9e27b5d4e0f8c6a2b1d9e7f3c5a4b6d8e0f1a2c3b4d5e6f7a8b9c0d1e2f    registry.example.com/payments/payment-service:3.8.0    io.containerd.runc.v2    \n' +
      'b7e2d4f61a3c5e7f9b1d3f5a7c9e1b3d5f7a9c1e3b5d7f9a1c3e5b7d9f1a3c5e    registry.example.com/payments/payment-service:3.8.0    io.containerd.runc.v2    \n');
    expect(run('ctr -n k8s.io tasks ls').stdout).toBe(
      'TASK                                                             PID   STATUS  \n' +
      '5c8e1a3f7b9d2e4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f 60126 RUNNING \n' +
      'b7e2d4f61a3c5e7f9b1d3f5a7c9e1b3d5f7a9c1e3b5d7f9a1c3e5b7d9f1a3c5e 28901 RUNNING \n');
  });
  it('names each image by tag, repo digest and id; the default namespace is empty', () => {
    expect(run('ctr -n k8s.io images ls -q').stdout.split('\n').filter((l) => l.includes('payment-service') || l.startsWith('sha256:c913'))).toEqual([
      'registry.example.com/payments/payment-service:3.8.0', 'registry.example.com/payments/payment-service@sha256:8f1ba6698c1ba1b08d1ba343921bab22931bacb5901ba7fc911ba98f961bb16e',
      'sha256:c9131139e6342a1f0b7d2c5e8a4f6b3d1e9c7a5b2d4f6e8a0c1b3d5e7f9a2c4e']);
    expect(run('ctr tasks ls').stdout).toBe('TASK PID STATUS \n');
    expect(run('ctr -n k8s.io containers rm x')).toMatchObject({ stderr: 'ctr: no such command "rm"\n', exitCode: 1 });
  });
});
