import type { Diagnostic } from '../model/common.js';

/** Larger documents are not parsed: reported instead. */
export const MAX_DOCUMENT_BYTES = 8 * 1024 * 1024;

const decoder = new TextDecoder('utf-8', { fatal: true });
const lenient = new TextDecoder('utf-8');

/**
 * Decode file bytes as UTF-8 text for parsing. Binary content (NUL bytes), invalid UTF-8 and
 * oversized files give a finding; the first is skipped, the others still parse (lenient decode).
 */
export function decodeDocument(file: string, bytes: Uint8Array, findings: Diagnostic[]): string | null {
  const at = (message: string, rule: string): void => {
    findings.push({ file, line: 1, column: 1, severity: 'error', rule, message });
  };
  if (bytes.length > MAX_DOCUMENT_BYTES) {
    at(`file is ${(bytes.length / 1048576).toFixed(1)} MB; documents over ${MAX_DOCUMENT_BYTES / 1048576} MB are not read`, 'repo/too-large');
    return null;
  }
  const probe = bytes.subarray(0, Math.min(bytes.length, 8192));
  if (probe.includes(0)) {
    at('file is binary (contains NUL bytes); expected a UTF-8 markdown document', 'repo/binary');
    return null;
  }
  try {
    return decoder.decode(bytes);
  } catch {
    const text = lenient.decode(bytes);
    const bad = text.indexOf('\uFFFD');
    const line = text.slice(0, Math.max(0, bad)).split('\n').length;
    findings.push({ file, line, column: 1, severity: 'error', rule: 'repo/encoding', message: 'file is not valid UTF-8; invalid bytes were read as U+FFFD' });
    return text;
  }
}
