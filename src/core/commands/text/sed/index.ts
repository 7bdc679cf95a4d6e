import { resolvePath } from '../../../host/files.ts';
import type { Command } from '../../types.ts';
import { ERRNO_TEXT, readInputs } from '../gnu.ts';
import { linearPattern, type LinearPattern } from '../linear.ts';
import { toRegexSource } from '../grep/regex.ts';

const USAGE = `Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...

  -n, --quiet, --silent
                 suppress automatic printing of pattern space
  -e script, --expression=script
                 add the script to the commands to be executed
  -f script-file, --file=script-file
                 add the contents of script-file to the commands to be executed
  -i[SUFFIX], --in-place[=SUFFIX]
                 edit files in place (makes backup if SUFFIX supplied)
  -E, -r, --regexp-extended
                 use extended regular expressions in the script
                 (for portability use POSIX -E).
  -s, --separate
                 consider files as separate rather than as a single
                 continuous long stream.
      --help     display this help and exit
      --version  output version information and exit
`;

type Addr = { kind: 'line'; n: number } | { kind: 'last' } | { kind: 're'; re: LinearPattern } | { kind: 'step'; first: number; step: number };

interface Cmd {
  a1?: Addr;
  a2?: Addr;
  negate: boolean;
  name: string;
  /** s: regex, replacement, flags; y: from/to; a/i/c: text; block: nested commands. */
  re?: LinearPattern;
  replacement?: string;
  global?: boolean;
  nth?: number;
  print?: boolean;
  text?: string;
  from?: string;
  to?: string;
  block?: Cmd[];
  /** Range state: inside an a1,a2 range. */
  active?: boolean;
  endLine?: number;
}

class SedError extends Error {}

/**
 * GNU `sed` (4.9) for what incident work needs: `-n`, `-e`, `-E`/`-r`, `-i` (written through the
 * shell's file system), `-s`; addresses `N`, `$`, `/re/`, `first~step`, ranges and `!`; the
 * commands `s///` (flags g, p, N, I), `d`, `p`, `q`, `Q`, `=`, `y`, `a`, `i`, `c`, `h`, `H`, `g`,
 * `G`, `x`, `n`, `N`, `{…}`. Errors as GNU words them (`sed: -e expression #1, char 3: unterminated `s' command`).
 */
export const sed: Command = {
  name: 'sed',
  places: ['laptop', 'node', 'debug'],
  summary: 'stream editor for filtering and transforming text',
  flags: [{ name: 'quiet', short: 'n', type: 'bool', help: '' }, { name: 'expression', short: 'e', type: 'stringArray', help: '' }, { name: 'file', short: 'f', type: 'string', help: '' }, { name: 'in-place', short: 'i', type: 'bool', help: '' }, { name: 'regexp-extended', short: 'E', type: 'bool', help: '' }, { name: 'r', short: 'r', type: 'bool', help: '' }, { name: 'separate', short: 's', type: 'bool', help: '' }],
  run(ctx) {
    const args = ctx.argv.slice(1);
    const scripts: string[] = [];
    const files: string[] = [];
    let quiet = false;
    let ere = false;
    let inPlace = false;
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === '--help') return { stdout: USAGE, stderr: '', exitCode: 0 };
      if (a === '--version') return { stdout: 'sed (GNU sed) 4.9\n', stderr: '', exitCode: 0 };
      if (a === '-n' || a === '--quiet' || a === '--silent') { quiet = true; continue; }
      if (a === '-E' || a === '-r' || a === '--regexp-extended') { ere = true; continue; }
      if (a === '-s' || a === '--separate' || a === '-u' || a === '--unbuffered' || a === '-z') continue;
      if (a.startsWith('-i') || a.startsWith('--in-place')) { inPlace = true; continue; }
      if (a === '-e' || a === '--expression') {
        if (i + 1 >= args.length) return { stdout: '', stderr: `sed: option requires an argument -- 'e'\n${USAGE}`, exitCode: 1 };
        scripts.push(args[++i]);
        continue;
      }
      if (a.startsWith('--expression=')) { scripts.push(a.slice(13)); continue; }
      if (a.startsWith('-e') && a.length > 2) { scripts.push(a.slice(2)); continue; }
      if (a === '-f' || a === '--file') {
        const f = args[++i];
        const r = f === undefined ? undefined : ctx.readFile(f);
        if (!r || !r.ok) return { stdout: '', stderr: `sed: couldn't open file ${f ?? ''}: No such file or directory\n`, exitCode: 1 };
        scripts.push(r.text);
        continue;
      }
      if (/^-[nEr]+$/.test(a)) { if (a.includes('n')) quiet = true; if (/[Er]/.test(a)) ere = true; continue; }
      if (a.startsWith('-') && a !== '-') {
        const msg = a.startsWith('--') ? `sed: unrecognized option '${a}'\n` : `sed: invalid option -- '${a[1]}'\n`;
        return { stdout: '', stderr: msg + USAGE, exitCode: 1 };
      }
      files.push(a);
    }
    if (scripts.length === 0) {
      if (files.length === 0) return { stdout: '', stderr: USAGE, exitCode: 1 };
      scripts.push(files.shift()!);
    }
    let program: Cmd[];
    try {
      program = scripts.flatMap((s, k) => parseScript(s, k + 1, ere));
    } catch (e) {
      if (e instanceof SedError) return { stdout: '', stderr: `sed: ${e.message}\n`, exitCode: 1 };
      throw e;
    }
    if (inPlace && files.length === 0) return { stdout: '', stderr: 'sed: no input files\n', exitCode: 1 };
    let stdout = '';
    let stderr = '';
    const inputs = readInputs(ctx, files);
    if (inPlace) {
      for (const input of inputs) {
        if ('error' in input) { stderr += `sed: can't read ${input.name}: ${ERRNO_TEXT[input.error]}\n`; continue; }
        const r = execute(program, input.text, quiet);
        const w = ctx.fs?.write(resolvePath(input.name, ctx.frame.cwd), r.out, false) ?? { ok: false, error: 'Permission denied' };
        if (!w.ok) stderr += `sed: couldn't open temporary file ${input.name.replace(/[^/]*$/, '')}sedAbC123: ${w.error}\n`;
      }
      return { stdout: '', stderr, exitCode: stderr ? 4 : 0 };
    }
    let text = '';
    for (const input of inputs) {
      if ('error' in input) { stderr += `sed: can't read ${input.name}: ${ERRNO_TEXT[input.error]}\n`; continue; }
      text += input.text;
    }
    const r = execute(program, text, quiet);
    stdout += r.out;
    return { stdout, stderr, exitCode: r.exit ?? (stderr ? 2 : 0) };
  },
};

// ---- parsing ------------------------------------------------------------------------------

function parseScript(src: string, exprNo: number, ere: boolean): Cmd[] {
  let i = 0;
  const where = () => `-e expression #${exprNo}, char ${i}`;
  const fail = (msg: string): never => { throw new SedError(`${where()}: ${msg}`); };
  const ws = () => { while (i < src.length && /[ \t]/.test(src[i])) i++; };

  const delimited = (delim: string, what: string): string => {
    let out = '';
    while (i < src.length && src[i] !== delim) {
      if (src[i] === '\\' && i + 1 < src.length) {
        if (src[i + 1] === delim) { out += delim; i += 2; continue; }
        if (src[i + 1] === 'n') { out += '\\n'; i += 2; continue; }
        out += src[i] + src[i + 1];
        i += 2;
        continue;
      }
      if (src[i] === '\n' && what !== 'y') fail(`unterminated \`${what}' command`);
      out += src[i++];
    }
    if (i >= src.length) fail(`unterminated \`${what}' command`);
    i++;
    return out;
  };

  const addr = (): Addr | undefined => {
    if (/\d/.test(src[i] ?? '')) {
      const m = /^(\d+)(~(\d+))?/.exec(src.slice(i))!;
      i += m[0].length;
      return m[2] ? { kind: 'step', first: Number(m[1]), step: Number(m[3]) } : { kind: 'line', n: Number(m[1]) };
    }
    if (src[i] === '$') { i++; return { kind: 'last' }; }
    if (src[i] === '/' || src[i] === '\\') {
      const d = src[i] === '\\' ? src[++i] : '/';
      i++;
      const body = delimited(d, 'address regex');
      let flags = '';
      if (src[i] === 'I') { flags = 'i'; i++; }
      return { kind: 're', re: compile(body, ere, flags, fail) };
    }
    return undefined;
  };

  const block = (top: boolean): Cmd[] => {
    const cmds: Cmd[] = [];
    for (;;) {
      while (i < src.length && /[ \t\n;]/.test(src[i])) i++;
      if (i >= src.length) {
        if (!top) fail("unmatched `{'");
        return cmds;
      }
      if (src[i] === '}') {
        if (top) fail("unexpected `}'");
        i++;
        return cmds;
      }
      const cmd: Cmd = { negate: false, name: '' };
      cmd.a1 = addr();
      if (cmd.a1 && src[i] === ',') {
        i++;
        cmd.a2 = addr();
        if (!cmd.a2) fail('unexpected `,\'');
      }
      ws();
      if (src[i] === '!') { cmd.negate = true; i++; ws(); }
      const c = src[i++];
      if (c === undefined) fail('missing command');
      cmd.name = c;
      switch (c) {
        case '{': cmd.block = block(false); break;
        case 's': {
          const d = src[i++];
          if (d === undefined || d === '\n' || d === '\\') fail("unterminated `s' command");
          const re = delimited(d, 's');
          const rep = delimited(d, 's');
          let flags = '';
          while (i < src.length && /[gpiImeNw0-9]/.test(src[i])) {
            const f = src[i++];
            if (/\d/.test(f)) { const m = /^\d*/.exec(src.slice(i))!; cmd.nth = Number(f + m[0]); i += m[0].length; continue; }
            if (f === 'g') cmd.global = true;
            else if (f === 'p') cmd.print = true;
            else if (f === 'i' || f === 'I') flags = 'i';
            else if (f === 'w') { i = src.length; }
          }
          cmd.re = compile(re, ere, flags, fail);
          cmd.replacement = rep;
          break;
        }
        case 'y': {
          const d = src[i++];
          cmd.from = delimited(d, 'y').replace(/\\n/g, '\n');
          cmd.to = delimited(d, 'y').replace(/\\n/g, '\n');
          if ([...cmd.from].length !== [...cmd.to].length) fail("strings for `y' command are different lengths");
          break;
        }
        case 'a': case 'i': case 'c': {
          ws();
          if (src[i] === '\\') { i++; if (src[i] === '\n') i++; }
          const end = src.indexOf('\n', i);
          cmd.text = (end < 0 ? src.slice(i) : src.slice(i, end)).replace(/\\(.)/g, '$1');
          i = end < 0 ? src.length : end;
          break;
        }
        case 'q': case 'Q': case 'l': {
          ws();
          const m = /^\d+/.exec(src.slice(i));
          if (m) { cmd.nth = Number(m[0]); i += m[0].length; }
          break;
        }
        case 'd': case 'D': case 'p': case 'P': case '=': case 'h': case 'H': case 'g': case 'G': case 'x': case 'n': case 'N': case 'z':
          break;
        case '#': { const end = src.indexOf('\n', i); i = end < 0 ? src.length : end; continue; }
        default:
          fail(`unknown command: \`${c}'`);
      }
      ws();
      if (i < src.length && !/[;\n}]/.test(src[i])) fail(`extra characters after command`);
      cmds.push(cmd);
    }
  };
  return block(true);
}

/** A sed regex, matched in linear time (RE2) so that no pattern can hang the terminal. */
function compile(body: string, ere: boolean, flags: string, fail: (m: string) => never): LinearPattern {
  try {
    return linearPattern(toRegexSource(body, ere ? 'extended' : 'basic'), { ignoreCase: flags.includes('i'), multiline: flags.includes('m') });
  } catch {
    return fail(ere ? 'Invalid preceding regular expression' : 'Invalid regular expression');
  }
}

// ---- running ------------------------------------------------------------------------------

function execute(program: Cmd[], text: string, quiet: boolean): { out: string; exit?: number } {
  const lines = text === '' ? [] : text.split('\n');
  const trailing = text.endsWith('\n');
  if (trailing) lines.pop();
  let out = '';
  let hold = '';
  let idx = 0;
  let exit: number | undefined;
  const last = () => idx >= lines.length;

  const matches = (a: Addr, n: number, ps: string): boolean => {
    switch (a.kind) {
      case 'line': return n === a.n;
      case 'last': return last();
      case 're': return a.re.test(ps);
      case 'step': return a.step <= 0 ? n === a.first : n >= a.first && (n - a.first) % a.step === 0;
    }
  };
  const selected = (c: Cmd, n: number, ps: string): boolean => {
    let hit: boolean;
    if (!c.a1) hit = true;
    else if (!c.a2) hit = matches(c.a1, n, ps);
    else if (c.active) {
      hit = true;
      if (c.a2.kind === 'line' ? n >= c.a2.n : matches(c.a2, n, ps)) c.active = false;
    } else if (matches(c.a1, n, ps)) {
      hit = true;
      c.active = !(c.a2.kind === 'line' && c.a2.n <= n);
    } else hit = false;
    return c.negate ? !hit : hit;
  };

  while (idx < lines.length) {
    let ps = lines[idx++];
    let n = idx;
    let append = '';
    let deleted = false;
    let stop: 'q' | 'Q' | undefined;
    const run = (cmds: Cmd[]): boolean => {
      for (const c of cmds) {
        if (!selected(c, n, ps)) continue;
        switch (c.name) {
          case '{': if (!run(c.block!)) return false; break;
          case 's': {
            let count = 0;
            let did = false;
            ps = c.re!.replace(ps, (m) => {
              count++;
              if (c.nth ? (c.global ? count < c.nth : count !== c.nth) : !c.global && count > 1) return m[0];
              did = true;
              return expandReplacement(c.replacement!, m);
            });
            if (did && c.print) out += ps + '\n';
            break;
          }
          case 'y': ps = [...ps].map((ch) => { const k = [...c.from!].indexOf(ch); return k < 0 ? ch : [...c.to!][k]; }).join(''); break;
          case 'd': deleted = true; return false;
          case 'D': { const nl = ps.indexOf('\n'); if (nl < 0) { deleted = true; return false; } ps = ps.slice(nl + 1); deleted = true; lines.splice(idx, 0, ps); idx; return false; }
          case 'p': out += ps + '\n'; break;
          case 'P': out += ps.split('\n')[0] + '\n'; break;
          case '=': out += `${n}\n`; break;
          case 'a': append += c.text + '\n'; break;
          case 'i': out += c.text + '\n'; break;
          case 'c': if (!c.a2 || !c.active) out += c.text + '\n'; deleted = true; return false;
          case 'h': hold = ps; break;
          case 'H': hold += '\n' + ps; break;
          case 'g': ps = hold; break;
          case 'G': ps += '\n' + hold; break;
          case 'x': [ps, hold] = [hold, ps]; break;
          case 'z': ps = ''; break;
          case 'l': out += ps.replace(/\\/g, '\\\\').replace(/\t/g, '\\t') + '$\n'; break;
          case 'n':
            if (!quiet) out += ps + '\n';
            if (last()) { deleted = true; return false; }
            ps = lines[idx++];
            n = idx;
            break;
          case 'N':
            if (last()) { return true; }
            ps += '\n' + lines[idx++];
            n = idx;
            break;
          case 'q': stop = 'q'; exit = c.nth; return false;
          case 'Q': stop = 'Q'; exit = c.nth; return false;
        }
      }
      return true;
    };
    run(program);
    if (stop === 'Q') break;
    if (!deleted && !quiet) out += ps + '\n';
    out += append;
    if (stop === 'q') break;
  }
  if (!trailing && out.endsWith('\n') && text !== '') out = out.slice(0, -1);
  return { out, ...(exit !== undefined ? { exit } : {}) };
}

function expandReplacement(rep: string, groups: string[]): string {
  let out = '';
  let caseMode: 'U' | 'L' | '' = '';
  const put = (s: string) => { out += caseMode === 'U' ? s.toUpperCase() : caseMode === 'L' ? s.toLowerCase() : s; };
  for (let i = 0; i < rep.length; i++) {
    const c = rep[i];
    if (c === '&') { put(groups[0] ?? ''); continue; }
    if (c === '\\' && i + 1 < rep.length) {
      const n = rep[++i];
      if (/\d/.test(n)) put(groups[Number(n)] ?? '');
      else if (n === 'n') out += '\n';
      else if (n === 't') out += '\t';
      else if (n === 'U' || n === 'L') caseMode = n;
      else if (n === 'E') caseMode = '';
      else put(n);
      continue;
    }
    put(c);
  }
  return out;
}


