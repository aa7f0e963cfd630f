import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateRepo } from '../../bench/generate-repo.mjs';
import { lintRepo } from '../../src/lint/index.js';
import { loadRepo } from '../../src/repo/load-repo.js';

/** The benchmark's repository generator: deterministic, and a valid, lint-clean spec repository. */
const tmp = mkdtempSync(path.join(os.tmpdir(), 'specplan-gen-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function digest(root: string): string {
  const h = createHash('sha256');
  const walk = (rel: string): void => {
    for (const e of readdirSync(path.join(root, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(child);
      else h.update(child).update(readFileSync(path.join(root, child)));
    }
  };
  walk('');
  return h.digest('hex');
}

describe('bench/generate-repo.mjs', () => {
  it('writes the same bytes for the same options, and a lint-clean repository with the promised shape', () => {
    const a = path.join(tmp, 'a');
    const b = path.join(tmp, 'b');
    const info = generateRepo({ root: a, plans: 120, features: 25, seed: 7 });
    generateRepo({ root: b, plans: 120, features: 25, seed: 7 });
    expect(digest(a)).toBe(digest(b));
    expect(info).toMatchObject({ plans: 120, roadmaps: 8, children: 40, features: 25, proposals: 3 });
    const repo = loadRepo(a);
    expect(repo.plans.size).toBe(120);
    expect([...repo.plans.values()].filter((p) => p.parsed.plan.childPlans !== null)).toHaveLength(8);
    expect(repo.features.size).toBe(25);
    expect(repo.proposals.size).toBe(3);
    expect(repo.index!.parsed.rows).toHaveLength(120);
    const result = lintRepo(repo);
    expect(result.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });
});
