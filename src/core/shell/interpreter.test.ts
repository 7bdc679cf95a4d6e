import { describe, expect, it } from 'vitest';
import type { Command, Follow } from '../commands/types.ts';
import { textCommands } from '../commands/text/index.ts';
import { fakeShell } from './testEnv.ts';

/** Stub commands, each a few lines, standing in for kubectl, ssh, journalctl… */
const say: Command = { name: 'say', places: ['laptop'], summary: 'print args', run: (c) => ({ stdout: c.argv.slice(1).join(' ') + '\n', stderr: '', exitCode: 0 }) };
const oops: Command = { name: 'oops', places: ['laptop'], summary: 'fail', run: (c) => ({ stdout: 'partial\n', stderr: `oops: ${c.argv[1] ?? 'broken'}\n`, exitCode: 3 }) };
const slow: Command = { name: 'slow', places: ['laptop'], summary: 'take 12.034s', run: (c) => { c.wait(12_034); return { stdout: 'done\n', stderr: '', exitCode: 0 }; } };
const boom: Command = { name: 'boom', places: ['laptop'], summary: 'a bug', run: () => { throw new Error('nil pointer'); } };
const hop: Command = { name: 'hop', places: ['laptop'], summary: 'like ssh', run: (c) => ({ stdout: '', stderr: '', exitCode: 0, enter: { place: 'node', host: c.argv[1], user: 'root', cwd: '/root' } }) };
const journal: Follow = {
  poll: (_s, from, to) => ({ stdout: `tick ${from}-${to} kubelet\ntick ${from}-${to} containerd\n`, stderr: '' }),
};
const tailf: Command = { name: 'tailf', places: ['laptop'], summary: 'follow', run: () => ({ stdout: 'start kubelet\nstart containerd\n', stderr: '', exitCode: 0, follow: journal }) };
const lines: Command = { name: 'lines', places: ['laptop'], summary: 'stdin line count', run: (c) => ({ stdout: `${c.stdin.split('\n').filter(Boolean).length}\n`, stderr: '', exitCode: 0 }) };

const shell = () => fakeShell({ commands: [say, oops, slow, boom, hop, tailf, lines, ...textCommands], files: { '/var/log/pods.log': 'api Running\nweb CrashLoopBackOff\ndb Running\n' } });

describe('runLine', () => {
  it('runs a pipeline, stdout feeding stdin, and records each command', () => {
    const sh = shell();
    const r = sh.run('say a b c | lines');
    expect(r.output).toBe('1\n');
    expect(r.exitCode).toBe(0);
    expect(r.runs.map((x) => [x.argv, x.stdout, x.exitCode])).toEqual([
      [['say', 'a', 'b', 'c'], 'a b c\n', 0],
      [['lines'], '1\n', 0],
    ]);
  });

  it('shows stderr of earlier stages on the terminal, not in the pipe', () => {
    expect(shell().run('oops x | lines').output).toBe('oops: x\n1\n');
    expect(shell().run('oops x |& lines').output).toBe('2\n');
  });

  it('says command not found with 127, and a path with No such file', () => {
    const sh = shell();
    expect(sh.run('kubectl get pods')).toMatchObject({ output: 'bash: kubectl: command not found\n', exitCode: 127 });
    expect(sh.run('echo $?').output).toBe('127\n');
    expect(sh.run('./payment-service')).toMatchObject({ output: 'bash: ./payment-service: No such file or directory\n', exitCode: 127 });
  });

  it('short-circuits && and || as bash does', () => {
    const sh = shell();
    expect(sh.run('oops && say yes || say no').output).toBe('partial\noops: broken\nno\n');
    expect(sh.run('say a || say b && say c').output).toBe('a\nc\n');
    expect(sh.run('false; say $?; true && say $?').output).toBe('1\n0\n');
    expect(sh.run('! oops >/dev/null 2>&1').exitCode).toBe(0);
  });

  it('hides or merges streams with redirections', () => {
    const sh = shell();
    expect(sh.run('oops 2>/dev/null').output).toBe('partial\n');
    expect(sh.run('oops >/dev/null').output).toBe('oops: broken\n');
    expect(sh.run('oops &>/dev/null')).toMatchObject({ output: '', exitCode: 3 });
    expect(sh.run('oops 2>&1 | lines').output).toBe('2\n');
    expect(sh.run('oops 2>&1 >/dev/null | lines').output).toBe('1\n');
    expect(sh.run('say hi >&2 | lines').output).toBe('hi\n0\n');
  });

  it('refuses to write files and reads them with <', () => {
    const sh = shell();
    expect(sh.run('say hi > /tmp/out.txt')).toMatchObject({ output: 'bash: /tmp/out.txt: Permission denied\n', exitCode: 1, runs: [] });
    expect(sh.run('grep -c Running < /var/log/pods.log').output).toBe('2\n');
    expect(sh.run('lines < /nope')).toMatchObject({ output: 'bash: /nope: No such file or directory\n', exitCode: 1 });
  });

  it('substitutes $(…) with word splitting unless quoted, and $VAR', () => {
    const sh = shell();
    const r = sh.run('say [$(say a  b)] "[$(say a  b)]" $(true)');
    expect(r.output).toBe('[a b] [a b]\n');
    expect(r.runs.map((x) => x.argv)).toEqual([['say', 'a', 'b'], ['say', 'a', 'b'], ['true'], ['say', '[a', 'b]', '[a b]']]);
    expect(sh.run('P=$(grep Crash /var/log/pods.log | cut -d" " -f1); say pod=$P').output).toBe('pod=web\n');
    expect(sh.run('say $USER@$HOSTNAME:$PWD $HOME "$NOPE" x').output).toBe('learner@laptop:/home/learner /home/learner  x\n');
  });

  it('prints the time report after the output, from virtual time', () => {
    const sh = shell();
    const r = sh.run('time slow');
    expect(r.output).toBe('done\n\nreal\t0m12.034s\nuser\t0m0.150s\nsys\t0m0.053s\n');
    expect(sh.run('time').output).toBe('\nreal\t0m0.000s\nuser\t0m0.000s\nsys\t0m0.000s\n');
    expect(sh.run('time sleep 1m 0.5').output).toMatch(/^\nreal\t1m0\.500s\n/);
  });

  it('stops the line after a command enters another shell', () => {
    const r = shell().run('hop worker-3; say never');
    expect(r.enter).toEqual({ place: 'node', host: 'worker-3', user: 'root', cwd: '/root' });
    expect(r.output).toBe('');
    expect(r.runs.map((x) => x.argv[0])).toEqual(['hop']);
  });

  it('reports a command that throws as its own failure', () => {
    expect(shell().run('boom; say after')).toMatchObject({ output: 'boom: internal error: nil pointer\nafter\n', exitCode: 0 });
  });

  it('follows the last command, piped through later filters at each poll', () => {
    const sh = shell();
    const direct = sh.run('tailf');
    expect(direct.output).toBe('start kubelet\nstart containerd\n');
    expect(direct.follow?.poll({} as never, 0, 1000).stdout).toBe('tick 0-1000 kubelet\ntick 0-1000 containerd\n');
    const piped = sh.run('tailf | grep kubelet');
    expect(piped.output).toBe('start kubelet\n');
    expect(piped.follow?.poll({} as never, 1000, 2000)).toEqual({ stdout: 'tick 1000-2000 kubelet\n', stderr: '' });
    expect(sh.run('tailf; say x').follow).toBeUndefined();
    expect(sh.run('say x | tailf | lines').follow).toBeDefined();
  });

  it('prints syntax errors with status 2 and leaves $? otherwise alone on empty lines', () => {
    const sh = shell();
    expect(sh.run('say a |')).toMatchObject({ output: 'bash: syntax error: unexpected end of file\n', exitCode: 2, runs: [] });
    sh.run('false');
    expect(sh.run('').exitCode).toBe(1);
    expect(sh.run('   # just a comment').exitCode).toBe(1);
  });
});

describe('builtins', () => {
  it('echo with -n and -e', () => {
    const sh = shell();
    expect(sh.run('echo -n a; echo b').output).toBe('ab\n');
    expect(sh.run('echo -e "a\\tb\\nc"').output).toBe('a\tb\nc\n');
    expect(sh.run('echo -z "a  b"').output).toBe('-z a  b\n');
  });

  it('sleep lets virtual time pass, and rejects bad intervals as GNU sleep', () => {
    const sh = shell();
    sh.run('sleep 2 0.5 1m');
    expect(sh.now).toBe(62_500);
    expect(sh.run('sleep x')).toMatchObject({ output: "sleep: invalid time interval ‘x’\nTry 'sleep --help' for more information.\n", exitCode: 1 });
    expect(sh.run('sleep')).toMatchObject({ output: "sleep: missing operand\nTry 'sleep --help' for more information.\n", exitCode: 1 });
    expect(sh.run('sleep -q')).toMatchObject({ output: "sleep: invalid option -- 'q'\nTry 'sleep --help' for more information.\n", exitCode: 1 });
  });

  it('a long sleep keeps running with the clock instead of jumping it (sleep 99999999999999999999 froze the tab)', () => {
    const sh = shell();
    const start = sh.now;
    for (const line of ['sleep 99999999999999999999', 'sleep infinity', 'sleep 7h']) {
      const r = sh.run(line);
      expect(r.output).toBe('');
      expect(sh.now).toBe(start);
      expect(r.follow?.poll({} as never, start, start + 3_600_000)).toEqual({ stdout: '', stderr: '' });
    }
    expect(sh.run('sleep 7h').follow?.poll({} as never, start, start + 7 * 3_600_000)).toEqual({ stdout: '', stderr: '', done: { exitCode: 0 } });
    sh.run('sleep 6h');
    expect(sh.now).toBe(start + 6 * 3_600_000);
  });

  it('cd tracks the working directory; later commands on the line read relative to it', () => {
    const sh = shell();
    const r = sh.run('cd /var/log && grep -c Running pods.log; pwd');
    expect(r.output).toBe('2\n/var/log\n');
    expect(r.cwd).toBe('/var/log');
    expect(sh.run('cd /nope')).toMatchObject({ output: 'bash: cd: /nope: No such file or directory\n', exitCode: 1 });
    expect(sh.run('cd pods.log')).toMatchObject({ output: 'bash: cd: pods.log: Not a directory\n', exitCode: 1 });
    expect(sh.run('cd ..; pwd').output).toBe('/var\n');
    expect(sh.run('cd -').output).toBe('/var/log\n');
    expect(sh.run('cd; pwd').output).toBe('/home/learner\n');
  });

  it('history is numbered like bash', () => {
    const sh = shell();
    sh.run('say one');
    expect(sh.run('history').output).toBe('    1  say one\n    2  history\n');
    expect(sh.run('history 1').output).toBe('    3  history 1\n');
    expect(sh.run('history x')).toMatchObject({ output: 'bash: history: x: numeric argument required\n', exitCode: 1 });
  });

  it('exit asks to leave, with its status; clear asks to clear the screen', () => {
    const sh = shell();
    expect(sh.run('exit 3; say never')).toMatchObject({ leave: true, exitCode: 3, output: '' });
    expect(sh.run('exit abc')).toMatchObject({ leave: true, exitCode: 2, output: 'bash: exit: abc: numeric argument required\n' });
    expect(sh.run('say before; clear; say after')).toMatchObject({ clear: true, output: 'after\n' });
  });

  it('alias and export persist between lines', () => {
    const sh = shell();
    sh.run('alias k=say');
    expect(sh.run('k get pods').output).toBe('get pods\n');
    expect(sh.run("'k' x").output).toBe('bash: k: command not found\n');
    expect(sh.run('alias').output).toBe("alias k='say'\n");
    sh.run('export NS=payments');
    expect(sh.run('say -n $NS').output).toBe('-n payments\n');
    expect(sh.run('export 1x=2')).toMatchObject({ output: "bash: export: `1x=2': not a valid identifier\n", exitCode: 1 });
  });
});
