import { clone } from '../clone.ts';
import type { Container, KubeObject, Pod, PodSpec, PodTemplateSpec, Probe, ReplicaSet, Toleration } from '../model/k8s.ts';
import type { ClusterState } from '../model/state.ts';
import { keyOf } from '../model/state.ts';
import { rfc3339 } from '../time.ts';
import { hex, nextSerial, podSuffix, uid } from './rng.ts';
import { objectTable } from '../kinds/common.ts';
import type { ServiceAccount } from '../kinds/serviceaccount.ts';

/** Guaranteed when every container's cpu and memory limits equal its requests; BestEffort when none are set. */
export function qosClass(spec: PodSpec): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const cs = spec.containers;
  const none = cs.every((c) => !c.resources?.limits && !c.resources?.requests);
  if (none) return 'BestEffort';
  const guaranteed = cs.every((c) => ['cpu', 'memory'].every((r) => {
    const lim = c.resources?.limits?.[r];
    const req = c.resources?.requests?.[r] ?? lim;
    return lim !== undefined && lim === req;
  }));
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/**
 * A probe as the API server stores it (SetDefaults_Probe, SetDefaults_HTTPGetAction): timeout 1 s,
 * period 10 s, success and failure thresholds 1 and 3, HTTP GET scheme `HTTP`. Leaves unset
 * `initialDelaySeconds` alone (it is omitted when 0).
 */
export function defaultProbe(p: Probe): Probe {
  return {
    ...clone(p),
    ...(p.httpGet ? { httpGet: { ...clone(p.httpGet), scheme: p.httpGet.scheme ?? 'HTTP' } } : {}),
    timeoutSeconds: p.timeoutSeconds ?? 1,
    periodSeconds: p.periodSeconds ?? 10,
    successThreshold: p.successThreshold ?? 1,
    failureThreshold: p.failureThreshold ?? 3,
  };
}

/** The container's probes with the API server's defaults filled in. */
export function defaultContainerProbes(c: Container): Container {
  const out = { ...c };
  for (const f of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const) if (c[f]) out[f] = defaultProbe(c[f]!);
  return out;
}

/**
 * Whether `tolerations` already cover the NoExecute taint `key` as the DefaultTolerationSeconds
 * admission plugin reads them: a toleration with that key or no key at all, whose effect is
 * NoExecute or unset (operator and tolerationSeconds do not matter). The plugin adds its 300 s
 * toleration only for a taint not covered.
 */
export function tolerates(tolerations: readonly Toleration[], key: string): boolean {
  return tolerations.some((t) => (!t.key || t.key === key) && (!t.effect || t.effect === 'NoExecute'));
}

/**
 * The API server's imagePullPolicy for a container that sets none (SetDefaults_Container with
 * ParseImageName): `Always` when the tag is `latest`, written or implied (no tag and no digest),
 * else `IfNotPresent`. `nginx@sha256:…` has no tag and so is IfNotPresent; `nginx:latest@sha256:…`
 * keeps its `latest` tag and is Always. A registry port (`host:5000/app`) is not a tag.
 */
export function defaultPullPolicy(image: string): 'Always' | 'IfNotPresent' {
  const [ref, digest] = image.split('@');
  const last = ref.slice(ref.lastIndexOf('/') + 1);
  const tag = last.includes(':') ? last.slice(last.indexOf(':') + 1) : digest ? '' : 'latest';
  return tag === 'latest' ? 'Always' : 'IfNotPresent';
}

/**
 * SetDefaults_PodSpec and SetDefaults_Container (core/v1) as the API server stores any pod spec,
 * a workload's template included: restartPolicy Always, a 30 s grace period, ClusterFirst DNS,
 * the default scheduler, an empty securityContext, and per container the pull policy, the
 * termination message file and policy, probe defaults and TCP on ports. What a spec sets is kept.
 */
export function defaultTemplateSpec(spec: PodSpec): PodSpec {
  const container = (c: Container): Container => ({
    imagePullPolicy: defaultPullPolicy(c.image),
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    ...defaultContainerProbes(clone(c)),
    ...(c.ports ? { ports: c.ports.map((p) => ({ ...p, protocol: p.protocol ?? 'TCP' })) } : {}),
  });
  return {
    ...clone(spec),
    ...(spec.initContainers?.length ? { initContainers: spec.initContainers.map(container) } : {}),
    containers: spec.containers.map(container),
    restartPolicy: spec.restartPolicy ?? 'Always',
    terminationGracePeriodSeconds: spec.terminationGracePeriodSeconds ?? 30,
    dnsPolicy: spec.dnsPolicy ?? 'ClusterFirst',
    schedulerName: spec.schedulerName ?? 'default-scheduler',
    securityContext: spec.securityContext ?? {},
  };
}

/**
 * The defaults the API server and admission plugins add to a pod created from a template:
 * restart policy, grace period, DNS policy, service account token volume, the not-ready and
 * unreachable tolerations (DefaultTolerationSeconds, 300 s), and the ServiceAccount plugin's
 * imagePullSecrets: a pod that lists none gets its ServiceAccount's, copied once at creation
 * (plugin/pkg/admission/serviceaccount), so a later change to the ServiceAccount reaches only new pods.
 */
export function defaultPodSpec(state: ClusterState, spec: PodSpec, namespace?: string): PodSpec {
  const saName = spec.serviceAccountName ?? 'default';
  const sa = namespace === undefined ? undefined : objectTable<ServiceAccount>('serviceaccounts')(state)[keyOf(namespace, saName)];
  const pullSecrets = spec.imagePullSecrets?.length ? spec.imagePullSecrets : sa?.imagePullSecrets?.length ? sa.imagePullSecrets.map((s) => ({ name: s.name })) : undefined;
  const tokenVolume = `kube-api-access-${podSuffix(state)}`;
  const tolerations = [...(spec.tolerations ?? [])];
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    if (!tolerates(tolerations, key)) tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
  }
  const withMount = (c: Container): Container => ({
    ...c,
    volumeMounts: [...(c.volumeMounts ?? []), { name: tokenVolume, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }],
  });
  const base = defaultTemplateSpec(spec);
  return {
    ...base,
    ...(base.initContainers?.length ? { initContainers: base.initContainers.map(withMount) } : {}),
    containers: base.containers.map(withMount),
    serviceAccountName: spec.serviceAccountName ?? 'default',
    serviceAccount: spec.serviceAccountName ?? 'default',
    enableServiceLinks: true,
    preemptionPolicy: 'PreemptLowerPriority',
    priority: spec.priority ?? 0,
    tolerations,
    ...(pullSecrets ? { imagePullSecrets: clone(pullSecrets) } : {}),
    volumes: [
      ...(spec.volumes ?? []),
      {
        name: tokenVolume,
        projected: {
          defaultMode: 420,
          sources: [
            { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
            { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
            { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
          ],
        },
      },
    ],
  };
}

/** A new Pending pod for a ReplicaSet, named `<rs>-<5 chars>` as generateName does. */
export function podForReplicaSet(state: ClusterState, rs: ReplicaSet): Pod {
  return podFromTemplate(state, rs, rs.spec.template);
}

/**
 * A new Pending pod from a controller's pod template (ReplicaSet, Job): named `<owner>-<5 chars>`
 * as generateName does (`generateName` overrides the prefix: an Indexed Job's `<job>-<index>-`), the template's labels and annotations, the API server's defaults, and an
 * ownerReference to `owner` as its controller.
 */
export function podFromTemplate(state: ClusterState, owner: KubeObject, template: PodTemplateSpec, finalizers?: string[], generateName = `${owner.metadata.name}-`): Pod {
  const ns = owner.metadata.namespace;
  let name = `${generateName}${podSuffix(state)}`;
  while (Object.hasOwn(state.pods, keyOf(ns, name))) name = `${generateName}${podSuffix(state)}`;
  const spec = defaultPodSpec(state, template.spec, ns);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      generateName,
      namespace: ns,
      uid: uid(state),
      resourceVersion: nextSerial(state),
      creationTimestamp: rfc3339(state.now),
      labels: { ...(template.metadata?.labels ?? {}) },
      ...(template.metadata?.annotations ? { annotations: { ...template.metadata.annotations } } : {}),
      ...(finalizers ? { finalizers: [...finalizers] } : {}),
      ownerReferences: [{ apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid, controller: true, blockOwnerDeletion: true }],
    },
    spec,
    status: { phase: 'Pending', qosClass: qosClass(spec) },
  };
}

/** A bare pod from a manifest (scenario history: static or DaemonSet-owned pods). */
export function podFromManifest(state: ClusterState, pod: Pod): Pod {
  // Static pods come from a file kubelet reads: no API defaulting, no service account token.
  const spec = pod.metadata.annotations?.['kubernetes.io/config.source'] === 'file' ? clone(pod.spec) : defaultPodSpec(state, pod.spec, pod.metadata.namespace);
  return {
    ...clone(pod),
    metadata: { ...clone(pod.metadata), uid: pod.metadata.uid || uid(state), resourceVersion: nextSerial(state), creationTimestamp: rfc3339(state.now) },
    spec,
    status: { phase: 'Pending', qosClass: qosClass(spec) },
  };
}

export const containerId = (state: ClusterState) => hex(state, 64);
