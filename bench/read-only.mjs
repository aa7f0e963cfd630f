/**
 * The read-only reference of `npm run bench`: walks `spec/` under ROOT and reads every file as
 * UTF-8 text, doing nothing else. A command's cost is reported as a ratio to this script's.
 *
 *   node bench/read-only.mjs ROOT
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

let files = 0;
let chars = 0;
const walk = (dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) walk(abs);
    else if (e.isFile()) {
      chars += readFileSync(abs, 'utf8').length;
      files++;
    }
  }
};
walk(path.join(process.argv[2] ?? '.', 'spec'));
process.stdout.write(`${files} files, ${chars} characters\n`);
