import { describe, expect, it } from 'vitest';
import { onNode } from '../../../tests/onNode.ts';
import type { Host } from '../model/host.ts';
import { kubeletLog } from '../sim/kubelet.ts';
import { journalLines, klogLine } from './journal.ts';

const T0 = Date.UTC(2026, 5, 12, 10, 27, 21, 123);
const bare = () => ({ journal: [], units: { 'kubelet.service': { mainPid: 1869 } } }) as unknown as Host;

describe('the journal as readers see it', () => {
  it('renders a repeated kubelet line as one line per period, each with its own klog stamp', () => {
    const h = bare();
    kubeletLog(h, T0, 'I', 'prober.go:107', '"Probe failed" probeResult="failure"', 10_000, 3);
    kubeletLog(h, T0 + 30_000, 'I', 'prober.go:107', '"Probe failed" probeResult="failure"', 10_000, 2);
    expect(h.journal).toHaveLength(1); // the second batch continues the first
    expect(journalLines(h).map((l) => l.message)).toEqual([
      'I0612 10:27:21.123861    1869 prober.go:107] "Probe failed" probeResult="failure"',
      'I0612 10:27:31.123861    1869 prober.go:107] "Probe failed" probeResult="failure"',
      'I0612 10:27:41.123861    1869 prober.go:107] "Probe failed" probeResult="failure"',
      'I0612 10:27:51.123861    1869 prober.go:107] "Probe failed" probeResult="failure"',
      'I0612 10:28:01.123861    1869 prober.go:107] "Probe failed" probeResult="failure"',
    ]);
    expect(journalLines(h).map((l) => l.at)).toEqual([0, 1, 2, 3, 4].map((i) => T0 + i * 10_000));
  });

  it('keeps the stored order: a line logged between two batches starts a new record', () => {
    const h = bare();
    kubeletLog(h, T0, 'E', 'pod_workers.go:1301', '"Error syncing pod, skipping"', 10_000);
    kubeletLog(h, T0 + 5_000, 'I', 'kubelet.go:2473', '"SyncLoop (PLEG): event for pod"');
    kubeletLog(h, T0 + 10_000, 'E', 'pod_workers.go:1301', '"Error syncing pod, skipping"', 10_000);
    expect(h.journal).toHaveLength(3);
    expect(journalLines(h).map((l) => l.message)).toEqual([
      klogLine('E', T0, 1869, 'pod_workers.go:1301', '"Error syncing pod, skipping"'),
      klogLine('I', T0 + 5_000, 1869, 'kubelet.go:2473', '"SyncLoop (PLEG): event for pod"'),
      klogLine('E', T0 + 10_000, 1869, 'pod_workers.go:1301', '"Error syncing pod, skipping"'),
    ]);
  });
});

describe('reading a frozen journal again', () => {
  it('gives the same line objects for an unchanged record, and an older state of a grown record still reads its own lines', () => {
    const h = bare();
    kubeletLog(h, T0, 'E', 'pod_workers.go:1301', '"Error syncing pod, skipping"', 10_000, 2);
    const before = { journal: Object.freeze(h.journal.map((e) => Object.freeze({ ...e }))) } as unknown as Host;
    const first = journalLines(before);
    expect(journalLines(before)).toEqual(first);
    expect(journalLines(before)[1]).toBe(first[1]);
    // The series grows in a later state: a new record object, the old state keeps its two lines.
    const grown = { ...before.journal[0], repeat: { every: 10_000, count: 4 } };
    const after = { journal: Object.freeze([Object.freeze(grown)]) } as unknown as Host;
    expect(journalLines(after).map((l) => l.at)).toEqual([0, 1, 2, 3].map((i) => T0 + i * 10_000));
    expect(journalLines(after)[3].message).toBe(klogLine('E', T0 + 30_000, 1869, 'pod_workers.go:1301', '"Error syncing pod, skipping"'));
    expect(journalLines(before).map((l) => l.at)).toEqual([T0, T0 + 10_000]);
    expect(journalLines(after)[1]).toBe(first[1]);
  });
});

describe('journald files: disk usage, rotation and vacuum', () => {
  // pdb-deadlock's ip-10-40-1-88 logs a failed readiness probe every few seconds.
  const NODE = 'ip-10-40-1-88';
  const usedKiB = (run: (l: string) => string) => Number(run('df /').split('\n')[1].split(/\s+/)[2]);

  it('journalctl --disk-usage, du and df agree while the journal grows', () => {
    const { s, run } = onNode('pdb-deadlock', NODE);
    expect(run('journalctl --disk-usage')).toBe('Archived and active journals take up 40.0M in the file system.\n');
    const before = usedKiB(run);
    s.run('exit');
    s.run('sleep 24h');
    s.tick(s.now + 24 * 3_600_000 + 1000);
    s.run(`ssh ${NODE}`);
    const usage = run('journalctl --disk-usage');
    expect(usage).toMatch(/^Archived and active journals take up \d+\.\dM in the file system\.\n$/);
    const mib = Number(/up (\d+)\.\dM/.exec(usage)![1]);
    expect(mib).toBeGreaterThan(40);
    // Files grow 8 MiB at a time; df's Used grew by what the journal's files did.
    expect(mib % 8).toBe(0);
    expect(usedKiB(run) - before).toBe((mib - 40) * 1024);
    expect(run('du -sm /var/log/journal')).toBe(`${mib + 1}\t/var/log/journal\n`);
    const du = Number(run('du -s /').split('\t')[0]);
    expect(Math.abs(du - usedKiB(run))).toBeLessThanOrEqual(256);
  });

  it('SystemMaxUse in journald.conf: archived files rotate and the oldest go, with their lines', () => {
    const { s, run } = onNode('pdb-deadlock', NODE);
    run('mkdir -p /etc/systemd');
    run("printf '[Journal]\\nSystemMaxUse=48M\\nSystemMaxFileSize=8M\\n' > /etc/systemd/journald.conf");
    const first = run('journalctl --no-pager -o short-iso | head -1');
    s.run('exit');
    s.run('sleep 24h');
    s.tick(s.now + 24 * 3_600_000 + 1000);
    s.run(`ssh ${NODE}`);
    expect(run('journalctl --disk-usage')).toMatch(/^Archived and active journals take up 4\d\.\dM in the file system\.\n$/);
    const files = run(`du -a /var/log/journal/${NODE}`).trim().split('\n').map((l) => l.split('/').pop());
    expect(files).toContain('system.journal');
    expect(files).not.toContain('system@0.journal');
    // The oldest lines went with their files: the journal now starts later than it did.
    const now = run('journalctl --no-pager -o short-iso | head -1');
    expect(now).not.toBe(first);
    expect(Date.parse(now.slice(0, 24))).toBeGreaterThan(Date.parse(first.slice(0, 24)) + 24 * 3_600_000 * 0.9);
  });
});
