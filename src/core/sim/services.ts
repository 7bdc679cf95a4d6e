import { parse as parseYaml, YAMLParseError } from 'yaml';
import { readHostFile } from '../host/files.ts';
import type { Host, SystemdUnit } from '../model/host.ts';
import type { ClusterState } from '../model/state.ts';
import { rfc3339, SECOND } from '../time.ts';
import { markReady } from './etcd/controlPlane.ts';
import { goQuote, kubeletLog, resyncPod, updatePodConditions } from './kubelet.ts';
import { killPod } from './pods.ts';
import { peekValues } from './peek.ts';

/**
 * systemd on a node, for the two daemons Kubernetes lives on: `systemctl start|stop|restart`,
 * kubelet's start-up checks (its config file, the CRI socket) and `Restart=always` bringing a
 * failed kubelet back every RestartSec, with systemd's and kubelet's journal lines as Ubuntu
 * 22.04's systemd 249 and kubelet 1.31 write them. A kubelet that is not running is the `node`
 * stage's verdict (faults/builtin.ts nodeServices): the node goes NotReady after the grace period
 * (sim/nodeLifecycle.ts); when kubelet runs again it posts Ready, renews its Lease and resyncs
 * the node's pods (kubeletBack).
 */

export const KUBELET_UNIT = 'kubelet.service';
export const CONTAINERD_UNIT = 'containerd.service';
/** kubelet.service's `Restart=always` with `RestartSec=10` (kubeadm's and the EKS AMIs' units). */
const RESTART_SEC = 10;
const CRI_SOCKET = '/run/containerd/containerd.sock';
/** How long a kubelet that fails at start-up runs before it exits (it reads its config first). */
const FAIL_MS = 60;

/** What `systemctl` may ask of a unit. */
export type UnitVerb = 'start' | 'stop' | 'restart';

/** A line systemd (pid 1) writes about `unit`; `journalctl -u` shows it with the unit's own lines. */
function systemdLog(host: Host, at: number, unit: SystemdUnit, message: string, priority = 6): void {
  host.journal.push({ at, ident: 'systemd', unit: unit.name, pid: 1, priority, message });
}

/** kubelet's `--config` file, as its unit starts it. */
function configPath(host: Host): string {
  return /--config[= ](\S+)/.exec(host.units[KUBELET_UNIT]?.execStart ?? '')?.[1] ?? '/var/lib/kubelet/config.yaml';
}

/**
 * The checks of kubelet's KubeletConfiguration validation that a hand edit most often trips
 * (pkg/kubelet/apis/config/validation), worded as kubelet 1.31 words them.
 */
function validateKubeletConfig(cfg: Record<string, unknown>): string[] {
  const errs: string[] = [];
  const enforce = Array.isArray(cfg.enforceNodeAllocatable) ? cfg.enforceNodeAllocatable.map(String) : [];
  for (const key of enforce) {
    if (key === 'system-reserved' && !cfg.systemReservedCgroup) errs.push('invalid configuration: systemReservedCgroup (--system-reserved-cgroup) must be specified when "system-reserved" contained in enforceNodeAllocatable (--enforce-node-allocatable)');
    else if (key === 'kube-reserved' && !cfg.kubeReservedCgroup) errs.push('invalid configuration: kubeReservedCgroup (--kube-reserved-cgroup) must be specified when "kube-reserved" contained in enforceNodeAllocatable (--enforce-node-allocatable)');
    else if (!['pods', 'system-reserved', 'kube-reserved', 'none'].includes(key)) errs.push(`invalid configuration: option "${key}" specified for enforceNodeAllocatable (--enforce-node-allocatable). Valid options are "pods", "system-reserved", "kube-reserved", or "none"`);
  }
  if (typeof cfg.maxPods === 'number' && cfg.maxPods < 0) errs.push(`invalid configuration: maxPods (--max-pods) ${cfg.maxPods} must not be a negative number`);
  return errs;
}

/**
 * Why kubelet would exit right after starting on `host` now, as the error its `"command failed"`
 * line carries, or undefined when it would come up: the config file missing or not YAML, a
 * configuration its validation refuses, or the CRI socket gone because containerd is not running.
 */
export function kubeletStartError(state: ClusterState, host: Host): string | undefined {
  const path = configPath(host);
  const load = `failed to load kubelet config file, path: ${path}, error: failed to load Kubelet config file ${path}, error `;
  const file = readHostFile(state, host, path);
  if (!file.ok) return `${load}failed to read kubelet config file "${path}", error: open ${path}: ${file.error === 'EISDIR' ? 'is a directory' : 'no such file or directory'}`;
  const invalid = configError(file.text, load);
  if (invalid) return invalid;
  const cri = criUnavailable(host);
  return cri ? `failed to run Kubelet: ${cri}` : undefined;
}

/**
 * Why kubelet refuses this config file's text (`load` prefixes the decode errors), or undefined
 * when it is valid. Remembered per text: a kubelet that fails at every start (Restart=always,
 * every 10 s) reads the same file thousands of times while the clock skips hours.
 */
function configError(text: string, load: string): string | undefined {
  const key = `${load}\u0000${text}`;
  if (configErrors.has(key)) return configErrors.get(key);
  let error: string | undefined;
  let cfg: unknown;
  try {
    cfg = parseYaml(text);
  } catch (e) {
    const line = e instanceof YAMLParseError ? e.linePos?.[0].line ?? 1 : 1;
    error = `${load}failed to decode: error converting YAML to JSON: yaml: line ${line}: did not find expected key`;
  }
  if (!error && (!cfg || typeof cfg !== 'object' || Array.isArray(cfg))) error = `${load}failed to decode: couldn't get version/kind; json parse error: json: cannot unmarshal string into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }`;
  if (!error) {
    const errs = validateKubeletConfig(cfg as Record<string, unknown>);
    if (errs.length) error = `failed to validate kubelet configuration, error: ${errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`}, path: &TypeMeta{Kind:,APIVersion:,}`;
  }
  if (configErrors.size >= 64) configErrors.clear();
  configErrors.set(key, error);
  return error;
}
const configErrors = new Map<string, string | undefined>();

/**
 * What a CRI client (kubelet at start, crictl) gets from containerd's socket while
 * containerd.service is not running, or undefined when it answers.
 */
export function criUnavailable(host: Host): string | undefined {
  if ((host.units[CONTAINERD_UNIT]?.mainPid ?? 1) > 0) return undefined;
  return `validate service connection: validate CRI v1 runtime API for endpoint "unix://${CRI_SOCKET}": rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial unix ${CRI_SOCKET}: connect: no such file or directory"`;
}

/** The unit's main process stops on SIGTERM (`systemctl stop`): inactive (dead), status 0. */
function stopUnit(host: Host, unit: SystemdUnit, at: number): void {
  const what = unit.description;
  systemdLog(host, at, unit, `Stopping ${what}...`);
  systemdLog(host, at, unit, `${unit.name}: Deactivated successfully.`);
  systemdLog(host, at, unit, `Stopped ${what}.`);
  unit.lastExit = { pid: unit.mainPid, status: 0, at, cpuMs: unit.cpuMs };
  unit.downSince = at;
  unit.mainPid = 0;
  delete unit.autoRestart;
}

/**
 * systemd starts the unit's main process at `at`. kubelet runs its start-up checks: on an error
 * it logs `"command failed" err=…` and exits 1, and systemd schedules the next start RestartSec
 * later (`activating (auto-restart)`); otherwise it comes up (kubeletBack). containerd always
 * starts; a running kubelet's relists work again.
 */
function startUnit(state: ClusterState, host: Host, unit: SystemdUnit, at: number, manual: boolean): void {
  const pid = host.nextPid++;
  systemdLog(host, at, unit, `Started ${unit.description}.`);
  const error = unit.name === KUBELET_UNIT ? kubeletStartError(state, host) : undefined;
  if (error) {
    unit.mainPid = pid; // kubeletLog stamps the pid of the unit's main process
    kubeletLog(host, at, 'E', 'run.go:74', `"command failed" err="${goQuote(error)}"`);
    systemdLog(host, at, unit, `${unit.name}: Main process exited, code=exited, status=1/FAILURE`, 5);
    systemdLog(host, at, unit, `${unit.name}: Failed with result 'exit-code'.`, 4);
    unit.mainPid = 0;
    unit.lastExit = { pid, status: 1, at, cpuMs: FAIL_MS + (pid % 40) };
    unit.downSince ??= at;
    unit.autoRestart = { restartSec: RESTART_SEC, count: manual ? 0 : unit.autoRestart?.count ?? 0 };
    return;
  }
  unit.mainPid = pid;
  unit.activeSince = at;
  unit.cpuMs = 0;
  delete unit.lastExit;
  delete unit.downSince;
  delete unit.autoRestart;
  if (unit.name === CONTAINERD_UNIT) {
    host.journal.push({ at, ident: 'containerd', unit: unit.name, pid, priority: 6, message: `time="${rfc3339(at)}" level=info msg="containerd successfully booted in 0.058213s"` });
    if ((host.units[KUBELET_UNIT]?.mainPid ?? 0) > 0) kubeletBack(state, host, at, false);
    return;
  }
  if (unit.name === KUBELET_UNIT) kubeletBack(state, host, at, true);
}

/**
 * kubelet is up (again) on `host`: its start-up lines, then, for a node the controller had
 * marked NotReady, Ready posted again (the Lease renews with the heartbeats), the taints lifted,
 * and the node's pods synced: those marked for deletion while it was away are killed and
 * confirmed, the others report their containers' readiness again.
 */
function kubeletBack(state: ClusterState, host: Host, at: number, started: boolean): void {
  const node = Object.hasOwn(state.nodes, host.name) ? state.nodes[host.name] : undefined;
  if (started) {
    kubeletLog(host, at + 40, 'I', 'server.go:486', `"Kubelet version" kubeletVersion="${node?.status.nodeInfo?.kubeletVersion ?? 'v1.31.4'}"`);
    kubeletLog(host, at + 700, 'I', 'kuberuntime_manager.go:262', `"Container runtime initialized" containerRuntime="containerd" version="1.7.24" apiVersion="v1"`);
    if (node) {
      kubeletLog(host, at + 1300, 'I', 'kubelet_node_status.go:75', `"Attempting to register node" node="${host.name}"`);
      kubeletLog(host, at + 1320, 'I', 'kubelet_node_status.go:111', `"Node was previously registered" node="${host.name}"`);
      kubeletLog(host, at + 1330, 'I', 'kubelet_node_status.go:78', `"Successfully registered node" node="${host.name}"`);
    }
  }
  if (!node) return;
  if (node.status.conditions.find((c) => c.type === 'Ready')?.status !== 'True') markReady(state, node, at);
  if (state.heartbeats) state.heartbeats[host.name] = { renewedAt: at, failures: 0 };
  for (const pod of Object.values(state.pods)) {
    if (pod.spec.nodeName !== host.name) continue;
    if (pod.metadata.deletionTimestamp) killPod(state, pod, pod.metadata.deletionGracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30);
    else {
      updatePodConditions(state, pod);
      resyncPod(pod);
    }
  }
}

/**
 * `systemctl start|stop|restart UNIT` on `hostName` at `state.now` (the learner's, or a history
 * step's). `start` leaves a running unit alone; `restart` stops it first; both start a unit
 * waiting in auto-restart at once (its restart counter starts over).
 */
export function controlUnit(state: ClusterState, hostName: string, verb: UnitVerb, unitName: string): void {
  const host = Object.hasOwn(state.hosts, hostName) ? state.hosts[hostName] : undefined;
  const unit = host && Object.hasOwn(host.units, unitName) ? host.units[unitName] : undefined;
  if (!host || !unit) return;
  if (verb === 'start' && unit.mainPid > 0) return;
  if (unit.mainPid > 0) stopUnit(host, unit, state.now);
  if (verb === 'stop') {
    if (unit.autoRestart) systemdLog(host, state.now, unit, `Stopped ${unit.description}.`);
    delete unit.autoRestart;
    return;
  }
  startUnit(state, host, unit, state.now, true);
}

/** When systemd next starts a unit waiting in auto-restart, or Infinity. */
export function servicesNextDue(state: ClusterState): number {
  let next = Infinity;
  // Asked at every step of the clock: read the hosts as stored, without drafting them.
  for (const host of peekValues(state.hosts)) {
    for (const unit of Object.values(host.units)) {
      if (unit.autoRestart && unit.lastExit) next = Math.min(next, unit.lastExit.at + unit.autoRestart.restartSec * SECOND);
    }
  }
  return next;
}

/**
 * Starts every unit whose auto-restart is due at `state.now` (`Scheduled restart job, restart
 * counter is at N.`). Returns true when a kubelet came up (the controllers react to its pods).
 */
export function servicesStep(state: ClusterState): boolean {
  let up = false;
  // Read as stored first (this runs at every step of the clock); only a host with a unit due is drafted.
  for (const seen of peekValues(state.hosts)) {
    if (!Object.values(seen.units).some((u) => u.autoRestart && u.lastExit && u.lastExit.at + u.autoRestart.restartSec * SECOND <= state.now)) continue;
    const host = state.hosts[seen.name];
    for (const unit of Object.values(host.units)) {
      if (!unit.autoRestart || !unit.lastExit) continue;
      const due = unit.lastExit.at + unit.autoRestart.restartSec * SECOND;
      if (due > state.now) continue;
      unit.autoRestart.count += 1;
      systemdLog(host, due, unit, `${unit.name}: Scheduled restart job, restart counter is at ${unit.autoRestart.count}.`);
      systemdLog(host, due, unit, `Stopped ${unit.description}.`);
      startUnit(state, host, unit, due, false);
      if (unit.mainPid > 0) up = true;
    }
  }
  return up;
}

/** Whether any node's kubelet or containerd is not running (the `node` stage has a verdict to give). */
export function anyServiceDown(state: ClusterState): boolean {
  for (const host of Object.values(state.hosts)) {
    if (host.kind !== 'node') continue;
    if ((host.units[KUBELET_UNIT]?.mainPid ?? 1) <= 0 || (host.units[CONTAINERD_UNIT]?.mainPid ?? 1) <= 0) return true;
  }
  return false;
}
