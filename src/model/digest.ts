import crypto from 'node:crypto';

/**
 * The hex digest of `data` (a text as UTF-8): one call where Node has `crypto.hash` (20.12 and
 * later), the same digest through a hash object otherwise.
 */
export const hexDigest: (algorithm: 'sha1' | 'sha256', data: string | Uint8Array) => string =
  typeof crypto.hash === 'function'
    ? (algorithm, data) => crypto.hash(algorithm, data, 'hex')
    : (algorithm, data) => crypto.createHash(algorithm).update(data).digest('hex');

/** Short hex digest (SHA-256) of text, line endings normalized so a CRLF checkout hashes the same. */
export function digest(text: string, length = 16): string {
  return hexDigest('sha256', text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text).slice(0, length);
}
