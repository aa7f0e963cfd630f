import path from 'node:path';
import { UsageError } from '../model/errors.js';
import { refusalAdvice } from './refusal.js';
import { READ_LIMITS, readInside, readRegularFile } from './safe-read.js';

/** A source document read for import. */
export interface SourceFile {
  text: string;
  /** Root-relative path with `/` when the file is inside the root, else its file name (stable output). */
  label: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Read the document to import (a path relative to the current directory, chosen by the user, so
 * it may lie outside the root). It must be a readable regular UTF-8 text file of at most 8 MB;
 * anything else (a folder, a pipe, a device, a larger file) is a usage error naming the file,
 * and a pipe or device is never waited on. A path inside the root is read only when it stays
 * there: a committed link cannot smuggle a file from elsewhere into an imported plan.
 */
export function readSourceFile(root: string, file: string, cwd = process.cwd()): SourceFile {
  const abs = path.resolve(cwd, file);
  const rel = path.relative(root, abs);
  const inside = rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
  const read = inside ? readInside(root, rel, READ_LIMITS.document) : readRegularFile(abs, READ_LIMITS.document);
  if (!read.ok) {
    const r = read.refusal;
    if (r.kind === 'missing' || r.kind === 'unreadable')
      throw new UsageError(`cannot read ${file}: ${r.message}`, 'pass the path of an existing markdown file');
    throw new UsageError(`${file}: ${r.message}`, r.kind === 'too-large' ? 'split the document' : `pass a markdown file (${refusalAdvice(r)})`);
  }
  const bytes = read.bytes;
  if (bytes.subarray(0, 8192).includes(0)) throw new UsageError(`${file} is binary (contains NUL bytes)`, 'pass a UTF-8 markdown file');
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new UsageError(`${file} is not valid UTF-8`, 'convert it to UTF-8 and import again');
  }
  return { text, label: inside ? rel.split(path.sep).join('/') : path.basename(abs) };
}
