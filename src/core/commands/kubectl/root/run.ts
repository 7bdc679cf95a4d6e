import type { CommandContext, CommandResult } from '../../types.ts';
import { parseFlags, pflagMessage, type FlagSpec } from '../../flags.ts';
import type { KubectlVerb } from '../verb.ts';
import { GLOBAL_FLAGS, HELP_FLAG } from './globalFlags.ts';
import { ALL_COMMAND_NAMES, optionsHelp, rootHelp, verbHelp } from './help.ts';
import { unknownCommandMessage } from './suggest.ts';
import { apiRequest } from '../../../sim/etcd/latency.ts';
import { admitKubectl, admitRequest, kubectlRequests, refusalText, type ApiRequest } from './requests.ts';
import { kubectlParsed } from './parsed.ts';
import { loadKubeconfig } from '../verbs/config/file.ts';
import { contextNamespace, currentContextOf, type Kubeconfig } from '../../../kubeconfig.ts';
import { answerOf, withRequestLog, withWriteLog, type SentRequest } from './verbose.ts';
import { getObject, resolveKind } from '../../../kinds/registry.ts';
import { buildKustomization } from '../verbs/kustomize/index.ts';

/** The current context's cluster address. */
const serverOf = (cfg: Kubeconfig) => String(cfg.clusters.find((c) => c.name === currentContextOf(cfg)?.context?.cluster)?.cluster?.server ?? 'http://localhost:8080');

/**
 * What a verb asks of the API server, for the control plane's latency and errors: reads, writes
 * (refused while etcd is out of space) and deletes (etcd's quota still admits them). `config`
 * never leaves the laptop; `version --client` neither.
 */
function apiKind(path: readonly string[], flags: { values: Record<string, unknown> }): 'read' | 'write' | 'delete' | undefined {
  const [verb, sub] = path;
  if (verb === 'config' || verb === 'alpha' || verb === 'kustomize') return undefined;
  // proxy only listens on the laptop until a request comes.
  if (verb === 'proxy') return undefined;
  if (verb === 'version' && flags.values.client === true) return undefined;
  // `get --raw` times its own request (health endpoints answer without etcd).
  if (verb === 'get' && flags.values.raw !== undefined && flags.values.raw !== '') return undefined;
  if (verb === 'delete') return 'delete';
  if (['cordon', 'uncordon', 'drain', 'taint', 'label', 'annotate', 'scale', 'patch', 'debug', 'create', 'set', 'apply', 'replace', 'run', 'expose', 'autoscale'].includes(verb)) return 'write';
  if (verb === 'rollout' && sub !== 'status' && sub !== 'history') return 'write';
  return 'read';
}

/** Flags that take their value from the next word, among `specs` (to skip values when looking for words); once per spec table. */
function valueFlags(specs: readonly FlagSpec[]): Set<string> {
  let set = takingValue.get(specs);
  if (!set) takingValue.set(specs, (set = new Set(specs.filter((f) => f.type !== 'bool').flatMap((f) => [`--${f.name}`, ...(f.short ? [`-${f.short}`] : [])]))));
  return set;
}
const takingValue = new WeakMap<readonly FlagSpec[], Set<string>>();

/** The flags kubectl's root command takes: the global ones and --help. */
const ROOT_SPECS: readonly FlagSpec[] = [...GLOBAL_FLAGS, HELP_FLAG];

const verbIndexes = new WeakMap<readonly KubectlVerb[], Map<string, KubectlVerb>>();

/**
 * The spec tables a kubectl line is read against, one array per verb for as long as the verb
 * lives (verbs and their flags are constants): `words`, the verb's flags and the root's, for
 * finding its sub-command; `line`, the verb's flags, the global ones it does not shadow and
 * --help, for parsing its flags. Kept so that the indexes built of a table (valueFlags here,
 * parseFlags' by-name maps) are built once, not at every command.
 */
const verbTables = new WeakMap<KubectlVerb, { words: readonly FlagSpec[]; line: readonly FlagSpec[] }>();
function tablesOf(verb: KubectlVerb): { words: readonly FlagSpec[]; line: readonly FlagSpec[] } {
  let t = verbTables.get(verb);
  if (!t) {
    t = {
      words: [...verb.flags, ...ROOT_SPECS],
      line: [...verb.flags, ...GLOBAL_FLAGS.filter((g) => !verb.flags.some((f) => f.name === g.name || (g.short && f.short === g.short))), HELP_FLAG],
    };
    verbTables.set(verb, t);
  }
  return t;
}

/** Index of the first non-flag word in `args` from `from`, skipping flag values; -1 when none. */
export function firstWord(args: readonly string[], specs: readonly FlagSpec[], from = 0): number {
  const takesValue = valueFlags(specs);
  for (let i = from; i < args.length; i++) {
    const a = args[i];
    if (a === '--') return -1;
    if (a.startsWith('-') && a.length > 1) {
      if (!a.includes('=') && takesValue.has(a)) i++;
      continue;
    }
    return i;
  }
  return -1;
}

/** The verbs by name and alias; once per verb table. */
export function verbIndex(verbs: readonly KubectlVerb[]): Map<string, KubectlVerb> {
  const known = verbIndexes.get(verbs);
  if (known) return known;
  const m = new Map<string, KubectlVerb>();
  verbIndexes.set(verbs, m);
  for (const v of verbs) {
    m.set(v.name, v);
    for (const a of v.aliases ?? []) m.set(a, v);
  }
  return m;
}

/**
 * `-k DIR`: kustomize's deprecation warnings (`# Warning: 'commonLabels' is deprecated…`) come
 * on stderr before anything the verb prints, as the build runs first. The files do not change
 * while a verb runs, so building again here reads what the verb read.
 */
function withKustomizeWarnings(ctx: CommandContext, dir: unknown, result: CommandResult): CommandResult {
  if (typeof dir !== 'string' || dir === '') return result;
  const warnings = buildKustomization(ctx, dir).warnings;
  if (!warnings) return result;
  return { ...result, stderr: warnings + result.stderr, interleaved: warnings + (result.interleaved ?? result.stdout + result.stderr) };
}

const flagError = (msg: string, path: string): CommandResult =>
  ({ stdout: '', stderr: `error: ${msg}\nSee '${path} --help' for usage.\n`, exitCode: 1 });

/**
 * Runs a kubectl command line (ctx.argv, argv[0] = `kubectl`) the way cobra dispatches it: find
 * the verb (and sub-command) among the words, parse the verb's flags plus the global ones, then
 * hand over to the verb. Help, unknown commands and flag errors are answered here with kubectl's
 * wording. Never throws: an exception inside a verb becomes an `error:` line.
 */
export function runKubectl(ctx: CommandContext, verbs: readonly KubectlVerb[]): CommandResult {
  const byName = verbIndex(verbs);
  const args = ctx.argv.slice(1);
  const rootSpecs = ROOT_SPECS;
  const at = firstWord(args, rootSpecs);
  if (at < 0) {
    const parsed = parseFlags(args, rootSpecs);
    if (!parsed.ok) return flagError(pflagMessage(parsed.error), 'kubectl');
    return { stdout: rootHelp(byName), stderr: '', exitCode: 0 };
  }
  const word = args[at];
  if (word === 'options') return { stdout: optionsHelp(), stderr: '', exitCode: 0 };
  if (word === 'help') {
    const target = args.slice(at + 1).find((a) => !a.startsWith('-'));
    const v = target ? byName.get(target) : undefined;
    if (v?.answersHelp) return runKubectl({ ...ctx, argv: ['kubectl', v.name, '--help'] }, verbs);
    return { stdout: v ? verbHelp(v) : rootHelp(byName), stderr: '', exitCode: 0 };
  }
  const verb = byName.get(word);
  if (!verb) {
    if (ALL_COMMAND_NAMES.includes(word)) {
      return { stdout: '', stderr: `error: "kubectl ${word}" is not available in this training environment.\n`, exitCode: 1 };
    }
    const candidates = [...ALL_COMMAND_NAMES.filter((n) => n !== 'options')];
    return { stdout: '', stderr: unknownCommandMessage(word, 'kubectl', candidates), exitCode: 1 };
  }
  let rest = [...args.slice(0, at), ...args.slice(at + 1)];
  let current = verb;
  const path = [verb.name];
  // Descend into sub-commands (`config current-context`, `top pod`).
  while (current.subcommands?.length) {
    const subAt = firstWord(rest, tablesOf(current).words);
    const wantsHelp = rest.includes('--help') || rest.includes('-h');
    if (subAt < 0) {
      if (wantsHelp || !current.run) return { stdout: verbHelp(current, path), stderr: '', exitCode: 0 };
      break;
    }
    const sub = current.subcommands.find((s) => s.name === rest[subAt] || s.aliases?.includes(rest[subAt]));
    if (!sub) {
      if (wantsHelp) return { stdout: verbHelp(current, path), stderr: '', exitCode: 0 };
      // cobra hands words that name no sub-command to a command with a Run of its own (kubectl create).
      if (current.takesArgs) break;
      // kubectl's DefaultSubCommandRun words it (cobra's own wording is only the root's).
      return { stdout: '', stderr: `error: unknown command "${rest[subAt]}"\nSee 'kubectl ${path.join(' ')} -h' for help and examples\n`, exitCode: 1 };
    }
    path.push(sub.name);
    current = sub;
    rest = [...rest.slice(0, subAt), ...rest.slice(subAt + 1)];
  }
  const specs = tablesOf(current).line;
  const parsed = parseFlags(rest, specs);
  if (!parsed.ok) return { ...flagError(pflagMessage(parsed.error), `kubectl ${path.join(' ')}`), parsed: { tool: 'kubectl', verb: path, flags: {}, args: [] } };
  const flags = parsed.flags;
  // Without -n, the current context's namespace (`kubectl config set-context --current --namespace=…`).
  const kubeconfig = loadKubeconfig(ctx);
  if ('error' in kubeconfig && path[0] !== 'config') return { ...kubeconfig.error, parsed: { tool: 'kubectl', verb: path, flags: {}, args: [] } };
  const ns = typeof flags.values.namespace === 'string' && flags.values.namespace !== '' && path[0] !== 'config'
    ? flags.values.namespace : 'config' in kubeconfig ? contextNamespace(kubeconfig.config) : 'default';
  const allNamespaces = flags.values['all-namespaces'] === true;
  const record = kubectlParsed(path, flags, ns, allNamespaces);
  if (flags.values.help === true && !current.answersHelp) return { stdout: verbHelp(current, path), stderr: '', exitCode: 0, parsed: record };
  // Every call waits on the API server, which waits on etcd: seconds when etcd's leader is slow.
  const kind = apiKind(path, flags);
  let readMs = 0;
  if (kind) {
    const api = apiRequest(ctx.state, kind);
    readMs = api.ms;
    ctx.wait(api.ms, true);
    if (api.error) return { stdout: '', stderr: `Error from server: ${api.error}\n`, exitCode: 1, parsed: record };
  }
  // Authorization and admission: the api stage's refusals (RBAC, quota), as kubectl prints them.
  const refusal = kind ? admitKubectl(ctx.state, record) : undefined;
  if (refusal) return { stdout: '', stderr: refusalText(refusal), exitCode: 1, parsed: record };
  const level = Number.parseInt(String(flags.values.v ?? '0'), 10);
  // The requests a write sends, read before it changes the state (delete --all lists first).
  const sentAt = ctx.state.now;
  const writes: SentRequest[] = level >= 6 && (kind === 'write' || kind === 'delete') ? kubectlRequests(ctx.state, record) : [];
  // Requests the verb decides while it runs (the objects of `-f` files), with what the server
  // answered at that moment: a GET of a missing object is a 404, a refused one its own code.
  const decided: SentRequest[] = [];
  try {
    const authorize = (r: ApiRequest) => {
      const refusal = admitRequest(ctx.state, record, r);
      if (level >= 6 && writes.length === 0) decided.push({ ...r, answer: answerOf(ctx.state, r, refusal) });
      return refusal;
    };
    const result = withKustomizeWarnings(ctx, flags.values.kustomize, { ...current.run({ path, flags, namespace: ns, allNamespaces, authorize }, ctx), parsed: record });
    // -v=6 and above: kubectl's request log for reads, with the latency the API server had.
    if (level >= 6 && kind === 'read' && 'config' in kubeconfig) return withRequestLog(result, ctx.state, record, serverOf(kubeconfig.config), readMs);
    const sent = writes.length ? writes : decided;
    if (sent.length && 'config' in kubeconfig) {
      const alive = (r: ApiRequest) => { const t = resolveKind(r.resource); return !!t && !!r.name && !!getObject(ctx.state, t, r.namespace ?? 'default', r.name); };
      return withWriteLog(result, ctx.state, record, serverOf(kubeconfig.config), readMs, sent, alive, sentAt);
    }
    return result;
  } catch (e) {
    // A verb bug must not take the terminal down; say so the way kubectl reports failures.
    return { stdout: '', stderr: `error: ${e instanceof Error ? e.message : String(e)}\n`, exitCode: 1, parsed: record };
  }
}
