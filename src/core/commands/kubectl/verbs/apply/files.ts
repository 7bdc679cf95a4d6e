import type { KubeObject } from '../../../../model/k8s.ts';
import type { CommandContext, CommandResult } from '../../../types.ts';
import type { KubectlInvocation } from '../../verb.ts';
import { itemName, itemRef, itemRequest, readManifests, type ManifestItem } from '../../manifests.ts';
import { getObject, qualifiedSingular } from '../../../../kinds/registry.ts';
import { lastAppliedOf, withLastApplied } from './merge.ts';
import { createFromManifest, dryRunSuffix, parseDryRun, replaceLive } from './write.ts';
import { printResults } from './index.ts';

const fail = (stderr: string): CommandResult => ({ stdout: '', stderr, exitCode: 1 });

/** What the server answered with: the object as stored now (the sent one on a client dry run). */
export function stored(ctx: CommandContext, item: ManifestItem, sent: KubeObject, dryRun: string): KubeObject {
  return (dryRun === 'none' ? getObject(ctx.state, item.type, item.namespace ?? '', item.object.metadata.name) : undefined) ?? sent;
}

/**
 * `kubectl create -f` and `kubectl replace -f` (kubectl 1.33): every object of the files is
 * POSTed (create: `AlreadyExists` when it is there) or PUT whole over the live one (replace:
 * `NotFound` when it is not; `Conflict` when the file carries an older resourceVersion;
 * `--force` deletes and creates again). `--save-config` keeps the last-applied annotation.
 * `keep` picks the objects to send (`create -l SELECTOR`).
 */
export function writeManifests(inv: KubectlInvocation, ctx: CommandContext, mode: 'create' | 'replace', keep: (o: KubeObject) => boolean = () => true): CommandResult {
  const v = inv.flags.values;
  const dry = parseDryRun(String(v['dry-run']));
  if (!dry.ok) return fail(`error: ${dry.error}\n`);
  const read = readManifests(ctx, v.filename as string[], { verb: mode, namespace: inv.namespace, namespaceGiven: inv.flags.given.has('namespace'), recursive: v.recursive === true, kustomize: String(v.kustomize ?? '') });
  if (!read.ok) return fail(`error: ${read.error}\n`);
  const errors: string[] = [];
  const results: { ref: string; object: KubeObject }[] = [];
  let said = '';
  const suffix = dryRunSuffix(dry.dryRun);
  // `create -l`: objects of the files whose labels the selector does not match are left out.
  for (const item of read.items.filter((i) => keep(i.object))) {
    const sent = v['save-config'] === true ? withLastApplied(item.object, lastAppliedOf(item.object)) : item.object;
    const ref = itemRef(item);
    // POST for create, PUT (update) for replace: authorized for the acting user first.
    const refused = inv.authorize?.(itemRequest(item, mode === 'create' ? 'create' : 'update'));
    if (refused) { errors.push(`Error from server (${refused.reason}): error when ${mode === 'create' ? 'creating' : 'replacing'} "${item.source}": ${refused.message}`); continue; }
    if (mode === 'create' || (v.force === true && !item.live)) {
      if (item.live) { errors.push(`Error from server (AlreadyExists): error when creating "${item.source}": ${itemName(item)} already exists`); continue; }
      const err = createFromManifest(ctx, item, sent, dry.dryRun);
      if (err) { errors.push(`Error from server: error when creating "${item.source}": ${err}`); continue; }
      said += `${ref} ${mode === 'create' ? 'created' : 'replaced'}${suffix}\n`;
      results.push({ ref, object: stored(ctx, item, sent, dry.dryRun) });
      continue;
    }
    if (!item.live) { errors.push(`Error from server (NotFound): error when replacing "${item.source}": ${itemName(item)} not found`); continue; }
    const version = item.object.metadata.resourceVersion;
    if (version && version !== item.live.metadata.resourceVersion) {
      errors.push(`Error from server (Conflict): error when replacing "${item.source}": Operation cannot be fulfilled on ${itemName(item)}: the object has been modified; please apply your changes to the latest version and try again`);
      continue;
    }
    if (v.force === true) {
      // --force: delete, then create from the file (a new uid, a new life); the delete needs the right to delete.
      if (!item.type.writable?.delete) {
        const where = item.namespace ? `in the namespace "${item.namespace}"` : 'at the cluster scope';
        errors.push(`Error from server (Forbidden): ${itemName(item)} is forbidden: User "learner" cannot delete resource "${item.type.plural}" in API group "${item.type.group}" ${where}`);
        continue;
      }
      if (dry.dryRun === 'none') ctx.dispatch({ type: 'object/delete', kind: item.live.kind, ...(item.namespace ? { namespace: item.namespace } : {}), name: item.live.metadata.name, force: true });
      said += `${qualifiedSingular(item.type)} "${item.live.metadata.name}" deleted\n`;
      const err = createFromManifest(ctx, item, sent, dry.dryRun);
      if (err) { errors.push(`Error from server: error when creating "${item.source}": ${err}`); continue; }
      said += `${ref} replaced${suffix}\n`;
      results.push({ ref, object: stored(ctx, item, sent, dry.dryRun) });
      continue;
    }
    const err = replaceLive(ctx, item, sent, dry.dryRun);
    if (err) { errors.push(`Error from server: error when replacing "${item.source}": ${err}`); continue; }
    said += `${ref} replaced${suffix}\n`;
    results.push({ ref, object: sent });
  }
  const printed = printResults(String(v.output ?? ''), results, said);
  if (typeof printed !== 'string') return fail(`error: ${printed.error}\n`);
  return { stdout: printed, stderr: errors.map((e) => `${e}\n`).join(''), exitCode: errors.length ? 1 : 0 };
}
