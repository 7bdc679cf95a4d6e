/**
 * findmnt and mount over the simulated mount table: the real util-linux findmnt reads the
 * mountinfo we render (`findmnt -F FILE`) and must print what ours prints from the same table;
 * mount's listing and the pod-derived mounts are checked on a scenario node.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { realTool, runReal } from '../../../../../tests/realtools.ts';
import { parseScenario } from '../../../scenario/parse.ts';
import { Session } from '../../../session/session.ts';
import { mountTable, renderMountinfo } from '../../../host/mounts.ts';

const root = join(import.meta.dirname, '..', '..', '..', '..', '..');
function session() {
  const r = parseScenario('scenarios/cpu-throttling.yaml', readFileSync(join(root, 'scenarios', 'cpu-throttling.yaml'), 'utf8'));
  if (!r.ok) throw new Error(r.errors.join('\n'));
  const s = Session.start(r.scenario);
  const node = Object.values(s.state.pods).find((p) => p.metadata.name.startsWith('order-api'))!.spec.nodeName!;
  s.run(`ssh ${node}`);
  return { s, node };
}

const REAL = realTool('findmnt');
const LINES = ['findmnt', 'findmnt -t tmpfs', 'findmnt /sys/fs/cgroup', 'findmnt -l -t overlay', 'findmnt -J /sys/fs/cgroup', 'findmnt -n -o FSTYPE /sys/fs/cgroup',
  'findmnt -o ID,PARENT,MAJ:MIN,TARGET /run', 'findmnt -r -t nsfs', 'findmnt -S tmpfs', 'findmnt -t cgroup2,overlay -o TARGET,FSTYPE', 'findmnt -J -t cgroup2', 'findmnt -a -t tmpfs'];

describe('findmnt against util-linux on the same mountinfo', () => {
  it.each(LINES)(`%s${REAL ? '' : ' (skipped: no findmnt here)'}`, (line) => {
    if (!REAL) return;
    const { s, node } = session();
    const dir = mkdtempSync(join(tmpdir(), 'gauntlet-findmnt-'));
    const file = join(dir, 'mountinfo');
    writeFileSync(file, renderMountinfo(mountTable(s.state, s.state.hosts[node])));
    const theirs = runReal(REAL, [...line.split(' ').slice(1), '-F', file]);
    const ours = s.run(line);
    expect(ours.output).toBe(theirs.stdout + theirs.stderr);
    expect(s.run('echo $?').output).toBe(`${theirs.status}\n`);
  });
});

describe('mount tables follow the pods on the node', () => {
  it('cgroup2 on /sys/fs/cgroup, an overlay per running container and ready sandbox, a token tmpfs per pod', () => {
    const { s } = session();
    expect(s.run('mount | grep cgroup').output).toBe('cgroup2 on /sys/fs/cgroup type cgroup2 (rw,nosuid,nodev,noexec,relatime,nsdelegate,memory_recursiveprot)\n');
    const overlays = Number(s.run('mount -t overlay | wc -l').output.trim());
    const containers = Number(s.run('crictl ps -q | wc -l').output.trim());
    const sandboxes = Number(s.run('crictl pods -q --state ready | wc -l').output.trim());
    expect(overlays).toBe(containers + sandboxes);
    const tokens = s.run('findmnt -l -n -o TARGET -t tmpfs | grep kube-api-access | wc -l').output.trim();
    expect(Number(tokens)).toBe(sandboxes);
    expect(s.run('cat /proc/mounts | grep " / "').output).toMatch(/^\/dev\/nvme0n1p1 \/ ext4 rw,relatime,discard,errors=remount-ro 0 0\n$/);
    expect(s.run('findmnt /nope; echo $?').output).toBe('1\n');
    expect(s.run('findmnt -o BOGUS').output).toBe('findmnt: unknown column: BOGUS\n');
    expect(s.run('mount --bogus').output).toBe("mount: unrecognized option '--bogus'\nTry 'mount --help' for more information.\n");
  });
  it('a container that stops takes its overlay with it', () => {
    const { s } = session();
    const id = s.run('crictl ps -q --name log-agent').output.trim();
    expect(s.run(`findmnt -n -o FSTYPE /run/containerd/io.containerd.runtime.v2.task/k8s.io/${id}/rootfs`).output).toBe('overlay\n');
    s.run(`crictl stop ${id}`);
    s.tick(s.now + 60_000);
    expect(s.run(`findmnt /run/containerd/io.containerd.runtime.v2.task/k8s.io/${id}/rootfs; echo $?`).output).toBe('1\n');
  });
});
