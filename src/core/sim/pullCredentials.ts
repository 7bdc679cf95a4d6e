import { decodeBase64 } from '../base64.ts';
import type { Pod } from '../model/k8s.ts';
import { keyOf, type ClusterState } from '../model/state.ts';
import { normalizeImageRef } from './faults/imagePull.ts';
import type { RegistryCredential } from './faults/types.ts';

/** What kubelet's keyring found for one pull: the credentials to try, in order, and the pull Secrets it could not read. */
export interface PullKeyring {
  credentials: RegistryCredential[];
  /** imagePullSecrets entries naming a Secret that does not exist (kubelet's FailedToRetrieveImagePullSecret). */
  missing: string[];
}

/** The host (with port) and path a keyring key names: `https://harbor.example/v2/` → `harbor.example`, ``. */
function keyParts(key: string): { host: string; path: string } {
  const bare = key.replace(/^[a-z]+:\/\//, '');
  const slash = bare.indexOf('/');
  const host = slash < 0 ? bare : bare.slice(0, slash);
  const path = slash < 0 ? '' : bare.slice(slash + 1).replace(/\/+$/, '');
  // Docker Hub's legacy keys all mean docker.io (credentialprovider treats index.docker.io as the default registry).
  const canonical = ['index.docker.io', 'registry-1.docker.io', 'docker.io'].includes(host) ? 'docker.io' : host;
  return { host: canonical, path: path === 'v1' || path === 'v2' ? '' : path };
}

/** Glob match of one host part, as credentialprovider's URLsMatch does (`*.example.com`). */
const partMatches = (glob: string, part: string) => new RegExp(`^${glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^.]*')}$`).test(part);

/** Whether a keyring key applies to the image (host parts glob-match, port equal, key path a prefix of the repository). */
function keyMatches(key: string, imageHost: string, repoPath: string): boolean {
  const k = keyParts(key);
  const [kh, kp = ''] = k.host.split(':');
  const [ih, ip = ''] = imageHost.split(':');
  const kParts = kh.split('.');
  const iParts = ih.split('.');
  if (kParts.length !== iParts.length || kp !== ip || !kParts.every((g, i) => partMatches(g, iParts[i]))) return false;
  return k.path === '' || repoPath === k.path || repoPath.startsWith(`${k.path}/`);
}

/** One docker config entry's account: `auth` (base64 `user:password`) wins over `username`/`password`, as kubelet decodes it. */
function entryCredential(entry: unknown): { username: string; password: string } | undefined {
  if (!entry || typeof entry !== 'object') return undefined;
  const e = entry as Record<string, unknown>;
  if (typeof e.auth === 'string' && e.auth !== '') {
    const plain = decodeBase64(e.auth);
    const colon = plain?.indexOf(':') ?? -1;
    if (plain === undefined || colon < 0) return undefined;
    return { username: plain.slice(0, colon), password: plain.slice(colon + 1) };
  }
  if (typeof e.username === 'string' && typeof e.password === 'string') return { username: e.username, password: e.password };
  return undefined;
}

/** A pull Secret's registry entries: `kubernetes.io/dockerconfigjson` (`.dockerconfigjson`, under `auths`) or `kubernetes.io/dockercfg` (`.dockercfg`). Other types are ignored, as kubelet ignores them. */
function secretEntries(type: string, data: Record<string, string>): Record<string, unknown> {
  // kubelet reads the Secrets at every pull (a back-off retries every few seconds): decoded once per content.
  const field = type === 'kubernetes.io/dockerconfigjson' ? '.dockerconfigjson' : type === 'kubernetes.io/dockercfg' ? '.dockercfg' : undefined;
  if (field === undefined || !Object.hasOwn(data, field)) return {};
  const key = `${type}\u0000${data[field]}`;
  let entries = decoded.get(key);
  if (!entries) {
    if (decoded.size > 1000) decoded.clear();
    decoded.set(key, (entries = Object.freeze(decodeEntries(type, data))));
  }
  return entries;
}
/** secretEntries' answers by type and encoded content. */
const decoded = new Map<string, Record<string, unknown>>();

function decodeEntries(type: string, data: Record<string, string>): Record<string, unknown> {
  const read = (key: string) => {
    const text = Object.hasOwn(data, key) ? decodeBase64(data[key]) : undefined;
    try { return text ? JSON.parse(text) as unknown : undefined; } catch { return undefined; }
  };
  if (type === 'kubernetes.io/dockerconfigjson') {
    const cfg = read('.dockerconfigjson') as { auths?: unknown } | undefined;
    return cfg && typeof cfg.auths === 'object' && cfg.auths ? cfg.auths as Record<string, unknown> : {};
  }
  if (type === 'kubernetes.io/dockercfg') {
    const cfg = read('.dockercfg');
    return cfg && typeof cfg === 'object' ? cfg as Record<string, unknown> : {};
  }
  return {};
}

/**
 * kubelet's keyring for one image (pkg/credentialprovider/secrets MakeDockerKeyring, 1.31): the
 * pod's imagePullSecrets, read from the API at every pull, each entry whose key matches the
 * image's registry giving one credential to try, in Secret order. Node-level docker configs play
 * no part here (the scenario's nodes have none), so a pod without matching Secrets pulls anonymously.
 */
export function pullKeyring(state: ClusterState, pod: Pod, ref: string): PullKeyring {
  const ns = pod.metadata.namespace ?? 'default';
  const { host, path } = normalizeImageRef(ref);
  const imageHost = host === 'registry-1.docker.io' ? 'docker.io' : host;
  const out: PullKeyring = { credentials: [], missing: [] };
  for (const ref of pod.spec.imagePullSecrets ?? []) {
    const secret = Object.hasOwn(state.secrets, keyOf(ns, ref.name)) ? state.secrets[keyOf(ns, ref.name)] : undefined;
    if (!secret) { out.missing.push(ref.name); continue; }
    for (const [key, entry] of Object.entries(secretEntries(secret.type, secret.data ?? {}))) {
      const cred = keyMatches(key, imageHost, path) ? entryCredential(entry) : undefined;
      if (cred) out.credentials.push({ ...cred, secret: ref.name });
    }
  }
  return out;
}
