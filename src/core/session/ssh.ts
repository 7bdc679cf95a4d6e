import { machineName } from '../model/host.ts';
import type { Command, CommandResult } from '../commands/types.ts';
import { nodeFrame } from './context.ts';
import type { ClusterState } from '../model/state.ts';
import { parseFlags } from '../commands/flags.ts';
import { ctime, parseTimestamp, rfc3339 } from '../time.ts';
import { machineDown } from '../sim/nodeLifecycle.ts';

const USAGE = `usage: ssh [-46AaCfGgKkMNnqsTtVvXxYy] [-B bind_interface] [-b bind_address]
           [-c cipher_spec] [-D [bind_address:]port] [-E log_file]
           [-e escape_char] [-F configfile] [-I pkcs11] [-i identity_file]
           [-J destination] [-L address] [-l login_name] [-m mac_spec]
           [-O ctl_cmd] [-o option] [-P tag] [-p port] [-R address]
           [-S ctl_path] [-W host:port] [-w local_tun[:remote_tun]]
           destination [command [argument ...]]
`;

/** ssh's options that take a value (`-i key`, `-p 22`, `-o StrictHostKeyChecking=no`). */
const WITH_VALUE = new Set('BbcDEeFIiJLlmOoPpQRSWw'.split(''));
const SPECS = [...'BbcDEeFIiJLlmOoPpQRSWw'].map((c) => ({ name: c, short: c, type: 'stringArray' as const, help: '' }))
  .concat([...'46AaCfGgKkMNnqsTtVvXxYy'].map((c) => ({ name: c, short: c, type: 'bool' as const, help: '' })) as never[]);

/** Finds a node by name, InternalIP or internal DNS name (`ip-10-42-1-17.eu-west-1.compute.internal`). */
export function resolveNode(state: ClusterState, target: string): string | undefined {
  const host = target.includes('@') ? target.slice(target.indexOf('@') + 1) : target;
  for (const n of Object.values(state.nodes)) {
    if (n.metadata.name === host || n.status.addresses.some((a) => a.address === host)) return Object.hasOwn(state.hosts, n.metadata.name) ? n.metadata.name : undefined;
  }
  return undefined;
}

/** Where logins come from as the nodes see them: the bastion the learner's key goes through. */
const BASTION = '10.42.0.5';

/**
 * The login before this one: the session's previous `ssh` to the node, else an operator's a few
 * days back — never before the node existed (a node younger than that has no earlier login, and
 * Ubuntu then prints no `Last login:` line).
 */
function previousLogin(state: ClusterState, node: string): { at: number; from: string } | undefined {
  const h = state.hosts[node];
  if (h.lastLogin) return h.lastLogin;
  const created = parseTimestamp(state.nodes[node]?.metadata.creationTimestamp) ?? h.bootAt;
  const at = state.now - 3 * 86400000 - 4231000;
  return at > created + 600_000 ? { at, from: BASTION } : undefined;
}

/** The login banner Ubuntu prints, shortened to what a learner would notice. */
function motd(state: ClusterState, node: string): string {
  const h = state.hosts[node];
  const last = previousLogin(state, node);
  return `Welcome to ${h.osPrettyName} (GNU/Linux ${h.kernelRelease} ${machineName(h)})\n\n * Documentation:  https://help.ubuntu.com\n * Management:     https://landscape.canonical.com\n * Support:        https://ubuntu.com/pro\n\n  System information as of ${rfc3339(state.now).replace('T', ' ').replace('Z', ' UTC')}\n\n${last ? `Last login: ${ctime(last.at)} from ${last.from}\n` : ''}`;
}

/**
 * `ssh NODE [COMMAND…]` from the laptop: lands as root on the node (the bastion and key are set up
 * for the learner). With a command, `runRemote` runs it on the node and returns its output, as
 * OpenSSH does without a tty. Unknown hosts get OpenSSH's resolver error and exit 255.
 */
export function sshCommand(runRemote: (node: string, line: string) => CommandResult): Command {
  return {
    name: 'ssh',
    places: ['laptop'],
    summary: 'OpenSSH remote login client',
    run(ctx): CommandResult {
      // OpenSSH stops reading its own options at the destination: what follows is the remote
      // command with its own flags (`ssh node uname -r`, `ssh node grep -o avx512f /proc/cpuinfo`).
      const args = ctx.argv.slice(1);
      let split = 0;
      while (split < args.length) {
        const a = args[split];
        if (a === '--') break;
        if (!a.startsWith('-') || a === '-') break;
        split += WITH_VALUE.has(a.slice(-1)) && a.length === 2 ? 2 : 1;
      }
      const own = args.slice(0, Math.min(split, args.length));
      const remote = args.slice(Math.min(split, args.length));
      const parsed = parseFlags(own, SPECS);
      if (!parsed.ok) {
        const bad = parsed.error.code === 'unknown-shorthand' ? parsed.error.char : '';
        return { stdout: '', stderr: `${bad ? `ssh: illegal option -- ${bad}\n` : ''}${USAGE}`, exitCode: 255 };
      }
      if (remote[0] === '--') remote.shift();
      const [target, ...rest] = [...parsed.flags.positionals, ...remote];
      if (!target) return { stdout: '', stderr: USAGE, exitCode: 255 };
      const node = resolveNode(ctx.state, target);
      if (!node) return { stdout: '', stderr: `ssh: Could not resolve hostname ${target.replace(/^.*@/, '')}: Name or service not known\n`, exitCode: 255 };
      if (machineDown(ctx.state, node)) {
        // Nothing answers the SYN: Linux gives up after its retries, about 2 min 10 s.
        ctx.wait(130_000);
        const ip = ctx.state.nodes[node].status.addresses.find((a) => a.type === 'InternalIP')?.address ?? node;
        return { stdout: '', stderr: `ssh: connect to host ${ip} port 22: Connection timed out\n`, exitCode: 255 };
      }
      if (rest.length > 0) return runRemote(node, rest.join(' '));
      const frame = nodeFrame(node);
      const banner = motd(ctx.state, node);
      ctx.dispatch({ type: 'host/login', host: node, at: ctx.state.now, from: BASTION });
      return { stdout: banner, stderr: '', exitCode: 0, enter: frame };
    },
    complete(words, partial, ctx) {
      if (words.length > 1) return [];
      return Object.keys(ctx.state.nodes).filter((n) => n.startsWith(partial)).sort();
    },
  };
}
