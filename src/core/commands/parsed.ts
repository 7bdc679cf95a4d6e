/**
 * What a command understood of its own argv, recorded with every run so the grader (and the
 * authoring kit's checks) match on the command's real parse, never on argv re-read with tables of
 * their own. Filled by the command that ran (it owns its flag table); `genericParse` in
 * grader/parse.ts covers commands that do not fill it yet.
 *
 * Example: `kubectl logs web-1 -p -n shop --tail=20` →
 * `{ tool: 'kubectl', verb: ['logs'], flags: { previous: ['true'], namespace: ['shop'], tail: ['20'] },
 *    args: ['web-1'], resources: [{ resource: 'pods', name: 'web-1' }], namespace: 'shop' }`.
 */
export interface ParsedCommand {
  /** The program that ran, after wrappers (`sudo`, `watch`, `time`): kubectl, journalctl, grep, etcdctl. */
  tool: string;
  /** Subcommand path below the tool, as its own command tree names it: ['logs'], ['rollout', 'status'], ['endpoint', 'status']; [] for tools without subcommands. */
  verb: string[];
  /**
   * Flags the user gave, by their long name, each with every value in order as the parser read it
   * (`-p` → previous: ['true']; `-p=false` → previous: ['false']; `-n x -n y` → namespace: ['x','y']).
   * Flags not given are absent (defaults are not recorded).
   */
  flags: Record<string, string[]>;
  /** Positional arguments after the verb path, flag values excluded, as typed. */
  args: string[];
  /**
   * kubectl only: the resources addressed, by the kind registry's plural resource name (`pods`,
   * `deployments`), with the object name when one was given. `get deployment,rs` gives two entries;
   * `get pod/web-1` gives `{ resource: 'pods', name: 'web-1' }`.
   */
  resources?: { resource: string; name?: string }[];
  /** kubectl only: the namespace the request went to (flag, context default, or `*` for -A). */
  namespace?: string;
}

/**
 * How a command ended, as the grader and the authoring kit see it.
 * - `ok`: exit 0 with output printed at once.
 * - `failed`: non-zero exit (a usage error, NotFound, `command not found` = 127).
 * - `streamed`: a follow/watch that printed as time passed and ended by itself with exit 0
 *   (`rollout status` that waited and succeeded, `get -w` ended by `--request-timeout`).
 * - `interrupted`: ended by Ctrl-C (exit 130), whatever it printed before.
 * - `timed-out`: ended by its own timeout (`rollout status --timeout`, exit 1).
 */
export type CommandOutcome = 'ok' | 'failed' | 'streamed' | 'interrupted' | 'timed-out';

/**
 * A parse record from a pflag/GNU parse (commands/flags.ts): the flags the user gave with the
 * values as the parser read them, the positionals (then anything after `--`).
 */
export function parsedFromFlags(tool: string, verb: string[], flags: { raw: Record<string, string[]>; positionals: string[]; afterDashDash?: string[] }, extra: Pick<ParsedCommand, 'resources' | 'namespace'> = {}): ParsedCommand {
  const copy: Record<string, string[]> = {};
  for (const k of Object.keys(flags.raw)) copy[k] = [...flags.raw[k]];
  return { tool, verb, flags: copy, args: [...flags.positionals, ...(flags.afterDashDash ?? [])], ...extra };
}

/**
 * Whether a flag was given and left on: its last value is not a false boolean (`-p=false`,
 * `--previous=0`) and not empty. `-n x -n y` reads as the last one, as pflag keeps it.
 */
export function flagOn(p: ParsedCommand, name: string): boolean {
  const v = p.flags[name];
  if (!v?.length) return false;
  const last = v[v.length - 1];
  return last !== 'false' && last !== '';
}
