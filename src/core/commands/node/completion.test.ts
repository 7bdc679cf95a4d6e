/** Tab completion on a node knows the node toolbox: the new programs, their sub-commands and flags. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../scenario/parse.ts';
import { Session } from '../../session/session.ts';

const root = join(import.meta.dirname, '..', '..', '..', '..');
function onNode() {
  const r = parseScenario('scenarios/cpu-throttling.yaml', readFileSync(join(root, 'scenarios', 'cpu-throttling.yaml'), 'utf8'));
  if (!r.ok) throw new Error(r.errors.join('\n'));
  const s = Session.start(r.scenario);
  s.run(`ssh ${Object.keys(s.state.nodes)[0]}`);
  return s;
}
const at = (s: Session, line: string) => s.complete(line, line.length).candidates;

describe('completion of the node toolbox', () => {
  it('offers the new programs, crictl and ctr verbs and the tools flags', () => {
    const s = onNode();
    expect(at(s, 'findm')).toEqual(['findmnt']);
    expect(at(s, 'pg')).toEqual(['pgrep']);
    expect(at(s, 'ulim')).toEqual(['ulimit']);
    expect(['lsblk', 'stat', 'sysctl', 'vmstat', 'ctr', 'find', 'mount', 'pkill'].every((c) => at(s, c).includes(c))).toBe(true);
    expect(at(s, 'crictl st')).toEqual(['stats', 'statsp', 'stop']);
    expect(at(s, 'crictl inspe')).toEqual(['inspect', 'inspectp']);
    expect(at(s, 'ctr -n k8s.io ')).toEqual(['containers', 'images', 'namespaces', 'tasks', 'version']);
    expect(at(s, 'sysctl vm.overc')).toEqual(['vm.overcommit_memory', 'vm.overcommit_ratio']);
    expect(at(s, 'findmnt /sys/fs/cg')).toEqual(['/sys/fs/cgroup']);
    expect(at(s, 'vmstat --wi')).toEqual(['--wide']);
    expect(at(s, 'lsblk --no')).toEqual(['--nodeps', '--noheadings']);
  });

  it('knows the network and disk tools added since: dig, ss, lsof, ping, du and the iptables family', () => {
    const s = onNode();
    for (const tool of ['dig', 'ss', 'lsof', 'ping', 'du', 'iptables', 'ip6tables', 'iptables-save', 'ip6tables-save']) expect(at(s, tool)).toContain(tool);
    expect(at(s, 'iptables-s')).toEqual(['iptables-save']);
    expect(at(s, 'iptables -t ')).toEqual(['filter', 'mangle', 'nat', 'raw']);
    expect(at(s, 'iptables -t nat -L KUBE-P')).toEqual(['KUBE-POSTROUTING', 'KUBE-PROXY-CANARY']);
    expect(at(s, 'iptables -L KUBE-F')).toEqual(['KUBE-FIREWALL', 'KUBE-FORWARD']);
    expect(at(s, 'iptables --line')).toEqual(['--line-numbers']);
    expect(at(s, 'iptables-save -')).toEqual(['--counters', '--table', '-c', '-t']);
  });
});
