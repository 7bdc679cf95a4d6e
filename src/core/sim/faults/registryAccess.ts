import { z } from 'zod';
import { imageMatches } from './missingCpuFlag.ts';
import { normalizeImageRef } from './imagePull.ts';
import type { FaultKind, PullContext, PullFailure, RegistryCredential } from './types.ts';

const time = z.string().refine((s) => !Number.isNaN(Date.parse(s)), { message: 'expected an RFC 3339 time such as 2026-03-12T18:00:00Z' });

const params = z.object({
  kind: z.literal('registry'),
  /** The repositories this rule covers (refs or prefixes ending in `*`: `harbor.example/team/*`). */
  images: z.array(z.string()).min(1),
  /** The accounts the registry's token service accepts (a robot account's current token, a person's login). */
  /** `from`/`until` (RFC 3339) bound a token's life: a robot account's rotation retires the old secret and issues a new one. */
  accounts: z.array(z.object({ username: z.string().min(1), password: z.string().min(1), from: time.optional(), until: time.optional() }).strict()).default([]),
  /** Whether a pull without credentials may read these repositories (a public project, Docker Hub). Default: only when no accounts are listed. */
  anonymous: z.boolean().optional(),
  /**
   * Anonymous pulls are over the registry's quota between these RFC 3339 times (Docker Hub: 100
   * pulls per 6 h per source IP, and every node behind one NAT address shares them): 429 Too Many
   * Requests. Authenticated pulls of a listed account have their own quota and go through.
   */
  rateLimited: z.object({ from: time, until: time }).strict().optional(),
  /** The token service's URL (default `https://<host>/service/token`, Harbor's; Docker Hub's is `https://auth.docker.io/token`) and its `service` name. */
  realm: z.string().optional(),
  service: z.string().optional(),
}).strict();
type Params = z.infer<typeof params>;

const RATE_LIMIT_MESSAGE = 'toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limit';

/** Whether the account matches one the registry accepts at `now`. */
const accepted = (rule: Params, c: RegistryCredential, now: number) => (rule.accounts ?? []).some((a) =>
  a.username === c.username && a.password === c.password && (!a.from || now >= Date.parse(a.from)) && (!a.until || now < Date.parse(a.until)));

/**
 * What a registry lets through, as data: which accounts its token service accepts, whether
 * anonymous pulls may read, and a pull-rate quota that is spent. containerd 1.7 reports a refusal
 * the way it meets it on the wire: a Bearer challenge answered without credentials ends in
 * `pull access denied, repository does not exist or may require authorization: server message:
 * insufficient_scope: authorization failed`; credentials the token service rejects, in `failed to
 * authorize: failed to fetch oauth token: unexpected status from GET request to <realm>?scope=…:
 * 401 Unauthorized`; a spent quota, in the manifest fetch's `429 Too Many Requests - Server
 * message: toomanyrequests: …`. Every pull asks again (kubelet's retries, `crictl pull`), so a new
 * pull Secret, a corrected token or a mirror takes effect at the next attempt.
 */
export const registryAccess: FaultKind<Params> = {
  kind: 'registry',
  description: 'A registry\'s rules: the accounts it accepts, whether anonymous pulls may read, and a spent pull-rate quota (401, insufficient_scope, 429).',
  params,
  stages: ['pull'],
  pull(rule, { state, ref, image, credentials }: PullContext): PullFailure | undefined {
    const { full, host, path } = normalizeImageRef(ref);
    if (!imageMatches(rule.images, ref) && !imageMatches(rule.images, full)) return undefined;
    const prefix = `failed to pull and unpack image "${full}"`;
    const resolve = `${prefix}: failed to resolve reference "${full}"`;
    const dockerHub = host === 'registry-1.docker.io';
    const realm = rule.realm ?? (dockerHub ? 'https://auth.docker.io/token' : `https://${host}/service/token`);
    const service = rule.service ?? (dockerHub ? 'registry.docker.io' : 'harbor-registry');
    const anonymous = rule.anonymous ?? (rule.accounts ?? []).length === 0;
    if (credentials.some((c) => accepted(rule, c, state.now))) return undefined;
    if (credentials.length > 0) {
      const url = `${realm}?scope=${encodeURIComponent(`repository:${path}:pull`)}&service=${encodeURIComponent(service)}`;
      return { code: 'Unknown', error: `${resolve}: failed to authorize: failed to fetch oauth token: unexpected status from GET request to ${url}: 401 Unauthorized` };
    }
    if (!anonymous) {
      const denied = 'pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed';
      return { code: 'Unknown', error: `${resolve}: ${denied}`, journal: [{ msg: 'trying next host', fields: `error="${denied}" host=${host}` }] };
    }
    if (rule.rateLimited && state.now >= Date.parse(rule.rateLimited.from) && state.now < Date.parse(rule.rateLimited.until)) {
      // The HEAD that resolves the tag is free; the GET of the manifest is what the quota counts and refuses.
      const digest = image?.digest ?? 'sha256:' + '0'.repeat(64);
      return { code: 'Unknown', error: `${prefix}: failed to copy: httpReadSeeker: failed open: unexpected status code https://${host}/v2/${path}/manifests/${digest}: 429 Too Many Requests - Server message: ${RATE_LIMIT_MESSAGE}` };
    }
    return undefined;
  },
};
