import type { RuntimeContainer } from '../../../model/host.ts';

/** RFC 3339 with nanoseconds as Go's time.RFC3339Nano prints it in UTC (`…T10:27:21.123Z`; zero → 1970). */
function rfc3339Nano(ms: number | undefined): string {
  if (ms === undefined) return '1970-01-01T00:00:00Z';
  return new Date(ms).toISOString().replace(/\.000Z$/, 'Z').replace(/(\.\d*?)0*Z$/, '$1Z');
}

/**
 * `crictl inspect ID` for a containerd runtime: the CRI ContainerStatus (`status`) plus
 * containerd's verbose `info` (a realistic subset: sandboxID, pid, runtime, snapshotter, the
 * OCI spec's `linux.cgroupsPath` in the systemd driver's `slice:prefix:id` form),
 * pretty-printed with two-space indentation as crictl does.
 */
export function inspectContainer(c: RuntimeContainer, cgroupsPath?: string): string {
  const logPath = `/var/log/pods/${c.namespace}_${c.podName}_${c.podUid}/${c.name}/${c.attempt}.log`;
  const labels = {
    'io.kubernetes.container.name': c.name,
    'io.kubernetes.pod.name': c.podName,
    'io.kubernetes.pod.namespace': c.namespace,
    'io.kubernetes.pod.uid': c.podUid,
  };
  const running = c.state === 'CONTAINER_RUNNING';
  const body = {
    status: {
      id: c.id,
      metadata: { attempt: c.attempt, name: c.name },
      state: c.state,
      createdAt: rfc3339Nano(c.createdAt),
      startedAt: rfc3339Nano(c.startedAt),
      finishedAt: rfc3339Nano(c.finishedAt),
      exitCode: c.exitCode ?? 0,
      image: { annotations: {}, image: c.image, runtimeHandler: '', userSpecifiedImage: '' },
      imageRef: c.imageId,
      reason: c.reason ?? '',
      message: '',
      labels,
      annotations: {
        'io.kubernetes.container.restartCount': String(c.attempt),
        'io.kubernetes.container.terminationMessagePath': '/dev/termination-log',
        'io.kubernetes.container.terminationMessagePolicy': 'File',
        'io.kubernetes.pod.terminationGracePeriod': '30',
      },
      mounts: [],
      logPath,
      resources: null,
    },
    info: {
      sandboxID: c.sandboxId,
      pid: running ? c.pid : 0,
      removing: false,
      snapshotKey: c.id,
      snapshotter: 'overlayfs',
      runtimeType: 'io.containerd.runc.v2',
      runtimeOptions: { systemd_cgroup: true },
      config: {
        metadata: { name: c.name, attempt: c.attempt },
        image: { image: c.imageId },
        labels,
        log_path: `${c.name}/${c.attempt}.log`,
        linux: { resources: {}, security_context: { namespace_options: { pid: 1 } } },
      },
      runtimeSpec: { ociVersion: '1.1.0', hostname: c.podName.slice(0, 63), process: { user: { uid: 0, gid: 0 }, cwd: '/' }, ...(cgroupsPath ? { linux: { cgroupsPath } } : {}) },
    },
  };
  return JSON.stringify(body, null, 2) + '\n';
}
