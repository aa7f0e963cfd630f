/**
 * The temp file of an atomic write is created exclusively and never through a link. A writer
 * whose temp names can be predicted (write-file-atomic names them from a hash of its own path,
 * the pid and a call counter, and opens them with plain "w") would write through links planted
 * at those names: here links at every name such a writer would use for its first 500 writes in
 * this process, pointing out of the root.
 */
import { createHash } from 'node:crypto';
import { lstatSync, readFileSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyChanges } from '../../src/repo/write.js';
import { makeArena, type Arena } from '../support/hardening-helpers.js';

let arena: Arena | null = null;
afterEach(() => {
  arena?.cleanup();
  arena = null;
});

/** The temp names a write-file-atomic write of `file` would use in this process, for calls 1..n. */
function predictedTempNames(file: string, n: number): string[] {
  let lib = 'write-file-atomic/lib/index.js';
  try {
    lib = createRequire(import.meta.url).resolve('write-file-atomic');
  } catch {
    // not installed: the names are then only plausible ones, and must still never be followed
  }
  return Array.from(
    { length: n },
    (_, i) =>
      `${file}.${createHash('sha1')
        .update(lib)
        .update(String(process.pid))
        .update('0')
        .update(String(i + 1))
        .digest()
        .readUInt32BE(0)}`,
  );
}

describe('atomic writes and planted links', () => {
  it('a link planted at a predictable temp name is never written through', async () => {
    arena = makeArena({ git: false, symlinks: false });
    const { root, outside } = arena;
    const report = path.join(root, 'spec/plans/WHATS-NEXT.md');
    for (const tmp of new Set(predictedTempNames(report, 500))) symlinkSync(path.join(outside, 'secret.txt'), tmp);
    for (const i of [1, 2]) {
      await applyChanges(root, [{ file: 'spec/plans/WHATS-NEXT.md', content: `# What's Next ${i}\n`, before: null }]);
      expect(readFileSync(path.join(outside, 'secret.txt'), 'utf8')).toBe('do not read or write me\n');
      expect(lstatSync(report).isFile()).toBe(true);
      expect(readFileSync(report, 'utf8')).toBe(`# What's Next ${i}\n`);
    }
  });
});
