/**
 * A floor of `bench/floors.mjs`: what bench/read-only.mjs does (walk `spec/` under ROOT, read
 * every file as UTF-8), plus parsing each README.md with the product's own parser for its place
 * (a plan under `spec/plans/`, a proposal under a `proposals/` folder, else a feature), keeping
 * nothing. No loader, no model of the repository, no rule: what any lint that parses every
 * document with these parsers costs at the least. Uses the compiled modules in dist/.
 *
 *   node bench/parse-all.mjs ROOT
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/src/parse');
const { parsePlanDocument } = await import(path.join(dist, 'plan-document.js'));
const { parseFeature } = await import(path.join(dist, 'feature.js'));
const { parseProposal } = await import(path.join(dist, 'proposal.js'));

let files = 0;
let parsed = 0;
const walk = (dir, rel) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const abs = path.join(dir, e.name);
    const r = `${rel}/${e.name}`;
    if (e.isDirectory()) walk(abs, r);
    else if (e.isFile()) {
      const text = readFileSync(abs, 'utf8');
      files++;
      if (e.name !== 'README.md' || rel === 'spec/plans' || rel === 'spec/features') continue;
      if (r.startsWith('spec/plans/')) parsePlanDocument(text, r);
      else if (rel.includes('/proposals/')) parseProposal(text);
      else parseFeature(text);
      parsed++;
    }
  }
};
walk(path.join(process.argv[2] ?? '.', 'spec'), 'spec');
process.stdout.write(`${files} files, ${parsed} parsed\n`);
