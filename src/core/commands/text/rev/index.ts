import type { Command } from '../../types.ts';
import { ERRNO_TEXT, readInputs } from '../gnu.ts';

/** util-linux `rev [FILE…]`: each line's characters reversed. */
export const rev: Command = {
  name: 'rev',
  places: ['laptop', 'node', 'debug'],
  summary: 'reverse lines characterwise',
  flags: [],
  run(ctx) {
    let stdout = '';
    let stderr = '';
    for (const input of readInputs(ctx, ctx.argv.slice(1))) {
      if ('error' in input) { stderr += `rev: cannot open ${input.name}: ${ERRNO_TEXT[input.error]}\n`; continue; }
      stdout += input.text.split('\n').map((l) => [...l].reverse().join('')).join('\n');
    }
    return { stdout, stderr, exitCode: stderr ? 1 : 0 };
  },
};
