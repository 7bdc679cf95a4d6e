import { machineName, type BlockDevice, type Host } from '../../../model/host.ts';
import type { ClusterState } from '../../../model/state.ts';
import { hashString } from '../../../sim/rng.ts';
import type { Command, CommandResult, Follow } from '../../types.ts';
import { strftime } from '../../../time.ts';

/**
 * `iostat` (sysstat 12.5, Ubuntu 22.04) over Host.blockDevices: the CPU and device reports, `-x`
 * extended columns, `-k`/`-m` units, `-c`/`-d`/`-t`/`-y`/`-z`, device names, and `interval
 * [count]` (without a count it runs until Ctrl-C). The first report covers the time since boot,
 * as the real tool's does: a disk that went bad an hour ago looks harmless there and awful in the
 * next interval. Column widths follow sysstat's printf formats.
 */

const USAGE = `Usage: iostat [ options ] [ <interval> [ <count> ] ]
Options are:
[ -c ] [ -d ] [ -h ] [ -k | -m ] [ -N ] [ -s ] [ -t ] [ -V ] [ -x ] [ -y ] [ -z ]
[ { -f | +f } <directory> ] [ -j { ID | LABEL | PATH | UUID | ... } ]
[ --dec={ 0 | 1 | 2 } ] [ --human ] [ --pretty ] [ -o JSON ]
[ [ -H ] -g <group_name> ] [ -p [ <device> [,...] | ALL ] ]
[ <device> [...] | ALL ] [ --debuginfo ]
`;

interface Opts { cpu: boolean; dev: boolean; x: boolean; mb: boolean; t: boolean; y: boolean; z: boolean; devices: string[]; interval?: number; count?: number }

function parse(args: readonly string[]): Opts | CommandResult {
  const o: Opts = { cpu: false, dev: false, x: false, mb: false, t: false, y: false, z: false, devices: [] };
  const nums: number[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-V' || a === '--version') return { stdout: 'sysstat version 12.5.2\n(C) Sebastien Godard (sysstat <at> orange.fr)\n', stderr: '', exitCode: 0 };
    if (a === '--human' || a === '--pretty') continue;
    if (a === '-p') { if (args[i + 1] && !args[i + 1].startsWith('-')) i++; continue; }
    if (a.startsWith('-') && a.length > 1) {
      for (const c of a.slice(1)) {
        if (c === 'c') o.cpu = true;
        else if (c === 'd') o.dev = true;
        else if (c === 'x') o.x = true;
        else if (c === 'm') o.mb = true;
        else if (c === 'k') o.mb = false;
        else if (c === 't') o.t = true;
        else if (c === 'y') o.y = true;
        else if (c === 'z') o.z = true;
        else if (c === 'h' || c === 'N' || c === 's') continue;
        else return { stdout: '', stderr: USAGE, exitCode: 1 };
      }
      continue;
    }
    if (/^\d+$/.test(a)) { nums.push(Number(a)); continue; }
    o.devices.push(a.replace(/^\/dev\//, ''));
  }
  if (nums.length > 2) return { stdout: '', stderr: USAGE, exitCode: 1 };
  if (nums.length >= 1) {
    if (nums[0] === 0) return { stdout: '', stderr: USAGE, exitCode: 1 };
    o.interval = nums[0];
  }
  if (nums.length === 2) o.count = nums[1];
  if (!o.cpu && !o.dev) { o.cpu = true; o.dev = true; }
  return o;
}

/** `%x` in the C locale: `04/21/26`; with -t the time follows. */
const date = (ms: number): string => strftime('%m/%d/%y', ms);
const time = (ms: number) => strftime('%T', ms);

/** A device's figures for one report: since boot (mostly quiet history), or over the last interval. */
function sample(dev: BlockDevice, sinceBoot: boolean, salt: string): BlockDevice {
  const j = (x: number, k: string) => x * (0.95 + (hashString(`${salt}/${dev.name}/${k}`) % 1000) / 10000);
  if (sinceBoot) {
    return { ...dev, readsPerSec: dev.readsPerSec * 0.9, writesPerSec: dev.writesPerSec * 0.93, readKBps: dev.readKBps * 0.9, writeKBps: dev.writeKBps * 0.92,
      writeAwaitMs: Math.min(dev.writeAwaitMs, 1.2) + dev.writeAwaitMs * 0.011, readAwaitMs: Math.min(dev.readAwaitMs, 0.6), fsyncP50Ms: Math.min(dev.fsyncP50Ms, 1.1) + dev.fsyncP50Ms * 0.012,
      utilPct: Math.min(dev.utilPct, 6) + dev.utilPct * 0.004 };
  }
  return { ...dev, readsPerSec: j(dev.readsPerSec, 'r'), writesPerSec: j(dev.writesPerSec, 'w'), readKBps: j(dev.readKBps, 'rk'), writeKBps: j(dev.writeKBps, 'wk'),
    writeAwaitMs: j(dev.writeAwaitMs, 'wa'), readAwaitMs: j(dev.readAwaitMs, 'ra'), fsyncP50Ms: j(dev.fsyncP50Ms, 'f'), flushesPerSec: j(dev.flushesPerSec, 'fs'),
    // A saturated device stays pinned near 100 %; a quiet one wobbles proportionally.
    utilPct: dev.utilPct >= 90 ? Math.min(100, dev.utilPct + 0.4 - (hashString(`${salt}/${dev.name}/u`) % 80) / 100) : j(dev.utilPct, 'u') };
}

const f = (n: number, w: number) => n.toFixed(2).padStart(w);

function cpuBlock(host: Host, devs: BlockDevice[], sinceBoot: boolean, salt: string): string {
  const busy = Math.max(0, ...devs.map((d) => d.utilPct));
  const j = (k: string) => (hashString(`${salt}/${k}`) % 100) / 100;
  const iowait = sinceBoot ? 0.12 + busy * 0.002 : busy > 90 ? 16 + 4 * j('io') : 0.05 + j('io') * 0.2;
  const user = (sinceBoot ? 3.1 : 4.2) + j('u');
  const system = (sinceBoot ? 1.2 : 1.6) + j('s') * 0.5;
  const idle = 100 - user - system - iowait;
  void host;
  return `avg-cpu:  %user   %nice %system %iowait  %steal   %idle\n        ${f(user, 7)} ${f(0, 7)} ${f(system, 7)} ${f(iowait, 7)} ${f(0, 7)} ${f(idle, 7)}\n\n`;
}

function devBlock(devs: BlockDevice[], o: Opts, sinceBoot: boolean, uptimeS: number): string {
  const u = o.mb ? 'MB' : 'kB';
  const k = (kb: number) => (o.mb ? kb / 1024 : kb);
  if (!o.x) {
    let s = `${'Device'.padEnd(13)} ${'tps'.padStart(8)} ${`${u}_read/s`.padStart(12)} ${`${u}_wrtn/s`.padStart(12)} ${`${u}_dscd/s`.padStart(12)} ${`${u}_read`.padStart(10)} ${`${u}_wrtn`.padStart(10)} ${`${u}_dscd`.padStart(10)}\n`;
    for (const d of devs) {
      const span = sinceBoot ? uptimeS : 1;
      s += `${d.name.padEnd(13)} ${f(d.readsPerSec + d.writesPerSec, 8)} ${f(k(d.readKBps), 12)} ${f(k(d.writeKBps), 12)} ${f(0, 12)} ${String(Math.round(k(d.readKBps) * span)).padStart(10)} ${String(Math.round(k(d.writeKBps) * span)).padStart(10)} ${'0'.padStart(10)}\n`;
    }
    return s + '\n';
  }
  let s = `Device            r/s     r${u}/s   rrqm/s  %rrqm r_await rareq-sz     w/s     w${u}/s   wrqm/s  %wrqm w_await wareq-sz     d/s     d${u}/s   drqm/s  %drqm d_await dareq-sz     f/s f_await  aqu-sz  %util\n`;
  for (const d of devs) {
    const wrqm = d.writesPerSec * 0.31;
    const fAwait = d.fsyncP50Ms * 1.35;
    const aqu = (d.readsPerSec * d.readAwaitMs + d.writesPerSec * d.writeAwaitMs + d.flushesPerSec * fAwait) / 1000;
    s += `${d.name.padEnd(13)}${f(d.readsPerSec, 8)}${f(k(d.readKBps), 10)}${f(0.01, 9)}${f(1.2, 7)}${f(d.readAwaitMs, 8)}${f(d.readsPerSec ? d.readKBps / d.readsPerSec : 0, 9)}`
      + `${f(d.writesPerSec, 8)}${f(k(d.writeKBps), 10)}${f(wrqm, 9)}${f((wrqm / (wrqm + d.writesPerSec || 1)) * 100, 7)}${f(d.writeAwaitMs, 8)}${f(d.writesPerSec ? d.writeKBps / d.writesPerSec : 0, 9)}`
      + `${f(0, 8)}${f(0, 10)}${f(0, 9)}${f(0, 7)}${f(0, 8)}${f(0, 9)}${f(d.flushesPerSec, 8)}${f(fAwait, 8)}${f(aqu, 8)}${f(d.utilPct, 7)}\n`;
  }
  return s + '\n';
}

function report(state: ClusterState, host: Host, o: Opts, sinceBoot: boolean, at: number): string {
  const all = host.blockDevices ?? [];
  const chosen = o.devices.length && !o.devices.includes('ALL') ? all.filter((d) => o.devices.includes(d.name)) : all;
  const devs = chosen.map((d) => sample(d, sinceBoot, `${host.name}/${at}`));
  let s = o.t ? `${date(at)} ${time(at)}\n` : '';
  if (o.cpu) s += cpuBlock(host, devs, sinceBoot, `${host.name}/${at}`);
  if (o.dev) s += devBlock(devs, o, sinceBoot, Math.max(1, (at - host.bootAt) / 1000));
  void state;
  return s;
}

/**
 * Longest `interval count` run printed at once (ms of virtual time); a longer one keeps running
 * with the clock, so `iostat 1 99999999` does not advance the world by years in one step.
 */
const AT_ONCE_MS = 60_000;

export const iostat: Command = {
  name: 'iostat',
  places: ['node'],
  summary: 'Report Central Processing Unit (CPU) statistics and input/output statistics for devices and partitions.',
  run(ctx) {
    const o = parse(ctx.argv.slice(1));
    if ('exitCode' in o) return o;
    const host = ctx.host;
    const header = `Linux ${host.kernelRelease} (${host.name}) \t${date(ctx.state.now)} \t_${machineName(host)}_\t(${host.cpu.cores} CPU)\n\n`;
    const intervalMs = (o.interval ?? 0) * 1000;
    if (o.interval === undefined) return { stdout: header + report(ctx.state, host, o, true, ctx.state.now), stderr: '', exitCode: 0 };
    let stdout = header;
    const first = !o.y;
    let produced = 0;
    if (first) { stdout += report(ctx.state, host, o, true, ctx.state.now); produced++; }
    if (o.count !== undefined && (o.count - produced) * intervalMs <= AT_ONCE_MS) {
      while (produced < o.count) {
        ctx.wait(intervalMs);
        stdout += report(ctx.state, ctx.host, o, false, ctx.state.now);
        produced++;
      }
      return { stdout, stderr: '', exitCode: 0 };
    }
    // A report every interval until the count is reached or Ctrl-C.
    const name = host.name;
    const count = o.count;
    let next = ctx.state.now + intervalMs;
    const follow: Follow = {
      poll(state, _from, to) {
        let s = '';
        while (next <= to && (count === undefined || produced < count)) {
          s += report(state, state.hosts[name], o, false, next);
          next += intervalMs;
          produced++;
        }
        return { stdout: s, stderr: '', ...(count !== undefined && produced >= count ? { done: { exitCode: 0 } } : {}) };
      },
    };
    return { stdout, stderr: '', exitCode: 0, follow };
  },
};
