import type { ClusterState } from '../model/state.ts';

/**
 * Deterministic randomness: mulberry32 over `state.rng`. Every generated name, id and pid in the
 * simulation draws from here, so a scenario replayed with the same inputs prints the same ids.
 * Functions take a draft (mutable inside a reducer) and advance its PRNG state.
 */
export function nextRandom(state: { rng: number }): number {
  let t = (state.rng = (state.rng + 0x6d2b79f5) | 0);
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

function pick(state: { rng: number }, alphabet: string, length: number): string {
  // Drawn on a local copy: `state` is usually an immer draft, where every read and write of
  // `rng` goes through a proxy (a 64-character container id made 128 trips).
  const local = { rng: state.rng };
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(nextRandom(local) * alphabet.length)];
  state.rng = local.rng;
  return out;
}

/** The alphabet Kubernetes uses for generated name suffixes (apimachinery rand.String): no vowels, no 0/1/3. */
const SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/**
 * A throw-away PRNG state seeded from a string, for ids that must be stable per object whatever
 * else happened (a node's machine id, a DaemonSet pod's name) without drawing from `state.rng`.
 */
export const seeded = (seed: string): { rng: number } => ({ rng: hashString(seed) });

/** A 5-character pod name suffix, as a ReplicaSet's generateName gets: `x2x9k`. */
export const podSuffix = (state: { rng: number }) => pick(state, SUFFIX_ALPHABET, 5);

/** A pod-template-hash as the Deployment controller writes it (9–10 safe characters): `6c8d7f9b4`. */
export const templateHash = (state: { rng: number }) => pick(state, SUFFIX_ALPHABET, 10).slice(0, 9 + Math.floor(nextRandom(state) * 2));

/** A lower-case hex string (container ids are 64 long, crictl shows 13). */
export const hex = (state: { rng: number }, length: number) => pick(state, '0123456789abcdef', length);

/** An RFC 4122 version-4-looking uid: `94d72ba5-ca35-471c-be48-599067582881`. */
export function uid(state: { rng: number }): string {
  const h = hex(state, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[parseInt(h[16], 16) % 4]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Next resourceVersion / serial number. */
export function nextSerial(state: ClusterState): string {
  state.serial += 1;
  return String(state.serial);
}

/** A stable 32-bit hash of a string (FNV-1a), for per-object wobble that must not consume the PRNG. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
