/**
 * A command-line flag parser in the manner of spf13/pflag (kubectl, crictl, etcdctl) that also
 * serves GNU-style tools (df, grep, journalctl): long flags `--name`, `--name=value`, `--name value`,
 * short flags `-n value`, `-nvalue`, grouped booleans `-hi`, `--` ending flags, and flags mixed
 * with positionals. Errors are returned as data so each tool family prints its own wording.
 */

export type FlagType = 'bool' | 'string' | 'int' | 'stringArray';

export interface FlagSpec {
  /** Long name without dashes: `previous`. */
  name: string;
  /** One-letter shorthand: `p`. */
  short?: string;
  type: FlagType;
  default?: string | number | boolean | string[];
  /** Help text, as `--help` prints it. */
  help: string;
  /** Placeholder in help output (`--tail=-1` shows default); for GNU tools, `N` / `UNIT`. */
  argName?: string;
  /** Accepted but not shown in --help (deprecated spellings). */
  hidden?: boolean;
  /**
   * The default as `--help` shows it when pflag's Value prints itself its own way: a
   * MapStringString's empty map is `--aggregation-rule=:`, unquoted. Parsing ignores it.
   */
  helpDefault?: string;
}

export type FlagValue = string | number | boolean | string[];

export type FlagError =
  | { code: 'unknown-flag'; flag: string } // --foo
  | { code: 'unknown-shorthand'; char: string; arg: string } // 'z' in -z
  | { code: 'missing-argument'; flag: string; short?: string }
  // pflagName: how pflag's Set names the flag in its error, `-r, --replicas` when it has a shorthand, however it was typed.
  | { code: 'invalid-value'; flag: string; value: string; type: FlagType; outOfRange?: boolean; pflagName?: string }
  | { code: 'bool-value'; flag: string; value: string };

export interface ParsedFlags {
  /** Values by long name; unset flags carry their default (or false / '' / 0 / []). */
  values: Record<string, FlagValue>;
  /** Long names of flags the user actually gave. */
  given: Set<string>;
  /**
   * Every value the user gave, by long name, in order, as this parser read it: booleans as
   * `true`/`false` (`-p` → ['true'], `-p=false` → ['false']), others as typed. The command's parse
   * record (commands/parsed.ts) is built from this.
   */
  raw: Record<string, string[]>;
  positionals: string[];
  /** Positionals after `--` (for `kubectl exec … -- cmd`). */
  afterDashDash: string[] | undefined;
}

function defaultOf(spec: FlagSpec): FlagValue {
  if (spec.default !== undefined) return Array.isArray(spec.default) ? [...spec.default] : spec.default;
  switch (spec.type) {
    case 'bool': return false;
    case 'int': return 0;
    case 'stringArray': return [];
    default: return '';
  }
}

/**
 * The specs by long and by short name, built once per spec table (tables are constants; kubectl's
 * has a hundred flags, and every command line parsed against it built both maps again).
 */
const specIndexes = new WeakMap<readonly FlagSpec[], { byName: Map<string, FlagSpec>; byShort: Map<string, FlagSpec> }>();

function specIndex(specs: readonly FlagSpec[]): { byName: Map<string, FlagSpec>; byShort: Map<string, FlagSpec> } {
  let index = specIndexes.get(specs);
  if (!index) {
    index = { byName: new Map(specs.map((s) => [s.name, s])), byShort: new Map(specs.filter((s) => s.short).map((s) => [s.short!, s])) };
    specIndexes.set(specs, index);
  }
  return index;
}

/**
 * Parses `args` (argv without the command words) against `specs`.
 * Returns the parse or the first error, as pflag does.
 */
export function parseFlags(args: readonly string[], specs: readonly FlagSpec[]): { ok: true; flags: ParsedFlags } | { ok: false; error: FlagError } {
  const { byName, byShort } = specIndex(specs);
  const values: Record<string, FlagValue> = {};
  for (const s of specs) values[s.name] = defaultOf(s);
  const given = new Set<string>();
  const read: Record<string, string[]> = {};
  const positionals: string[] = [];
  let afterDashDash: string[] | undefined;

  const set = (spec: FlagSpec, raw: string, display: string): FlagError | undefined => {
    const err = assign(spec, raw, display);
    if (!err) (read[spec.name] ??= []).push(spec.type === 'bool' ? String(values[spec.name]) : raw);
    return err;
  };
  const assign = (spec: FlagSpec, raw: string, display: string): FlagError | undefined => {
    given.add(spec.name);
    switch (spec.type) {
      case 'bool': {
        const v = raw.toLowerCase();
        if (['true', '1', 't'].includes(v)) values[spec.name] = true;
        else if (['false', '0', 'f'].includes(v)) values[spec.name] = false;
        else return { code: 'bool-value', flag: display, value: raw };
        return;
      }
      case 'int': {
        const pflagName = spec.short ? `-${spec.short}, --${spec.name}` : `--${spec.name}`;
        if (!/^[-+]?\d+$/.test(raw)) return { code: 'invalid-value', flag: display, value: raw, type: 'int', pflagName };
        // pflag's int is Go's 64-bit int: ParseInt refuses what does not fit.
        if (BigInt(raw) > 9223372036854775807n || BigInt(raw) < -9223372036854775808n) return { code: 'invalid-value', flag: display, value: raw, type: 'int', outOfRange: true, pflagName };
        values[spec.name] = Number(raw);
        return;
      }
      case 'stringArray': {
        // pflag's stringArray: the first value typed replaces the default, later ones append.
        // `read` holds the values typed before this one (it is filled after a successful assign).
        const prev = read[spec.name] ? (values[spec.name] as string[]) : [];
        values[spec.name] = [...prev, raw];
        return;
      }
      default:
        values[spec.name] = raw;
    }
  };

  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      afterDashDash = args.slice(i + 1);
      break;
    }
    if (arg.startsWith('--') && arg.length > 2) {
      const eq = arg.indexOf('=');
      const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      const spec = byName.get(name);
      if (!spec) return { ok: false, error: { code: 'unknown-flag', flag: `--${name}` } };
      let raw: string;
      if (eq >= 0) raw = arg.slice(eq + 1);
      else if (spec.type === 'bool') raw = 'true';
      else if (i + 1 < args.length) raw = args[++i];
      else return { ok: false, error: { code: 'missing-argument', flag: `--${name}` } };
      const err = set(spec, raw, `--${name}`);
      if (err) return { ok: false, error: err };
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1 && !/^-\d/.test(arg)) {
      // A group of shorthands: -hi, -n production, -nproduction, -n=production.
      for (let j = 1; j < arg.length; j++) {
        const c = arg[j];
        const spec = byShort.get(c);
        if (!spec) return { ok: false, error: { code: 'unknown-shorthand', char: c, arg } };
        if (spec.type === 'bool') {
          if (arg[j + 1] === '=') {
            const err = set(spec, arg.slice(j + 2), `-${c}`);
            if (err) return { ok: false, error: err };
            break;
          }
          set(spec, 'true', `-${c}`);
          continue;
        }
        let raw = arg.slice(j + 1);
        if (raw.startsWith('=')) raw = raw.slice(1);
        else if (raw === '') {
          if (i + 1 >= args.length) return { ok: false, error: { code: 'missing-argument', flag: `--${spec.name}`, short: c } };
          raw = args[++i];
        }
        const err = set(spec, raw, `-${c}, --${spec.name}`);
        if (err) return { ok: false, error: err };
        break;
      }
      continue;
    }
    positionals.push(arg);
  }
  return { ok: true, flags: { values, given, raw: read, positionals, afterDashDash } };
}

/** pflag's wording of a parse error, as kubectl/crictl print it after `error: ` / `Error: `. */
export function pflagMessage(e: FlagError): string {
  switch (e.code) {
    case 'unknown-flag': return `unknown flag: ${e.flag}`;
    case 'unknown-shorthand': return `unknown shorthand flag: '${e.char}' in ${e.arg}`;
    case 'missing-argument': return e.short ? `flag needs an argument: '${e.short}' in -${e.short}` : `flag needs an argument: ${e.flag}`;
    case 'invalid-value': return `invalid argument "${e.value}" for "${e.pflagName ?? e.flag}" flag: strconv.ParseInt: parsing "${e.value}": ${e.outOfRange ? 'value out of range' : 'invalid syntax'}`;
    case 'bool-value': return `invalid argument "${e.value}" for "${e.flag}" flag: strconv.ParseBool: parsing "${e.value}": invalid syntax`;
  }
}

/** GNU getopt's wording (coreutils, util-linux, systemd tools): `invalid option -- 'z'`. */
export function gnuMessage(tool: string, e: FlagError): string {
  const lines = (() => {
    switch (e.code) {
      case 'unknown-flag': return `${tool}: unrecognized option '${e.flag}'`;
      case 'unknown-shorthand': return `${tool}: invalid option -- '${e.char}'`;
      case 'missing-argument': return e.short ? `${tool}: option requires an argument -- '${e.short}'` : `${tool}: option '${e.flag}' requires an argument`;
      case 'invalid-value':
      case 'bool-value': return `${tool}: invalid argument '${e.value}' for '${e.flag}'`;
    }
  })();
  return `${lines}\nTry '${tool} --help' for more information.\n`;
}
