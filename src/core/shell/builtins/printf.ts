import { done, type Builtin } from './types.ts';

const USAGE = 'printf: usage: printf [-v var] format [arguments]\n';
const ESC: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', e: '\x1b', E: '\x1b', '\\': '\\', '"': '"', "'": "'" };

/** Backslash escapes of a printf format or a `%b` argument; `stop` is set by `\c` (in %b). */
function unescape(s: string, forB: boolean): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== '\\' || i + 1 >= s.length) { out += s[i]; continue; }
    const c = s[i + 1];
    if (forB && c === 'c') return { text: out, stop: true };
    if (Object.hasOwn(ESC, c)) { out += ESC[c]; i++; continue; }
    const oct = (forB ? /^0?([0-7]{1,3})/ : /^([0-7]{1,3})/).exec(s.slice(i + 1));
    if (oct) { out += String.fromCharCode(parseInt(oct[1], 8) & 255); i += oct[0].length; continue; }
    const hex = /^x([0-9a-fA-F]{1,2})/.exec(s.slice(i + 1));
    if (hex) { out += String.fromCharCode(parseInt(hex[1], 16)); i += hex[0].length; continue; }
    out += '\\' + c;
    i++;
  }
  return { text: out, stop: false };
}

/** bash's numeric argument: decimal, 0x hex, 0 octal, 'c (a character's code); errors as bash words them. */
function number(arg: string, errs: string[]): bigint {
  const t = arg.trim();
  if (t === '') return 0n;
  if (/^['"]/.test(t)) return BigInt(t.codePointAt(1) ?? 0);
  const m = /^([-+]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)/.exec(t);
  if (!m) { errs.push(`bash: printf: ${arg}: invalid number\n`); return 0n; }
  const v = BigInt(m[2].startsWith('0x') || m[2].startsWith('0X') ? m[2] : m[2].length > 1 && m[2].startsWith('0') ? '0o' + m[2].slice(1) : m[2]);
  if (m[0].length !== t.length) errs.push(`bash: printf: ${arg}: invalid number\n`);
  return m[1] === '-' ? -v : v;
}

function float(arg: string, errs: string[]): number {
  const t = arg.trim();
  if (t === '') return 0;
  const v = Number(t);
  if (Number.isNaN(v)) { errs.push(`bash: printf: ${arg}: invalid number\n`); return 0; }
  return v;
}

function pad(s: string, flags: string, width: number | undefined, numeric: boolean): string {
  if (width === undefined || s.length >= width) return s;
  if (flags.includes('-')) return s.padEnd(width);
  if (flags.includes('0') && numeric) {
    const sign = /^[-+ ]/.test(s) ? s[0] : '';
    return sign + s.slice(sign.length).padStart(width - sign.length, '0');
  }
  return s.padStart(width);
}

/** `%q`: bash's shell quoting of an argument. */
function shq(s: string): string {
  if (s === '') return "''";
  return s.replace(/[^A-Za-z0-9_./:=@%+,-]/g, (c) => `\\${c}`);
}

/**
 * bash's `printf FORMAT [ARG…]` builtin: the format is reused until the arguments are used up;
 * `%s %b %q %c %d %i %u %o %x %X %e %f %g %%` with flags, width and precision (`*` too);
 * `-v VAR` assigns instead of printing. A bad number prints bash's complaint and exits 1.
 */
export const printf: Builtin = {
  name: 'printf',
  summary: 'Formats and prints ARGUMENTS under control of the FORMAT',
  run({ argv, shell }) {
    let args = argv.slice(1);
    let target: string | undefined;
    if (args[0] === '-v') {
      target = args[1];
      if (target === undefined) return { stdout: '', stderr: `bash: printf: -v: option requires an argument\n${USAGE}`, exitCode: 2 };
      args = args.slice(2);
    }
    if (args[0] === '--') args = args.slice(1);
    if (args.length === 0) return { stdout: '', stderr: USAGE, exitCode: 2 };
    if (/^-./.test(args[0]) && target === undefined) return { stdout: '', stderr: `bash: printf: ${args[0].slice(0, 2)}: invalid option\n${USAGE}`, exitCode: 2 };
    const format = args[0];
    const rest = args.slice(1);
    const errs: string[] = [];
    let out = '';
    let k = 0;
    const next = () => (k < rest.length ? rest[k++] : undefined);
    for (let round = 0; round < 10_000; round++) {
      const startK = k;
      let stop = false;
      for (let i = 0; i < format.length && !stop; i++) {
        const c = format[i];
        if (c === '\\') {
          const m = /^\\([0-7]{1,3}|x[0-9a-fA-F]{1,2}|.)/s.exec(format.slice(i));
          if (!m) { out += '\\'; continue; }
          out += unescape(m[0], false).text;
          i += m[0].length - 1;
          continue;
        }
        if (c !== '%') { out += c; continue; }
        const spec = /^%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?([a-zA-Z%])/.exec(format.slice(i));
        if (!spec) { errs.push(`bash: printf: \`${format.slice(i + 1, i + 2)}': invalid format character\n`); stop = true; break; }
        i += spec[0].length - 1;
        const [, flags, w, p, conv] = spec;
        if (conv === '%') { out += '%'; continue; }
        const width = w === '*' ? Number(number(next() ?? '0', errs)) : w !== undefined ? Number(w) : undefined;
        const prec = p === '*' ? Number(number(next() ?? '0', errs)) : p !== undefined ? Number(p || '0') : undefined;
        const arg = next();
        switch (conv) {
          case 's': { let s = arg ?? ''; if (prec !== undefined) s = s.slice(0, prec); out += pad(s, flags, width, false); break; }
          case 'b': { const u = unescape(arg ?? '', true); out += pad(u.text, flags, width, false); if (u.stop) return finish(out, errs, target, shell.vars, true); break; }
          case 'q': out += pad(shq(arg ?? ''), flags, width, false); break;
          case 'c': out += pad((arg ?? '').slice(0, 1), flags, width, false); break;
          case 'd': case 'i': case 'u': case 'o': case 'x': case 'X': {
            let v = number(arg ?? '0', errs);
            if (conv === 'u' || conv === 'o' || conv === 'x' || conv === 'X') v = BigInt.asUintN(64, v);
            let s = conv === 'o' ? v.toString(8) : conv === 'x' ? v.toString(16) : conv === 'X' ? v.toString(16).toUpperCase() : v.toString();
            if (prec !== undefined) s = s.startsWith('-') ? '-' + s.slice(1).padStart(prec, '0') : s.padStart(prec, '0');
            if (flags.includes('#') && v !== 0n && (conv === 'x' || conv === 'X')) s = (conv === 'x' ? '0x' : '0X') + s;
            if ((conv === 'd' || conv === 'i') && !s.startsWith('-')) s = (flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '') + s;
            out += pad(s, prec !== undefined ? flags.replace('0', '') : flags, width, true);
            break;
          }
          case 'f': case 'F': case 'e': case 'E': case 'g': case 'G': {
            const v = float(arg ?? '0', errs);
            const pr = prec ?? 6;
            let s = conv === 'f' || conv === 'F' ? v.toFixed(pr) : conv === 'e' || conv === 'E' ? cExp(v.toExponential(pr)) : gFormat(v, pr);
            if (conv === 'E' || conv === 'G') s = s.toUpperCase();
            if (!s.startsWith('-')) s = (flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '') + s;
            out += pad(s, flags, width, true);
            break;
          }
          default:
            errs.push(`bash: printf: \`${conv}': invalid format character\n`);
            stop = true;
        }
      }
      if (stop || k >= rest.length || k === startK) break;
    }
    return finish(out, errs, target, shell.vars, false);
  },
};

/** C's exponent has at least two digits: 1.5e+00. */
function cExp(s: string): string {
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}

function gFormat(v: number, prec: number): string {
  const p = prec === 0 ? 1 : prec;
  if (v === 0) return '0';
  const exp = Math.floor(Math.log10(Math.abs(v)));
  if (exp < -4 || exp >= p) return cExp(v.toExponential(p - 1).replace(/\.?0+e/, 'e'));
  return v.toFixed(Math.max(0, p - 1 - exp)).replace(/\.?0+$/, '');
}

function finish(out: string, errs: string[], target: string | undefined, vars: Map<string, string>, _stopped: boolean) {
  if (target !== undefined) {
    vars.set(target, out);
    return { stdout: '', stderr: errs.join(''), exitCode: errs.length ? 1 : 0 };
  }
  return { ...done(out, errs.length ? 1 : 0), stderr: errs.join('') };
}
