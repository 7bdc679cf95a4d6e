import type { KubeObject } from '../../../../model/k8s.ts';
import type { ClusterState } from '../../../../model/state.ts';
import { getObject, kindsInCategory, listObjects, qualifiedPlural, resolveKind } from '../../../../kinds/registry.ts';
import type { KindDef } from '../../../../kinds/types.ts';

/** What `kubectl get TYPE[,TYPE] [NAME…]` or `kubectl get TYPE/NAME…` asked for. */
export interface ResourceRequest {
  /** Per type, in the order typed: the names asked for (empty = list all). */
  groups: { type: KindDef; names: string[] }[];
  /** One type and one name: kubectl prints the object itself rather than a List. */
  singleItem: boolean;
  /**
   * Several types asked for (`pods,svc`, a category such as `all`, or `TYPE/NAME` of different
   * types): kubectl prints each row's kind (`pod/web-1`) even when only one type has objects
   * (resource.MultipleTypesRequested).
   */
  multipleTypes?: boolean;
}

/**
 * One `TYPE/NAME` argument split as kubectl's resource builder splits it (splitResourceTypeName,
 * 1.33): `undefined` when it has no slash, else the typed type and the name, or the builder's
 * error (text without `error: `) for a second slash or an empty side. The type is not looked up.
 */
export function splitResourceTypeName(arg: string): { ok: true; typed: string; name: string } | { ok: false; error: string } | undefined {
  if (!arg.includes('/')) return undefined;
  const seg = arg.split('/');
  if (seg.length !== 2) return { ok: false, error: 'arguments in resource/name form may not have more than one slash' };
  const [typed, name] = seg;
  if (!typed || !name || typed.split(',').filter((t) => t !== '').length !== 1) return { ok: false, error: 'arguments in resource/name form must have a single resource and name' };
  return { ok: true, typed, name };
}

/**
 * Reads the positional args of get/describe-like verbs (kubectl's resource builder).
 * Errors are kubectl's text without `error: `.
 */
export function parseResourceArgs(args: readonly string[]): { ok: true; req: ResourceRequest } | { ok: false; error: string } {
  if (args.length === 0) return { ok: false, error: 'required resource not specified' };
  const slashed = args.filter((a) => a.includes('/'));
  if (slashed.length) {
    if (slashed.length !== args.length) {
      return { ok: false, error: `there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'` };
    }
    const groups: ResourceRequest['groups'] = [];
    for (const a of args) {
      const split = splitResourceTypeName(a)!;
      if (!split.ok) return split;
      const { typed, name } = split;
      const type = resolveKind(typed);
      if (!type) return { ok: false, error: `the server doesn't have a resource type "${typed}"` };
      const g = groups.find((x) => x.type === type);
      if (g) g.names.push(name); else groups.push({ type, names: [name] });
    }
    return { ok: true, req: { groups, singleItem: args.length === 1 } };
  }
  const typedTypes = args[0].split(',').filter((t) => t !== '');
  if (typedTypes.length === 0) return { ok: false, error: `the server doesn't have a resource type "${args[0]}"` };
  const groups: ResourceRequest['groups'] = [];
  for (const t of typedTypes) {
    // A category (kubectl's category expander over discovery) stands for its kinds; a kind's own name wins.
    const category = resolveKind(t) ? [] : kindsInCategory(t.toLowerCase());
    const types = category.length ? category : [resolveKind(t)];
    for (const type of types) {
      if (!type) return { ok: false, error: `the server doesn't have a resource type "${t}"` };
      if (!groups.some((g) => g.type === type)) groups.push({ type, names: [...args.slice(1)] });
    }
  }
  const multipleTypes = typedTypes.length > 1 || groups.length > 1;
  return { ok: true, req: { groups, singleItem: groups.length === 1 && args.length === 2, multipleTypes } };
}

/** The objects found for one group and the names that were not found. */
export interface FoundGroup { type: KindDef; objects: KubeObject[]; missing: string[] }

/**
 * Looks the request up in `state`: named objects in `namespace` (in the order named), or the whole
 * list (all namespaces when `namespace` is undefined) filtered by `keep`.
 */
export function findObjects(state: ClusterState, req: ResourceRequest, namespace: string | undefined, keep: (o: KubeObject) => boolean): FoundGroup[] {
  return req.groups.map(({ type, names }) => {
    if (names.length === 0) return { type, objects: listObjects(state, type, namespace).filter(keep), missing: [] };
    const objects: KubeObject[] = [];
    const missing: string[] = [];
    for (const n of names) {
      const o = getObject(state, type, namespace ?? 'default', n);
      if (o && keep(o)) objects.push(o); else if (!o) missing.push(n);
    }
    return { type, objects, missing };
  });
}

/** `Error from server (NotFound): pods "x" not found`. */
export function notFoundMessage(type: KindDef, name: string): string {
  return `Error from server (NotFound): ${qualifiedPlural(type)} "${name}" not found`;
}

/** The resource builder's error when neither arguments nor -f name anything (edit, wait). */
export const NO_RESOURCES = `error: You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'
`;
