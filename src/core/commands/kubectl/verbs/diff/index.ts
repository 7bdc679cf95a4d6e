import type { KubeObject } from '../../../../model/k8s.ts';
import type { CommandResult } from '../../../types.ts';
import type { KubectlVerb } from '../../verb.ts';
import { itemRequest, readManifests, type ManifestItem } from '../../manifests.ts';
import { refusalText } from '../../root/requests.ts';
import { printYaml } from '../../../../printers/yaml.ts';
import { filenameFlags } from '../apply/index.ts';
import { lastAppliedOf, sameObject, threeWayMerge, withLastApplied, LAST_APPLIED } from '../apply/merge.ts';
import { withIdentityOf } from '../apply/write.ts';
import { hashString, seeded, uid } from '../../../../sim/rng.ts';
import { rfc3339 } from '../../../../time.ts';
import { unifiedDiff } from './unified.ts';

const fail = (stderr: string): CommandResult => ({ stdout: '', stderr, exitCode: 1 });

/** What the server's dry run of the apply would store: the merged object, its generation moved on when the spec changes. */
function mergedOf(item: ManifestItem, serverSide: boolean, now: number): KubeObject {
  const sent = serverSide ? item.object : withLastApplied(item.object, lastAppliedOf(item.object));
  if (!item.live) {
    const m = sent.metadata as KubeObject['metadata'] & { generation?: number };
    return { ...sent, metadata: { ...m, creationTimestamp: rfc3339(now), uid: uid(seeded(`diff/${m.namespace ?? ''}/${m.name}`)), ...('spec' in sent ? { generation: 1 } : {}) } } as KubeObject;
  }
  const annotation = item.live.metadata.annotations?.[LAST_APPLIED];
  let original: unknown;
  try { original = annotation === undefined || serverSide ? undefined : JSON.parse(annotation); } catch { original = undefined; }
  const merged = withIdentityOf(item.live, threeWayMerge(original, sent, item.live) as KubeObject);
  const spec = (o: KubeObject) => (o as { spec?: unknown }).spec;
  const gen = (item.live.metadata as { generation?: number }).generation;
  if (gen !== undefined && !sameObject(spec(merged), spec(item.live))) (merged.metadata as { generation?: number }).generation = gen + 1;
  return merged;
}

/** The file kubectl writes per object: `apps.v1.Deployment.shop.web` (group.version.Kind.namespace.name). */
function fileName(item: ManifestItem): string {
  const gv = item.type.group ? `${item.type.group}.${item.type.version}` : item.type.version;
  return [gv, item.type.kind, ...(item.namespace ? [item.namespace] : []), item.object.metadata.name].join('.');
}

/** The object as kubectl diff prints it: no managedFields, Secret data masked. */
function shown(o: KubeObject | undefined): string {
  if (!o) return '';
  const { managedFields: _m, ...metadata } = o.metadata as KubeObject['metadata'] & { managedFields?: unknown };
  const copy = { ...o, metadata } as KubeObject & { data?: Record<string, string> };
  if (o.kind === 'Secret' && copy.data) copy.data = Object.fromEntries(Object.keys(copy.data).map((k) => [k, '***']));
  return printYaml(copy);
}

/** `2024-06-12 10:30:00.123456789 +0000`, a file's modification time as GNU diff prints it (UTC); `nanos` past the second. */
function mtime(ms: number, nanos: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}.${String(nanos).padStart(9, '0')} +0000`;
}

/**
 * `kubectl diff -f FILE|-` (kubectl 1.33 pkg/cmd/diff): the live objects and what a server-side dry
 * run of the apply would make of them, written to two temporary directories and compared with
 * `diff -u -N`. Exit status 1 when something differs, 0 when nothing does, above 1 on errors.
 */
export const diffVerb: KubectlVerb = {
  name: 'diff',
  short: 'Diff the live version against a would-be applied version',
  long: `Diff configurations specified by file name or stdin between the current online configuration, and the configuration as it would be if applied.

 The output is always YAML.

 KUBECTL_EXTERNAL_DIFF environment variable can be used to select your own diff command. Users can use external commands with params too, example: KUBECTL_EXTERNAL_DIFF="colordiff -N -u"

 By default, the "diff" command available in your path will be run with the "-u" (unified diff) and "-N" (treat absent files as empty) options.

 Exit status: 0 No differences were found. 1 Differences were found. >1 Kubectl or diff failed with an error.

 Note: KUBECTL_EXTERNAL_DIFF, if used, is expected to follow that convention.`,
  examples: `# Diff resources included in pod.json
kubectl diff -f pod.json

# Diff file read from stdin
cat service.yaml | kubectl diff -f -`,
  usage: 'kubectl diff -f FILENAME [options]',
  flags: [
    ...filenameFlags('Filename, directory, or URL to files contains the configuration to diff'),
    { name: 'server-side', type: 'bool', help: 'If true, apply runs in the server instead of the client.' },
    { name: 'force-conflicts', type: 'bool', help: 'If true, server-side apply will force the changes against conflicts.' },
    { name: 'field-manager', type: 'string', default: 'kubectl-client-side-apply', help: 'Name of the manager used to track field ownership.' },
    { name: 'show-managed-fields', type: 'bool', help: 'If true, include managed fields in the diff.' },
    { name: 'concurrency', type: 'int', default: 1, help: 'Number of objects to process in parallel when diffing against the live version. Larger number = faster, but more memory, I/O and CPU over that shorter period of time.' },
  ],
  run(inv, ctx) {
    const v = inv.flags.values;
    const files = v.filename as string[];
    const kustomize = String(v.kustomize ?? '');
    if (files.length === 0 && kustomize === '') return { stdout: '', stderr: "error: must specify one of -f and -k\n", exitCode: 1 };
    if (files.length > 0 && kustomize !== '') return fail('error: only one of -f or -k can be specified\n');
    const read = readManifests(ctx, files, { verb: 'diff', namespace: inv.namespace, namespaceGiven: inv.flags.given.has('namespace'), recursive: v.recursive === true, kustomize });
    if (!read.ok) return fail(`error: ${read.error}\n`);
    // kubectl reads each live object, then asks for a dry-run create or patch: both are authorized,
    // and the first refusal ends the run (CheckDiffErr: exit 2, no diff printed).
    for (const item of read.items) {
      const refused = inv.authorize?.(itemRequest(item, 'get')) ?? inv.authorize?.(itemRequest(item, item.live ? 'patch' : 'create'));
      if (refused) return { stdout: '', stderr: refusalText(refused), exitCode: 2 };
    }
    const now = ctx.state.now;
    // os.MkdirTemp's random suffixes, seeded so replay prints the same names.
    const live = `/tmp/LIVE-${hashString(`live/${now}`) >>> 0}`;
    const merged = `/tmp/MERGED-${hashString(`merged/${now}`) >>> 0}`;
    let out = '';
    for (const item of [...read.items].sort((a, b) => (fileName(a) < fileName(b) ? -1 : 1))) {
      const name = fileName(item);
      // The live file is written first, the merged one a few milliseconds later (after the dry run).
      const written = hashString(`${live}/${name}`) % 500000000;
      const body = unifiedDiff(shown(item.live), shown(mergedOf(item, v['server-side'] === true, now)),
        `${live}/${name}\t${mtime(now, written)}`, `${merged}/${name}\t${mtime(now, written + 4000000 + (hashString(name) % 9000000))}`);
      if (body) out += `diff -u -N ${live}/${name} ${merged}/${name}\n${body}`;
    }
    return { stdout: out, stderr: '', exitCode: out ? 1 : 0 };
  },
};
