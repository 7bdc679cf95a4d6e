import type { Command } from '../../types.ts';
import { ERRNO_TEXT, readInputs, tryHelp } from '../gnu.ts';

/** util-linux `rev [FILE…]`: each line's characters reversed. */
export const rev: Command = {
  name: 'rev',
  places: ['laptop', 'node', 'debug'],
  summary: 'reverse lines characterwise',
  flags: [],
  run(ctx) {
    let stdout = '';
    let stderr = '';
    const files: string[] = [];
    for (const a of ctx.argv.slice(1)) {
      if (a === '-V' || a === '--version') return { stdout: 'rev from util-linux 2.39.3\n', stderr: '', exitCode: 0 };
      if (a === '-h' || a === '--help') return { stdout: '\nUsage:\n rev [options] [file ...]\n\nReverse lines characterwise.\n\nOptions:\n -0, --zero     zero line delimiter\n\n -h, --help     display this help\n -V, --version  display version\n\nFor more details see rev(1).\n', stderr: '', exitCode: 0 };
      if (a.startsWith('--')) return { stdout: '', stderr: `rev: unrecognized option '${a}'\n${tryHelp('rev')}`, exitCode: 1 };
      if (a.startsWith('-') && a !== '-' && a !== '-0') return { stdout: '', stderr: `rev: invalid option -- '${a[1]}'\n${tryHelp('rev')}`, exitCode: 1 };
      if (a !== '-0') files.push(a);
    }
    for (const input of readInputs(ctx, files)) {
      if ('error' in input) { stderr += `rev: cannot open ${input.name}: ${ERRNO_TEXT[input.error]}\n`; continue; }
      stdout += input.text.split('\n').map((l) => [...l].reverse().join('')).join('\n');
    }
    return { stdout, stderr, exitCode: stderr ? 1 : 0 };
  },
};
