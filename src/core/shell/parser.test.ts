import { describe, expect, it } from 'vitest';
import { parseLine, simpleCommands } from './parser.ts';

const argvs = (line: string) => {
  const r = parseLine(line);
  if (!r.ok) throw new Error(r.error);
  return simpleCommands(r.script);
};
const error = (line: string) => {
  const r = parseLine(line);
  return r.ok ? undefined : { error: r.error, incomplete: r.incomplete };
};

describe('parseLine', () => {
  it('removes quotes and escapes but keeps words apart', () => {
    expect(argvs(`kubectl logs 'pay ment' "api-7f9" --previous a\\ b`)).toEqual([['kubectl', 'logs', 'pay ment', 'api-7f9', '--previous', 'a b']]);
  });

  it('lists every simple command of pipelines and lists, substitutions first', () => {
    expect(argvs('kubectl get pods -A | grep -v Running && echo ok; kubectl logs $(kubectl get pods -o name | head -1) -p')).toEqual([
      ['kubectl', 'get', 'pods', '-A'],
      ['grep', '-v', 'Running'],
      ['echo', 'ok'],
      ['kubectl', 'get', 'pods', '-o', 'name'],
      ['head', '-1'],
      ['kubectl', 'logs', '$(kubectl get pods -o name | head -1)', '-p'],
    ]);
  });

  it('finds commands nested in substitutions inside double quotes', () => {
    expect(argvs('echo "pods: $(kubectl get pods | wc -l)"')).toEqual([
      ['kubectl', 'get', 'pods'],
      ['wc', '-l'],
      ['echo', 'pods: $(kubectl get pods | wc -l)'],
    ]);
  });

  it('keeps redirections out of argv and records them', () => {
    const r = parseLine('crictl ps 2>/dev/null >/dev/null 2>&1 &>/dev/null');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const cmd = r.script.lists[0].first.commands[0];
    if (cmd.type !== 'SimpleCommand') throw new Error('not a simple command');
    expect(cmd.words.map((w) => w.raw)).toEqual(['crictl', 'ps']);
    expect(cmd.redirects.map((x) => [x.fd, x.op, x.target.raw])).toEqual([
      [2, '>', '/dev/null'],
      [undefined, '>', '/dev/null'],
      [2, '>&', '1'],
      [undefined, '&>', '/dev/null'],
    ]);
  });

  it('recognises time, ! and assignments by structure', () => {
    const r = parseLine('time ! X=1 grep x');
    expect(r.ok && r.script.lists[0].first.timed && r.script.lists[0].first.negated).toBe(true);
    const first = r.ok ? r.script.lists[0].first.commands[0] : undefined;
    expect(first?.type === 'SimpleCommand' && first.assignments.map((a) => a.name)).toEqual(['X']);
    expect(argvs("'time' x")).toEqual([['time', 'x']]);
  });

  it('drops comments', () => {
    expect(argvs('echo a # echo b')).toEqual([['echo', 'a']]);
    expect(argvs('# nothing')).toEqual([]);
  });

  it("words bash's syntax errors as interactive bash prints them", () => {
    expect(error('| ls')).toEqual({ error: "bash: syntax error near unexpected token `|'", incomplete: false });
    expect(error('ls && && x')).toEqual({ error: "bash: syntax error near unexpected token `&&'", incomplete: false });
    expect(error('ls ;;')).toEqual({ error: "bash: syntax error near unexpected token `;;'", incomplete: false });
    expect(error(';')).toEqual({ error: "bash: syntax error near unexpected token `;'", incomplete: false });
    expect(error('echo a >')).toEqual({ error: "bash: syntax error near unexpected token `newline'", incomplete: false });
    expect(error('echo a )')).toEqual({ error: "bash: syntax error near unexpected token `)'", incomplete: false });
    expect(error('ls |')).toEqual({ error: 'bash: syntax error: unexpected end of file', incomplete: true });
    expect(error("echo 'a")).toEqual({ error: "bash: unexpected EOF while looking for matching `''", incomplete: true });
    expect(error('echo "a')).toEqual({ error: 'bash: unexpected EOF while looking for matching `"\'', incomplete: true });
    expect(error('echo $(ls')).toEqual({ error: "bash: unexpected EOF while looking for matching `)'", incomplete: true });
    expect(error('echo `ls')).toEqual({ error: "bash: unexpected EOF while looking for matching ``'", incomplete: true });
    expect(error('echo $(| ls)')).toEqual({ error: "bash: syntax error near unexpected token `|'", incomplete: false });
  });

  it('accepts an empty line and a lone time', () => {
    expect(argvs('')).toEqual([]);
    expect(argvs('   ')).toEqual([]);
    expect(parseLine('time').ok).toBe(true);
  });
});
