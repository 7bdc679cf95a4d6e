import type { KindDef } from '../../kinds/types.ts';
import type { KubeObject } from '../../model/k8s.ts';
import type { CommandContext, CommandResult } from '../types.ts';
import type { KubectlInvocation } from './verb.ts';
import { getObject, qualifiedPlural } from '../../kinds/registry.ts';
import { parseResourceArgs } from './verbs/get/query.ts';
import { readManifests } from './manifests.ts';

/** One object a verb acts on: its kind, name, namespace (the file's own, else `-n`'s) and the object as kubectl's builder handed it over. */
export interface Target { type: KindDef; name: string; namespace: string; object: KubeObject }

const fail = (stderr: string): CommandResult => ({ stdout: '', stderr, exitCode: 1 });

/**
 * The objects of `kubectl expose|autoscale (-f FILENAME | TYPE NAME …)`, as kubectl 1.33's resource
 * builder yields them without `.Latest()`: from `-f`, the objects as the files write them (not
 * fetched from the server); from TYPE NAME, the live objects. Errors are kubectl's: no resource
 * at all, a type without a name, the files' read errors (`ok: false`); a name not in the cluster
 * ends the list, and `notFound` holds its `Error from server (NotFound)` line, which the verb
 * prints after acting on the objects before it.
 */
export function resourceTargets(inv: KubectlInvocation, ctx: CommandContext, verb: string): { ok: true; targets: Target[]; notFound?: string } | { ok: false; result: CommandResult } {
  const files = inv.flags.values.filename as string[];
  const args = inv.flags.positionals;
  if (files.length === 0 && args.length === 0) {
    return { ok: false, result: fail("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n") };
  }
  if (files.length) {
    const read = readManifests(ctx, files, { verb, namespace: inv.namespace, namespaceGiven: inv.flags.given.has('namespace'), recursive: inv.flags.values.recursive === true });
    if (!read.ok) return { ok: false, result: fail(`error: ${read.error}\n`) };
    return { ok: true, targets: read.items.map((i) => ({ type: i.type, name: i.object.metadata.name, namespace: i.namespace ?? inv.namespace, object: i.object })) };
  }
  const parsed = parseResourceArgs(args);
  if (!parsed.ok) return { ok: false, result: fail(`error: ${parsed.error}\n`) };
  if (parsed.req.groups.some((g) => g.names.length === 0)) return { ok: false, result: fail('error: resource(s) were provided, but no name was specified\n') };
  const targets: Target[] = [];
  for (const g of parsed.req.groups) {
    for (const name of g.names) {
      const object = getObject(ctx.state, g.type, inv.namespace, name);
      if (!object) return { ok: true, targets, notFound: `Error from server (NotFound): ${qualifiedPlural(g.type)} "${name}" not found\n` };
      targets.push({ type: g.type, name, namespace: inv.namespace, object });
    }
  }
  return { ok: true, targets };
}
