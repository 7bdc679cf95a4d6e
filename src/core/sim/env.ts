import { decodeBase64 } from '../base64.ts';
import type { Container, Pod } from '../model/k8s.ts';
import type { ClusterState } from '../model/state.ts';
import { keyOf } from '../model/state.ts';

/** Names kubelet accepts as environment variables from envFrom (C_IDENTIFIER-ish; others are skipped). */
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/**
 * Why kubelet could not build a container's environment: it then refuses to start it
 * (`CreateContainerConfigError`) with these messages, as kubelet 1.3x words them.
 */
export type EnvError =
  | { kind: 'configmap-missing'; message: string }
  | { kind: 'secret-missing'; message: string }
  | { kind: 'key-missing'; message: string };

/**
 * The environment kubelet hands a container at start, in order: `envFrom` sources (each key of the
 * ConfigMap or Secret, Secret values decoded), then `env` entries (plain values, configMapKeyRef,
 * secretKeyRef, fieldRef), later names overriding earlier ones, then the service-link variables of
 * the `kubernetes` Service. Read from the ConfigMaps and Secrets as they are *now*: a container
 * started after an edit sees the edit, a running one keeps what it started with.
 * Returns the variables as `[name, value]` pairs, or the first error that blocks the start.
 */
export function resolveEnv(state: ClusterState, pod: Pod, container: Container): { ok: true; vars: [string, string][] } | { ok: false; error: EnvError } {
  const ns = pod.metadata.namespace ?? 'default';
  const vars = new Map<string, string>();
  const cm = (name: string) => (Object.hasOwn(state.configMaps, keyOf(ns, name)) ? state.configMaps[keyOf(ns, name)] : undefined);
  const secret = (name: string) => (Object.hasOwn(state.secrets, keyOf(ns, name)) ? state.secrets[keyOf(ns, name)] : undefined);
  for (const from of container.envFrom ?? []) {
    const prefix = from.prefix ?? '';
    if (from.configMapRef) {
      const m = cm(from.configMapRef.name);
      if (!m) {
        if (from.configMapRef.optional) continue;
        return { ok: false, error: { kind: 'configmap-missing', message: `configmap "${from.configMapRef.name}" not found` } };
      }
      for (const [k, v] of Object.entries(m.data ?? {})) if (ENV_NAME.test(prefix + k)) vars.set(prefix + k, v);
    } else if (from.secretRef) {
      const s = secret(from.secretRef.name);
      if (!s) {
        if (from.secretRef.optional) continue;
        return { ok: false, error: { kind: 'secret-missing', message: `secret "${from.secretRef.name}" not found` } };
      }
      for (const [k, v] of Object.entries(s.data ?? {})) if (ENV_NAME.test(prefix + k)) vars.set(prefix + k, decodeBase64(v) ?? '');
    }
  }
  for (const e of container.env ?? []) {
    const from = e.valueFrom as undefined | {
      configMapKeyRef?: { name: string; key: string; optional?: boolean };
      secretKeyRef?: { name: string; key: string; optional?: boolean };
      fieldRef?: { fieldPath: string };
    };
    if (!from) { vars.set(e.name, e.value ?? ''); continue; }
    if (from.configMapKeyRef) {
      const r = from.configMapKeyRef;
      const m = cm(r.name);
      if (!m) { if (r.optional) continue; return { ok: false, error: { kind: 'configmap-missing', message: `configmap "${r.name}" not found` } }; }
      if (!Object.hasOwn(m.data ?? {}, r.key)) { if (r.optional) continue; return { ok: false, error: { kind: 'key-missing', message: `couldn't find key ${r.key} in ConfigMap ${ns}/${r.name}` } }; }
      vars.set(e.name, m.data![r.key]);
    } else if (from.secretKeyRef) {
      const r = from.secretKeyRef;
      const s = secret(r.name);
      if (!s) { if (r.optional) continue; return { ok: false, error: { kind: 'secret-missing', message: `secret "${r.name}" not found` } }; }
      if (!Object.hasOwn(s.data ?? {}, r.key)) { if (r.optional) continue; return { ok: false, error: { kind: 'key-missing', message: `couldn't find key ${r.key} in Secret ${ns}/${r.name}` } }; }
      vars.set(e.name, decodeBase64(s.data![r.key]) ?? '');
    } else if (from.fieldRef) {
      vars.set(e.name, fieldValue(pod, from.fieldRef.fieldPath));
    }
  }
  vars.set('KUBERNETES_SERVICE_HOST', '10.96.0.1');
  vars.set('KUBERNETES_SERVICE_PORT', '443');
  vars.set('KUBERNETES_SERVICE_PORT_HTTPS', '443');
  vars.set('KUBERNETES_PORT', 'tcp://10.96.0.1:443');
  vars.set('KUBERNETES_PORT_443_TCP', 'tcp://10.96.0.1:443');
  vars.set('KUBERNETES_PORT_443_TCP_PROTO', 'tcp');
  vars.set('KUBERNETES_PORT_443_TCP_PORT', '443');
  vars.set('KUBERNETES_PORT_443_TCP_ADDR', '10.96.0.1');
  return { ok: true, vars: [...vars] };
}

function fieldValue(pod: Pod, path: string): string {
  switch (path) {
    case 'metadata.name': return pod.metadata.name;
    case 'metadata.namespace': return pod.metadata.namespace ?? 'default';
    case 'spec.nodeName': return pod.spec.nodeName ?? '';
    case 'status.podIP': return pod.status.podIP ?? '';
    case 'status.hostIP': return pod.status.hostIP ?? '';
    case 'spec.serviceAccountName': return pod.spec.serviceAccountName ?? 'default';
    default: return '';
  }
}

/**
 * The environment of the container's main process as `/proc/<pid>/environ` holds it: the image's
 * PATH and HOSTNAME first, then kubelet's variables, then HOME; `NAME=value` entries, each ended by
 * a NUL byte. Falls back to the variables without references when the env cannot be resolved.
 */
export function processEnviron(state: ClusterState, pod: Pod, container: Container): string {
  const r = resolveEnv(state, pod, container);
  const vars = r.ok ? r.vars : [];
  const all = [['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'], ['HOSTNAME', pod.metadata.name], ...vars, ['HOME', '/root']];
  return all.map(([k, v]) => `${k}=${v}\0`).join('');
}
