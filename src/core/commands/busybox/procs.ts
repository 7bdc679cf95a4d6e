import type { ContainerView } from '../../container/view.ts';
import { hashString } from '../../sim/rng.ts';
import { processTable } from '../../host/processes.ts';
import type { Command, CommandContext } from '../types.ts';
import { bbArgs, bbUsage, noView, viewOf } from './common.ts';


/** PIDs of the debug shell and the next command, stable per pod and container. */
function shellPid(view: ContainerView): number {
  return view.app ? 7 + (hashString(`${view.pod.metadata.uid}/${view.self.name}`) % 20) : 1;
}

/** `TIME` of busybox ps: cumulative CPU as m:ss, from how long the process has run (ms) and its use. */
const cpuTime = (ms: number) => { const s = Math.floor(ms / 1000); return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`; };

/**
 * busybox `ps`: `PID   USER     TIME  COMMAND`. With `--target` the application is PID 1 (user
 * 65532 on a distroless image, which busybox's /etc/passwd does not name); without a running
 * target the shell is alone.
 */
export const bbPs: Command = {
  name: 'ps',
  places: ['debug'],
  summary: 'Show list of processes',
  run(ctx) {
    const p = bbArgs('ps', bbUsage('ps', '[-o COL1,COL2=HEADER] [-T]', 'Show list of processes'), ctx.argv.slice(1).filter((a) => !/^a?u?x?w*$/.test(a)), 'o:Tefwl');
    if (!p.ok) return p.result;
    const view = viewOf(ctx);
    if (!view) return noView('ps');
    const rows: [number, string, string, string][] = [];
    if (view.node) {
      // The node debugger shares the host's PID namespace: every process of the node, then this shell.
      for (const proc of processTable(ctx.state, view.node.host)) rows.push([proc.pid, proc.user, cpuTime(proc.cpuMs), proc.args]);
      const sh = view.node.host.nextPid + 60;
      rows.push([sh, 'root', '0:00', 'sh'], [sh + 6, 'root', '0:00', ctx.argv.join(' ')]);
      return { stdout: `PID   USER     TIME  COMMAND\n${rows.map(([pid, user, t, cmd]) => `${String(pid).padStart(5)} ${user.padEnd(8)} ${t.padStart(5)} ${cmd}\n`).join('')}`, stderr: '', exitCode: 0 };
    }
    if (view.app) {
      const ran = ctx.state.now - (view.app.runtime.startedAt ?? ctx.state.now);
      rows.push([1, view.app.user, cpuTime(ran / 50), view.app.binary]);
    }
    const sh = shellPid(view);
    rows.push([sh, 'root', '0:00', 'sh']);
    rows.push([sh + 6, 'root', '0:00', ctx.argv.join(' ')]);
    return { stdout: `PID   USER     TIME  COMMAND\n${rows.map(([pid, user, t, cmd]) => `${String(pid).padStart(5)} ${user.padEnd(8)} ${t.padStart(5)} ${cmd}\n`).join('')}`, stderr: '', exitCode: 0 };
  },
};

/**
 * The shell's own environment: an ephemeral container gets only the service-link variables and its
 * image's defaults, never the target's env (read /proc/1/environ for that); a shell opened with
 * `kubectl exec` in the application container has the container's env.
 */
function ownEnv(ctx: CommandContext, view: ContainerView): [string, string][] {
  const regular = view.pod.spec.containers.some((c) => c.name === view.self.name);
  const appEnv = regular && view.app ? view.app.runtime.env ?? [] : [
    ['KUBERNETES_SERVICE_PORT', '443'], ['KUBERNETES_PORT', 'tcp://10.96.0.1:443'], ['KUBERNETES_PORT_443_TCP_ADDR', '10.96.0.1'],
    ['KUBERNETES_PORT_443_TCP_PORT', '443'], ['KUBERNETES_PORT_443_TCP_PROTO', 'tcp'], ['KUBERNETES_SERVICE_PORT_HTTPS', '443'],
    ['KUBERNETES_PORT_443_TCP', 'tcp://10.96.0.1:443'], ['KUBERNETES_SERVICE_HOST', '10.96.0.1'],
  ] as [string, string][];
  return [['HOSTNAME', view.pod.metadata.name], ['SHLVL', '1'], ['HOME', '/root'], ['TERM', 'xterm'], ...appEnv,
    ['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'], ['PWD', ctx.frame.cwd]];
}

/** busybox `env` (no operands: print the environment) and `printenv [NAME…]`. */
export const bbEnv: Command = {
  name: 'env',
  places: ['debug'],
  summary: 'Print the environment',
  run(ctx) {
    const p = bbArgs('env', bbUsage('env', '[-i] [-u NAME]... [-] [NAME=VALUE]... [PROG ARGS]', 'Print current environment or run PROG after setting up\nthe specified environment'), ctx.argv.slice(1), 'iu:0');
    if (!p.ok) return p.result;
    const view = viewOf(ctx);
    if (!view) return noView('env');
    if (p.operands.length) return { stdout: '', stderr: `env: can't execute '${p.operands[0]}': No such file or directory\n`, exitCode: 127 };
    return { stdout: ownEnv(ctx, view).map(([k, v]) => `${k}=${v}\n`).join(''), stderr: '', exitCode: 0 };
  },
};

export const bbPrintenv: Command = {
  name: 'printenv',
  places: ['debug'],
  summary: 'Print environment variables',
  run(ctx) {
    const view = viewOf(ctx);
    if (!view) return noView('printenv');
    const env = new Map(ownEnv(ctx, view));
    const names = ctx.argv.slice(1);
    if (!names.length) return { stdout: [...env].map(([k, v]) => `${k}=${v}\n`).join(''), stderr: '', exitCode: 0 };
    const found = names.filter((n) => env.has(n));
    return { stdout: found.map((n) => `${env.get(n)}\n`).join(''), stderr: '', exitCode: found.length === names.length ? 0 : 1 };
  },
};

/** busybox `hostname`: the pod's name (the pod's containers share its UTS namespace). */
export const bbHostname: Command = {
  name: 'hostname',
  places: ['debug'],
  summary: 'Show the host name',
  run(ctx) {
    const view = viewOf(ctx);
    if (!view) return noView('hostname');
    const p = bbArgs('hostname', bbUsage('hostname', '[-sfi] [HOSTNAME | -F FILE]', 'Show or set hostname or DNS domain name'), ctx.argv.slice(1), 'sfidF:');
    if (!p.ok) return p.result;
    if (p.flags.has('i')) return { stdout: `${view.node?.host.ip ?? view.pod.status.podIP ?? ''}\n`, stderr: '', exitCode: 0 };
    if (p.operands.length) return { stdout: '', stderr: 'hostname: sethostname: Operation not permitted\n', exitCode: 1 };
    // A host-network pod (the node debugger) shares the node's UTS namespace.
    return { stdout: `${view.node?.host.name ?? view.pod.metadata.name}\n`, stderr: '', exitCode: 0 };
  },
};

export const bbId: Command = {
  name: 'id',
  places: ['debug'],
  summary: 'Print user and group ids',
  run: () => ({ stdout: 'uid=0(root) gid=0(root) groups=0(root),10(wheel)\n', stderr: '', exitCode: 0 }),
};

export const bbWhoami: Command = {
  name: 'whoami',
  places: ['debug'],
  summary: 'Print the user name',
  run: () => ({ stdout: 'root\n', stderr: '', exitCode: 0 }),
};
