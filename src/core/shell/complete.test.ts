import { describe, expect, it } from 'vitest';
import type { Command } from '../commands/types.ts';
import { complete, type CompleteEnv } from './complete.ts';

const seen: string[][] = [];
const kubectl: Command = {
  name: 'kubectl',
  places: ['laptop'],
  summary: 'stub',
  run: () => ({ stdout: '', stderr: '', exitCode: 0 }),
  complete(words, partial) {
    seen.push([...words, `<${partial}>`]);
    return words.length === 1 ? ['logs', 'get', 'describe', 'drain'] : ['payment-7f9', 'payment-abc', 'api-1'];
  },
};
const env: CompleteEnv = {
  commandNames: () => ['kubectl', 'grep', 'journalctl', 'kubeadm'],
  lookup: (n) => (n === 'kubectl' ? kubectl : undefined),
  ctx: { state: {} as never, frame: { place: 'laptop', host: 'laptop', user: 'learner', cwd: '/' }, host: {} as never },
};
const at = (line: string) => complete(line, line.length, env);

describe('complete', () => {
  it('completes command names, builtins included, sorted', () => {
    expect(at('ku')).toEqual({ start: 0, candidates: ['kubeadm', 'kubectl'] });
    expect(at('e')).toEqual({ start: 0, candidates: ['echo', 'elif', 'else', 'esac', 'eval', 'exit', 'export'] });
    expect(at('wh')).toEqual({ start: 0, candidates: ['while'] });
    expect(at('kubectl get pods | gr')).toEqual({ start: 19, candidates: ['grep'] });
    expect(at('echo $(ku')).toEqual({ start: 7, candidates: ['kubeadm', 'kubectl'] });
  });

  it("asks the command for its arguments, passing the words before the partial", () => {
    seen.length = 0;
    expect(at('kubectl lo')).toEqual({ start: 8, candidates: ['logs'] });
    expect(at('kubectl logs "pay')).toEqual({ start: 13, candidates: ['payment-7f9', 'payment-abc'] });
    expect(at('kubectl logs ')).toEqual({ start: 13, candidates: ['api-1', 'payment-7f9', 'payment-abc'] });
    expect(seen).toEqual([['kubectl', '<lo>'], ['kubectl', 'logs', '<pay>'], ['kubectl', 'logs', '<>']]);
  });

  it('completes only up to the cursor, and nothing after a redirection or for unknown commands', () => {
    expect(complete('kubectl dr --force', 10, env)).toEqual({ start: 8, candidates: ['drain'] });
    expect(at('kubectl get 2>/dev/nu')).toEqual({ start: 14, candidates: [] });
    expect(at('grep -')).toEqual({ start: 5, candidates: [] });
  });
});
