import { HAVE_REFERENCE, REFERENCE_DIR } from '../../../tests/shared.ts';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { nodeState } from '../commands/node/testing.ts';
import { filePaths, listDirectory, readHostFile } from './files.ts';
import { dynamicFiles, isCgroupPath, kernelFiles, renderMeminfo } from './proc.ts';
import { parseScenario } from '../scenario/parse.ts';
import { Session } from '../session/session.ts';

describe('readHostFile', () => {
  const s = nodeState();
  const amd = s.hosts['worker-7'];
  const intel = s.hosts['worker-2'];

  it.skipIf(!HAVE_REFERENCE)('renders /proc/cpuinfo with one block per logical CPU and the kernel flags line layout (needs ../shared)', () => {
    const r = readHostFile(s, intel, '/proc/cpuinfo');
    expect(r.ok).toBe(true);
    const text = r.ok ? r.text : '';
    expect(text.split('\n\n').filter(Boolean)).toHaveLength(8);
    const golden = readFileSync(`${REFERENCE_DIR}/golden/local-cpuinfo-flags.txt`, 'utf8').split('\n')[0];
    const flagsLine = text.split('\n').find((l) => l.startsWith('flags'))!;
    expect(flagsLine.slice(0, 9)).toBe(golden.slice(0, 9)); // 'flags\t\t: '
    expect(flagsLine).toContain(' avx512f ');
    expect(text.split('\n').slice(0, 4)).toEqual(['processor\t: 0', 'vendor_id\t: GenuineIntel', 'cpu family\t: 6', 'model\t\t: 106']);
    const amdText = readHostFile(s, amd, '/proc/cpuinfo');
    expect(amdText.ok && amdText.text.includes('avx512')).toBe(false);
  });

  it('renders meminfo with 16-column keys and 8-wide values', () => {
    expect(renderMeminfo(amd).split('\n').slice(0, 3)).toEqual(['MemTotal:       16202516 kB', 'MemFree:         9540520 kB', 'MemAvailable:   12998476 kB']);
  });

  it('renders os-release, hostname, version and loadavg from the host', () => {
    expect(readHostFile(s, amd, '/etc/hostname')).toEqual({ ok: true, text: 'worker-7\n' });
    const os = readHostFile(s, amd, '/etc/os-release');
    expect(os.ok && os.text.split('\n').slice(0, 5)).toEqual(['PRETTY_NAME="Ubuntu 22.04.4 LTS"', 'NAME="Ubuntu"', 'VERSION_ID="22.04"', 'VERSION="22.04.4 LTS (Jammy Jellyfish)"', 'VERSION_CODENAME=jammy']);
    const v = readHostFile(s, amd, '/proc/version');
    expect(v.ok && v.text).toMatch(/^Linux version 5\.15\.0-1061-aws \(buildd@.*\) #67~20\.04\.1-Ubuntu SMP Mon Apr 15 14:02:15 UTC 2024\n$/);
    expect(readHostFile(s, amd, '/proc/loadavg')).toEqual({ ok: true, text: '0.19 0.15 0.13 1/204 29011\n' });
    expect(readHostFile(s, amd, '/proc/uptime')).toEqual({ ok: true, text: '271077.00 2016812.88\n' });
  });

  it('answers EISDIR for directories, ENOENT for unknown paths, and resolves relative paths', () => {
    for (const d of ['/proc', '/etc', '/var/log', '/etc/kubernetes', '/']) expect(readHostFile(s, amd, d)).toEqual({ ok: false, error: 'EISDIR' });
    expect(readHostFile(s, amd, '/etc/nope')).toEqual({ ok: false, error: 'ENOENT' });
    expect(readHostFile(s, amd, '__proto__')).toEqual({ ok: false, error: 'ENOENT' });
    expect(readHostFile(s, amd, '../etc/hostname', '/root')).toEqual({ ok: true, text: 'worker-7\n' });
  });

  it('lists directories from known paths', () => {
    expect(listDirectory(s, amd, '/etc/kubernetes')).toEqual(['kubelet.conf']);
    expect(listDirectory(s, amd, '/etc/hostname')).toBeUndefined();
  });
});

describe('reading a file without the whole tree', () => {
  it('reads every rendered file of a running node as the full tree renders it, cgroup files and all', () => {
    const parsed = parseScenario('scenarios/cpu-throttling.yaml', readFileSync('scenarios/cpu-throttling.yaml', 'utf8'));
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    const state = Session.start(parsed.scenario).state;
    const host = Object.values(state.hosts).find((h) => h.kind === 'node' && h.containers.some((c) => c.state === 'CONTAINER_RUNNING'))!;
    const all = dynamicFiles(state, host);
    const cgroup = [...all.keys()].filter(isCgroupPath);
    // Pods' slices, their containers' scopes and a process's /proc/PID/cgroup: the part kernelFiles leaves out.
    expect(cgroup.some((p) => /\/cri-containerd-[0-9a-f]{64}\.scope\/cpu\.stat$/.test(p))).toBe(true);
    expect(cgroup.some((p) => /^\/proc\/\d+\/cgroup$/.test(p))).toBe(true);
    expect([...kernelFiles(state, host).keys()]).toEqual([...all.keys()].filter((p) => !isCgroupPath(p)));
    for (const [path, render] of all) {
      if (Object.hasOwn(host.files, path)) continue;
      expect(readHostFile(state, host, path)).toEqual({ ok: true, text: render() });
    }
  });
});

describe('the file layer as the clock moves', () => {
  it('lists and reads a crash-looping node as a fresh build of each state does, while its containers come and go', () => {
    const parsed = parseScenario('scenarios/sigill-node.yaml', readFileSync('scenarios/sigill-node.yaml', 'utf8'));
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    const session = Session.start(parsed.scenario);
    const name = 'ip-10-42-3-208';
    const shapes = new Set<string>();
    for (let step = 0; step < 40; step++) {
      session.tick(session.now + 15_000);
      const state = session.state;
      // A structured clone is not frozen: its tree is built from scratch, sharing nothing with earlier states.
      const fresh = structuredClone(state);
      const paths = filePaths(state, state.hosts[name]);
      expect(paths).toEqual(filePaths(fresh, fresh.hosts[name]));
      const scopes = paths.filter((p) => p.endsWith('.scope/cpu.stat'));
      shapes.add(scopes.join('\n'));
      for (const dir of ['/', '/sys/fs/cgroup', '/sys/fs/cgroup/kubepods.slice', '/proc', '/var/log']) {
        expect(listDirectory(state, state.hosts[name], dir)).toEqual(listDirectory(fresh, fresh.hosts[name], dir));
      }
      for (const p of [...scopes, ...paths.filter((p) => /^\/proc\/\d+\/cgroup$/.test(p))]) {
        expect(readHostFile(state, state.hosts[name], p)).toEqual(readHostFile(fresh, fresh.hosts[name], p));
      }
    }
    // The crash loop started and stopped containers: the listings changed along the way.
    expect(shapes.size).toBeGreaterThan(1);
  });
});
