/**
 * A floor for `npm run bench`: walks `spec/` under ROOT and stats every file, reading none. Any
 * run that must notice a changed, added or deleted file without a process watching the
 * repository does at least this much work, so a warm run cannot cost less than this script.
 *
 *   node bench/stat-only.mjs ROOT
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

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
walk(path.join(process.argv[2] ?? '.', 'spec'));
process.stdout.write(`${files} files, ${bytes} bytes\n`);
