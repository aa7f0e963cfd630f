/**
 * A floor for `npm run bench`: walks `spec/` under ROOT and stats every file, reading none. Any
 * run that must notice a changed, added or deleted file without a process watching the
 * repository does at least this much work, so a warm run cannot cost less than this script.
 * With `--list FILE` it stats the paths named in FILE (files or folders, one root-relative path
 * per line) instead of walking: what a run that kept the list from its last run would pay (with
 * the folders listed too, it also notices added and removed files, as the lint state does).
 *
 *   node bench/stat-only.mjs ROOT [--list FILE]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const root = process.argv[2] ?? '.';
const listFile = process.argv[3] === '--list' ? process.argv[4] : null;
let files = 0;
let bytes = 0;
const walk = (dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) walk(abs);
    else if (e.isFile()) {
      bytes += statSync(abs).size;
      files++;
    }
  }
};
if (listFile) {
  for (const rel of readFileSync(listFile, 'utf8').split('\n')) {
    if (!rel) continue;
    bytes += statSync(path.join(root, rel)).size;
    files++;
  }
} else walk(path.join(root, 'spec'));
process.stdout.write(`${files} files, ${bytes} bytes\n`);
