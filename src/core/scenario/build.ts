import { defaultKubeconfig, KUBECONFIG_PATH } from '../kubeconfig.ts';
import { printYaml } from '../printers/yaml.ts';
import { clone } from '../clone.ts';
import type { Container, Deployment, EnvFromSource, KubeObject, Pod, PodDisruptionBudget } from '../model/k8s.ts';
import { planDrain } from '../sim/drain.ts';
import { encodeBase64 } from '../base64.ts';
import { laptopHost } from '../model/laptop.ts';
import type { ClusterState, ImageBehaviour } from '../model/state.ts';
import { keyOf } from '../model/state.ts';
import type { Action } from '../sim/actions.ts';
import { quantityNumber, milliCpu } from '../model/quantity.ts';
import { applyActionsInPlace, freezeState } from '../sim/reduce.ts';
import { hashString, seeded, uid } from '../sim/rng.ts';
import { parseDuration, rfc3339 } from '../time.ts';
import { buildHost, buildNode } from './hosts.ts';
import type { ClusterSpec } from './schema.ts';
import type { Scenario } from './types.ts';
import type { StatefulSet } from '../kinds/statefulset.ts';
import type { RoundStartStep } from './schema.ts';
import { addClusterDefaults } from './defaults.ts';
import { manifestSteps, namespaceObjectSteps } from './objects.ts';
import { objectTable } from '../kinds/common.ts';
import type { ServiceAccount } from '../kinds/serviceaccount.ts';
import type { DaemonSet } from '../kinds/daemonset.ts';
import { addDisks, blockDevicePatch, buildEtcd, controlPlaneFiles, controlPlaneImages, controlPlanePods } from './controlPlane.ts';

type Workload = ClusterSpec['workloads'][number];

type EnvSpec = NonNullable<Workload['env']>;
type EnvFromSpec = NonNullable<Workload['envFrom']>;

/** Scenario env entries as a container's `env`: plain values, or `valueFrom` key references. */
function envOf(env: EnvSpec): NonNullable<Container['env']> {
  return Object.entries(env).map(([name, v]) => {
    if (typeof v === 'string') return { name, value: v };
    if ('secret' in v) return { name, valueFrom: { secretKeyRef: { name: v.secret, key: v.key } } };
    return { name, valueFrom: { configMapKeyRef: { name: v.configMap, key: v.key } } };
  });
}
const envFromOf = (list: EnvFromSpec): EnvFromSource[] => list.map((e) => ('configMap' in e ? { configMapRef: { name: e.configMap } } : { secretRef: { name: e.secret } }));

/** A scenario probe as the API server stores it (HTTP GET, defaults filled in). */
const probe = (p: NonNullable<Workload['liveness']>) => ({ httpGet: { path: p.path, port: p.port, scheme: 'HTTP' }, initialDelaySeconds: p.initialDelaySeconds, timeoutSeconds: 1, periodSeconds: p.periodSeconds ?? 10, successThreshold: 1, failureThreshold: p.failureThreshold ?? 3 });

/** The pod template a scenario workload (Deployment or StatefulSet) stands for. */
function templateOf(w: Workload | ClusterSpec['statefulSets'][number]): Deployment['spec']['template'] {
  const container = {
    name: w.name,
    image: w.image,
    ...(w.args ? { args: [...w.args] } : {}),
    ports: w.ports.map((p) => ({ containerPort: p, protocol: 'TCP' })),
    ...(w.envFrom ? { envFrom: envFromOf(w.envFrom) } : {}),
    ...(w.env ? { env: envOf(w.env) } : {}),
    resources: { ...(w.limits ? { limits: { ...w.limits } } : {}), ...(w.requests ? { requests: { ...w.requests } } : {}) },
    ...(w.liveness ? { livenessProbe: probe(w.liveness) } : {}),
    ...(w.readiness ? { readinessProbe: probe(w.readiness) } : {}),
    ...(w.startup ? { startupProbe: probe(w.startup) } : {}),
    ...(w.preStop ? { lifecycle: { preStop: 'sleep' in w.preStop ? { sleep: { seconds: w.preStop.sleep } } : { exec: { command: [...w.preStop.exec] } } } } : {}),
    ...(w.imagePullPolicy ? { imagePullPolicy: w.imagePullPolicy } : {}),
    ...(w.volumes ? { volumeMounts: w.volumes.map((v) => ({ name: v.name, mountPath: v.mountPath })) } : {}),
  };
  return {
    metadata: { labels: { app: w.name } },
    spec: {
      containers: [container, ...(w.sidecars ?? []).map((c) => ({
        name: c.name, image: c.image, ports: (c.ports ?? []).map((p) => ({ containerPort: p, protocol: 'TCP' })),
        resources: { ...(c.limits ? { limits: { ...c.limits } } : {}), ...(c.requests ? { requests: { ...c.requests } } : {}) },
      }))],
      ...(w.initContainers ? { initContainers: w.initContainers.map((c) => ({
        name: c.name, image: c.image, ...(c.args ? { args: [...c.args] } : {}), ...(c.restartPolicy ? { restartPolicy: c.restartPolicy } : {}),
        resources: { ...(c.limits ? { limits: { ...c.limits } } : {}), ...(c.requests ? { requests: { ...c.requests } } : {}) },
      })) } : {}),
      ...(w.nodeSelector ? { nodeSelector: { ...w.nodeSelector } } : {}),
      ...(w.serviceAccountName ? { serviceAccountName: w.serviceAccountName } : {}),
      ...(w.imagePullSecrets ? { imagePullSecrets: w.imagePullSecrets.map((name) => ({ name })) } : {}),
      ...(w.nodeAffinity ? { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: w.nodeAffinity.map((e) => ({ ...e, ...(e.values ? { values: [...e.values] } : {}) })) }] } } } } : {}),
      ...(w.tolerations ? { tolerations: w.tolerations.map((t) => ({ ...t })) } : {}),
      ...(w.volumes ? { volumes: w.volumes.map((v) => ({ name: v.name, persistentVolumeClaim: { claimName: v.claim } })) } : {}),
      ...(w.terminationGracePeriodSeconds !== undefined ? { terminationGracePeriodSeconds: w.terminationGracePeriodSeconds } : {}),
    },
  };
}

function deploymentOf(w: Workload, createdAt: number): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: w.name, namespace: w.namespace, uid: '', generation: 1, creationTimestamp: rfc3339(createdAt),
      labels: { app: w.name },
      annotations: { 'deployment.kubernetes.io/revision': '1', ...(w.changeCause ? { 'kubernetes.io/change-cause': w.changeCause } : {}) },
      ...(w.finalizers?.length ? { finalizers: [...w.finalizers] } : {}),
    },
    spec: {
      replicas: w.replicas,
      selector: { matchLabels: { app: w.name } },
      template: templateOf(w),
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: w.maxSurge ?? '25%', maxUnavailable: w.maxUnavailable ?? '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: w.progressDeadlineSeconds ?? 600,
    },
    status: {},
  };
}

function statefulSetOf(w: ClusterSpec['statefulSets'][number], createdAt: number): StatefulSet {
  return {
    apiVersion: 'apps/v1', kind: 'StatefulSet',
    metadata: { name: w.name, namespace: w.namespace, uid: '', generation: 1, creationTimestamp: rfc3339(createdAt), labels: { app: w.name } },
    spec: {
      replicas: w.replicas, selector: { matchLabels: { app: w.name } }, serviceName: w.serviceName, template: templateOf(w),
      podManagementPolicy: 'OrderedReady', updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } }, revisionHistoryLimit: 10,
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
    },
    status: { replicas: 0, availableReplicas: 0 },
  };
}

function budgetOf(p: ClusterSpec['pdbs'][number], createdAt: number): PodDisruptionBudget {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: p.name, namespace: p.namespace, uid: '', generation: 1, creationTimestamp: rfc3339(createdAt), ...(p.labels ? { labels: { ...p.labels } } : {}) },
    spec: {
      ...(p.minAvailable !== undefined ? { minAvailable: p.minAvailable } : {}),
      ...(p.maxUnavailable !== undefined ? { maxUnavailable: p.maxUnavailable } : {}),
      selector: { matchLabels: { ...p.matchLabels } },
      ...(p.unhealthyPodEvictionPolicy ? { unhealthyPodEvictionPolicy: p.unhealthyPodEvictionPolicy } : {}),
    },
    status: { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 },
  };
}

/**
 * Builds the world the learner walks into: the cluster as it stood at the first history step, then
 * every later step (a node joining, a scale-up, a new image) applied at its time with the clock
 * advanced in between, so restart counts, events, journals and ages are the product of the same
 * simulation the learner then drives. Deterministic: the same file gives the same state.
 */
export function buildState(scenario: Scenario): ClusterState {
  const spec = scenario.cluster;
  const now = Date.parse(spec.now);
  const at = (ago: string) => now - parseDuration(ago)!;
  const t0 = at(spec.history[0].ago);
  const lateNodes = new Set(spec.history.flatMap((h) => (h.do === 'addNode' ? [h.node] : [])));
  const lateWorkloads = new Set(spec.history.flatMap((h) => (h.do === 'deploy' ? [h.workload] : [])));
  const images: Record<string, ImageBehaviour> = {};
  for (const i of spec.images) {
    images[i.ref] = {
      ref: i.ref, digest: i.digest, sizeBytes: quantityNumber(i.size), binary: i.binary, shell: i.shell,
      cpuMillicores: milliCpu(i.cpu), memoryMi: Math.round(quantityNumber(i.memory) / 2 ** 20),
      startupLogs: i.logs.map((l) => ({ afterMs: parseDuration(l.after)!, stream: l.stream ?? 'stdout', text: l.text })),
      ...(i.platforms ? { platforms: i.platforms } : {}),
      ...(i.exit ? { exit: { afterMs: parseDuration(i.exit.after)!, code: i.exit.code } } : {}),
    };
  }
  const cp = spec.controlPlane;
  const cpNodes = spec.nodes.filter((n) => (n.roles ?? []).includes('control-plane'));
  if (cp) {
    for (const i of controlPlaneImages(spec.serverVersion, cp.etcd.version)) if (!Object.hasOwn(images, i.ref)) images[i.ref] = i;
  }
  const state: ClusterState = {
    now: t0, rng: hashString(scenario.variant ? `${scenario.meta.id}#${scenario.variant}` : scenario.meta.id), serverVersion: spec.serverVersion, serial: 1000, clusterName: spec.name,
    namespaces: {}, nodes: {}, pods: {}, deployments: {}, replicaSets: {}, pdbs: {}, events: {},
    hosts: { laptop: laptopHost(now) }, images, faults: clone(scenario.faults), kubelet: {}, terminating: {}, objects: {},
    configMaps: {}, secrets: {}, services: {},
  };
  // The control plane came up with the oldest node (or at the first history step, if earlier).
  const clusterCreated = rfc3339(Math.min(t0, now - parseDuration(spec.nodes[0].age)!));
  for (const ns of spec.namespaces) {
    state.namespaces[ns] = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, uid: uid(seeded(`namespace/${ns}`)), creationTimestamp: clusterCreated, labels: { 'kubernetes.io/metadata.name': ns } }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } };
  }
  addConfigObjects(state, spec, now);
  addClusterDefaults(state, spec, clusterCreated);
  const addNode = (name: string): Action[] => {
    const index = spec.nodes.findIndex((n) => n.name === name);
    const n = spec.nodes[index];
    const created = now - parseDuration(n.age)!;
    const node = buildNode(spec, n, index, created);
    const host = buildHost(spec, n, created);
    addDisks(host, spec.nodeDefaults.rootDisk.device, n.disks ?? []);
    if (n.taints) node.spec.taints = n.taints.map((t) => ({ ...t }));
    const actions: Action[] = [];
    if (cp && (n.roles ?? []).includes('control-plane')) {
      node.spec.taints = [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }];
      const pods = controlPlanePods(n, node.metadata.uid, cpNodes, spec.serverVersion, cp.etcd.version, cp.endpoint);
      Object.assign(host.files, controlPlaneFiles(n, pods));
      actions.push({ type: 'cluster/addNode', node, host }, ...pods.map((p): Action => ({ type: 'object/create', object: p })));
    } else {
      actions.push({ type: 'cluster/addNode', node, host });
    }
    return actions;
  };
  const steps: { at: number; actions: () => Action[] }[] = spec.history.map((h) => ({
    at: at(h.ago),
    actions: (): Action[] => {
      switch (h.do) {
        case 'start':
          if (cp) state.etcd = buildEtcd(cp, cpNodes, (node) => cpNodes.find((n) => n.name === node)!.disks!.find((d) => d.mount === '/var/lib/etcd')!.name, state.now);
          return [
            ...spec.nodes.filter((n) => !lateNodes.has(n.name)).flatMap((n) => addNode(n.name)),
            ...spec.workloads.filter((w) => !lateWorkloads.has(w.name)).map((w): Action => ({ type: 'object/create', object: withUid(deploymentOf(w, state.now), state) })),
            ...spec.statefulSets.map((w): Action => ({ type: 'object/create', object: withUid(statefulSetOf(w, state.now), state) })),
            ...spec.pdbs.map((p): Action => ({ type: 'object/create', object: withUid(budgetOf(p, state.now), state) })),
          ];
        case 'cordon':
          return [{ type: 'node/setUnschedulable', node: h.node, unschedulable: true }];
        case 'deleteNamespace':
          return [{ type: 'object/delete', kind: 'Namespace', name: h.namespace }];
        case 'drain': {
          // An upgrade pipeline's drain: cordon, then one eviction per pod; budgets refuse what they refuse.
          const plan = planDrain(state, h.node, { ignoreDaemonSets: true, deleteEmptyDirData: true, force: false });
          return [
            { type: 'node/setUnschedulable', node: h.node, unschedulable: true },
            ...plan.pods.map((p): Action => ({ type: 'pod/evict', namespace: p.metadata.namespace ?? 'default', name: p.metadata.name })),
          ];
        }
        case 'addNode':
          return addNode(h.node);
        case 'deploy': {
          const w = spec.workloads.find((x) => x.name === h.workload)!;
          return [{ type: 'object/create', object: withUid(deploymentOf(w, state.now), state) }];
        }
        case 'setConfig': {
          const w = spec.workloads.find((x) => x.name === h.workload)!;
          const d = clone(state.deployments[keyOf(w.namespace, w.name)]);
          const c = d.spec.template.spec.containers[0];
          if (h.envFrom) c.envFrom = envFromOf(h.envFrom);
          if (h.env) c.env = envOf(h.env);
          if (h.changeCause) d.metadata.annotations = { ...d.metadata.annotations, 'kubernetes.io/change-cause': h.changeCause };
          // A new template object: the pod-template-hash cache is keyed by identity.
          d.spec.template = clone(d.spec.template);
          return [{ type: 'object/replace', kind: 'Deployment', namespace: w.namespace, name: w.name, object: d }];
        }
        case 'setProbes': {
          const w = spec.workloads.find((x) => x.name === h.workload)!;
          const d = clone(state.deployments[keyOf(w.namespace, w.name)]);
          const c = d.spec.template.spec.containers[0];
          for (const [field, p] of [['livenessProbe', h.liveness], ['readinessProbe', h.readiness], ['startupProbe', h.startup]] as const) {
            if (p === null) delete c[field];
            else if (p !== undefined) c[field] = probe(p);
          }
          if (h.changeCause) d.metadata.annotations = { ...d.metadata.annotations, 'kubernetes.io/change-cause': h.changeCause };
          d.spec.template = clone(d.spec.template);
          return [{ type: 'object/replace', kind: 'Deployment', namespace: w.namespace, name: w.name, object: d }];
        }
        case 'setArgs': {
          const w = spec.workloads.find((x) => x.name === h.workload)!;
          const d = clone(state.deployments[keyOf(w.namespace, w.name)]);
          const c = d.spec.template.spec.containers[0];
          if (h.args === null) delete c.args;
          else c.args = [...h.args];
          if (h.changeCause) d.metadata.annotations = { ...d.metadata.annotations, 'kubernetes.io/change-cause': h.changeCause };
          d.spec.template = clone(d.spec.template);
          return [{ type: 'object/replace', kind: 'Deployment', namespace: w.namespace, name: w.name, object: d }];
        }
        case 'setDaemonSet': {
          const ds = spec.daemonSets.find((x) => x.name === h.daemonSet)!;
          const obj = clone(objectTable<DaemonSet>('daemonsets')(state)[keyOf(ds.namespace, ds.name)]);
          const c = obj.spec.template.spec.containers[0];
          if (h.image) c.image = h.image;
          if (h.limits) c.resources = { ...c.resources, limits: { ...c.resources?.limits, ...h.limits } };
          if (h.requests) c.resources = { ...c.resources, requests: { ...c.resources?.requests, ...h.requests } };
          const generation = (obj.metadata.generation ?? 1) + 1;
          obj.metadata.annotations = { ...obj.metadata.annotations, 'deprecated.daemonset.template.generation': String(generation), ...(h.changeCause ? { 'kubernetes.io/change-cause': h.changeCause } : {}) };
          obj.spec.template = clone(obj.spec.template);
          return [{ type: 'object/replace', kind: 'DaemonSet', namespace: ds.namespace, name: ds.name, object: obj }];
        }
        case 'hostMemoryHog':
          return [{ type: 'node/hostMemoryHog', node: h.node, comm: h.comm, unit: h.unit, rssBytes: quantityNumber(h.rss), oomScoreAdj: h.oomScoreAdj }];
        case 'memoryRecovered':
          return [{ type: 'node/memoryRecovered', node: h.node }];
        case 'editFile':
          return [{ type: 'host/writeFile', host: h.node, path: h.path, text: h.write ?? h.append ?? '', ...(h.append !== undefined ? { append: true } : {}) }];
        case 'systemctl':
          return [{ type: 'host/systemctl', host: h.node, verb: h.verb, unit: h.unit.includes('.') ? h.unit : `${h.unit}.service` }];
        case 'setDisk':
          return [{ type: 'host/setBlockDevice', host: h.node, device: h.device, patch: blockDevicePatch(h.set) }];
        case 'scale':
        case 'setResources':
        case 'setImage': {
          const w = spec.workloads.find((x) => x.name === h.workload)!;
          const d = clone(state.deployments[keyOf(w.namespace, w.name)]);
          if (h.do === 'scale') d.spec.replicas = h.replicas;
          else if (h.do === 'setResources') {
            const c = d.spec.template.spec.containers[0];
            c.resources = { ...(c.resources ?? {}), ...(h.limits ? { limits: { ...c.resources?.limits, ...h.limits } } : {}), ...(h.requests ? { requests: { ...c.resources?.requests, ...h.requests } } : {}) };
            if (h.limits === null) delete c.resources.limits;
            if (h.requests === null) delete c.resources.requests;
          } else d.spec.template.spec.containers[0].image = h.image;
          if (h.do !== 'scale' && h.changeCause) d.metadata.annotations = { ...d.metadata.annotations, 'kubernetes.io/change-cause': h.changeCause };
          return [{ type: 'object/replace', kind: 'Deployment', namespace: w.namespace, name: w.name, object: d }];
        }
      }
    },
  }));
  // Quotas, limit ranges and storage exist from their age (before the workloads of the same moment, as
  // a namespace's policy is applied before its apps); a stable sort keeps the rest in file order.
  steps.unshift(...namespaceObjectSteps(spec, now, t0));
  steps.push(...manifestSteps(spec, now, t0));
  steps.sort((a, b) => a.at - b.at);
  // The warm-up runs on a private, mutable state (fast), frozen once built.
  for (const step of steps) {
    if (step.at > state.now) applyActionsInPlace(state, [{ type: 'clock/advance', to: step.at }]);
    applyActionsInPlace(state, step.actions());
  }
  applyActionsInPlace(state, [{ type: 'clock/advance', to: now }]);
  // The learner's kubeconfig, as the cluster's installer handed it out (kubectl config reads and edits it).
  state.hosts.laptop.files[KUBECONFIG_PATH] = printYaml(defaultKubeconfig(state));
  return freezeState(state);
}

/**
 * ConfigMaps, Secrets (values base64-encoded, as stored) and Services exist from their `age`
 * ago; they have no behaviour of their own, so they are placed directly rather than replayed.
 */
function addConfigObjects(state: ClusterState, spec: ClusterSpec, now: number): void {
  const meta = (kind: string, o: { name: string; namespace: string }, age?: string) => ({
    name: o.name, namespace: o.namespace, uid: uid(seeded(`${kind}/${o.namespace}/${o.name}`)), resourceVersion: String(1000 + (hashString(`${kind}/${o.name}`) % 90000)),
    creationTimestamp: rfc3339(now - parseDuration(age ?? spec.history[0].ago)!),
  });
  for (const c of spec.configMaps) {
    state.configMaps[keyOf(c.namespace, c.name)] = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { ...meta('ConfigMap', c, c.age), ...(c.finalizers?.length ? { finalizers: [...c.finalizers] } : {}) }, data: { ...c.data } };
  }
  for (const s of spec.secrets) {
    const data = Object.fromEntries(Object.entries(s.data).map(([k, v]) => [k, encodeBase64(v)]));
    state.secrets[keyOf(s.namespace, s.name)] = { apiVersion: 'v1', kind: 'Secret', metadata: meta('Secret', s, s.age), type: s.type, data };
  }
  for (const a of spec.serviceAccounts) {
    objectTable<ServiceAccount>('serviceaccounts')(state)[keyOf(a.namespace, a.name)] = {
      apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('ServiceAccount', a, a.age),
      ...(a.imagePullSecrets ? { imagePullSecrets: a.imagePullSecrets.map((name) => ({ name })) } : {}),
    };
  }
  for (const v of spec.services) {
    // CoreDNS's Service carries the addon labels every installer gives it (`kubectl cluster-info` lists it by them).
    const dns = v.namespace === 'kube-system' && v.name === 'kube-dns';
    const metadata = { ...meta('Service', v), ...(dns ? { labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' } } : {}) };
    state.services[keyOf(v.namespace, v.name)] = {
      apiVersion: 'v1', kind: 'Service', metadata,
      spec: {
        type: 'ClusterIP', clusterIP: v.clusterIP, clusterIPs: [v.clusterIP], ...(v.selector ? { selector: { ...v.selector } } : {}),
        ports: v.ports.map((p) => (typeof p === 'number' ? { port: p, targetPort: p, protocol: 'TCP' } : { name: p.name, port: p.port, targetPort: p.targetPort ?? p.port, protocol: 'TCP' })),
        sessionAffinity: 'None', ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', internalTrafficPolicy: 'Cluster',
      },
      status: { loadBalancer: {} },
    };
  }
}

function withUid<T extends { metadata: { uid: string; name: string; namespace?: string } }>(o: T, state: ClusterState): T {
  o.metadata.uid = uid(seeded(`${state.clusterName}/${o.metadata.namespace}/${o.metadata.name}`));
  return o;
}

/** The actions that begin a round (its `onStart` steps), dispatched by the session in order. */
export function roundStartActions(steps: readonly RoundStartStep[] | undefined): Action[] {
  return (steps ?? []).flatMap((st): Action | Action[] => {
    switch (st.do) {
      case 'apply':
        return st.manifests.map((m): Action => ({ type: 'object/apply', object: clone(m) as unknown as KubeObject }));
      case 'eventsStorm':
        return { type: 'etcd/eventsStorm', source: st.source, bytes: quantityNumber(st.bytes), bytesPerMinute: quantityNumber(st.perMinute), reason: st.reason, message: st.message };
      case 'systemctl':
        return { type: 'host/systemctl', host: st.node, verb: st.verb, unit: st.unit.includes('.') ? st.unit : `${st.unit}.service` };
    }
  });
}
