/**
 * ss and lsof over a node's sockets (host/sockets.ts): whole outputs on a worker and a
 * control-plane node of etcd-slowness, and the layout checked against the real iproute2 ss and
 * lsof: a child process opens real sockets, the real tools list them, and our renderers given
 * the same sockets must print the same bytes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onNode } from '../../../../../tests/onNode.ts';
import { realTool, runReal } from '../../../../../tests/realtools.ts';
import type { HostSocket } from '../../../host/sockets.ts';
import { renderLsof, type LsofRow } from '../lsof/index.ts';
import { renderSs } from './index.ts';

describe('ss on a node', () => {
  it('ss -tlnp lists kubelet, kube-proxy and containerd listening, with the pids ps shows', () => {
    const { run } = onNode('etcd-slowness', 'wk-1');
    expect(run('ss -tlnp')).toBe(
      'State  Recv-Q Send-Q Local Address:Port  Peer Address:PortProcess                              \n' +
      'LISTEN 0      4096       127.0.0.1:36501      0.0.0.0:*    users:(("containerd",pid=625,fd=7)) \n' +
      'LISTEN 0      4096       127.0.0.1:10248      0.0.0.0:*    users:(("kubelet",pid=2026,fd=7))   \n' +
      'LISTEN 0      4096               *:10250            *:*    users:(("kubelet",pid=2026,fd=8))   \n' +
      'LISTEN 0      4096       127.0.0.1:10249      0.0.0.0:*    users:(("kube-proxy",pid=3797,fd=7))\n' +
      'LISTEN 0      4096               *:10256            *:*    users:(("kube-proxy",pid=3797,fd=8))\n');
    expect(run('ps aux')).toMatch(/root +2026 .*\/usr\/bin\/kubelet/);
    expect(run('ps aux')).toMatch(/root +3797 .*\/usr\/local\/bin\/kube-proxy/);
    expect(run('ss -tn state established')).toBe(
      'Recv-Q Send-Q Local Address:Port  Peer Address:Port Process\n' +
      '0      0          10.0.2.21:58884    10.0.1.11:6443        \n' +
      '0      0          10.0.2.21:55134    10.0.1.11:6443        \n' +
      '0      0          10.0.2.21:22       10.42.0.5:42747       \n');
  });

  it('on a control-plane node: the API server, etcd and the components; -s counts them', () => {
    const { run } = onNode('etcd-slowness', 'cp-1');
    const listen = run('ss -tlnH');
    expect(listen.split('\n').filter(Boolean).map((l) => l.trim().split(/\s+/)[3])).toEqual(
      ['127.0.0.1:46658', '127.0.0.1:10248', '*:10250', '127.0.0.1:10249', '*:10256', '127.0.0.1:2379', '10.0.1.11:2379', '10.0.1.11:2380', '127.0.0.1:2381', '*:6443', '127.0.0.1:10257', '127.0.0.1:10259']);
    expect(run('ss -s')).toBe('Total: 57\nTCP:   37 (estab 25, closed 0, orphaned 0, timewait 0)\n\nTransport Total     IP        IPv6\n'
      + 'RAW\t  0         0         0        \nUDP\t  0         0         0        \nTCP\t  37        20        17       \nINET\t  37        20        17       \nFRAG\t  0         0         0        \n');
    expect(run('ss -tnp dport = :2380')).toBe(
      'State Recv-Q Send-Q Local Address:Port  Peer Address:PortProcess                         \n' +
      'ESTAB 0      0          10.0.1.11:52888    10.0.1.12:2380 users:(("etcd",pid=3562,fd=13))\n' +
      'ESTAB 0      0          10.0.1.11:49583    10.0.1.13:2380 users:(("etcd",pid=3562,fd=15))\n');
    expect(run('ss -x')).toMatch(/^Netid State Recv-Q Send-Q +Local Address:Port +Peer Address:Port +Process\nu_str ESTAB 0 +0 +\/run\/containerd\/containerd.sock \d+ +\* \d+ +\n/);
  });

  it('lsof -i :PORT names the same process and pid as ss; +L1 finds nothing and exits 1', () => {
    const { run, s } = onNode('etcd-slowness', 'wk-1');
    expect(run('lsof -i :10250')).toBe('COMMAND  PID USER   FD   TYPE DEVICE SIZE/OFF NODE NAME\nkubelet 2026 root    8u  IPv6 816195      0t0  TCP *:10250 (LISTEN)\n');
    expect(run('lsof -nP -i TCP:6443')).toBe('COMMAND    PID USER   FD   TYPE DEVICE SIZE/OFF NODE NAME\n'
      + 'kubelet   2026 root    9u  IPv4 914981      0t0  TCP 10.0.2.21:58884->10.0.1.11:6443 (ESTABLISHED)\n'
      + 'kube-prox 3797 root    9u  IPv4 301290      0t0  TCP 10.0.2.21:55134->10.0.1.11:6443 (ESTABLISHED)\n');
    expect(run('lsof -t -i :10248')).toBe('2026\n');
    expect(run('lsof +L1; echo $?')).toBe('1\n');
    expect(run('lsof -i :9999; echo $?')).toBe('1\n');
    expect(s.run('lsof -i nonsense').output).toMatch(/^lsof: unknown protocol name \(nonsense\) in: -i nonsense\nlsof 4.95.0\n/);
  });
});

const SS = realTool('ss');
const LSOF = realTool('lsof');

describe.skipIf(!SS || !LSOF)(`ss and lsof layouts against iproute2 and lsof 4.95 on real sockets${SS && LSOF ? '' : ' (skipped: no ss/lsof here)'}`, () => {
  let child: ChildProcess;
  beforeAll(async () => {
    // A child with a loopback listener, a dual-stack listener and one connection between them.
    child = spawn(process.execPath, ['-e', `const n=require('net');n.createServer().listen(0,'127.0.0.1',function(){const s=n.createServer().listen(0,()=>{n.connect(s.address().port,'127.0.0.1',()=>console.log('up'))})})`], { stdio: ['ignore', 'pipe', 'ignore'] });
    await new Promise<void>((res) => child.stdout!.once('data', () => res()));
  });
  afterAll(() => { child.kill(); });

  /** The child's sockets as ss -tanpH reports them, turned into our socket records. */
  function childSockets(): HostSocket[] {
    const out = runReal(SS!, ['-tanpH']).stdout.split('\n').filter((l) => l.includes(`pid=${child.pid},`));
    return out.map((l) => {
      const [state, , , local, peer] = l.trim().split(/\s+/);
      const split = (a: string) => { const i = a.lastIndexOf(':'); return { ip: a.slice(0, i), port: a.slice(i + 1) === '*' ? '*' : Number(a.slice(i + 1)) }; };
      const fd = Number(/fd=(\d+)/.exec(l)![1]);
      const lo = split(local);
      return { proto: 'tcp', state: state as HostSocket['state'], local: lo, peer: split(peer), v6: lo.ip === '*' || lo.ip.startsWith('['), backlog: 511, pid: child.pid!, comm: 'node', fd, inode: 0 };
    });
  }

  it('ss -tanp', () => {
    const socks = childSockets();
    const real = runReal(SS!, ['-tanp']).stdout.split('\n');
    const ours = renderSs(socks, { netid: false, state: true, processes: true, numeric: true, header: false }).split('\n');
    // Widths depend on every socket listed, so compare our rows with the real ones after collapsing runs of spaces, and the header and rows exactly where only the child's sockets are listed (-H with a port filter).
    expect(ours.filter(Boolean).map((l) => l.replace(/ +/g, ' ').trim())).toEqual(real.filter((l) => l.includes(`pid=${child.pid},`)).map((l) => l.replace(/ +/g, ' ').trim()));
    const ports = socks.filter((x) => x.state === 'LISTEN').map((x) => `sport = :${x.local.port}`).join(' or ');
    expect(renderSs(socks.filter((x) => x.state === 'LISTEN'), { netid: false, state: true, processes: true, numeric: true, header: true })).toBe(runReal(SS!, ['-tlnp', ports]).stdout);
  });

  it('lsof -nP -a -p PID -i', () => {
    const real = runReal(LSOF!, ['-nP', '-a', '-p', String(child.pid), '-i']).stdout;
    const rows: LsofRow[] = real.split('\n').slice(1).filter(Boolean).map((l) => {
      const [command, pid, user, fd, type, device, size, node, ...name] = l.trim().split(/\s+/);
      return { command, pid: Number(pid), user, fd: fd.slice(0, -1), mode: fd.slice(-1), type, device, size, node, name: name.join(' ') };
    });
    expect(rows.length).toBe(4);
    expect(renderLsof(rows)).toBe(real);
  });
});
