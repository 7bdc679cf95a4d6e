/**
 * less, more and journalctl page on a terminal (the browser's session is a tty) and print like cat
 * on a pipe or without a terminal (the CLI), as the real tools decide with isatty(1).
 */
import { describe, expect, it } from 'vitest';
import { Session } from '../session/session.ts';
import { load } from '../../../tests/unit/garbage.ts';

const start = (tty: boolean) => Session.start(load('crashloop.yaml'), { tty });

describe('pagers', () => {
  it('less on the terminal opens the pager with the file; q leaves it with nothing printed and $? 0', () => {
    const s = start(true);
    const hosts = s.run('cat ~/.kube/config').output;
    expect(s.run('less ~/.kube/config')).toEqual({ output: '', following: true });
    expect(s.paging).toEqual({ text: hosts, title: '/home/learner/.kube/config', program: 'less' });
    expect(s.interrupt()).toEqual({ output: '' });
    expect(s.paging).toBeUndefined();
    expect(s.run('echo $?').output).toBe('0\n');
    expect(s.transcript.map((e) => e.output)).toEqual([hosts, '', '0\n']);
  });

  it('a pipe into less pages what came through it; less into a pipe, or without a terminal, prints like cat', () => {
    const s = start(true);
    const hosts = s.run('cat ~/.kube/config').output;
    s.run('grep server ~/.kube/config | more');
    expect(s.paging).toEqual({ text: hosts.split('\n').filter((l) => l.includes('server')).map((l) => `${l}\n`).join(''), title: '', program: 'more' });
    s.interrupt();
    expect(s.run('less ~/.kube/config | head -1').output).toBe(`${hosts.split('\n')[0]}\n`);
    expect(s.run('less /nope; echo $?').output).toBe('/nope: No such file or directory\n0\n');
    expect(s.run('more /nope').output).toBe('more: cannot open /nope: No such file or directory\n');
    const cli = start(false);
    expect(cli.run('less ~/.kube/config')).toEqual({ output: hosts, following: false });
  });

  it('journalctl pages on a terminal unless --no-pager; the grader still sees what the pager showed', () => {
    const s = start(true);
    const node = Object.keys(s.state.nodes)[0];
    s.run(`ssh ${node}`);
    const text = s.run('journalctl -u kubelet --no-pager -n 5').output;
    expect(text.split('\n')).toHaveLength(6);
    expect(s.run('journalctl -u kubelet -n 5')).toEqual({ output: '', following: true });
    expect(s.paging?.text).toBe(text);
    s.interrupt();
    const rec = s.commandLog[s.commandLog.length - 1];
    expect([rec.stdout, rec.outcome, rec.exitCode]).toEqual([text, 'ok', 0]);
  });
});
