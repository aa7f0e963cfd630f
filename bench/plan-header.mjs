/**
 * Just enough of a plan document for the bench's ledger: its status and its top-level step
 * numbers (a plan's `### N. Title` headings). Independent of the built code on purpose.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Status and step numbers of the plan document at `file`. */
export function parsePlan(file) {
  const text = readFileSync(file, 'utf8');
  const status = /^\*\*Status:\*\* *(\S+)/m.exec(text)?.[1] ?? '';
  const steps = [...text.matchAll(/^### (\d+)\. /gm)].map((m) => m[1]);
  return { status, steps };
}

/** Plan paths (`slug` and `roadmap/child`) under ROOT/spec/plans, sorted. */
export function listPlans(root) {
  const base = path.join(root, 'spec/plans');
  const out = [];
  for (const e of readdirSync(base, { withFileTypes: true })) {
    if (!e.isDirectory() || !existsSync(path.join(base, e.name, 'README.md'))) continue;
    out.push(e.name);
    for (const c of readdirSync(path.join(base, e.name), { withFileTypes: true }))
      if (c.isDirectory() && existsSync(path.join(base, e.name, c.name, 'README.md'))) out.push(`${e.name}/${c.name}`);
  }
  return out.sort();
}
