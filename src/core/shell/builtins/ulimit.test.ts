import { describe, expect, it } from 'vitest';
import { realTool, runReal } from '../../../../tests/realtools.ts';
import { ulimit } from './ulimit.ts';
import type { BuiltinContext } from './types.ts';

const run = (line: string) => ulimit.run({ argv: line.split(' '), stdin: '', shell: {} as BuiltinContext['shell'], ctx: { host: { memoryKb: { total: 24683784 } } } as unknown as BuiltinContext['ctx'] });

const BASH = realTool('bash');
describe('ulimit', () => {
  it('answers single limits as a root ssh login starts with them', () => {
    expect(run('ulimit -n').stdout).toBe('1024\n');
    expect(run('ulimit -Hn').stdout).toBe('1048576\n');
    expect(run('ulimit').stdout).toBe('unlimited\n');
    expect(run('ulimit -Z')).toMatchObject({ stderr: 'bash: ulimit: -Z: invalid option\nulimit: usage: ulimit [-SHabcdefiklmnpqrstuvxPRT] [limit]\n', exitCode: 2 });
  });
  it(`lays out -a as bash does${BASH ? '' : ' (skipped: no bash here)'}`, () => {
    if (!BASH) return;
    const theirs = runReal(BASH, ['-c', 'ulimit -a']).stdout.split('\n').map((l) => l.replace(/\) \S+$/, ')'));
    const ours = run('ulimit -a').stdout.split('\n').map((l) => l.replace(/\) \S+$/, ')'));
    expect(ours).toEqual(theirs);
  });
});
