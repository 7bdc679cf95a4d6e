import type { CommandContext, CommandResult } from '../types.ts';
import type { FlagSpec, ParsedFlags } from '../flags.ts';
import type { ApiRequest } from './root/requests.ts';
import type { ApiRefusal } from '../../sim/faults/types.ts';

/**
 * One kubectl verb (get, describe, logs, drain, …), in the manner of kubectl's `pkg/cmd/<verb>/`:
 * flags parsed into options, then run. A verb lives in its own folder under kubectl/verbs/ and is
 * listed once in kubectl/verbs/registry.ts. Help text is data here, so `--help`, errors and
 * Tab completion come from one place.
 */
export interface KubectlVerb {
  name: string;
  aliases?: string[];
  /** kubectl's one-line summary, as `kubectl --help` lists it. */
  short: string;
  /** The `Usage:` line(s), e.g. `kubectl logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER] [options]`. */
  usage: string;
  /**
   * Long description printed by `--help` (kubectl indents its paragraphs after the first by one
   * space); defaults to `short`. `examples` are the lines under `Examples:` without the two-space
   * indent the help printer adds (`# List all pods\nkubectl get pods`).
   */
  long?: string;
  examples?: string;
  /** Verb-specific flags; kubectl's global flags (-n, -A where relevant, --context…) are added by the root. */
  flags: FlagSpec[];
  /** Sub-commands (`rollout status`, `top pod`), each a verb of its own. */
  subcommands?: KubectlVerb[];
  /**
   * Width `--help` pads sub-command names to under "Available Commands:" (cobra's NamePadding over
   * kubectl's full list of siblings, simulated or not, plus two); when unset, computed from the
   * simulated ones (at least 11, plus two).
   */
  subcommandPadding?: number;
  /**
   * A word that names no sub-command reaches this verb's `run` as a positional (cobra does so for a
   * command with a Run of its own: `kubectl create foo`, `kubectl create secret foo`) instead of
   * the dispatcher's `unknown command "foo" for …` error.
   */
  takesArgs?: boolean;
  /** `--help` reaches `run` instead of the help printer (kubectl 1.33's `alpha` answers its notice). */
  answersHelp?: boolean;
  run(opts: KubectlInvocation, ctx: CommandContext): CommandResult;
}

/** A parsed kubectl command line, handed to a verb's `run`. */
export interface KubectlInvocation {
  /** The verb path as typed, e.g. ['rollout', 'status']. */
  path: string[];
  flags: ParsedFlags;
  /** Namespace after applying -n / --namespace and the default (`default`). */
  namespace: string;
  /** -A / --all-namespaces given. */
  allNamespaces: boolean;
  /**
   * Authorization and admission of a request the verb learns of only while it runs (each object
   * of a `-f` file), for the acting user (`--as`, `--token`): the API server's refusal, or undefined.
   * Absent in tests that drive a verb directly (everything is allowed then).
   */
  authorize?: (request: ApiRequest) => ApiRefusal | undefined;
}
