import type { CommandContext } from '../../../types.ts';
import type { FlagSpec } from '../../../flags.ts';
import type { KubectlInvocation } from '../../verb.ts';
import { listDirectory, resolvePath } from '../../../../host/files.ts';

/**
 * Where `create configmap` and `create secret generic` take their keys from (kubectl 1.33
 * create_configmap.go / create_secret.go): `--from-literal=k=v` (repeatable, never split),
 * `--from-file=[key=]path` and `--from-env-file=path` (both comma-separated lists, as pflag's
 * StringSlice reads them). Files are read from the machine kubectl runs on: the learner's laptop.
 */
export interface DataSources {
  literals: string[];
  files: string[];
  envFiles: string[];
}

/** The three source flags, with the help text of the generator they belong to. */
export function sourceFlags(kind: 'configmap' | 'secret'): FlagSpec[] {
  return kind === 'configmap'
    ? [
        { name: 'from-file', type: 'stringArray', help: 'Key file can be specified using its file path, in which case file basename will be used as configmap key, or optionally with a key and file path, in which case the given key will be used.  Specifying a directory will iterate each named file in the directory whose basename is a valid configmap key.' },
        { name: 'from-literal', type: 'stringArray', help: 'Specify a key and literal value to insert in configmap (i.e. mykey=somevalue)' },
        { name: 'from-env-file', type: 'stringArray', help: 'Specify the path to a file to read lines of key=val pairs to create a configmap.' },
      ]
    : [
        { name: 'from-file', type: 'stringArray', help: 'Key files can be specified using their file path, in which case a default name will be given to them, or optionally with a name and file path, in which case the given name will be used.  Specifying a directory will iterate each named file in the directory that is a valid secret key.' },
        { name: 'from-literal', type: 'stringArray', help: 'Specify a key and literal value to insert in secret (i.e. mykey=somevalue)' },
        { name: 'from-env-file', type: 'stringArray', help: 'Specify the path to a file to read lines of key=val pairs to create a secret.' },
      ];
}

/** The sources as typed, StringSlice flags split on commas. */
export function sourcesOf(inv: KubectlInvocation): DataSources {
  const slice = (name: string) => (inv.flags.values[name] as string[]).flatMap((s) => s.split(','));
  return { literals: [...(inv.flags.values['from-literal'] as string[])], files: slice('from-file'), envFiles: slice('from-env-file') };
}

/** `from-env-file cannot be combined with from-file or from-literal` (the generators' Validate). */
export function combinationError(s: DataSources): string | undefined {
  return s.envFiles.length > 0 && (s.files.length > 0 || s.literals.length > 0) ? 'from-env-file cannot be combined with from-file or from-literal' : undefined;
}

/** apimachinery's RegexError: the message, then `(e.g. 'a',  or 'b', regex used for validation is '…')`. */
function regexError(msg: string, fmt: string, ...examples: string[]): string {
  return `${msg} (e.g. ${examples.map((e) => `'${e}'`).join(',  or ')}, regex used for validation is '${fmt}')`;
}

/** `.`, `..` and `..x` are refused as keys and variable names (hasChDirPrefix). */
function chDirPrefix(value: string): string[] {
  if (value === '.') return ["must not be '.'"];
  if (value === '..') return ["must not be '..'"];
  return value.startsWith('..') ? ["must not start with '..'"] : [];
}

/** validation.IsConfigMapKey: why `key` cannot be a ConfigMap or Secret key ([] when it can). */
export function configMapKeyErrors(key: string): string[] {
  const errs: string[] = [];
  if (key.length > 253) errs.push('must be no more than 253 characters');
  if (!/^[-._a-zA-Z0-9]+$/.test(key)) errs.push(regexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'", '[-._a-zA-Z0-9]+', 'key.name', 'KEY_NAME', 'key-name'));
  return [...errs, ...chDirPrefix(key)];
}

/** validation.IsEnvVarName, which env files are held to. */
function envVarNameErrors(key: string): string[] {
  const errs = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(key) ? [] : [regexError("a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit", '[-._a-zA-Z][-._a-zA-Z0-9]*', 'my.env-name', 'MY_ENV.NAME', 'MyEnvName1')];
  return [...errs, ...chDirPrefix(key)];
}

/** Go's %q for the ASCII text learners type. */
const q = (s: string) => JSON.stringify(s);

/** Adds one key, or says why not, in the words of the generator (ConfigMap and Secret word it differently). */
type AddKey = (key: string, value: string) => string | undefined;

/** The per-kind rules for adding a key (create_configmap.go validateNewConfigMap, create_secret.go addKeyFromLiteralToSecret). */
export function keyAdder(kind: 'ConfigMap' | 'Secret', name: string, data: Record<string, string>): AddKey {
  return (key, value) => {
    const errs = configMapKeyErrors(key);
    if (kind === 'ConfigMap') {
      if (errs.length) return `${q(key)} is not a valid key name for a ConfigMap: ${errs.join(',')}`;
      if (Object.hasOwn(data, key)) return `cannot add key ${q(key)}, another key by that name already exists in Data for ConfigMap ${q(name)}`;
    } else {
      if (errs.length) return `${q(key)} is not valid key name for a Secret ${errs.join(';')}`;
      if (Object.hasOwn(data, key)) return `cannot add key ${key}, another key by that name already exists`;
    }
    data[key] = value;
    return undefined;
  };
}

/** `k=v` → [k, v]: the value keeps any further `=` (ParseLiteralSource); a leading or missing `=` is refused. */
function parseLiteral(source: string): [string, string] | string {
  const eq = source.indexOf('=');
  if (eq <= 0) return `invalid literal source ${source}, expected key=value`;
  return [source.slice(0, eq), source.slice(eq + 1)];
}

/** `[key=]path` → [key, path] (ParseFileSource): the key defaults to the file's basename. */
function parseFileSource(source: string): [string, string] | string {
  const n = source.split('=').length - 1;
  if (n === 0) return [source.replace(/\/+$/, '').split('/').pop() || source, source];
  if (n > 1) return "key names or file paths cannot contain '='";
  const [key, path] = source.split('=');
  if (key === '') return `key name for file path ${path} missing`;
  if (path === '') return `file path for key name ${key} missing`;
  return [key, path];
}

/** `error reading PATH: no such file or directory`, as os.Stat's PathError reads. */
const readError = (path: string) => `error reading ${path}: no such file or directory`;

/**
 * Runs the literal sources through `add`, in order; the first problem is returned as kubectl
 * prints it after `error: `.
 */
export function addLiterals(literals: readonly string[], add: AddKey): string | undefined {
  for (const l of literals) {
    const kv = parseLiteral(l);
    if (typeof kv === 'string') return kv;
    const err = add(kv[0], kv[1]);
    if (err) return err;
  }
  return undefined;
}

/**
 * Reads `--from-file` sources from the current host (the laptop): a file becomes one key; a
 * directory gives one key per regular file in it (no key name allowed then).
 */
export function addFiles(ctx: CommandContext, files: readonly string[], add: AddKey): string | undefined {
  for (const source of files) {
    const kp = parseFileSource(source);
    if (typeof kp === 'string') return kp;
    const [key, path] = kp;
    const read = ctx.readFile(path);
    if (read.ok) {
      const err = add(key, read.text);
      if (err) return err;
      continue;
    }
    if (read.error !== 'EISDIR') return read.error === 'EACCES' ? `error reading ${path}: permission denied` : readError(path);
    if (source.includes('=')) return 'cannot give a key name for a directory path';
    const dir = resolvePath(path, ctx.frame.cwd);
    for (const entry of listDirectory(ctx.state, ctx.host, dir) ?? []) {
      const file = ctx.readFile(`${dir === '/' ? '' : dir}/${entry}`);
      if (!file.ok) continue; // only regular files are packaged
      const err = add(entry, file.text);
      if (err) return err;
    }
  }
  return undefined;
}

/**
 * Reads `--from-env-file` sources: one `KEY=value` per line (a UTF-8 BOM and leading blanks
 * dropped, `#` lines and empty lines skipped, a bare `KEY` taking kubectl's own environment, empty
 * here). Keys must be environment variable names: `"1X" is not a valid key name: …`.
 */
export function addEnvFiles(ctx: CommandContext, envFiles: readonly string[], kind: 'ConfigMap' | 'Secret', add: AddKey): string | undefined {
  for (const path of envFiles) {
    const read = ctx.readFile(path);
    if (!read.ok) {
      if (read.error === 'EISDIR') return kind === 'ConfigMap' ? 'env config file cannot be a directory' : 'env secret file cannot be a directory';
      return read.error === 'EACCES' ? `error reading ${path}: permission denied` : readError(path);
    }
    const lines = read.text.split('\n');
    if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    for (const [i, raw] of lines.entries()) {
      const line = (i === 0 ? raw.replace(/^\uFEFF/, '') : raw).replace(/\r$/, '').replace(/^\s+/, '');
      if (line === '' || line.startsWith('#')) continue;
      const eq = line.indexOf('=');
      const key = eq < 0 ? line : line.slice(0, eq);
      const errs = envVarNameErrors(key);
      if (errs.length) return `${q(key)} is not a valid key name: ${errs.join(';')}`;
      const err = add(key, eq < 0 ? '' : line.slice(eq + 1));
      if (err) return err;
    }
  }
  return undefined;
}
