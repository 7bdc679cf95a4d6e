import { decodeBase64 } from '../../../../base64.ts';
import type { CommandContext } from '../../../types.ts';
import type { KubectlVerb } from '../../verb.ts';
import { fail, generatorStart, GENERATOR_FLAGS } from './output.ts';
import { APPEND_HASH, storeSecret } from './secretStore.ts';

/** One PEM block: its type (`CERTIFICATE`, `RSA PRIVATE KEY`) and the DER bytes' first byte. */
interface PemBlock { type: string; firstByte: number | undefined }

/** encoding/pem's Decode over a whole input: the blocks whose body is valid base64, in order. */
function pemBlocks(text: string): PemBlock[] {
  const out: PemBlock[] = [];
  for (const m of text.matchAll(/-----BEGIN ([^\n-]*)-----\r?\n([\s\S]*?)-----END \1-----/g)) {
    const body = m[2].split('\n').filter((l) => !l.includes(':')).join('').replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body)) continue;
    const der = decodeBase64(body);
    out.push({ type: m[1], firstByte: der === undefined ? undefined : der.charCodeAt(0) });
  }
  return out;
}

/**
 * The checks of Go's tls.X509KeyPair that a learner's files can trip, with its texts: no PEM at
 * all, the two files swapped, other block types, a certificate or key whose DER is no ASN.1
 * SEQUENCE. Whether the key really belongs to the certificate is not checked (no crypto here).
 */
function keyPairError(cert: string, key: string): string | undefined {
  const certBlocks = pemBlocks(cert);
  const certs = certBlocks.filter((b) => b.type === 'CERTIFICATE');
  if (certs.length === 0) {
    const skipped = certBlocks.map((b) => b.type);
    if (skipped.length === 0) return 'tls: failed to find any PEM data in certificate input';
    if (skipped.length === 1 && skipped[0].endsWith('PRIVATE KEY')) return 'tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched';
    return `tls: failed to find "CERTIFICATE" PEM block in certificate input after skipping PEM blocks of the following types: [${skipped.join(' ')}]`;
  }
  const skipped: string[] = [];
  const keyBlock = pemBlocks(key).find((b) => {
    if (b.type === 'PRIVATE KEY' || b.type.endsWith(' PRIVATE KEY')) return true;
    skipped.push(b.type);
    return false;
  });
  if (!keyBlock) {
    if (skipped.length === 0) return 'tls: failed to find any PEM data in key input';
    if (skipped.length === 1 && skipped[0] === 'CERTIFICATE') return 'tls: found a certificate rather than a key in the PEM for the private key';
    return `tls: failed to find PEM block with type ending in "PRIVATE KEY" in key input after skipping PEM blocks of the following types: [${skipped.join(' ')}]`;
  }
  if (certs[0].firstByte !== 0x30) return 'x509: malformed certificate';
  if (keyBlock.firstByte !== 0x30) return 'tls: failed to parse private key';
  return undefined;
}

/** `Cannot read file PATH, open PATH: …` as the generator words an os error. */
function readPem(ctx: CommandContext, path: string): { text: string } | { error: string } {
  const r = ctx.readFile(path);
  if (r.ok) return { text: r.text };
  const why = r.error === 'EISDIR' ? `read ${path}: is a directory` : r.error === 'EACCES' ? `open ${path}: permission denied` : `open ${path}: no such file or directory`;
  return { error: `error: Cannot read file ${path}, ${why}\n` };
}

/**
 * `kubectl create secret tls NAME --cert=PATH --key=PATH [--append-hash]` (kubectl 1.33
 * create_secret_tls.go): reads both PEM files from the laptop, checks them as a key pair and
 * stores them as `tls.crt` and `tls.key` in a `kubernetes.io/tls` Secret. Prints `secret/NAME created`.
 */
export const createSecretTls: KubectlVerb = {
  name: 'tls',
  short: 'Create a TLS secret',
  long: 'Create a TLS secret from the given public/private key pair.\n\n The public/private key pair must exist beforehand. The public key certificate must be .PEM encoded and match the given private key.',
  examples: '# Create a new TLS secret named tls-secret with the given key pair\nkubectl create secret tls tls-secret --cert=path/to/tls.crt --key=path/to/tls.key',
  usage: 'kubectl create secret tls NAME --cert=path/to/cert/file --key=path/to/key/file [--dry-run=server|client|none] [options]',
  flags: [
    APPEND_HASH,
    { name: 'cert', type: 'string', help: 'Path to PEM encoded public key certificate.' },
    { name: 'key', type: 'string', help: 'Path to private key associated with given certificate.' },
    ...GENERATOR_FLAGS,
  ],
  run(inv, ctx) {
    const start = generatorStart(inv);
    if (!start.ok) return start.result;
    const certPath = String(inv.flags.values.cert ?? '');
    const keyPath = String(inv.flags.values.key ?? '');
    if (certPath === '' || keyPath === '') return fail('error: key and cert must be specified\n');
    const cert = readPem(ctx, certPath);
    if ('error' in cert) return fail(cert.error);
    const key = readPem(ctx, keyPath);
    if ('error' in key) return fail(key.error);
    const bad = keyPairError(cert.text, key.text);
    if (bad) return fail(`error: ${bad}\n`);
    return storeSecret(inv, ctx, start.opts, start.name, { 'tls.crt': cert.text, 'tls.key': key.text }, 'kubernetes.io/tls');
  },
};
