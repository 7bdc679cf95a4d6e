/**
 * `kubectl debug node/X -it --image=busybox` as kubectl 1.33 runs it: the node-debugger pod in the
 * host namespaces with the node's root at /host, a shell in the busybox container, `chroot /host`
 * for the node's own shell and tools, `exit` twice back to the laptop, the pod left Completed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../../../scenario/parse.ts';
import { Session } from '../../../../session/session.ts';

const root = join(import.meta.dirname, '..', '..', '..', '..', '..', '..');
const NODE = 'ip-10-60-1-21';
const POD = `node-debugger-${NODE}-kwdlv`;
const LEGACY = '--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".\n';

function session() {
  const r = parseScenario('scenarios/crashloop.yaml', readFileSync(join(root, 'scenarios', 'crashloop.yaml'), 'utf8'));
  if (!r.ok) throw new Error(r.errors.join('\n'));
  const s = Session.start(r.scenario);
  /** What the terminal shows for one line: the output, then the next prompt. */
  const type = (line: string) => { const out = s.run(line).output; return out + (s.pendingMs !== undefined ? s.tick(s.now).output : '') + s.prompt(); };
  return { s, type };
}

describe('kubectl debug node/X', () => {
  it('creates the node-debugger pod and opens a shell in its busybox container, the node at /host', () => {
    const { type } = session();
    expect(type(`kubectl debug node/${NODE} -it --image=busybox`)).toBe(
      `${LEGACY}Creating debugging pod ${POD} with container debugger on node ${NODE}.\nIf you don't see a command prompt, try pressing enter.\n/ # `);
    expect(type('hostname')).toBe(`${NODE}\n/ # `);
    expect(type('ls /')).toBe('bin\ndev\netc\nhome\nhost\nlib\nlib64\nproc\nroot\nsys\ntmp\nusr\nvar\n/ # ');
    expect(type('cat /host/etc/os-release | head -1; cat /host/etc/hostname')).toBe(`PRETTY_NAME="Ubuntu 22.04.5 LTS"\n${NODE}\n/ # `);
    expect(type('ps | head -3')).toBe('PID   USER     TIME  COMMAND\n    1 root     21:57 /sbin/init\n    2 root      0:58 [kthreadd]\n/ # ');
    expect(type('crictl ps')).toBe('sh: crictl: not found\n/ # ');
    expect(type('echo $0')).toBe('sh\n/ # ');
  });

  it('chroot /host gives the node\'s shell and tools; exit leaves the chroot, then the pod, which stays Completed', () => {
    const { type } = session();
    type(`kubectl debug node/${NODE} -it --image=busybox --profile=general`);
    expect(type('chroot /host')).toBe(`root@${NODE}:/# `);
    expect(type('systemctl is-active kubelet containerd; echo $0')).toBe(`active\nactive\nbash\nroot@${NODE}:/# `);
    expect(type('crictl ps --name auth-service -q | wc -l')).toBe(`2\nroot@${NODE}:/# `);
    expect(type('exit')).toBe('exit\n/ # ');
    expect(type('exit')).toBe('learner@laptop:~$ ');
    expect(type('kubectl get pods')).toBe(`NAME                                READY   STATUS      RESTARTS   AGE\n${POD}   0/1     Completed   0          2s\nlearner@laptop:~$ `);
  });

  it('chroot /host CMD runs one node command; files written under /host land on the node', () => {
    const { s, type } = session();
    type(`kubectl debug node/${NODE} -it --image=busybox --profile=sysadmin`);
    expect(type('chroot /host journalctl -u kubelet --no-pager -n 1 | wc -l')).toBe('1\n/ # ');
    expect(type('echo seen > /host/tmp/note; chroot /host cat /tmp/note')).toBe('seen\n/ # ');
    expect(type('chroot /nope; echo $?')).toBe("chroot: can't change root directory to '/nope': No such file or directory\n1\n/ # ");
    expect(type('chroot /tmp; echo $?')).toBe("chroot: can't execute '/bin/sh': No such file or directory\n127\n/ # ");
    type('exit');
    s.run(`ssh ${NODE}`);
    expect(s.run('cat /tmp/note').output).toBe('seen\n');
  });

  it('shapes the pod as the profile says: host namespaces and /host for legacy, general and sysadmin; privileged for sysadmin', () => {
    const { type } = session();
    type(`kubectl debug node/${NODE} --image=busybox --profile=sysadmin`);
    expect(type(`kubectl get pod ${POD} -o yaml | grep -E "host(Network|PID|IPC)|privileged|/host|path: /$|host-root|restartPolicy"`)).toBe(
      '      privileged: true\n    - mountPath: /host\n      name: host-root\n  hostIPC: true\n  hostNetwork: true\n  hostPID: true\n  restartPolicy: Never\n' +
      '      path: /\n    name: host-root\nlearner@laptop:~$ ');
  });

  it('under the baseline profile the container is an ordinary pod: no /host, its own hostname', () => {
    const { type } = session();
    expect(type(`kubectl debug node/${NODE} -it --image=busybox --profile=baseline`)).toBe(
      `Creating debugging pod ${POD} with container debugger on node ${NODE}.\nIf you don't see a command prompt, try pressing enter.\n/ # `);
    expect(type('ls /host; chroot /host')).toBe("ls: /host: No such file or directory\nchroot: can't change root directory to '/host': No such file or directory\n/ # ");
    expect(type('hostname')).toBe(`${POD}\n/ # `);
  });

  it('without -it only creates the pod; -q says nothing', () => {
    const { type } = session();
    expect(type(`kubectl debug node/${NODE} --image=busybox --profile=general`)).toBe(`Creating debugging pod ${POD} with container debugger on node ${NODE}.\nlearner@laptop:~$ `);
    expect(type(`kubectl debug node/${NODE} --image=busybox --profile=general -q -it`)).toBe('/ # ');
  });
});
