import type { KubeObject, Pod } from '../../../../model/k8s.ts';
import type { ClusterState } from '../../../../model/state.ts';
import type { CommandContext, CommandResult } from '../../../types.ts';
import type { KubectlVerb } from '../../verb.ts';
import { kindDef, listObjects } from '../../../../kinds/registry.ts';
import { printYaml, toSortedJson } from '../../../../printers/yaml.ts';
import { resolvePath } from '../../../../host/files.ts';
import { openStream } from '../logs/index.ts';
import { DUMP_EXAMPLES, DUMP_FLAGS, DUMP_LONG, DUMP_USAGE } from './dumpHelp.ts';
import { containerLogText } from '../../../../sim/etcd/logs.ts';

/** ObjectMeta's fields in Go struct order: the typed client dump.go prints with marshals them so. */
const META_ORDER = ['name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'labels', 'annotations', 'ownerReferences', 'finalizers', 'managedFields'];
/** Top-level fields in Go struct order (Event's own fields, else metadata/spec/status). */
const TOP_ORDER = ['metadata', 'spec', 'status', 'involvedObject', 'reason', 'message', 'source', 'firstTimestamp', 'lastTimestamp', 'count', 'type', 'eventTime', 'series', 'action', 'related', 'reportingComponent', 'reportingInstance'];

type Json = ReturnType<typeof toSortedJson>;

/** `obj`'s keys in `order` first, the rest after in their sorted order. */
function ordered(obj: Record<string, Json>, order: readonly string[]): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const k of order) if (Object.hasOwn(obj, k)) out[k] = obj[k];
  for (const k of Object.keys(obj)) if (!Object.hasOwn(out, k)) out[k] = obj[k];
  return out;
}

/**
 * One list item as a typed Go client marshals it: no kind/apiVersion (a typed list's items carry
 * none), top-level and metadata fields in struct order. Deeper fields keep kubectl get's sorted
 * order (the simulator keeps no Go struct order for them).
 */
function item(o: KubeObject): Record<string, Json> {
  const { kind: _k, apiVersion: _a, ...rest } = toSortedJson(o) as Record<string, Json>;
  const top = ordered(rest, TOP_ORDER);
  if (top.metadata && typeof top.metadata === 'object') top.metadata = ordered(top.metadata as Record<string, Json>, META_ORDER);
  return top;
}

/** A `<Kind>List` as `json.MarshalIndent` (4 spaces, HTML-safe) or -o yaml prints it. */
function printList(state: ClusterState, kind: string, apiVersion: string, items: readonly KubeObject[], output: string): string {
  const list = { kind: `${kind}List`, apiVersion, metadata: { resourceVersion: String(state.serial) }, items: items.map(item) };
  if (output === 'yaml') return printYaml(list);
  return JSON.stringify(list, null, 4).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026') + '\n';
}

/** What dump.go lists per namespace, in its order, with the file each goes to. */
const PER_NAMESPACE: readonly [kind: string, apiVersion: string, file: string][] = [
  ['Event', 'v1', 'events'], ['ReplicationController', 'v1', 'replication-controllers'], ['Service', 'v1', 'services'],
  ['DaemonSet', 'apps/v1', 'daemonsets'], ['Deployment', 'apps/v1', 'deployments'], ['ReplicaSet', 'apps/v1', 'replicasets'], ['Pod', 'v1', 'pods'],
];

function objectsOf(state: ClusterState, kind: string, namespace: string | undefined): KubeObject[] {
  const def = kindDef(kind);
  return def ? listObjects(state, def, namespace) : [];
}

/** Each container's log between dump.go's START/END lines; kubelet's refusal as `Request log error: …`. */
function podLogs(state: ClusterState, pod: Pod): string {
  let out = '';
  for (const c of [...((pod.spec as { initContainers?: Pod['spec']['containers'] }).initContainers ?? []), ...pod.spec.containers]) {
    const where = `container ${c.name} of pod ${pod.metadata.namespace}/${pod.metadata.name}`;
    out += `==== START logs for ${where} ====\n`;
    const s = openStream(state, pod, c.name, false);
    out += s.ok ? s.stream.lines.map((l) => `${containerLogText(l)}\n`).join('') : `Request log error: ${s.message}\n`;
    out += `==== END logs for ${where} ====\n`;
  }
  return out;
}

/**
 * `kubectl cluster-info dump` (kubectl 1.33 clusterinfo_dump.go): the NodeList, then per namespace
 * (kube-system and the current one; `--namespaces`; `-A` every namespace) its events,
 * replication controllers, services, daemon sets, deployments, replica sets and pods, then each
 * pod's container logs. To stdout, or with `--output-directory` as files (`nodes.json`,
 * `NS/pods.json`, `NS/POD/logs.txt`) in the shell's writable file system.
 */
export const clusterInfoDump: KubectlVerb = {
  name: 'dump',
  short: 'Dump relevant information for debugging and diagnosis',
  long: DUMP_LONG,
  examples: DUMP_EXAMPLES,
  usage: DUMP_USAGE,
  flags: DUMP_FLAGS,
  run(inv, ctx) {
    const v = inv.flags.values;
    const output = String(v.output ?? 'json');
    if (output === 'name') return { stdout: '', stderr: 'error: list types are not supported by name printing: *v1.NodeList\n', exitCode: 1 };
    if (output !== 'json' && output !== 'yaml') {
      return { stdout: '', stderr: `error: unable to match a printer suitable for the output format "${output}", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n`, exitCode: 1 };
    }
    const state = ctx.state;
    const dir = String(v['output-directory'] ?? '');
    const toFiles = dir !== '' && dir !== '-';
    const ext = output === 'yaml' ? '.yaml' : '.json';
    let namespaces: string[];
    if (v['all-namespaces'] === true) namespaces = objectsOf(state, 'Namespace', undefined).map((n) => n.metadata.name);
    else {
      const given = (v.namespaces as string[]).flatMap((n) => n.split(',')).filter(Boolean);
      namespaces = given.length ? given : ['kube-system', inv.namespace];
    }
    const parts: { file: string; text: string }[] = [];
    parts.push({ file: `nodes${ext}`, text: printList(state, 'Node', 'v1', objectsOf(state, 'Node', undefined), output) });
    for (const ns of namespaces) {
      for (const [kind, apiVersion, file] of PER_NAMESPACE) parts.push({ file: `${ns}/${file}${ext}`, text: printList(state, kind, apiVersion, objectsOf(state, kind, ns), output) });
      for (const pod of objectsOf(state, 'Pod', ns) as Pod[]) parts.push({ file: `${ns}/${pod.metadata.name}/logs.txt`, text: podLogs(state, pod) });
    }
    if (!toFiles) return { stdout: parts.map((p) => p.text).join(''), stderr: '', exitCode: 0 };
    return writeDump(ctx, resolvePath(dir, ctx.frame.cwd), dir, parts);
  },
};

/** Writes the dump's files under `root` (os.MkdirAll then os.Create), then kubectl's closing line. */
function writeDump(ctx: CommandContext, root: string, typed: string, parts: readonly { file: string; text: string }[]): CommandResult {
  const fs = ctx.fs;
  if (!fs) return { stdout: '', stderr: `error: mkdir ${typed}: read-only file system\n`, exitCode: 1 };
  for (const p of parts) {
    const full = `${root}/${p.file}`;
    const parent = full.slice(0, full.lastIndexOf('/'));
    // os.MkdirAll: each missing directory down to the parent; an existing one is fine.
    const segments = parent.split('/').filter(Boolean);
    for (let i = 1; i <= segments.length; i++) {
      const d = `/${segments.slice(0, i).join('/')}`;
      const made = fs.mkdir?.(d);
      if (made && !made.ok && made.error !== 'File exists') return { stdout: '', stderr: `error: mkdir ${d}: ${made.error.toLowerCase()}\n`, exitCode: 1 };
    }
    const w = fs.write(full, p.text, false);
    if (!w.ok) return { stdout: '', stderr: `error: open ${full}: ${w.error.toLowerCase()}\n`, exitCode: 1 };
  }
  return { stdout: `Cluster info dumped to ${typed}\n`, stderr: '', exitCode: 0 };
}
