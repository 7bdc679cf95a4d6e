import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HAVE_REFERENCE, REFERENCE_DIR } from '../../../../../tests/shared.ts';
import { GARBAGE } from '../testing.ts';
import { etcdctl } from './index.ts';
import { GOLDEN_ENDPOINTS as EPS, goldenEtcdState, runEtcd } from './testing.ts';

const golden = (name: string) => readFileSync(join(REFERENCE_DIR, 'golden', name), 'utf8');
const run = (line: string, state = goldenEtcdState(), host = 'cp-1') => runEtcd(etcdctl, state, host, `etcdctl ${line}`);

describe.skipIf(!HAVE_REFERENCE)('etcdctl against the captured 3.4 cluster (byte for byte; needs ../shared)', () => {
  it.each([
    ['endpoint status -w table', 'etcdctl-endpoint-status-table.txt'],
    ['endpoint status --write-out=table', 'etcdctl-endpoint-status-table.txt'],
    ['endpoint status', 'etcdctl-endpoint-status-simple.txt'],
    ['endpoint status -w json', 'etcdctl-endpoint-status-json.txt'],
    ['member list', 'etcdctl-member-list.txt'],
    ['member list -w table', 'etcdctl-member-list-table.txt'],
    ['alarm list', 'etcdctl-alarm-list-empty.txt'],
    ['defrag', 'etcdctl-defrag.txt'],
    ['move-leader d38806b9d568d39b', 'etcdctl-move-leader.txt'],
    ['compact 39', 'etcdctl-compact.txt'],
  ])('%s = %s', (args, file) => {
    const r = run(`${EPS} ${args}`);
    expect(r.stdout).toBe(golden(file));
    expect(r.exitCode).toBe(0);
  });

  it('defrag --cluster walks the member list in id order', () => {
    expect(run('--endpoints=http://127.0.0.1:2379 defrag --cluster').stdout).toBe(golden('etcdctl-defrag-cluster.txt'));
    expect(run('--endpoints=http://127.0.0.1:2379 endpoint status --cluster -w table').stdout).toBe(golden('etcdctl-endpoint-status-cluster-table.txt'));
  });

  it('member list -w json: the captured shape (the answering member differs by balancer pick)', () => {
    const r = run(`${EPS} member list -w json`);
    expect(r.stdout.replace(/"member_id":\d+/, '"member_id":X')).toBe(golden('etcdctl-member-list-json.txt').replace(/"member_id":\d+/, '"member_id":X'));
  });

  it('move-leader needs the leader among the endpoints; after it the table shows the new leader one term later', () => {
    const no = run('--endpoints=http://127.0.0.1:2379 move-leader d38806b9d568d39b');
    expect(no.stderr).toBe(golden('etcdctl-move-leader-not-leader-endpoint.txt'));
    expect(no.exitCode).toBe(128);
    const moved = run(`${EPS} move-leader d38806b9d568d39b`);
    expect(run(`${EPS} endpoint status -w table`, moved.state).stdout).toBe(golden('etcdctl-endpoint-status-table-after-move-leader.txt'));
  });

  const nospace = (sizes: number[]) => {
    const s = goldenEtcdState();
    const e = s.etcd!;
    e.alarms = [{ memberId: '64b6d0c80b59e0c9', alarm: 'NOSPACE' }];
    e.raftTerm = 15;
    e.raftIndex = 227;
    e.members.forEach((m, i) => { m.dbSizeBytes = sizes[i]; });
    e.leader = 'd38806b9d568d39b';
    return s;
  };
  it('NOSPACE: alarm list, the wrapped ERRORS cell, disarm', () => {
    const s = nospace([16_990_000, 17_100_000, 16_400_000]);
    expect(run(`${EPS} alarm list`, s).stdout).toBe(golden('etcdctl-alarm-list-nospace.txt'));
    expect(run(`${EPS} endpoint status -w table`, s).stdout).toBe(golden('etcdctl-endpoint-status-nospace.txt'));
    // Disarming while a member is still over the quota: that member (cp-1) raises it again at once.
    const early = run(`${EPS} alarm disarm`, s);
    expect(early.stdout).toBe(golden('etcdctl-alarm-disarm.txt'));
    expect(run(`${EPS} alarm list`, early.state).stdout).toBe('memberID:17432503883212002610 alarm:NOSPACE \n');
    // After defragmentation (files back to what is in use) it stays off, as in the capture.
    const d = run(`${EPS} alarm disarm`, nospace([131_072, 131_072, 131_072]));
    expect(d.stdout).toBe(golden('etcdctl-alarm-disarm.txt'));
    expect(run(`${EPS} alarm list`, d.state).stdout).toBe(golden('etcdctl-alarm-list-after-disarm.txt'));
  });

  it('a member down: the Failed line before the table, exit 1', () => {
    const s = goldenEtcdState();
    s.etcd!.members[2].unavailableUntil = s.now + 3_600_000;
    s.etcd!.members[2].unavailableReason = 'restart';
    const r = run(`${EPS} endpoint status -w table`, s);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^\{"level":"warn",.*"msg":"retrying of unary invoker failed".*\}\nFailed to get the status of endpoint http:\/\/127\.0\.0\.3:2379 \(context deadline exceeded\)\n$/);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('| http'))).toHaveLength(2);
  });

  it('compacting an old revision: etcd error after the client warning', () => {
    const r = run(`${EPS} compact 29`);
    expect(r.exitCode).toBe(1);
    expect(r.stderr.split('\n').slice(1).join('\n')).toBe(golden('etcdctl-compact-already-compacted.txt').split('\n').slice(1).join('\n'));
  });

  it('endpoint health (3.5 prints to stdout) and its table', () => {
    const r = run(`${EPS} endpoint health`);
    expect(r.stdout).toMatch(/^(http:\/\/127\.0\.0\.[123]:2379 is healthy: successfully committed proposal: took = \d+\.\d+ms\n){3}$/);
    const t = run(`${EPS} endpoint health -w table`).stdout.split('\n');
    expect(t[1]).toMatch(/^\|\s+ENDPOINT\s+\| HEALTH \|\s+TOOK\s+\| ERROR \|$/);
    expect(t.slice(3, 6).every((l) => /^\| http:\/\/127\.0\.0\.[123]:2379 \|   true \| +\d+\.\d+ms \|       \|$/.test(l))).toBe(true);
    expect(t[1].slice(0, 25)).toBe(golden('etcdctl-endpoint-health-table.txt').split('\n')[1].slice(0, 25));
  });
});

describe('etcdctl in a kubeadm cluster (TLS with client certificates)', () => {
  const tlsState = () => { const s = goldenEtcdState(); s.etcd!.clientCertAuth = true; return s; };
  it('without certificates the handshake fails: unhealthy, exit 1', () => {
    const r = run('endpoint health', tlsState());
    expect(r.stdout).toBe('127.0.0.1:2379 is unhealthy: failed to commit proposal: context deadline exceeded\n');
    expect(r.stderr).toMatch(/tls: bad certificate.*\nError: unhealthy cluster\n$/s);
    expect(r.exitCode).toBe(1);
  });
  it('a certificate path that does not exist', () => {
    expect(run('--cacert=/nope.crt member list', tlsState()).stderr).toBe('Error: open /nope.crt: no such file or directory\n');
  });
});

describe('etcdctl errors and garbage', () => {
  it('unknown flag: the error, then the usage', () => {
    const r = run(`${EPS} member list --bogus`);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^Error: unknown flag: --bogus\nNAME:\n\tmember list - Lists all members in the cluster\n/);
  });
  it('unknown command, bad output format, bad ids and missing arguments', () => {
    expect(run('frobnicate').stderr).toBe('Error: unknown command "frobnicate" for "etcdctl"\nRun \'etcdctl --help\' for usage.\n');
    expect(run(`${EPS} member list -w yaml`)).toMatchObject({ stderr: 'Error: unsupported output format\n', exitCode: 3 });
    expect(run(`${EPS} move-leader zz`)).toMatchObject({ stderr: 'Error: strconv.ParseUint: parsing "zz": invalid syntax\n', exitCode: 128 });
    expect(run(`${EPS} move-leader`)).toMatchObject({ exitCode: 128 });
    expect(run(`${EPS} move-leader 1234`)).toMatchObject({ stderr: 'Error: etcdserver: bad leader transferee\n', exitCode: 1 });
    expect(run(`${EPS} compact abc`).stderr).toBe('Error: strconv.ParseInt: parsing "abc": invalid syntax\n');
    expect(run(`${EPS} member add cp-4`)).toMatchObject({ stderr: 'Error: member peer urls not provided\n', exitCode: 128 });
  });
  it('an empty --endpoints list: clientv3 has nothing to dial (it used to crash reading the first endpoint)', () => {
    for (const eps of ['--endpoints=', '--endpoints=,,,']) {
      for (const sub of ['member list', 'alarm list', 'check perf', 'endpoint status', 'move-leader 1']) {
        expect(run(`${eps} ${sub}`), `${eps} ${sub}`).toEqual(expect.objectContaining({ stdout: '', stderr: 'Error: etcdclient: no available endpoints\n', exitCode: 2 }));
      }
    }
  });
  it('is not installed on a worker', () => {
    const s = goldenEtcdState();
    s.hosts['wk-1'] = { ...s.hosts['cp-1'], name: 'wk-1', files: {} };
    expect(run('version', s, 'wk-1')).toMatchObject({ stderr: 'bash: etcdctl: command not found\n', exitCode: 127 });
  });
  it.each(GARBAGE)('survives %j', (...args) => {
    const r = run(`${EPS} ${args.join(' ')}`);
    expect(typeof r.stdout).toBe('string');
    expect(r.stderr).not.toMatch(/internal error|TypeError/);
  });
});
