import { filenameFlags } from '../apply/index.ts';
import { itemName, itemRequest, readManifests } from '../../manifests.ts';
import type { KubeObject } from '../../../../model/k8s.ts';
import { parseDuration } from '../../../../time.ts';
import type { CommandResult } from '../../../types.ts';
import { getObject, qualifiedPlural, qualifiedSingular } from '../../../../kinds/registry.ts';
import type { KindDef } from '../../../../kinds/types.ts';
import type { KubectlVerb } from '../../verb.ts';
import { findObjects, notFoundMessage, parseResourceArgs } from '../get/query.ts';
import { matchesFields, parseFieldSelector, unsupportedField } from '../get/selectors.ts';
import { parseLabelSelector, selectorMatches } from '../../../../k8s/labels.ts';

const fail = (stderr: string): CommandResult => ({ stdout: '', stderr, exitCode: 1 });

const NO_RESOURCE = `error: You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'
`;

/** How long `--wait` may take at most when --timeout is 0 (kubectl: a week; nothing here takes that long). */
const MAX_WAIT_MS = 10 * 60_000;

/**
 * `kubectl delete TYPE NAME…` / `TYPE/NAME` / `-l SEL` / `--all` (kubectl pkg/cmd/delete, 1.33):
 * pods are deleted gracefully (or at once with --force --grace-period=0, after kubectl's
 * warning), kinds the registry lets a learner delete with their dependents (`object/delete`). Prints
 * `pod "x" deleted` / `force deleted`, then waits until the objects are gone (--wait, default true).
 * Kinds the learner may not delete answer with the API server's Forbidden error.
 */
export const deleteVerb: KubectlVerb = {
  name: 'delete',
  short: 'Delete resources by file names, stdin, resources and names, or by resources and label selector',
  long: `Delete resources by file names, stdin, resources and names, or by resources and label selector.

 JSON and YAML formats are accepted. Only one type of argument may be specified: file names, resources and names, or resources and label selector.

 Some resources, such as pods, support graceful deletion. These resources define a default period before they are forcibly terminated (the grace period) but you may override that value with the --grace-period flag, or pass --now to set a grace-period of 1. Because these resources often represent entities in the cluster, deletion may not be acknowledged immediately. If the node hosting a pod is down or cannot reach the API server, termination may take significantly longer than the grace period. To force delete a resource, you must specify the --force flag. Note: only a subset of resources support graceful deletion. In absence of the support, the --grace-period flag is ignored.

 IMPORTANT: Force deleting pods does not wait for confirmation that the pod's processes have been terminated, which can leave those processes running until the node detects the deletion and completes graceful deletion. If your processes use shared storage or talk to a remote API and depend on the name of the pod to identify themselves, force deleting those pods may result in multiple processes running on different machines using the same identification which may lead to data corruption or inconsistency. Only force delete pods when you are sure the pod is terminated, or if your application can tolerate multiple copies of the same pod running at once. Also, if you force delete pods, the scheduler may place new pods on those nodes before the node has released those resources and causing those pods to be evicted immediately.

 Note that the delete command does NOT do resource version checks, so if someone submits an update to a resource right when you submit a delete, their update will be lost along with the rest of the resource.

 After a CustomResourceDefinition is deleted, invalidation of discovery cache may take up to 6 hours. If you don't want to wait, you might want to run "kubectl api-resources" to refresh the discovery cache.`,
  examples: `# Delete pods and services with same names "baz" and "foo"
kubectl delete pod,service baz foo

# Delete pods and services with label name=myLabel
kubectl delete pods,services -l name=myLabel

# Delete a pod with minimal delay
kubectl delete pod foo --now

# Force delete a pod on a dead node
kubectl delete pod foo --force

# Delete all pods
kubectl delete pods --all`,
  usage: 'kubectl delete ([-f FILENAME] | [-k DIRECTORY] | TYPE [(NAME | -l label | --all)]) [options]',
  flags: [
    ...filenameFlags('containing the resource to delete.'),
    { name: 'all', type: 'bool', help: 'Delete all resources, in the namespace of the specified resource types.' },
    { name: 'all-namespaces', short: 'A', type: 'bool', help: 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.' },
    { name: 'field-selector', type: 'string', help: "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type." },
    { name: 'cascade', type: 'string', default: 'background', help: 'Must be "background", "orphan", or "foreground". Selects the deletion cascading strategy for the dependents (e.g. Pods created by a ReplicationController). Defaults to background.' },
    { name: 'dry-run', type: 'string', default: 'none', help: 'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.' },
    { name: 'force', type: 'bool', help: 'If true, immediately remove resources from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation.' },
    { name: 'grace-period', type: 'int', default: -1, help: 'Period of time in seconds given to the resource to terminate gracefully. Ignored if negative. Set to 1 for immediate shutdown. Can only be set to 0 when --force is true (force deletion).' },
    { name: 'ignore-not-found', type: 'bool', help: 'Treat "resource not found" as a successful delete. Defaults to "true" when --all is specified.' },
    { name: 'now', type: 'bool', help: 'If true, resources are signaled for immediate shutdown (same as --grace-period=1).' },
    { name: 'output', short: 'o', type: 'string', help: 'Output mode. Use "-o name" for shorter output (resource/name).' },
    { name: 'selector', short: 'l', type: 'string', help: "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints." },
    { name: 'timeout', type: 'string', default: '0s', help: 'The length of time to wait before giving up on a delete, zero means determine a timeout from the size of the object' },
    { name: 'wait', type: 'bool', default: true, help: 'If true, wait for resources to be gone before returning. This waits for finalizers.' },
  ],
  run(inv, ctx) {
    const v = inv.flags.values;
    const given = inv.flags.given;
    const output = String(v.output);
    if (output !== '' && output !== 'name') return fail(`error: unexpected -o output mode: ${output}. We only support '-o name'\n`);
    const dryRun = String(v['dry-run']);
    if (!['none', 'client', 'server'].includes(dryRun)) return fail(`error: Invalid dry-run value (${dryRun}). Must be "none", "server", or "client".\n`);
    if (!['background', 'orphan', 'foreground'].includes(String(v.cascade))) return fail(`error: invalid cascade value (${String(v.cascade)}). Must be "background", "foreground", or "orphan".\n`);
    const timeoutMs = parseDuration(String(v.timeout));
    if (timeoutMs === undefined) return fail(`error: invalid argument "${String(v.timeout)}" for "--timeout" flag: time: invalid duration "${String(v.timeout)}"\nSee 'kubectl delete --help' for usage.\n`);
    // Complete(): --now means a grace period of 1; 0 without --force is turned into 1; --force alone means 0.
    let grace = Number(v['grace-period']);
    const force = v.force === true;
    if (v.now === true) {
      if (grace !== -1) return fail('error: --now and --grace-period cannot be specified together\n');
      grace = 1;
    }
    if (grace === 0 && !force) grace = 1;
    if (force && grace < 0) grace = 0;
    if (force && grace > 0) return fail('error: --force and --grace-period greater than 0 cannot be specified together\n');
    const all = v.all === true;
    const selText = String(v.selector);
    if (all && selText !== '') return fail('error: cannot set --all and --selector at the same time\n');
    const args = inv.flags.positionals;
    const files = v.filename as string[];
    const sel = parseLabelSelector(selText);
    if (!sel.ok) return fail(`error: ${sel.error}\n`);
    let groups: { type: KindDef; objects: KubeObject[]; missing: string[] }[];
    const kustomize = String(v.kustomize ?? '');
    if (files.length > 0 && kustomize !== '') return fail('error: only one of -f or -k can be specified\n');
    if (files.length > 0 || kustomize !== '') {
      if (args.length > 0) return fail(`error: Unexpected args: [${args.join(' ')}]\nSee 'kubectl delete -h' for help and examples\n`);
      const read = readManifests(ctx, files, { verb: 'delete', namespace: inv.namespace, namespaceGiven: given.has('namespace'), recursive: v.recursive === true, kustomize });
      if (!read.ok) return fail(`error: ${read.error}\n`);
      // Objects named by the files, each DELETE authorized for the acting user before the store is
      // read (a refusal comes before NotFound); a missing one is the API's NotFound, worded with its file.
      groups = read.items.map((i) => {
        const refused = inv.authorize?.(itemRequest(i, 'delete'));
        if (refused) return { type: i.type, objects: [], missing: [`Error from server (${refused.reason}): error when deleting "${i.source}": ${refused.message}`] };
        return { type: i.type, objects: i.live ? [i.live] : [], missing: i.live ? [] : [`Error from server (NotFound): error when deleting "${i.source}": ${itemName(i)} not found`] };
      });
    } else {
      if (args.length === 0) return fail(NO_RESOURCE);
      const parsed = parseResourceArgs(args);
      if (!parsed.ok) return fail(`error: ${parsed.error}\n`);
      const named = parsed.req.groups.some((g) => g.names.length > 0);
      if (named && (all || selText !== '' || String(v['field-selector'] ?? '') !== '')) return fail(`error: name cannot be provided when a selector is specified\n`);
      if (!named && !all && selText === '' && String(v['field-selector'] ?? '') === '') return fail('error: resource(s) were provided, but no name was specified\n');
      const fieldText = String(v['field-selector'] ?? '');
      const fields = parseFieldSelector(fieldText);
      if (!fields.ok) return fail(`error: ${fields.error}\n`);
      for (const g of parsed.req.groups) {
        const bad = unsupportedField(g.type, fields.reqs);
        if (bad) return fail(`Error from server (BadRequest): Unable to find "${g.type.group ? `${g.type.group}/${g.type.version}` : `/${g.type.version}`}, Resource=${g.type.plural}" that match label selector "${selText}", field selector "${fieldText}": field label not supported: ${bad}\n`);
      }
      const ns = inv.allNamespaces ? undefined : inv.namespace;
      groups = findObjects(ctx.state, parsed.req, ns, (o) => selectorMatches(sel.selector, o.metadata.labels) && matchesFields(fields.reqs, o))
        .map((g) => ({ ...g, missing: g.missing.map((n) => notFoundMessage(g.type, n)) }));
    }
    const ignoreNotFound = given.has('ignore-not-found') ? v['ignore-not-found'] === true : all || selText !== '' || String(v['field-selector'] ?? '') !== '';

    let stdout = '';
    let stderr = grace === 0 && force ? 'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n' : '';
    const errors: string[] = [];
    const operation = `${grace === 0 ? 'force deleted' : 'deleted'}${dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : ''}`;
    const waitFor: { type: KindDef; obj: KubeObject }[] = [];
    let found = 0;
    for (const g of groups) {
      for (const obj of g.objects) {
        found++;
        if (!g.type.writable?.delete) {
          // The learner's account may delete workloads, not cluster furniture: answer as RBAC would.
          const where = g.type.namespaced ? `in the namespace "${obj.metadata.namespace}"` : 'at the cluster scope';
          errors.push(`Error from server (Forbidden): ${qualifiedPlural(g.type)} "${obj.metadata.name}" is forbidden: User "learner" cannot delete resource "${g.type.plural}" in API group "${g.type.group}" ${where}`);
          continue;
        }
        if (dryRun === 'none') {
          const namespace = obj.metadata.namespace ?? 'default';
          ctx.dispatch({ type: 'object/delete', kind: obj.kind, namespace, name: obj.metadata.name, force: grace === 0 });
          waitFor.push({ type: g.type, obj });
        }
        stdout += output === 'name' ? `${qualifiedSingular(g.type)}/${obj.metadata.name}\n` : `${qualifiedSingular(g.type)} "${obj.metadata.name}" ${operation}\n`;
      }
      if (!ignoreNotFound) errors.push(...g.missing);
    }
    if (found === 0 && errors.length === 0) {
      return { stdout: 'No resources found\n', stderr, exitCode: 0 };
    }
    if (v.wait === true && waitFor.length) {
      // --wait: poll until every deleted object is gone (graceful pod deletion takes the kubelet ~2 s).
      const limit = timeoutMs || MAX_WAIT_MS;
      const alive = () => waitFor.some(({ type, obj }) => getObject(ctx.state, type, obj.metadata.namespace ?? 'default', obj.metadata.name)?.metadata.uid === obj.metadata.uid);
      for (let waited = 0; alive(); waited += 1000) {
        if (waited >= limit) { errors.push('error: timed out waiting for the condition'); break; }
        ctx.wait(1000);
      }
    }
    const warning = stderr;
    stderr += errors.map((e) => `${e}\n`).join('');
    // kubectl prints the force warning before anything else, the errors after the objects.
    const interleaved = warning ? `${warning}${stdout}${stderr.slice(warning.length)}` : undefined;
    return { stdout, stderr, exitCode: errors.length ? 1 : 0, ...(interleaved ? { interleaved } : {}) };
  },
};
