import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Secret } from '../../../../model/k8s.ts';
import { keyOf } from '../../../../model/state.ts';
import { encodeBase64 } from '../../../../base64.ts';
import type { FlagSpec } from '../../../flags.ts';
import type { KubectlInvocation } from '../../verb.ts';
import type { CommandContext, CommandResult } from '../../../types.ts';
import { fail, invalidSubdomain, printCreated, requestMeta, type PrintOptions } from './output.ts';
import { serverObject } from './server.ts';

/** `--append-hash`, which every `create secret` sub-command has. */
export const APPEND_HASH: FlagSpec = { name: 'append-hash', type: 'bool', help: 'Append a hash of the secret to its name.' };

const sortedKeys = (o: Record<string, string>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/**
 * kubectl's hash.SecretHash: sha256 over the compact JSON of {data, kind, name, type} (keys
 * sorted, data base64), its first 10 hex digits with 0/1/3/a/e swapped for g/h/k/m/t so the
 * suffix never reads as a number or a word.
 */
function secretHash(name: string, type: string, data: Record<string, string>): string {
  const json = JSON.stringify({ data, kind: 'Secret', name, type });
  const swap: Record<string, string> = { 0: 'g', 1: 'h', 3: 'k', a: 'm', e: 't' };
  return [...bytesToHex(sha256(utf8ToBytes(json))).slice(0, 10)].map((c) => swap[c] ?? c).join('');
}

/**
 * Sends the Secret (values base64-encoded in `data`, as kubectl does) and prints the result:
 * the request itself under `--dry-run=client`, the API server's refusal as
 * `error: failed to create secret <reason>`, else `secret/NAME created` (or the object with `-o`).
 * With `--append-hash` the name gets the hash of the secret as a suffix (`t-68ddbc9tfb`).
 */
export function storeSecret(inv: KubectlInvocation, ctx: CommandContext, opts: PrintOptions, name: string, plain: Record<string, string>, type: string): CommandResult {
  const data = Object.fromEntries(Object.entries(plain).map(([k, v]) => [k, encodeBase64(v)]));
  if (inv.flags.values['append-hash'] === true) name = `${name}-${secretHash(name, type, sortedKeys(data))}`;
  const request = { kind: 'Secret', apiVersion: 'v1', metadata: requestMeta(inv, name, true), ...(Object.keys(data).length ? { data } : {}), ...(type ? { type } : {}) };
  if (opts.dryRun === 'client') return printCreated(opts, `secret/${name}`, request);
  const ns = inv.namespace;
  const refused = !Object.hasOwn(ctx.state.namespaces, ns) ? `namespaces "${ns}" not found`
    : invalidSubdomain('Secret', name)
    ?? (Object.hasOwn(ctx.state.secrets, keyOf(ns, name)) ? `secrets "${name}" already exists` : undefined);
  if (refused) return fail(`error: failed to create secret ${refused}\n`);
  const secret: Secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: ns, uid: '', creationTimestamp: '' }, type, ...(Object.keys(data).length ? { data } : {}) };
  if (opts.dryRun === 'server') return printCreated(opts, `secret/${name}`, serverObject(ctx.state, secret));
  ctx.dispatch({ type: 'object/create', object: secret });
  return printCreated(opts, `secret/${name}`, ctx.state.secrets[keyOf(ns, name)]);
}

