/**
 * The shell as a learner meets it in a session: lines that continue (`for …` over several lines,
 * here-documents), files written in one line and read in the next, on the laptop and on a node,
 * and all of it rebuilt exactly by replaying the input log.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/parse.ts';
import { Session } from './session.ts';

const root = join(import.meta.dirname, '..', '..', '..');
function scenario() {
  const r = parseScenario('scenarios/crashloop.yaml', readFileSync(join(root, 'scenarios', 'crashloop.yaml'), 'utf8'));
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.scenario;
}

describe('the shell in a session', () => {
  it('waits for the rest of an open loop or here-document with the > prompt, then runs it whole', () => {
    const s = Session.start(scenario());
    expect(s.run('for n in a b; do').output).toBe('');
    expect(s.prompt()).toBe('> ');
    s.run('  echo "item $n"');
    expect(s.run('done').output).toBe('item a\nitem b\n');
    expect(s.prompt()).toBe('learner@laptop:~$ ');
    s.run('cat > ~/pod.yaml <<EOF');
    s.run('kind: Pod');
    s.run('metadata: {name: x}');
    expect(s.run('EOF').output).toBe('');
    expect(s.run('cat ~/pod.yaml').output).toBe('kind: Pod\nmetadata: {name: x}\n');
    expect(s.transcript.slice(-5).map((e) => e.prompt)).toEqual(['learner@laptop:~$ ', '> ', '> ', '> ', 'learner@laptop:~$ ']);
  });

  it('keeps files written on the laptop and on a node, refuses them where the user may not write', () => {
    const s = Session.start(scenario());
    s.run('kubectl get pods -A > /tmp/pods.txt');
    expect(s.run('wc -l < /tmp/pods.txt').output).toMatch(/^\d+\n$/);
    expect(s.run('echo x > /etc/motd')).toMatchObject({ output: 'bash: /etc/motd: Permission denied\n' });
    expect(s.run('echo x > /nope/file').output).toBe('bash: /nope/file: No such file or directory\n');
    expect(s.run('echo x > /tmp').output).toBe('bash: /tmp: Is a directory\n');
    const node = Object.keys(s.state.nodes)[0];
    s.run(`ssh ${node}`);
    s.run('journalctl -u kubelet --no-pager | tail -3 > /root/kubelet.txt; echo more >> /root/kubelet.txt');
    expect(s.run('wc -l /root/kubelet.txt').output).toBe('4 /root/kubelet.txt\n');
    expect(s.run('ls /root').output).toBe('kubelet.txt\n');
    s.run('exit');
    const again = Session.replay(scenario(), s.inputs);
    expect(again.transcript.map((e) => e.output)).toEqual(s.transcript.map((e) => e.output));
    expect(again.state.hosts[node].files['/root/kubelet.txt']).toBe(s.state.hosts[node].files['/root/kubelet.txt']);
  });

  it('keeps variables, functions and aliases between lines', () => {
    const s = Session.start(scenario());
    s.run('alias k=kubectl; NS=kube-system; pods() { k get pods -n "$1" --no-headers | wc -l; }');
    expect(s.run('pods $NS').output).toMatch(/^\d+\n$/);
    expect(s.run('type pods | head -1').output).toBe('pods is a function\n');
    expect(s.run('echo $PATH').output).toBe('/home/learner/.local/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/games:/usr/local/games:/snap/bin\n');
  });

  it('ends a runaway loop as if interrupted instead of hanging', () => {
    const s = Session.start(scenario());
    const r = s.run('while true; do :; done; echo never');
    expect(r.output).toBe('^C\n');
    expect(s.run('echo $?').output).toBe('130\n');
  });
});
