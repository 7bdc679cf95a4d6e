import type { CommandContext, CommandResult } from '../../../types.ts';
import type { KubectlVerb } from '../../verb.ts';
import { verbHelp } from '../../root/help.ts';
import { KUBECONFIG_PATH, parseKubeconfig, type Kubeconfig } from '../../../../kubeconfig.ts';
import { printYaml } from '../../../../printers/yaml.ts';

/**
 * The kubeconfig kubectl loads for this command: the laptop's ~/.kube/config (the default one when
 * the file was removed), or kubectl's loading error, ready to return.
 */
export function loadKubeconfig(ctx: Pick<CommandContext, 'readFile' | 'state'>): { config: Kubeconfig } | { error: CommandResult } {
  const file = ctx.readFile(KUBECONFIG_PATH);
  const parsed = parseKubeconfig(file.ok ? file.text : undefined, ctx.state);
  return 'error' in parsed ? { error: { stdout: '', stderr: `error: ${parsed.error}\n`, exitCode: 1 } } : parsed;
}

/** Booleans clientcmd's v1 types tag omitempty: written only when true. */
const OMIT_FALSE = ['insecure-skip-tls-verify', 'disable-compression', 'colors'];
const dropFalse = (m: Record<string, unknown> | undefined) => Object.fromEntries(Object.entries(m ?? {}).filter(([k, v]) => !(OMIT_FALSE.includes(k) && v === false)));
const byName = <T extends { name: string }>(list: readonly T[]) => [...list].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

/**
 * Writes the kubeconfig back as kubectl does (clientcmd.WriteToFile: the in-memory maps become lists
 * sorted by name, false booleans are omitted, YAML with keys sorted), through the simulator's file action.
 */
export function saveKubeconfig(ctx: Pick<CommandContext, 'dispatch'>, cfg: Kubeconfig): void {
  const written: Kubeconfig = {
    ...cfg,
    clusters: byName(cfg.clusters).map((c) => ({ ...c, cluster: dropFalse(c.cluster) })),
    contexts: byName(cfg.contexts),
    users: byName(cfg.users),
    preferences: dropFalse(cfg.preferences),
  };
  ctx.dispatch({ type: 'host/writeFile', host: 'laptop', path: KUBECONFIG_PATH, text: printYaml(written) });
}

/** A kubeconfig command's refusal as cmdutil.CheckErr prints it: `error: MSG`, exit 1. */
export const fail = (msg: string): CommandResult => ({ stdout: '', stderr: `error: ${msg}\n`, exitCode: 1 });

/** kubectl's helpErrorf: the command's help on stdout, then `error: <word> args: [ARGS]` (set-credentials says `unexpected`). */
export const helpError = (verb: KubectlVerb, args: readonly string[], word = 'Unexpected'): CommandResult =>
  ({ stdout: verbHelp(verb), stderr: `error: ${word} args: [${args.join(' ')}]\n`, exitCode: 1 });

/** The body key of an entry in the v1 file: `cluster`, `context` or `user`. */
const BODY = { clusters: 'cluster', contexts: 'context', users: 'user' } as const;
/** Fields clientcmd's v1 types write even when empty (no omitempty), so a new entry shows them. */
const REQUIRED: Record<keyof typeof BODY, Record<string, string>> = { clusters: { server: '' }, contexts: { cluster: '', user: '' }, users: {} };

/**
 * The config with `fields` merged into the entry `name` of `list` (a field set to `undefined` is
 * removed); a missing entry is created with the fields clientcmd always writes, as `set`,
 * `set-cluster` and `set-credentials` do.
 */
export function withEntryFields(cfg: Kubeconfig, list: keyof typeof BODY, name: string, fields: Record<string, unknown>): Kubeconfig {
  const body = BODY[list];
  const entries = cfg[list] as unknown as ({ name: string } & Record<string, unknown>)[];
  const existing = entries.find((e) => e.name === name);
  const merged: Record<string, unknown> = { ...REQUIRED[list], ...((existing?.[body] ?? {}) as Record<string, unknown>) };
  for (const [k, v] of Object.entries(fields)) if (v === undefined) delete merged[k]; else merged[k] = v;
  const next = { name, [body]: merged };
  return { ...cfg, [list]: existing ? entries.map((e) => (e === existing ? next : e)) : [...entries, next] };
}
