import { createHash } from 'node:crypto';

/** Short hex digest (SHA-256) of text, line endings normalized so a CRLF checkout hashes the same. */
export function digest(text: string, length = 16): string {
  return createHash('sha256')
    .update(text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text)
    .digest('hex')
    .slice(0, length);
}
