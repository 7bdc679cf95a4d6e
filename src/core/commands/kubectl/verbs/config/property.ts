/**
 * `kubectl config set PROPERTY_NAME PROPERTY_VALUE` and `kubectl config unset PROPERTY_NAME`: a
 * dotted path into the kubeconfig, walked as kubectl's navigation_step_parser.go walks clientcmd's
 * Config type (kubectl 1.33): struct fields by their JSON names, map keys (cluster, context and
 * user names) by collecting parts until one names a field of the entry's type, so
 * `clusters.10.0.0.1.server` reaches the server of the cluster named `10.0.0.1`.
 */
import type { KubectlVerb } from '../../verb.ts';
import type { CommandContext, CommandResult } from '../../../types.ts';
import type { Kubeconfig } from '../../../../kubeconfig.ts';
import { decodeBase64, encodeBase64 } from '../../../../base64.ts';
import { hashString } from '../../../../sim/rng.ts';
import { fail, helpError, loadKubeconfig, saveKubeconfig, withEntryFields } from './file.ts';


/** A leaf's Go type decides how the value is parsed: a string, a bool (strconv.ParseBool), or []byte (base64). */
type Leaf = 'string' | 'bool' | 'bytes';
/** A field set of one clientcmd api type, by JSON name. */
interface Struct { go: string; fields: Record<string, Leaf | Struct | 'map'> }

const CLUSTER: Struct = { go: 'api.Cluster', fields: { server: 'string', 'tls-server-name': 'string', 'insecure-skip-tls-verify': 'bool', 'certificate-authority': 'string', 'certificate-authority-data': 'bytes', 'proxy-url': 'string', 'disable-compression': 'bool', extensions: 'map' } };
const CONTEXT: Struct = { go: 'api.Context', fields: { cluster: 'string', user: 'string', namespace: 'string', extensions: 'map' } };
const AUTHINFO: Struct = { go: 'api.AuthInfo', fields: { 'client-certificate': 'string', 'client-certificate-data': 'bytes', 'client-key': 'string', 'client-key-data': 'bytes', token: 'string', tokenFile: 'string', as: 'string', 'as-uid': 'string', username: 'string', password: 'string', extensions: 'map' } };
const PREFERENCES: Struct = { go: 'api.Preferences', fields: { colors: 'bool', extensions: 'map' } };
/** The lists of named entries and the type of one entry. */
const ENTRIES = { clusters: CLUSTER, contexts: CONTEXT, users: AUTHINFO } as const;
const TOP: Record<string, Leaf | Struct | keyof typeof ENTRIES> = { kind: 'string', apiVersion: 'string', preferences: PREFERENCES, clusters: 'clusters', users: 'users', contexts: 'contexts', 'current-context': 'string' };

/** Where a path leads: a top-level leaf, an entry (or a leaf inside it), or preferences' leaf. */
type Target =
  | { kind: 'top'; field: string; leaf: Leaf }
  | { kind: 'list'; list: keyof typeof ENTRIES }
  | { kind: 'entry'; list: keyof typeof ENTRIES; name: string; field?: string; leaf?: Leaf }
  | { kind: 'preferences'; field?: string; leaf?: Leaf };

/** A Go pointer as `%v` prints one, stable per name (real kubectl prints the heap address of the run). */
const pointer = (name: string) => `0xc000${(hashString(name) >>> 8).toString(16).padStart(6, '0')}`;

/** Parses PROPERTY_NAME as navigation_step_parser.go does, or returns its error. */
function parsePath(path: string): Target | { error: string } {
  const parts = path.split('.');
  const top = TOP[parts[0]];
  if (top === undefined) return { error: `unable to parse ${path} after [] at api.Config` };
  if (top === 'string' || top === 'bool' || top === 'bytes') {
    return parts.length === 1 ? { kind: 'top', field: parts[0], leaf: top } : { error: `unable to parse one or more field values of ${path}` };
  }
  if (typeof top === 'object') {
    if (parts.length === 1) return { kind: 'preferences' };
    const f = top.fields[parts[1]];
    // Real kubectl prints the reflect.Type of each step; a pointer stands in for it, as it does.
    if (f === undefined) return { error: `unable to parse ${path} after [{preferences ${pointer('preferences')}}] at ${top.go}` };
    if (typeof f === 'object' || f === 'map' || parts.length > 2) return { error: `unable to parse one or more field values of ${path}` };
    return { kind: 'preferences', field: parts[1], leaf: f };
  }
  const list = top;
  if (parts.length === 1) return { kind: 'list', list };
  const fields = ENTRIES[list].fields;
  // The entry's name runs up to the first part that names one of its fields (findNameStep).
  const at = parts.slice(2).findIndex((p) => p in fields);
  const nameEnd = at < 0 ? parts.length : at + 2;
  const name = parts.slice(1, nameEnd).join('.');
  if (nameEnd === parts.length) return { kind: 'entry', list, name };
  const field = parts[nameEnd];
  const leaf = fields[field];
  if (nameEnd + 1 !== parts.length || typeof leaf === 'object' || leaf === 'map') return { error: `unable to parse one or more field values of ${path}` };
  return { kind: 'entry', list, name, field, leaf };
}

/** Parses VALUE for a leaf of type `leaf`, as set.go does (ParseBool, base64 unless --set-raw-bytes). */
function parseValue(leaf: Leaf, value: string, rawBytes: boolean): { value: unknown } | { error: string } {
  if (leaf === 'bool') {
    if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return { value: true };
    if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return { value: false };
    return { error: `strconv.ParseBool: parsing "${value}": invalid syntax` };
  }
  if (leaf === 'bytes') {
    if (rawBytes) return { value: encodeBase64(value) };
    const bad = [...value].findIndex((c) => !/[A-Za-z0-9+/=]/.test(c));
    if (bad >= 0 || value.length % 4 !== 0 || decodeBase64(value) === undefined) return { error: `error decoding input value: illegal base64 data at input byte ${bad >= 0 ? bad : Math.floor(value.length / 4) * 4}` };
    return { value };
  }
  return { value };
}

/** The kubeconfig and where PROPERTY_NAME leads in it, or the error kubectl prints. */
function openPath(ctx: CommandContext, path: string): { cfg: Kubeconfig; target: Target } | { error: CommandResult } {
  if (path === '') return { error: fail('you must specify a property') };
  const loaded = loadKubeconfig(ctx);
  if ('error' in loaded) return loaded;
  const target = parsePath(path);
  return 'error' in target ? { error: fail(target.error) } : { cfg: loaded.config, target };
}

/** `map[a:0xc… b:0xc…]`: a map of entries as Go's fmt prints it, keys sorted. */
const goMap = (cfg: Kubeconfig, list: keyof typeof ENTRIES) =>
  `map[${cfg[list].map((e) => e.name).sort().map((n) => `${n}:${pointer(`${list}/${n}`)}`).join(' ')}]`;

export const set: KubectlVerb = {
  name: 'set',
  short: 'Set an individual value in a kubeconfig file',
  long: "Set an individual value in a kubeconfig file.\n\n PROPERTY_NAME is a dot delimited name where each token represents either an attribute name or a map key.  Map keys may not contain dots.\n\n PROPERTY_VALUE is the new value you want to set. Binary fields such as 'certificate-authority-data' expect a base64 encoded string unless the --set-raw-bytes flag is used.\n\n Specifying an attribute name that already exists will merge new fields on top of existing values.",
  examples: [
    '# Set the server field on the my-cluster cluster to https://1.2.3.4\nkubectl config set clusters.my-cluster.server https://1.2.3.4',
    '# Set the certificate-authority-data field on the my-cluster cluster\nkubectl config set clusters.my-cluster.certificate-authority-data $(echo "cert_data_here" | base64 -i -)',
    '# Set the cluster field in the my-context context to my-cluster\nkubectl config set contexts.my-context.cluster my-cluster',
    '# Set the client-key-data field in the cluster-admin user using --set-raw-bytes option\nkubectl config set users.cluster-admin.client-key-data cert_data_here --set-raw-bytes=true',
  ].join('\n\n'),
  usage: 'kubectl config set PROPERTY_NAME PROPERTY_VALUE [options]',
  flags: [{ name: 'set-raw-bytes', type: 'bool', default: false, help: 'When writing a []byte PROPERTY_VALUE, write the given string directly without base64 decoding.' }],
  run(inv, ctx) {
    const args = inv.flags.positionals;
    if (args.length !== 2) return helpError(set, args);
    const [path, raw] = args;
    if (raw === '') return fail('you cannot use set to unset a property');
    const opened = openPath(ctx, path);
    if ('error' in opened) return opened.error;
    const { cfg, target } = opened;
    if (target.kind === 'list' || (target.kind === 'entry' && !target.field)) return fail(`can't set a map to a value: ${goMap(cfg, target.list)}`);
    if (target.kind === 'preferences' && !target.field) return fail(`unable to locate path preferences under ${JSON.stringify(cfg.preferences)}`);
    const leaf = (target as { leaf: Leaf }).leaf;
    const parsed = parseValue(leaf, raw, inv.flags.values['set-raw-bytes'] === true);
    if ('error' in parsed) return fail(parsed.error);
    let next: Kubeconfig;
    if (target.kind === 'top') next = { ...cfg, [target.field]: parsed.value } as Kubeconfig;
    else if (target.kind === 'preferences') next = { ...cfg, preferences: { ...cfg.preferences, [target.field!]: parsed.value } };
    else next = withEntryFields(cfg, target.list, target.name, { [target.field!]: parsed.value });
    saveKubeconfig(ctx, next);
    return { stdout: `Property "${path}" set.\n`, stderr: '', exitCode: 0 };
  },
};

export const unset: KubectlVerb = {
  name: 'unset',
  short: 'Unset an individual value in a kubeconfig file',
  long: 'Unset an individual value in a kubeconfig file.\n\n PROPERTY_NAME is a dot delimited name where each token represents either an attribute name or a map key.  Map keys may not contain dots.',
  examples: '# Unset the current-context\nkubectl config unset current-context\n\n# Unset namespace in foo context\nkubectl config unset contexts.foo.namespace',
  usage: 'kubectl config unset PROPERTY_NAME [options]',
  flags: [],
  run(inv, ctx) {
    const args = inv.flags.positionals;
    if (args.length !== 1) return helpError(unset, args);
    const path = args[0];
    const opened = openPath(ctx, path);
    if ('error' in opened) return opened.error;
    const { cfg, target } = opened;
    let next: Kubeconfig;
    if (target.kind === 'top') next = { ...cfg, [target.field]: '' };
    else if (target.kind === 'list') next = { ...cfg, [target.list]: [] };
    else if (target.kind === 'preferences') {
      const prefs = { ...cfg.preferences };
      if (target.field) delete prefs[target.field];
      next = { ...cfg, preferences: target.field ? prefs : {} };
    } else if (!target.field) next = { ...cfg, [target.list]: (cfg[target.list] as { name: string }[]).filter((e) => e.name !== target.name) };
    else if (!cfg[target.list].some((e) => e.name === target.name)) return fail(`current map key \`${target.name}\` is invalid`);
    else next = withEntryFields(cfg, target.list, target.name, { [target.field]: undefined });
    saveKubeconfig(ctx, next);
    return { stdout: `Property "${path}" unset.\n`, stderr: '', exitCode: 0 };
  },
};

