import type { KubeObject } from '../../../../model/k8s.ts';
import type { ClusterState } from '../../../../model/state.ts';
import type { KindDef } from '../../../../kinds/types.ts';
import type { CommandResult, Follow } from '../../../types.ts';
import type { KubectlVerb } from '../../verb.ts';
import { apiVersionOf, getObject, qualifiedSingular } from '../../../../kinds/registry.ts';
import { parseLabelSelector, selectorMatches } from '../../../../k8s/labels.ts';
import { executeJsonPath, jsonData, parseJsonPath, relaxedJsonPath } from '../../../../printers/jsonpath.ts';
import { parseDuration } from '../../../../time.ts';
import { findObjects, NO_RESOURCES, notFoundMessage, parseResourceArgs } from '../get/query.ts';

const fail = (stderr: string): CommandResult => ({ stdout: '', stderr, exitCode: 1 });

/** What `--for` asks (kubectl 1.33 wait.go conditionFuncFor). */
type For =
  | { kind: 'delete' }
  | { kind: 'create' }
  | { kind: 'condition'; type: string; value: string }
  | { kind: 'jsonpath'; expr: string; value?: string };

/** Reads `--for`; the error text without `error: ` (kubectl's wording). */
function parseFor(text: string): { ok: true; for: For } | { ok: false; error: string } {
  const lower = text.toLowerCase();
  if (lower === 'delete') return { ok: true, for: { kind: 'delete' } };
  if (lower === 'create') return { ok: true, for: { kind: 'create' } };
  if (lower.startsWith('condition=')) {
    const rest = text.slice('condition='.length);
    const eq = rest.indexOf('=');
    return { ok: true, for: eq < 0 ? { kind: 'condition', type: rest, value: 'true' } : { kind: 'condition', type: rest.slice(0, eq), value: rest.slice(eq + 1) } };
  }
  if (lower.startsWith('jsonpath=')) {
    const rest = text.slice('jsonpath='.length);
    // `{.status.phase}=Running`: the expression is the braces, the value what follows `=`.
    const m = /^(\{.*\})(?:=(.*))?$/s.exec(rest) ?? /^([^=]*)(?:=(.*))?$/s.exec(rest)!;
    const expr = m[1];
    if (expr === '') return { ok: false, error: 'jsonpath expression cannot be empty' };
    if (m[2] !== undefined && m[2] === '') return { ok: false, error: "jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3" };
    try { parseJsonPath(relaxedJsonPath(expr)); } catch (e) { return { ok: false, error: `unrecognized condition: "${text}": ${(e as Error).message}` }; }
    return { ok: true, for: { kind: 'jsonpath', expr, ...(m[2] !== undefined ? { value: m[2] } : {}) } };
  }
  return { ok: false, error: `unrecognized condition: "${text}"` };
}

/** Whether `obj` meets a condition or jsonpath wait (Unicode simple case folding ≈ lower case, as kubectl compares). */
function met(f: For, type: KindDef, obj: KubeObject): boolean {
  if (f.kind === 'condition') {
    const conditions = (obj as { status?: { conditions?: { type: string; status: string }[] } }).status?.conditions ?? [];
    return conditions.some((c) => c.type.toLowerCase() === f.type.toLowerCase() && c.status.toLowerCase() === f.value.toLowerCase());
  }
  if (f.kind === 'jsonpath') {
    const data = jsonData({ ...obj, apiVersion: obj.apiVersion || apiVersionOf(type), kind: obj.kind || type.kind });
    let got: string;
    try { got = executeJsonPath(parseJsonPath(relaxedJsonPath(f.expr)), data); } catch { return false; }
    return f.value === undefined ? got !== '' : got === f.value;
  }
  return true;
}

/** One object being waited on. */
interface Target { type: KindDef; namespace: string; name: string; uid?: string }

/**
 * Waits on the targets in order with one shared deadline, as kubectl's visitor does: each met
 * one prints `TYPE/NAME condition met`; at the deadline the first unmet one ends the wait with
 * `error: timed out waiting for the condition on PLURAL/NAME`. `timeoutMs` 0 checks once.
 */
function waitFollow(f: For, targets: Target[], start: number, timeoutMs: number): { first: { stdout: string; stderr: string; done?: number }; follow: Follow } {
  let i = 0;
  let last = start;
  const step = (state: ClusterState): { stdout: string; stderr: string; done?: number } => {
    let stdout = '';
    for (; i < targets.length; i++) {
      const t = targets[i];
      const obj = getObject(state, t.type, t.namespace, t.name);
      const ok = f.kind === 'delete' ? !obj || (t.uid !== undefined && obj.metadata.uid !== t.uid) : obj !== undefined && (f.kind === 'create' || met(f, t.type, obj));
      if (!ok) break;
      stdout += `${qualifiedSingular(t.type)}/${t.name} condition met\n`;
    }
    if (i >= targets.length) return { stdout, stderr: '', done: 0 };
    if (state.now - start >= timeoutMs) return { stdout, stderr: `error: timed out waiting for the condition on ${targets[i].type.plural}/${targets[i].name}\n`, done: 1 };
    return { stdout, stderr: '' };
  };
  return {
    first: { stdout: '', stderr: '' },
    follow: {
      poll(state, _from, to) {
        last = to;
        const r = step(state);
        return { stdout: r.stdout, stderr: r.stderr, ...(r.done !== undefined ? { done: { exitCode: r.done } } : {}) };
      },
      // Watches answer at once; a check each second of virtual time stands in for them, and the deadline exactly.
      nextAt: () => Math.min(start + timeoutMs, last + 1000),
    },
  };
}

/**
 * `kubectl wait` (kubectl 1.33): `--for=condition=C[=V]`, `--for=delete`, `--for=create`,
 * `--for=jsonpath='{…}'[=V]` over `TYPE/NAME`, `TYPE NAME…`, `TYPE -l SEL` or `TYPE --all`, with
 * `--timeout` (30s; 0 checks once, negative is a week). The wait runs on the virtual clock as a
 * follow (Ctrl-C ends it), printing `pod/x condition met` as each target meets the condition.
 */
export const wait: KubectlVerb = {
  name: 'wait',
  short: 'Experimental: Wait for a specific condition on one or many resources',
  usage: "kubectl wait ([-f FILENAME] | resource.group/resource.name | resource.group [(-l label | --all)]) [--for=create|--for=delete|--for condition=available|--for=jsonpath='{}'[=value]] [options]",
  long: `Experimental: Wait for a specific condition on one or many resources.

 The command takes multiple resources and waits until the specified condition is seen in the Status field of every given resource.

 Alternatively, the command can wait for the given set of resources to be created or deleted by providing the "create" or "delete" keyword as the value to the --for flag.

 A successful message will be printed to stdout indicating when the specified condition has been met. You can use -o option to change to output destination.`,
  examples: `# Wait for the pod "busybox1" to contain the status condition of type "Ready"
kubectl wait --for=condition=Ready pod/busybox1

# The default value of status condition is true; you can wait for other targets after an equal delimiter (compared after Unicode simple case folding, which is a more general form of case-insensitivity)
kubectl wait --for=condition=Ready=false pod/busybox1

# Wait for the pod "busybox1" to contain the status phase to be "Running"
kubectl wait --for=jsonpath='{.status.phase}'=Running pod/busybox1

# Wait for pod "busybox1" to be Ready
kubectl wait --for='jsonpath={.status.conditions[?(@.type=="Ready")].status}=True' pod/busybox1

# Wait for the service "loadbalancer" to have ingress
kubectl wait --for=jsonpath='{.status.loadBalancer.ingress}' service/loadbalancer

# Wait for the secret "busybox1" to be created, with a timeout of 30s
kubectl create secret generic busybox1
kubectl wait --for=create secret/busybox1 --timeout=30s

# Wait for the pod "busybox1" to be deleted, with a timeout of 60s, after having issued the "delete" command
kubectl delete pod/busybox1
kubectl wait --for=delete pod/busybox1 --timeout=60s`,
  flags: [
    { name: 'all', type: 'bool', help: 'Select all resources in the namespace of the specified resource types' },
    { name: 'all-namespaces', short: 'A', type: 'bool', help: 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.' },
    { name: 'allow-missing-template-keys', type: 'bool', default: true, help: 'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.' },
    { name: 'field-selector', type: 'string', help: "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type." },
    { name: 'filename', short: 'f', type: 'stringArray', help: 'identifying the resource.' },
    { name: 'for', type: 'string', help: "The condition to wait on: [create|delete|condition=condition-name[=condition-value]|jsonpath='{JSONPath expression}'=[JSONPath value]]. The default condition-value is true. Condition values are compared after Unicode simple case folding, which is a more general form of case-insensitivity." },
    { name: 'local', type: 'bool', help: 'If true, annotation will NOT contact api-server but run locally.' },
    { name: 'output', short: 'o', type: 'string', help: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).' },
    { name: 'recursive', short: 'R', type: 'bool', default: true, help: 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.' },
    { name: 'selector', short: 'l', type: 'string', help: "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2)" },
    { name: 'show-managed-fields', type: 'bool', help: 'If true, keep the managedFields when printing objects in JSON or YAML format.' },
    { name: 'template', type: 'string', help: 'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].' },
    { name: 'timeout', type: 'string', default: '30s', help: "The length of time to wait before giving up. Zero means check once and don't wait, negative means wait for a week." },
  ],
  run(inv, ctx) {
    const v = inv.flags.values;
    const parsedFor = parseFor(String(v.for ?? ''));
    if (!parsedFor.ok) return fail(`error: ${parsedFor.error}\n`);
    const f = parsedFor.for;
    const rawTimeout = String(v.timeout);
    const negative = rawTimeout.startsWith('-');
    const parsedTimeout = parseDuration(negative ? rawTimeout.slice(1) : rawTimeout);
    if (parsedTimeout === undefined) return fail(`error: invalid argument "${rawTimeout}" for "--timeout" flag: time: invalid duration "${rawTimeout}"\nSee 'kubectl wait --help' for usage.\n`);
    const timeoutMs = negative ? 7 * 24 * 3600_000 : parsedTimeout;
    const args = inv.flags.positionals;
    if (args.length === 0) return fail(NO_RESOURCES);
    const parsed = parseResourceArgs(args);
    if (!parsed.ok) return fail(`error: ${parsed.error}\n`);
    const selectorText = String(v.selector ?? '');
    const sel = selectorText ? parseLabelSelector(selectorText) : undefined;
    if (sel && !sel.ok) return fail(`error: ${sel.error}\n`);
    const named = parsed.req.groups.some((g) => g.names.length > 0);
    if (!named && !sel && v.all !== true) return fail('error: resource(s) were provided, but no name was specified\n');
    const namespace = inv.allNamespaces ? undefined : inv.namespace;
    const targets: Target[] = [];
    let stderr = '';
    for (const g of findObjects(ctx.state, parsed.req, namespace, (o) => !sel || selectorMatches(sel.selector, o.metadata.labels))) {
      for (const n of g.missing) {
        // Waiting for a deletion of what is already gone succeeds at once; creation waits for it.
        if (f.kind === 'create') targets.push({ type: g.type, namespace: inv.namespace, name: n });
        else if (f.kind !== 'delete') stderr += `${notFoundMessage(g.type, n)}\n`;
      }
      for (const o of g.objects) targets.push({ type: g.type, namespace: o.metadata.namespace ?? '', name: o.metadata.name, ...(o.metadata.uid ? { uid: o.metadata.uid } : {}) });
    }
    if (stderr) return fail(stderr);
    if (targets.length === 0) return f.kind === 'delete' ? { stdout: '', stderr: '', exitCode: 0 } : fail('error: no matching resources found\n');
    const w = waitFollow(f, targets, ctx.state.now, timeoutMs);
    const now = w.follow.poll(ctx.state, ctx.state.now, ctx.state.now);
    if (now.done) return { stdout: now.stdout, stderr: now.stderr, exitCode: now.done.exitCode };
    return { stdout: now.stdout, stderr: '', exitCode: 0, follow: w.follow };
  },
};
