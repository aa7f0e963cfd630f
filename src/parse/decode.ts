import type { Diagnostic } from '../model/common.js';
import { LARGE_DOCUMENT_BYTES, MAX_DOCUMENT_BYTES } from '../model/limits.js';

/** The rules of the findings `decodeDocument` makes: they depend on the file's bytes alone. */
export const DECODING_RULES: ReadonlySet<string> = new Set([
  'repo/too-large',
  'repo/binary',
  'repo/encoding',
  'repo/large-document',
  'repo/bom',
  'repo/line-endings',
]);

const decoder = new TextDecoder('utf-8', { fatal: true });
const lenient = new TextDecoder('utf-8');

/**
 * Decode file bytes as UTF-8 text for parsing, reporting what is unusual about them:
 * - binary content (NUL bytes) and files over 8 MB: an error, and the file is not read;
 * - invalid UTF-8: an error; the text is read with U+FFFD for the bad bytes;
 * - over 1 MB: a warning (unless `warnLarge` is false, as for generated files such as the plans
 *   index); the text is read;
 * - a byte order mark: info; the text is returned without it;
 * - CRLF or lone CR line endings: info; the text is returned unchanged (the parsers read them
 *   like LF).
 */
export function decodeDocument(file: string, bytes: Uint8Array, findings: Diagnostic[], opts: { warnLarge?: boolean } = {}): string | null {
  const at = (severity: Diagnostic['severity'], rule: string, message: string, line = 1): void => {
    findings.push({ file, line, column: 1, severity, rule, message });
  };
  if (bytes.length > MAX_DOCUMENT_BYTES) {
    at(
      'error',
      'repo/too-large',
      `file is ${(bytes.length / 1048576).toFixed(1)} MB; documents over ${MAX_DOCUMENT_BYTES / 1048576} MB are not read — split it`,
    );
    return null;
  }
  if (bytes.indexOf(0) >= 0) {
    at('error', 'repo/binary', 'file is binary (contains NUL bytes); expected a UTF-8 markdown document');
    return null;
  }
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    text = lenient.decode(bytes);
    const bad = text.indexOf('\uFFFD');
    const line = bad < 0 ? 1 : countLines(text, bad);
    at('error', 'repo/encoding', 'file is not valid UTF-8; the invalid bytes were read as U+FFFD — save it as UTF-8', line);
  }
  if (bytes.length > LARGE_DOCUMENT_BYTES && opts.warnLarge !== false) {
    at(
      'warning',
      'repo/large-document',
      `file is ${(bytes.length / 1048576).toFixed(1)} MB; expected a document under ${LARGE_DOCUMENT_BYTES / 1048576} MB that a reviewer can read — split it`,
    );
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    at('info', 'repo/bom', 'file starts with a byte order mark; it is read without it, and plain UTF-8 is expected');
  const cr = text.indexOf('\r');
  if (cr >= 0) {
    const crlf = text.charCodeAt(cr + 1) === 10;
    at('info', 'repo/line-endings', `file uses ${crlf ? 'CRLF' : 'CR'} line endings; they are read like LF, and LF is expected`, countLines(text, cr));
  }
  return text;
}

/** 1-based line of character `index`. */
function countLines(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
