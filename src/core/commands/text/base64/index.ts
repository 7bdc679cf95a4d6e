import { decodeBase64, encodeBase64 } from '../../../base64.ts';
import { parseTool } from '../../node/args.ts';
import type { Command } from '../../types.ts';
import type { FlagSpec } from '../../flags.ts';
import { ERRNO_TEXT, readInputs, tryHelp } from '../gnu.ts';

const USAGE = `Usage: base64 [OPTION]... [FILE]
Base64 encode or decode FILE, or standard input, to standard output.

With no FILE, or when FILE is -, read standard input.

Mandatory arguments to long options are mandatory for short options too.
  -d, --decode          decode data
  -i, --ignore-garbage  when decoding, ignore non-alphabet characters
  -w, --wrap=COLS       wrap encoded lines after COLS character (default 76).
                          Use 0 to disable line wrapping
      --help        display this help and exit
      --version     output version information and exit
`;

const SPECS: FlagSpec[] = [
  { name: 'decode', short: 'd', type: 'bool', help: '' },
  { name: 'ignore-garbage', short: 'i', type: 'bool', help: '' },
  { name: 'wrap', short: 'w', type: 'string', help: '' },
];

/** GNU `base64 [-d] [-w COLS] [FILE]`: encodes (wrapped at 76) or decodes (Secrets' data fields). */
export const base64: Command = {
  name: 'base64',
  places: ['laptop', 'node', 'debug'],
  summary: 'base64 encode/decode data and print to standard output',
  flags: SPECS,
  run(ctx) {
    const p = parseTool('base64', ctx.argv.slice(1), SPECS, USAGE);
    if (!p.ok) return p.result;
    const files = p.flags.positionals;
    if (files.length > 1) return { stdout: '', stderr: `base64: extra operand ‘${files[1]}’\n${tryHelp('base64')}`, exitCode: 1 };
    const [input] = readInputs(ctx, files);
    if ('error' in input) return { stdout: '', stderr: `base64: ${input.name}: ${ERRNO_TEXT[input.error]}\n`, exitCode: 1 };
    const wrapText = p.flags.given.has('wrap') ? String(p.flags.values.wrap) : '76';
    if (!/^\d+$/.test(wrapText)) return { stdout: '', stderr: `base64: invalid wrap size: ‘${wrapText}’\n`, exitCode: 1 };
    if (p.flags.values.decode === true) {
      let data = input.text.replace(/\n/g, '');
      if (p.flags.values['ignore-garbage'] === true) data = data.replace(/[^A-Za-z0-9+/=]/g, '');
      const ok = /^[A-Za-z0-9+/]*={0,2}$/.test(data) && data.length % 4 !== 1;
      const decoded = decodeBase64(ok ? data : data.replace(/[^A-Za-z0-9+/=].*$/s, ''));
      return { stdout: decoded ?? '', stderr: ok && decoded !== undefined ? '' : 'base64: invalid input\n', exitCode: ok && decoded !== undefined ? 0 : 1 };
    }
    const enc = encodeBase64(input.text);
    const wrap = Number(wrapText);
    if (enc === '') return { stdout: '', stderr: '', exitCode: 0 };
    const lines = wrap === 0 ? [enc] : enc.match(new RegExp(`.{1,${wrap}}`, 'g'))!;
    return { stdout: wrap === 0 ? enc : lines.map((l) => `${l}\n`).join(''), stderr: '', exitCode: 0 };
  },
};
