import type { KubeObject } from '../../../../model/k8s.ts';
import { getObject, kindDef, qualifiedPlural } from '../../../../kinds/registry.ts';
import type { CommandContext, CommandResult } from '../../../types.ts';
import type { KubectlInvocation } from '../../verb.ts';
import { fail, invalidObject, printCreated, subdomainErrors, type PrintOptions } from './output.ts';
import { serverObject } from './server.ts';

/** How one generator's create differs from the common case. */
export interface SendChecks {
  /**
   * The words kubectl puts after `error: failed to create ` (`ClusterIP service`); default the
   * kind's singular. `null`: kubectl passes the API error through as `Error from server (Reason): …`
   * (create role, clusterrole).
   */
  what?: string | null;
  /**
   * The API server's field errors for this object, its name included (`metadata.name: Invalid
   * value: …`, `spec.replicas: Invalid value: -1: …`); default: the name as an RFC 1123 subdomain.
   */
  fieldErrors?: () => string[];
  /** A whole Invalid message of its own (checked after the field errors), or undefined. */
  validate?: () => string | undefined;
}

/**
 * An Invalid answer as kubectl's CheckErr prints it when passed through: `The Role "x" is invalid: `
 * then the one cause, or each cause on its own `* ` line after a line break.
 */
function passedInvalid(kind: string, name: string, causes: readonly string[]): string {
  const head = `The ${kind} "${name}" is invalid: `;
  return causes.length === 1 ? `${head}${causes[0]}\n` : `${head}\n${causes.map((c) => `* ${c}\n`).join('')}`;
}

/**
 * Sends a generated object to the API server as kubectl's create generators do: under
 * `--dry-run=client` the request is printed; else the namespace must exist (namespaced kinds), the
 * object be valid (`Deployment.apps "x" is invalid: …`) and its name free
 * (`deployments.apps "x" already exists`), each refusal printed as
 * `error: failed to create deployment: <reason>`; then the object is created (or, under
 * `--dry-run=server`, only defaulted) and printed as `deployment.apps/NAME created`.
 */
export function sendCreate(inv: KubectlInvocation, ctx: CommandContext, opts: PrintOptions, request: KubeObject, checks: SendChecks = {}): CommandResult {
  const def = kindDef(request.kind)!;
  const name = request.metadata.name;
  const ref = `${def.group ? `${def.singular}.${def.group}` : def.singular}/${name}`;
  if (opts.dryRun === 'client') return printCreated(opts, ref, request);
  const ns = def.namespaced ? inv.namespace : '';
  const causes = checks.fieldErrors ? checks.fieldErrors() : subdomainErrors(name);
  const invalid = causes.length ? invalidObject(def.group ? `${def.kind}.${def.group}` : def.kind, name, causes) : checks.validate?.();
  const refused: [string, string] | undefined = def.namespaced && !Object.hasOwn(ctx.state.namespaces, ns) ? ['NotFound', `namespaces "${ns}" not found`]
    : invalid ? ['Invalid', invalid]
    : getObject(ctx.state, def, ns, name) ? ['AlreadyExists', `${qualifiedPlural(def)} "${name}" already exists`] : undefined;
  if (refused) {
    if (checks.what === null) return fail(refused[0] === 'Invalid' && causes.length ? passedInvalid(def.kind, name, causes) : `Error from server (${refused[0]}): ${refused[1]}\n`);
    return fail(`error: failed to create ${checks.what ?? def.singular}: ${refused[1]}\n`);
  }
  const obj = { ...request, metadata: { ...request.metadata, ...(def.namespaced ? { namespace: ns } : {}), uid: '', creationTimestamp: '' } } as KubeObject;
  delete (obj as { status?: unknown }).status;
  if (opts.dryRun === 'server') return printCreated(opts, ref, serverObject(ctx.state, obj));
  ctx.dispatch({ type: 'object/create', object: obj });
  return printCreated(opts, ref, getObject(ctx.state, def, ns, name));
}
