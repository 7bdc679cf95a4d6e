/**
 * Standard base64 (RFC 4648, with padding) over UTF-8 text, as Secrets store `data` values.
 * Written out because the core compiles without the DOM's `atob`/`btoa` and without Node's Buffer.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** UTF-8 text → base64: `encodeBase64('hunter2')` = `aHVudGVyMg==`. */
export function encodeBase64(text: string): string {
  const bytes = utf8(text);
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += ALPHABET[(n >> 18) & 63] + ALPHABET[(n >> 12) & 63];
    out += i + 1 < bytes.length ? ALPHABET[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? ALPHABET[n & 63] : '=';
  }
  return out;
}

/** base64 → UTF-8 text; undefined when the input is not valid base64 (the API server rejects such data). */
export function decodeBase64(b64: string): string | undefined {
  const clean = b64.replace(/=+$/, '');
  if (!/^[A-Za-z0-9+/]*$/.test(clean) || clean.length % 4 === 1) return undefined;
  const bytes: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const ch of clean) {
    acc = (acc << 6) | ALPHABET.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((acc >> bits) & 255);
    }
  }
  try {
    return decodeURIComponent(bytes.map((b) => `%${b.toString(16).padStart(2, '0')}`).join(''));
  } catch {
    return String.fromCharCode(...bytes); // not UTF-8: show the bytes as Latin-1
  }
}

/** Byte length of base64 data once decoded (what `kubectl describe secret` prints as `N bytes`). */
export function decodedLength(b64: string): number {
  const clean = b64.replace(/=+$/, '');
  return Math.floor((clean.length * 6) / 8);
}

/** UTF-8 bytes of a string (percent-encoding does the work; the core has no TextEncoder). */
function utf8(text: string): number[] {
  const out: number[] = [];
  for (const part of encodeURIComponent(text).split(/(%[0-9A-F]{2})/)) {
    if (part.startsWith('%')) out.push(parseInt(part.slice(1), 16));
    else for (const ch of part) out.push(ch.charCodeAt(0));
  }
  return out;
}
