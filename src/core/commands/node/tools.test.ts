import { describe, expect, it } from 'vitest';
import { nodeCommands } from './index.ts';
import { GARBAGE, NOW, nodeState, runOn } from './testing.ts';
import { gnuHuman, goUnitsDuration, tabwrite } from './format.ts';

const cmd = (name: string) => nodeCommands.find((c) => c.name === name)!;
const run = (line: string, host = 'worker-7') => runOn(cmd(line.split(' ')[0]), nodeState(), host, line);

describe('format helpers', () => {
  it('go-units HumanDuration wording', () => {
    expect([500, 1000, 7000, 61000, 7 * 60000, 3600000, 5 * 3600000, 3 * 86400000].map(goUnitsDuration))
      .toEqual(['Less than a second', '1 second', '7 seconds', 'About a minute', '7 minutes', 'About an hour', '5 hours', '3 days']);
  });
  it('GNU human sizes round up', () => {
    expect([0, 1023, 2097152, 1024 ** 3 * 4.01, 1024 ** 3 * 25.2, 1024 ** 2 * 1023.5].map((b) => gnuHuman(b))).toEqual(['0', '1023', '2.0M', '4.1G', '26G', '1.0G']);
  });
  it('tabwriter pads to minwidth 20 and padding 3', () => {
    expect(tabwrite([['A', 'B'], ['Less than a second ago', 'x']])).toBe('A                        B\nLess than a second ago   x\n');
  });
});

describe('df', () => {
  it('matches the coreutils layout', () => {
    expect(run('df -h /').stdout).toBe('Filesystem      Size  Used Avail Use% Mounted on\n/dev/root        97G   26G   67G  28% /\n');
    expect(run('df -hT /').stdout).toBe('Filesystem     Type  Size  Used Avail Use% Mounted on\n/dev/root      ext4   97G   26G   67G  28% /\n');
    expect(run('df -i /').stdout).toBe('Filesystem       Inodes  IUsed    IFree IUse% Mounted on\n/dev/root      12902400 412315 12490085    4% /\n');
    expect(run('df /run').stdout).toBe('Filesystem     1K-blocks  Used Available Use% Mounted on\ntmpfs            3240504  2048   3238456   1% /run\n');
  });
  it('reports missing paths', () => {
    expect(run('df /nope')).toMatchObject({ stdout: '', stderr: 'df: /nope: No such file or directory\n', exitCode: 1 });
  });
});

describe('free', () => {
  it('prints procps-ng 4 layout', () => {
    expect(run('free').stdout).toBe('               total        used        free      shared  buff/cache   available\nMem:        16202516     3204040     9540520       34580     3457956    12998476\nSwap:              0           0           0\n');
    expect(run('free -h').stdout.split('\n')[1]).toBe('Mem:            15Gi       3.1Gi       9.1Gi        33Mi       3.3Gi        12Gi');
  });
});

describe('journalctl', () => {
  it('filters by unit, with or without .service', () => {
    const a = run('journalctl -u kubelet --no-pager');
    expect(a.stdout.split('\n')[0]).toBe('Jun 12 10:25:00 worker-7 kubelet[1234]: I0612 10:25:00.000000    1234 kuberuntime_manager.go:1050] "Container of pod is not in the desired state and shall be started"');
    expect(run('journalctl -u kubelet.service').stdout).toBe(a.stdout);
    expect(run('journalctl -u nosuch').stdout).toBe('-- No entries --\n');
  });
  it('honours -n, --since, -p and -k', () => {
    expect(run('journalctl -n 1').stdout).toBe('Jun 12 10:29:30 worker-7 kernel: EXT4-fs warning (device nvme0n1p1): ext4_dx_add_entry:2367: Directory index full!\n');
    expect(runOn(cmd('journalctl'), nodeState(), 'worker-7', ['journalctl', '--since', '2 min ago', '-k']).stdout).toBe(
      'Jun 12 10:29:00 worker-7 kernel: traps: payment-service[28840] trap invalid opcode ip:55a8eb8e4181 sp:7fffe4033fa0 error:0 in payment-service[55a8eb8e4000+1000]\nJun 12 10:29:30 worker-7 kernel: EXT4-fs warning (device nvme0n1p1): ext4_dx_add_entry:2367: Directory index full!\n');
    expect(run('journalctl -p err -u kubelet').stdout).toMatch(/^Jun 12 10:27:21 worker-7 kubelet\[1234\]: E0612 10:27:21.286649 .*\n$/);
    expect(run('journalctl --since yesterdayish')).toMatchObject({ stderr: 'Failed to parse timestamp: yesterdayish\n', exitCode: 1 });
    expect(run('journalctl --bogus')).toMatchObject({ stderr: "journalctl: unrecognized option '--bogus'\n", exitCode: 1 });
  });
  it('-f follows new entries and stops silently', () => {
    const s = nodeState();
    const r = runOn(cmd('journalctl'), s, 'worker-7', 'journalctl -u kubelet -f');
    const later = structuredClone(s);
    later.hosts['worker-7'].journal.push({ at: NOW + 5000, ident: 'kubelet', unit: 'kubelet.service', pid: 1234, priority: 6, message: 'hello' });
    expect(r.follow!.poll(later, NOW, NOW + 10000).stdout).toBe('Jun 12 10:30:05 worker-7 kubelet[1234]: hello\n');
    expect(r.follow!.onInterrupt!(later)).toEqual({ stdout: '', stderr: '' });
  });
});

describe('dmesg', () => {
  it('prints seconds since boot and -T times', () => {
    expect(run('dmesg -l err').stdout).toBe('[271047.000000] EXT4-fs warning (device nvme0n1p1): ext4_dx_add_entry:2367: Directory index full!\n');
    expect(run('dmesg').stdout.split('\n')[0]).toBe('[    1.234000] Linux version 5.15.0-1061-aws (buildd@lcy02-amd64-045)');
    expect(run('dmesg -T').stdout.split('\n')[1]).toBe('[Wed Jun 12 10:29:00 2024] traps: payment-service[28840] trap invalid opcode ip:55a8eb8e4181 sp:7fffe4033fa0 error:0 in payment-service[55a8eb8e4000+1000]');
    expect(run('dmesg -l bogus')).toMatchObject({ stderr: "dmesg: unknown level 'bogus'\n", exitCode: 1 });
  });
});

describe('crictl', () => {
  it('ps -a lists newest first with truncated ids and go-units ages', () => {
    expect(run('crictl ps -a').stdout).toBe(
      'CONTAINER           IMAGE               CREATED             STATE               NAME                ATTEMPT             POD ID              POD                               NAMESPACE\n' +
      'b7e2d4f61a3c5       c9131139e6342       8 seconds ago       Running             payment-service     5                   5c8e1a3f7b9d2       payment-service-6c8d7f9b4-7kq2m   payments\n' +
      'a3f1c9e27b5d4       c9131139e6342       2 minutes ago       Exited              payment-service     4                   5c8e1a3f7b9d2       payment-service-6c8d7f9b4-7kq2m   payments\n');
    expect(run('crictl ps').stdout.split('\n')).toHaveLength(3);
    expect(run('crictl ps -a -q --state exited').stdout).toBe('a3f1c9e27b5d4e0f8c6a2b1d9e7f3c5a4b6d8e0f1a2c3b4d5e6f7a8b9c0d1e2f\n');
  });
  it('images, logs by id prefix, inspect', () => {
    expect(run('crictl images').stdout.split('\n')[2]).toBe('registry.example.com/payments/payment-service   3.8.0               c9131139e6342       72.8MB');
    expect(run('crictl logs b7e2')).toMatchObject({ stdout: 'payment-service 3.8.0 starting (pid 1)\n', stderr: 'loading config from /etc/payment/config.yaml\n' });
    expect(run('crictl logs --tail 1 a3f1').stdout).toBe('payment-service 3.8.0 starting (pid 1)\n');
    const j = JSON.parse(run('crictl inspect a3f1').stdout);
    expect(j.status).toMatchObject({ state: 'CONTAINER_EXITED', exitCode: 132, reason: 'Error', startedAt: '2024-06-12T10:27:11Z', finishedAt: '2024-06-12T10:27:20Z' });
    expect(j.info.pid).toBe(0);
  });
  it('errors as crictl 1.30 prints them', () => {
    expect(run('crictl inspect zzz')).toMatchObject({ exitCode: 1, stderr: 'E0612 10:30:00.000000   29012 remote_runtime.go:432] "ContainerStatus from runtime service failed" err="rpc error: code = NotFound desc = an error occurred when try to find container \\"zzz\\": not found" containerID="zzz"\nFATA[0000] getting the status of the container "zzz": rpc error: code = NotFound desc = an error occurred when try to find container "zzz": not found\n' });
    expect(run('crictl nope')).toMatchObject({ stderr: "No help topic for 'nope'\n", exitCode: 3 });
    expect(run('crictl ps --bogus').stderr).toMatch(/^Incorrect Usage: flag provided but not defined: -bogus\n[\s\S]*FATA\[0000\] flag provided but not defined: -bogus\n$/);
  });
  it('rmi --prune dispatches and prints what went', () => {
    const r = run('crictl rmi --prune');
    expect(r.actions).toEqual([{ type: 'runtime/pruneImages', host: 'worker-7' }]);
    expect(r.stdout).toBe('Deleted: docker.io/library/busybox:1.36\n');
  });
});

describe('strace', () => {
  it('a lone - is an operand, not an option (it printed "invalid option -- \'undefined\'")', () => {
    expect(run('strace -')).toMatchObject({ stdout: '', stderr: "strace: Can't stat '-': No such file or directory\n" });
    expect(run('systemctl -')).toMatchObject({ stdout: '', stderr: 'Unknown command verb -.\n', exitCode: 1 });
  });
  it('attached to a container that dies of SIGILL waits for the death and prints it', () => {
    const r = run('strace -p 28901');
    expect(r.waited).toBe(2000);
    expect(r.stderr).toBe('strace: Process 28901 attached\nfutex(0xc000080148, FUTEX_WAIT_PRIVATE, 0, NULL) = 0\nepoll_pwait(4, [], 128, 0, NULL, 0)     = 0\n--- SIGILL {si_signo=SIGILL, si_code=ILL_ILLOPN, si_addr=0x55dd4c214181} ---\n+++ killed by SIGILL (core dumped) +++\n');
  });
  it('running the binary by hand reproduces the crash; on the Ice Lake host it keeps running', () => {
    const r = run('strace ./payment-service');
    expect(r.exitCode).toBe(132);
    expect(r.stdout).toBe('payment-service 3.8.0 starting (pid 29069)\n');
    expect(r.stderr.split('\n').slice(-4)).toEqual(['write(1, "payment-service 3.8.0 starting ("..., 43) = 43', '--- SIGILL {si_signo=SIGILL, si_code=ILL_ILLOPN, si_addr=0x5545281e4181} ---', '+++ killed by SIGILL (core dumped) +++', '']);
    const ok = run('strace -f /app/payment-service', 'worker-2');
    expect(ok.exitCode).toBe(0);
    expect(ok.follow).toBeDefined();
  });
  it('a healthy process is followed until Ctrl-C', () => {
    const s = nodeState();
    const r = runOn(cmd('strace'), s, 'worker-2', 'strace -p 4242');
    expect(r.stderr).toBe('strace: Process 4242 attached\nfutex(0xc000080148, FUTEX_WAIT_PRIVATE, 0, NULL = 0\n');
    expect(r.follow!.poll(s, NOW, NOW + 2000).stderr).toBe('epoll_pwait(4, [], 128, 1000, NULL, 8) = 0\nepoll_pwait(4, [], 128, 1000, NULL, 8) = 0\n');
    expect(r.follow!.onInterrupt!(s).stderr).toBe('strace: Process 4242 detached\n');
  });
  it('no such process', () => {
    expect(run('strace -p 99999')).toMatchObject({ stderr: 'strace: attach: ptrace(PTRACE_SEIZE, 99999): No such process\n', exitCode: 1 });
  });
});

describe('small tools', () => {
  it('uname, hostname, nproc, uptime, date', () => {
    expect(run('uname -a').stdout).toBe('Linux worker-7 5.15.0-1061-aws #67~20.04.1-Ubuntu SMP Mon Apr 15 14:02:15 UTC 2024 x86_64 x86_64 x86_64 GNU/Linux\n');
    expect(run('uname -r').stdout).toBe('5.15.0-1061-aws\n');
    expect(run('hostname').stdout).toBe('worker-7\n');
    expect(run('nproc').stdout).toBe('8\n');
    expect(run('uptime').stdout).toBe(' 10:30:00 up 3 days,  3:17,  1 user,  load average: 0.19, 0.15, 0.13\n');
    expect(run('date').stdout).toBe('Wed Jun 12 10:30:00 UTC 2024\n');
    expect(run('date -u +%F_%T_%s').stdout).toBe('2024-06-12_10:30:00_1718188200\n');
    expect(run('date -d garbage')).toMatchObject({ stderr: "date: invalid date 'garbage'\n", exitCode: 1 });
  });
  it('cat reads through the file layer', () => {
    expect(run('cat /etc/hostname /nope /etc')).toMatchObject({ stdout: 'worker-7\n', stderr: 'cat: /nope: No such file or directory\ncat: /etc: Is a directory\n', exitCode: 1 });
    expect(runOn(cmd('cat'), nodeState(), 'worker-7', ['cat'], 'piped\n').stdout).toBe('piped\n');
    expect(run('less /proc/cpuinfo').stdout).toContain('model name\t: AMD EPYC 7R32\n');
  });
  it('lscpu shows vendor, model and flags aligned after the widest key', () => {
    const out = run('lscpu', 'worker-2').stdout.split('\n');
    expect(out.slice(0, 2)).toEqual(['Architecture:            x86_64', '  CPU op-mode(s):        32-bit, 64-bit']);
    expect(out).toContain('  Model name:            Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz');
    expect(out.find((l) => l.startsWith('    Flags:'))).toContain('avx512f');
  });
  it('ps shows the container process under its shim', () => {
    const ef = run('ps -ef').stdout.split('\n');
    expect(ef[0]).toBe('UID          PID    PPID  C STIME TTY          TIME CMD');
    expect(ef.find((l) => l.includes('/app/payment-service'))).toBe('root       28901   60106 12 10:29 ?        00:00:00 /app/payment-service');
    expect(run('ps aux').stdout.split('\n')[0]).toBe('USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND');
  });
  it('systemctl status', () => {
    const out = run('systemctl status kubelet').stdout.split('\n');
    expect(out.slice(0, 7)).toEqual([
      '● kubelet.service - kubelet: The Kubernetes Node Agent',
      '     Loaded: loaded (/lib/systemd/system/kubelet.service; enabled; vendor preset: enabled)',
      '    Drop-In: /etc/systemd/system/kubelet.service.d',
      '             └─10-kubeadm.conf',
      '     Active: active (running) since Sun 2024-06-09 07:12:28 UTC; 3 days ago',
      '       Docs: https://kubernetes.io/docs/',
      '   Main PID: 1234 (kubelet)',
    ]);
    expect(run('systemctl status nope')).toMatchObject({ stderr: 'Unit nope.service could not be found.\n', exitCode: 4 });
    expect(run('systemctl is-active kubelet')).toMatchObject({ stdout: 'active\n', exitCode: 0 });
  });
});

describe('garbage input never throws', () => {
  for (const c of nodeCommands) {
    it(c.name, () => {
      for (const g of GARBAGE) {
        for (const pre of [[], ['ps'], ['logs'], ['status'], ['-p'], ['-u']]) {
          const r = runOn(c, nodeState(), 'worker-7', [c.name, ...pre, ...g]);
          expect(typeof r.stdout).toBe('string');
          expect(typeof r.exitCode).toBe('number');
        }
      }
      expect(c.complete?.([c.name], '', { state: nodeState(), frame: { place: 'node', host: 'worker-7', user: 'root', cwd: '/' }, host: nodeState().hosts['worker-7'] }) ?? []).toBeInstanceOf(Array);
    });
  }
});
