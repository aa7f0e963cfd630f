import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../repo/errors.js';
import { MAX_DOCUMENT_BYTES } from '../repo/read-text.js';

/** A source document read for import. */
export interface SourceFile {
  text: string;
  /** Root-relative path with `/` when the file is inside the root, else its file name (stable output). */
  label: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Read the document to import (a path relative to the current directory). It must be a readable
 * UTF-8 text file of at most 8 MB; anything else is a usage error naming the file.
 */
export function readSourceFile(root: string, file: string, cwd = process.cwd()): SourceFile {
  const abs = path.resolve(cwd, file);
  let bytes: Buffer;
  try {
    const st = statSync(abs);
    if (!st.isFile()) throw new UsageError(`${file} is not a file`, 'pass the markdown file to import');
    if (st.size > MAX_DOCUMENT_BYTES) throw new UsageError(`${file} is ${(st.size / 1048576).toFixed(1)} MB; at most ${MAX_DOCUMENT_BYTES / 1048576} MB can be imported`, 'split the document');
    bytes = readFileSync(abs);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? 'error'})`, 'pass the path of an existing markdown file');
  }
  if (bytes.subarray(0, 8192).includes(0)) throw new UsageError(`${file} is binary (contains NUL bytes)`, 'pass a UTF-8 markdown file');
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new UsageError(`${file} is not valid UTF-8`, 'convert it to UTF-8 and import again');
  }
  const rel = path.relative(root, abs);
  const inside = rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
  return { text, label: inside ? rel.split(path.sep).join('/') : path.basename(abs) };
}
