import { splitPath, visitPath } from './paths.ts';
import { CLUSTER_KINDS, isObj, kindOf, meta, nameOf, type Obj, type Res } from './types.ts';

/** Where each workload kind keeps its pod spec. */
const POD_SPECS: [string, string][] = [
  ['Pod', 'spec'], ['PodTemplate', 'template/spec'],
  ...['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet', 'Job', 'ReplicationController'].map((k): [string, string] => [k, 'spec/template/spec']),
  ['CronJob', 'spec/jobTemplate/spec/template/spec'],
];

/** Paths inside a pod spec that name an object of each kind. */
const IN_POD: Record<string, string[]> = {
  ConfigMap: ['volumes/configMap/name', 'volumes/projected/sources/configMap/name',
    ...['containers', 'initContainers'].flatMap((c) => [`${c}/env/valueFrom/configMapKeyRef/name`, `${c}/envFrom/configMapRef/name`])],
  Secret: ['volumes/secret/secretName', 'volumes/projected/sources/secret/name', 'imagePullSecrets/name',
    ...['containers', 'initContainers'].flatMap((c) => [`${c}/env/valueFrom/secretKeyRef/name`, `${c}/envFrom/secretRef/name`])],
  ServiceAccount: ['serviceAccountName'],
  PersistentVolumeClaim: ['volumes/persistentVolumeClaim/claimName'],
  PriorityClass: ['priorityClassName'],
};

/** Referring fields outside pod specs: [referred kind, referring kind, path]. */
const OTHER: [string, string, string][] = [
  ...['Deployment', 'ReplicationController', 'ReplicaSet', 'StatefulSet'].map((k): [string, string, string] => [k, 'HorizontalPodAutoscaler', 'spec/scaleTargetRef/name']),
  ['Secret', 'Ingress', 'spec/tls/secretName'], ['Secret', 'ServiceAccount', 'imagePullSecrets/name'],
  ['Service', 'StatefulSet', 'spec/serviceName'], ['Service', 'Ingress', 'spec/rules/http/paths/backend/service/name'],
  ['Service', 'Ingress', 'spec/defaultBackend/service/name'], ['Service', 'APIService', 'spec/service/name'],
  ['Role', 'RoleBinding', 'roleRef/name'], ['ClusterRole', 'RoleBinding', 'roleRef/name'], ['ClusterRole', 'ClusterRoleBinding', 'roleRef/name'],
  ['PersistentVolume', 'PersistentVolumeClaim', 'spec/volumeName'],
  ['StorageClass', 'PersistentVolumeClaim', 'spec/storageClassName'], ['StorageClass', 'PersistentVolume', 'spec/storageClassName'],
  ['IngressClass', 'Ingress', 'spec/ingressClassName'],
];

/** Every referring field: [referred kind, referring kind, path]. */
const REFERRALS: [string, string, string][] = [
  ...Object.entries(IN_POD).flatMap(([target, paths]) => POD_SPECS.flatMap(([kind, root]) => paths.map((p): [string, string, string] => [target, kind, `${root}/${p}`]))),
  ...OTHER,
];

const namespaceOf = (o: Obj) => String(meta(o).namespace ?? '');

/**
 * kustomize's name-reference fix-up, run once the names are final: a field that names an object
 * by any name that object had (before a prefix, suffix or hash) now says its final name. Among
 * several candidates the one in the referrer's namespace wins. A roleRef also checks its kind;
 * RoleBinding subjects of kind ServiceAccount follow the account's name and namespace.
 */
export function fixReferences(resources: Res[]): void {
  const find = (kind: string, name: string, from: Obj): Res | undefined => {
    const found = resources.filter((r) => kindOf(r.obj) === kind && r.names.includes(name));
    if (found.length <= 1 || CLUSTER_KINDS.has(kind)) return found[0];
    return found.find((r) => namespaceOf(r.obj) === namespaceOf(from)) ?? found[0];
  };
  for (const referrer of resources) {
    const o = referrer.obj;
    for (const [target, kind, path] of REFERRALS) {
      if (kindOf(o) !== kind) continue;
      if (path === 'roleRef/name' && (!isObj(o.roleRef) || o.roleRef.kind !== target)) continue;
      visitPath(o, splitPath(path), false, (parent, key) => {
        if (typeof parent[key] !== 'string') return;
        const to = find(target, parent[key] as string, o);
        if (to) parent[key] = nameOf(to.obj);
      });
    }
    if ((kindOf(o) === 'RoleBinding' || kindOf(o) === 'ClusterRoleBinding') && Array.isArray(o.subjects)) {
      for (const s of o.subjects) {
        if (!isObj(s) || s.kind !== 'ServiceAccount' || typeof s.name !== 'string') continue;
        const sa = resources.find((r) => kindOf(r.obj) === 'ServiceAccount' && r.names.includes(s.name as string)
          && (s.namespace === undefined || s.namespace === namespaceOf(r.obj) || s.namespace === r.originalNamespace));
        if (!sa) continue;
        s.name = nameOf(sa.obj);
        if (namespaceOf(sa.obj)) s.namespace = namespaceOf(sa.obj);
      }
    }
  }
}
