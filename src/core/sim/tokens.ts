import { decodeBase64, encodeBase64 } from '../base64.ts';
import { getObject, resolveKind } from '../kinds/registry.ts';
import type { ClusterState } from '../model/state.ts';
import { authenticatedUser, serviceAccountOf, type UserInfo } from './authz.ts';
import { nextRandom, seeded } from './rng.ts';

/**
 * Bound service-account tokens (the TokenRequest API, the only kind since 1.24): a JWT whose
 * claims name the ServiceAccount (and its uid) and expire, signed by the cluster. The API
 * server's token authenticator accepts one only while it is unexpired and its ServiceAccount
 * still exists with the same uid; otherwise the request is 401 Unauthorized.
 */

const ISSUER = 'https://kubernetes.default.svc.cluster.local';
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

const toUrl = (b64: string) => b64.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
const fromUrl = (s: string) => s.replace(/-/g, '+').replace(/_/g, '/');

/** The RS256 signature stand-in: 342 base64url characters drawn from the signed text (the cluster's key is the seed). */
function signature(signed: string): string {
  const rng = seeded(`sa-signing-key:${signed}`);
  let out = '';
  for (let i = 0; i < 342; i++) out += B64URL[Math.floor(nextRandom(rng) * 64)];
  return out;
}

interface Claims {
  aud: string[];
  exp: number;
  iat: number;
  iss: string;
  jti: string;
  'kubernetes.io': { namespace: string; serviceaccount: { name: string; uid: string } };
  nbf: number;
  sub: string;
}

/**
 * A token for ServiceAccount `namespace/name` valid for `seconds` from the cluster's clock
 * (`kubectl create token`, default 1h); undefined when the ServiceAccount does not exist.
 */
export function issueToken(state: ClusterState, namespace: string, name: string, seconds: number, audiences: readonly string[]): string | undefined {
  const sa = getObject(state, resolveKind('serviceaccounts')!, namespace, name);
  if (!sa) return undefined;
  const iat = Math.floor(state.now / 1000);
  const rng = seeded(`token:${namespace}/${name}:${state.now}`);
  const jti = [8, 4, 4, 4, 12].map((n) => Array.from({ length: n }, () => '0123456789abcdef'[Math.floor(nextRandom(rng) * 16)]).join('')).join('-');
  const claims: Claims = {
    aud: audiences.length ? [...audiences] : [ISSUER], exp: iat + seconds, iat, iss: ISSUER, jti,
    'kubernetes.io': { namespace, serviceaccount: { name, uid: sa.metadata.uid } }, nbf: iat, sub: `system:serviceaccount:${namespace}:${name}`,
  };
  const header = toUrl(encodeBase64(JSON.stringify({ alg: 'RS256', kid: toUrl(encodeBase64(`kid:${state.clusterName}`)).slice(0, 43) })));
  const signed = `${header}.${toUrl(encodeBase64(JSON.stringify(claims)))}`;
  return `${signed}.${signature(signed)}`;
}

/**
 * The user a bearer token authenticates as, or undefined (401): a token this cluster signed,
 * not expired, for a ServiceAccount that still exists with the uid it was issued for.
 */
export function authenticateToken(state: ClusterState, token: string): UserInfo | undefined {
  const [header, payload, sig, ...rest] = token.split('.');
  if (!header || !payload || !sig || rest.length || signature(`${header}.${payload}`) !== sig) return undefined;
  const text = decodeBase64(fromUrl(payload));
  let claims: Claims;
  try { claims = JSON.parse(text ?? '') as Claims; } catch { return undefined; }
  if (Math.floor(state.now / 1000) >= claims.exp) return undefined;
  const who = serviceAccountOf(claims.sub);
  const sa = who && getObject(state, resolveKind('serviceaccounts')!, who.namespace, who.name);
  if (!sa || sa.metadata.uid !== claims['kubernetes.io']?.serviceaccount?.uid) return undefined;
  return authenticatedUser(claims.sub);
}
