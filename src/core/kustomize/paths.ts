import { isObj, type Obj } from './types.ts';

/**
 * kustomize's field-spec paths (`spec/template/metadata/labels`): walk `obj` along `path`, going
 * into every element of a list met on the way, and call `at(parent, key)` for each place the last
 * segment names. With `create`, missing maps on the way (and the last field) are made, never lists;
 * without it, only fields already there are visited.
 */
export function visitPath(obj: unknown, path: readonly string[], create: boolean, at: (parent: Obj, key: string) => void): void {
  if (Array.isArray(obj)) { for (const item of obj) visitPath(item, path, create, at); return; }
  if (!isObj(obj) || path.length === 0) return;
  const [head, ...rest] = path;
  const list = head.endsWith('[]');
  const key = list ? head.slice(0, -2) : head;
  const absent = !(key in obj) || obj[key] === null;
  if (rest.length === 0) { if (create || !absent) at(obj, key); return; }
  if (absent) {
    // A list (`name[]`) is never made up; a missing map is, when the spec says create.
    if (!create || list) return;
    obj[key] = {};
  }
  visitPath(obj[key], rest, create, at);
}

/** `a/b\/c/d` → ['a', 'b/c', 'd'] (an escaped slash stays in the segment). */
export function splitPath(path: string): string[] {
  return path.split(/(?<!\\)\//).map((s) => s.replace(/\\\//g, '/'));
}
