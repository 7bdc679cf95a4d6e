import { z } from 'zod';
import { keyOf } from '../../model/state.ts';
import { imageMatches } from './missingCpuFlag.ts';
import type { FaultKind, PullContext, PullFailure } from './types.ts';

const params = z.object({
  kind: z.literal('image-pull'),
  /** Image references (exact, or a prefix ending in `*`, e.g. `registry.internal:5000/*` for a whole registry) whose pull fails. */
  images: z.array(z.string()).min(1),
  /**
   * `not-found`: the tag does not exist. `auth`: the registry wants credentials; the pull fails
   * (`no basic auth credentials` when the pod sends none, `401 Unauthorized` when it sends others)
   * until the pod's imagePullSecrets name one of `acceptSecrets` that exists in its namespace.
   * `rate-limit`: the registry answers 429. `platform`: the image has no manifest for the node's
   * architecture.
   */
  cause: z.enum(['not-found', 'auth', 'rate-limit', 'platform']),
  /** With `cause: auth`: the pull Secrets the registry accepts. */
  acceptSecrets: z.array(z.string()).optional(),
  /** Only on these nodes (a registry one subnet cannot reach, an arm64 pool); default every node. */
  nodes: z.array(z.string()).optional(),
}).strict().refine((r) => r.cause !== 'auth' || (r.acceptSecrets?.length ?? 0) > 0, 'with `cause: auth`, list the Secrets that cure it under `acceptSecrets`');
type Params = z.infer<typeof params>;

/**
 * A reference as containerd resolves it (docker/reference ParseNormalizedNamed): Docker Hub's
 * default host and `library/` namespace for short names, `:latest` when there is no tag; plus the
 * registry host it talks to and the repository path and tag for the manifest URL.
 */
export function normalizeImageRef(ref: string): { full: string; host: string; path: string; tag: string } {
  const slash = ref.indexOf('/');
  const first = slash < 0 ? '' : ref.slice(0, slash);
  const hasHost = first !== '' && (first.includes('.') || first.includes(':') || first === 'localhost');
  const domain = hasHost ? first : 'docker.io';
  let rest = hasHost ? ref.slice(slash + 1) : ref;
  if (!hasHost && !rest.includes('/')) rest = `library/${rest}`;
  const at = rest.indexOf('@');
  const colon = rest.lastIndexOf(':');
  const [path, tag] = at >= 0 ? [rest.slice(0, at), rest.slice(at + 1)] : colon >= 0 ? [rest.slice(0, colon), rest.slice(colon + 1)] : [rest, 'latest'];
  const full = `${domain}/${path}${at >= 0 ? '@' : ':'}${tag}`;
  return { full, host: domain === 'docker.io' ? 'registry-1.docker.io' : domain, path, tag };
}

/**
 * An image pull the registry refuses, with containerd 1.7's errors as kubelet relays them:
 * `rpc error: code = NotFound desc = failed to pull and unpack image "…": failed to resolve
 * reference "…": …: not found` for a missing tag, `pull access denied … no basic auth credentials`
 * or `401 Unauthorized` without the right pull Secret, `429 Too Many Requests` from a rate-limited
 * registry, `no match for platform in manifest` for an image built for another architecture.
 * kubelet reports ErrImagePull, then ImagePullBackOff between retries (10 s doubling to 5 min).
 */
export const imagePull: FaultKind<Params> = {
  kind: 'image-pull',
  description: 'Pulls of these images fail (tag not found, registry credentials, rate limit, wrong platform): ErrImagePull, then ImagePullBackOff.',
  params,
  stages: ['pull'],
  pull(rule, { state, pod, ref, host, credentials }: PullContext): PullFailure | undefined {
    if (!imageMatches(rule.images, ref)) return undefined;
    if (rule.nodes && !rule.nodes.includes(host.name)) return undefined;
    const { full, host: registry, path, tag } = normalizeImageRef(ref);
    const prefix = `failed to pull and unpack image "${full}"`;
    const resolve = `${prefix}: failed to resolve reference "${full}"`;
    const manifest = `https://${registry}/v2/${path}/manifests/${tag}`;
    switch (rule.cause) {
      case 'not-found':
        return { code: 'NotFound', error: `${resolve}: ${full}: not found`, journal: [{ msg: 'trying next host - response was http.StatusNotFound', fields: `host=${registry}` }] };
      case 'platform':
        return { code: 'NotFound', error: `${prefix}: no match for platform in manifest: not found` };
      case 'rate-limit':
        return { code: 'Unknown', error: `${resolve}: unexpected status from HEAD request to ${manifest}: 429 Too Many Requests` };
      case 'auth': {
        // By Secret name (a pod's imagePullSecrets that exist); `crictl pull --creds` names none, so it is refused.
        const ns = pod?.metadata.namespace ?? 'default';
        const sent = (pod?.spec.imagePullSecrets ?? []).filter((s) => Object.hasOwn(state.secrets, keyOf(ns, s.name)));
        if (sent.some((s) => rule.acceptSecrets!.includes(s.name))) return undefined;
        if (sent.length > 0 || credentials.length > 0) return { code: 'Unknown', error: `${resolve}: unexpected status from HEAD request to ${manifest}: 401 Unauthorized` };
        const denied = 'pull access denied, repository does not exist or may require authorization: authorization failed: no basic auth credentials';
        return { code: 'Unknown', error: `${resolve}: ${denied}`, journal: [{ msg: 'trying next host', fields: `error="${denied}" host=${registry}` }] };
      }
    }
  },
};
