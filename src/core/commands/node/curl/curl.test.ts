import { describe, expect, it } from 'vitest';
import { goldenEtcdState, runEtcd } from '../etcdctl/testing.ts';
import { curl } from './index.ts';
import { goFloat } from './metrics.ts';

const run = (line: string) => runEtcd(curl, goldenEtcdState(), 'cp-1', line);
const TRY = "curl: try 'curl --help' or 'curl --manual' for more information\n";

describe('curl (7.81) on a control-plane node', () => {
  it("serves etcd's metrics: the WAL fsync histogram in the Prometheus text format", () => {
    const out = run('curl -s 127.0.0.1:2381/metrics').stdout;
    const wal = out.split('\n').filter((l) => l.includes('etcd_disk_wal_fsync_duration_seconds'));
    expect(wal[0]).toBe('# HELP etcd_disk_wal_fsync_duration_seconds The latency distributions of fsync called by WAL.');
    expect(wal[1]).toBe('# TYPE etcd_disk_wal_fsync_duration_seconds histogram');
    expect(wal[2]).toMatch(/^etcd_disk_wal_fsync_duration_seconds_bucket\{le="0\.001"\} \d/);
    expect(wal.slice(2, 17).map((l) => /le="([^"]+)"/.exec(l)![1])).toEqual(['0.001', '0.002', '0.004', '0.008', '0.016', '0.032', '0.064', '0.128', '0.256', '0.512', '1.024', '2.048', '4.096', '8.192', '+Inf']);
    expect(wal.slice(17).map((l) => l.split(' ')[0])).toEqual(['etcd_disk_wal_fsync_duration_seconds_sum', 'etcd_disk_wal_fsync_duration_seconds_count']);
    expect(out).toContain('etcd_mvcc_db_total_size_in_bytes 36864\n');
    expect(out).toContain('etcd_server_quota_backend_bytes 1.6777216e+07\n');
    expect(out).toContain('etcd_server_is_leader 0\n');
    expect(out).toContain('etcd_server_version{server_version="3.4.23"} 1\n');
  });

  it("formats samples as Go's %g does", () => {
    expect([goFloat(0), goFloat(578545), goFloat(1_000_000), goFloat(2147483648), goFloat(0.00012), goFloat(0.00001), goFloat(37979.292258)])
      .toEqual(['0', '578545', '1e+06', '2.147483648e+09', '0.00012', '1e-05', '37979.292258']);
  });

  it('etcd /health and the API server health endpoints', () => {
    expect(run('curl -s http://127.0.0.1:2381/health').stdout).toBe('{"health":"true","reason":""}');
    expect(run('curl -sk https://127.0.0.1:6443/livez').stdout).toBe('ok');
    const r = run('curl -s https://127.0.0.1:6443/livez');
    expect(r.exitCode).toBe(60);
    expect(run('curl https://127.0.0.1:6443/readyz').stderr).toMatch(/^curl: \(60\) SSL certificate problem: unable to get local issuer certificate\n/);
  });

  it("errors as curl words them: refused, unresolvable, usage", () => {
    expect(run('curl 127.0.0.1:2382/metrics')).toMatchObject({ stderr: 'curl: (7) Failed to connect to 127.0.0.1 port 2382 after 0 ms: Connection refused\n', exitCode: 7 });
    expect(run('curl -s 127.0.0.1:9999')).toMatchObject({ stderr: '', exitCode: 7 });
    expect(run('curl http://etcd.invalid/metrics')).toMatchObject({ stderr: 'curl: (6) Could not resolve host: etcd.invalid\n', exitCode: 6 });
    expect(run('curl')).toMatchObject({ stderr: `curl: no URL specified!\n${TRY}`, exitCode: 2 });
    expect(run('curl --bogus 127.0.0.1:2381/metrics')).toMatchObject({ stderr: `curl: option --bogus: is unknown\n${TRY}`, exitCode: 2 });
    expect(run('curl -o')).toMatchObject({ stderr: `curl: option -o: requires parameter\n${TRY}`, exitCode: 2 });
    expect(run('curl ftp://127.0.0.1/x')).toMatchObject({ exitCode: 1 });
  });
});
