import { describe, expect, it } from 'vitest';
import { goldenEtcdState, runEtcd } from '../etcdctl/testing.ts';
import { iostat } from './index.ts';

const run = (line: string) => runEtcd(iostat, goldenEtcdState(), 'cp-1', line);
const DEVICE_HEADER = 'Device            r/s     rkB/s   rrqm/s  %rrqm r_await rareq-sz     w/s     wkB/s   wrqm/s  %wrqm w_await wareq-sz     d/s     dkB/s   drqm/s  %drqm d_await dareq-sz     f/s f_await  aqu-sz  %util';
const USAGE_FIRST = 'Usage: iostat [ options ] [ <interval> [ <count> ] ]\n';

describe('iostat (sysstat 12.5)', () => {
  it('-x: the banner, the CPU report and the extended device report in sysstat\'s columns', () => {
    const lines = run('iostat -x').stdout.split('\n');
    expect(lines[0]).toBe('Linux 5.15.0-1061-aws (cp-1) \t06/12/24 \t_x86_64_\t(8 CPU)');
    expect(lines[1]).toBe('');
    expect(lines[2]).toBe('avg-cpu:  %user   %nice %system %iowait  %steal   %idle');
    expect(lines[3]).toMatch(/^ {8}( +\d+\.\d\d){6}$/);
    expect(lines[3].length).toBe(8 + 7 + 5 * 8);
    expect(lines[5]).toBe(DEVICE_HEADER);
    expect(lines[6]).toMatch(/^nvme1n1 {6}( +\d+\.\d\d){22}$/);
    expect(lines[6].length).toBe(DEVICE_HEADER.length);
    expect(lines.slice(7)).toEqual(['', '']);
  });

  it('-d without -x: tps and kB columns; -m switches the units', () => {
    expect(run('iostat -d').stdout.split('\n')[2]).toBe('Device             tps    kB_read/s    kB_wrtn/s    kB_dscd/s    kB_read    kB_wrtn    kB_dscd');
    expect(run('iostat -dm').stdout.split('\n')[2]).toBe('Device             tps    MB_read/s    MB_wrtn/s    MB_dscd/s    MB_read    MB_wrtn    MB_dscd');
  });

  it('interval and count: one report since boot, then one per interval, waiting between them', () => {
    const r = run('iostat -xd 1 3');
    expect(r.stdout.split(DEVICE_HEADER).length - 1).toBe(3);
    expect(r.state.now - goldenEtcdState().now).toBe(2000);
    expect(run('iostat -xdy 1 2').stdout.split(DEVICE_HEADER).length - 1).toBe(2);
  });

  it('an interval without a count keeps reporting until Ctrl-C', () => {
    const r = run('iostat -xd 2');
    expect(r.follow).toBeDefined();
    const more = r.follow!.poll(r.state, r.state.now, r.state.now + 4000);
    expect(more.stdout.split(DEVICE_HEADER).length - 1).toBe(2);
  });

  it('a long interval × count keeps running with the clock (iostat 1 99999999 used to advance years at once)', () => {
    for (const line of ['iostat -xd 1 99999999', 'iostat -xd 99999999999 2']) {
      const r = run(line);
      expect(r.state.now, line).toBe(goldenEtcdState().now);
      expect(r.stdout.split(DEVICE_HEADER).length - 1, line).toBe(1);
      expect(r.follow, line).toBeDefined();
    }
    const r = run('iostat -xd 30 4');
    expect(r.stdout.split(DEVICE_HEADER).length - 1).toBe(1);
    const first = r.follow!.poll(r.state, r.state.now, r.state.now + 60_000);
    expect([first.stdout.split(DEVICE_HEADER).length - 1, first.done]).toEqual([2, undefined]);
    const rest = r.follow!.poll(r.state, r.state.now + 60_000, r.state.now + 600_000);
    expect([rest.stdout.split(DEVICE_HEADER).length - 1, rest.done]).toEqual([1, { exitCode: 0 }]);
  });

  it('garbage gets the usage on stderr, exit 1; -V the version', () => {
    for (const bad of ['iostat -Z', 'iostat --bogus', 'iostat 0', 'iostat 1 2 3']) {
      const r = run(bad);
      expect(r.stderr.startsWith(USAGE_FIRST), bad).toBe(true);
      expect(r.exitCode).toBe(1);
    }
    expect(run('iostat -V').stdout).toBe('sysstat version 12.5.2\n(C) Sebastien Godard (sysstat <at> orange.fr)\n');
    expect(run('iostat -x nosuchdisk').stdout).not.toContain('nvme1n1');
  });
});
