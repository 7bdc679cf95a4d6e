import { claimOf, persistentVolumeClaims, type PersistentVolumeClaim } from '../kinds/persistentvolumeclaim.ts';
import { persistentVolumes, volumeZones, type PersistentVolume } from '../kinds/persistentvolume.ts';
import { defaultStorageClass, storageClasses, type StorageClass } from '../kinds/storageclass.ts';
import type { Node, Pod } from '../model/k8s.ts';
import type { ClusterState } from '../model/state.ts';
import { rfc3339 } from '../time.ts';
import { recordEvent, type EventReport } from './events.ts';
import { hashString, hex, seeded } from './rng.ts';

/** How often the PV controller resyncs a claim that cannot bind (`--pvclaimbinder-sync-period`, 15 s). */
const RESYNC_MS = 15_000;
const ZONE = 'topology.kubernetes.io/zone';

const claimRef = (pvc: PersistentVolumeClaim) => ({ kind: 'PersistentVolumeClaim', namespace: pvc.metadata.namespace, name: pvc.metadata.name, uid: pvc.metadata.uid });

/**
 * An event the PV controller repeats at every resync while the claim stays as it is: counted once
 * per 15 s elapsed since the last one, so `describe pvc` shows `(x120 over 30m)` as on a real cluster.
 */
function resyncEvent(state: ClusterState, pvc: PersistentVolumeClaim, report: Omit<EventReport, 'object'>): void {
  const synced = (state.claimSyncedAt ??= {});
  const last = synced[pvc.metadata.uid];
  if (last === undefined) {
    synced[pvc.metadata.uid] = state.now;
    recordEvent(state, { ...report, object: claimRef(pvc) });
    return;
  }
  const periods = Math.floor((state.now - last) / RESYNC_MS);
  if (periods <= 0) return;
  synced[pvc.metadata.uid] = last + periods * RESYNC_MS;
  recordEvent(state, { ...report, object: claimRef(pvc) }, periods);
}

const classOf = (state: ClusterState, name: string | undefined): StorageClass | undefined => {
  if (!name) return undefined;
  const table = storageClasses(state);
  return Object.hasOwn(table, name) ? table[name] : undefined;
};

/** The EBS CSI controller's identity as it signs its events (`ebs.csi.aws.com_ebs-csi-controller-…_<uuid>`). */
const provisionerInstance = (state: ClusterState, driver: string) => {
  const r = seeded(`${state.clusterName}/csi-controller`);
  return `${driver}_ebs-csi-controller-${hex(r, 10)}-${hex(r, 5)}_${hex(r, 8)}-${hex(r, 4)}-${hex(r, 4)}-${hex(r, 4)}-${hex(r, 12)}`;
};

/**
 * The external provisioner creates the volume in `zone` and the PV controller binds it: a
 * `pvc-<claim uid>` PersistentVolume with a CSI source pinned to the zone, the claim Bound to it,
 * and the events `describe pvc` shows (ExternalProvisioning, Provisioning, ProvisioningSucceeded).
 */
function provision(state: ClusterState, pvc: PersistentVolumeClaim, sc: StorageClass, zone: string, node?: string): void {
  const driver = sc.provisioner === 'kubernetes.io/aws-ebs' ? 'ebs.csi.aws.com' : sc.provisioner;
  const ns = pvc.metadata.namespace ?? 'default';
  const name = `pvc-${pvc.metadata.uid}`;
  const instance = provisionerInstance(state, driver);
  recordEvent(state, { object: claimRef(pvc), type: 'Normal', reason: 'ExternalProvisioning', component: 'persistentvolume-controller',
    message: `Waiting for a volume to be created either by the external provisioner '${driver}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.` });
  recordEvent(state, { object: claimRef(pvc), type: 'Normal', reason: 'Provisioning', component: instance, message: `External provisioner is provisioning volume for claim "${ns}/${pvc.metadata.name}"` });
  const r = seeded(name);
  const pv: PersistentVolume = {
    apiVersion: 'v1', kind: 'PersistentVolume',
    metadata: {
      name, uid: `${hex(r, 8)}-${hex(r, 4)}-4${hex(r, 3)}-a${hex(r, 3)}-${hex(r, 12)}`, resourceVersion: String(1000 + (hashString(name) % 90000)), creationTimestamp: rfc3339(state.now),
      annotations: { 'pv.kubernetes.io/provisioned-by': driver, 'volume.kubernetes.io/provisioner-deletion-secret-name': '', 'volume.kubernetes.io/provisioner-deletion-secret-namespace': '' },
      finalizers: ['external-provisioner.volume.kubernetes.io/finalizer', 'kubernetes.io/pv-protection'],
    },
    spec: {
      capacity: { storage: pvc.spec.resources.requests.storage },
      accessModes: [...pvc.spec.accessModes],
      persistentVolumeReclaimPolicy: sc.reclaimPolicy ?? 'Delete',
      storageClassName: sc.metadata.name,
      volumeMode: pvc.spec.volumeMode ?? 'Filesystem',
      claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespace: ns, name: pvc.metadata.name, uid: pvc.metadata.uid },
      csi: { driver, volumeHandle: `vol-0${hex(r, 16)}`, fsType: 'ext4', volumeAttributes: { 'storage.kubernetes.io/csiProvisionerIdentity': `${Math.floor(state.now / 1000) - 86_400 * 30}${String(hashString(driver) % 1000).padStart(3, '0')}-8081-${driver}` } },
      nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: ZONE, operator: 'In', values: [zone] }] }] } },
    },
    status: { phase: 'Bound', lastPhaseTransitionTime: rfc3339(state.now) },
  };
  persistentVolumes(state)[name] = pv;
  pvc.spec.volumeName = name;
  pvc.status = { phase: 'Bound', accessModes: [...pvc.spec.accessModes], capacity: { storage: pvc.spec.resources.requests.storage } };
  pvc.metadata.annotations = {
    ...pvc.metadata.annotations,
    'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes',
    'volume.beta.kubernetes.io/storage-provisioner': driver, 'volume.kubernetes.io/storage-provisioner': driver,
    ...(node ? { 'volume.kubernetes.io/selected-node': node } : {}),
  };
  recordEvent(state, { object: claimRef(pvc), type: 'Normal', reason: 'ProvisioningSucceeded', component: instance, message: `Successfully provisioned volume ${name}` });
}

/**
 * The PV controller (kube-controller-manager 1.31) over every Pending claim: a claim without a
 * class takes the default StorageClass once one exists (retroactive assignment, GA in 1.28); with
 * no class it waits (`FailedBinding`: no persistent volumes available for this claim and no
 * storage class is set); a missing class is `ProvisioningFailed`; a WaitForFirstConsumer class
 * waits for the scheduler to pick a node (`WaitForFirstConsumer`); an Immediate class is
 * provisioned at once, in the first zone that has nodes.
 */
export function syncClaims(state: ClusterState): void {
  // Most scenarios have no claims: read without creating the table.
  if (!state.objects || !Object.hasOwn(state.objects, 'persistentvolumeclaims')) return;
  const table = persistentVolumeClaims(state);
  for (const key of Object.keys(table).sort()) {
    const pvc = table[key];
    if (pvc.status?.phase !== 'Pending' || pvc.metadata.deletionTimestamp) continue;
    if (pvc.spec.storageClassName === undefined) {
      const def = defaultStorageClass(state);
      if (def) pvc.spec.storageClassName = def.metadata.name;
    }
    const className = pvc.spec.storageClassName;
    if (!className) {
      resyncEvent(state, pvc, { type: 'Normal', reason: 'FailedBinding', component: 'persistentvolume-controller', message: 'no persistent volumes available for this claim and no storage class is set' });
      continue;
    }
    const sc = classOf(state, className);
    if (!sc) {
      resyncEvent(state, pvc, { type: 'Warning', reason: 'ProvisioningFailed', component: 'persistentvolume-controller', message: `storageclass.storage.k8s.io "${className}" not found` });
      continue;
    }
    if (sc.volumeBindingMode === 'WaitForFirstConsumer') {
      resyncEvent(state, pvc, { type: 'Normal', reason: 'WaitForFirstConsumer', component: 'persistentvolume-controller', message: 'waiting for first consumer to be created before binding' });
      continue;
    }
    const zone = Object.values(state.nodes).map((n) => n.metadata.labels?.[ZONE]).filter((z): z is string => !!z).sort()[0];
    if (zone) provision(state, pvc, sc, zone);
  }
}

/**
 * The VolumeBinding plugin's PreFilter (kube-scheduler 1.31): a claim that does not exist, or is
 * unbound with no WaitForFirstConsumer class, keeps the pod off every node.
 */
export function claimProblem(state: ClusterState, pod: Pod): string | undefined {
  for (const v of pod.spec.volumes ?? []) {
    const name = v.persistentVolumeClaim?.claimName;
    if (name === undefined) continue;
    const claim = claimOf(state, pod.metadata.namespace ?? 'default', name);
    if (!claim) return `persistentvolumeclaim "${name}" not found`;
    if (claim.status?.phase === 'Bound') continue;
    if (classOf(state, claim.spec.storageClassName)?.volumeBindingMode !== 'WaitForFirstConsumer') return 'pod has unbound immediate PersistentVolumeClaims';
  }
  return undefined;
}

/** The VolumeBinding filter: a node outside the zones of the pod's bound volumes has a volume node affinity conflict. */
export function volumeConflict(state: ClusterState, pod: Pod, node: Node): boolean {
  for (const v of pod.spec.volumes ?? []) {
    const name = v.persistentVolumeClaim?.claimName;
    const claim = name === undefined ? undefined : claimOf(state, pod.metadata.namespace ?? 'default', name);
    if (!claim?.spec.volumeName) continue;
    const pvs = persistentVolumes(state);
    const pv = Object.hasOwn(pvs, claim.spec.volumeName) ? pvs[claim.spec.volumeName] : undefined;
    const zones = pv && volumeZones(pv);
    if (zones && !zones.includes(node.metadata.labels?.[ZONE] ?? '')) return true;
  }
  return false;
}

/** The VolumeBinding plugin's PreBind: the pod's WaitForFirstConsumer claims are provisioned in the chosen node's zone. */
export function bindDelayedClaims(state: ClusterState, pod: Pod, node: Node): void {
  for (const v of pod.spec.volumes ?? []) {
    const name = v.persistentVolumeClaim?.claimName;
    if (name === undefined) continue;
    const claim = claimOf(state, pod.metadata.namespace ?? 'default', name);
    const sc = claim && classOf(state, claim.spec.storageClassName);
    if (claim && sc && claim.status.phase === 'Pending') provision(state, claim, sc, node.metadata.labels?.[ZONE] ?? '', node.metadata.name);
  }
}
