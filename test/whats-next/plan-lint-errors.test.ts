import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { lintRepo, RULES } from '../../src/lint/index.js';
import type { Severity } from '../../src/model/common.js';
import type { SpecRepo } from '../../src/model/repository.js';
import { loadRepo } from '../../src/repo/load-repo.js';
import { planLintErrors } from '../../src/whats-next/facts.js';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../lint/fixtures/rules');

/** Every rule fixture repository (ok and not-ok) below test/lint/fixtures/rules/. */
function fixtureRoots(): string[] {
  const out: string[] = [];
  for (const area of readdirSync(FIXTURES))
    for (const name of readdirSync(path.join(FIXTURES, area))) {
      const dir = path.join(FIXTURES, area, name);
      if (statSync(dir).isDirectory()) for (const kind of ['ok', 'not-ok']) out.push(path.join(dir, kind));
    }
  return out.sort();
}

/** The plans of `repo`, each as if its Status were in_review. */
function pastDraft(repo: SpecRepo): SpecRepo['plans'] {
  const out: SpecRepo['plans'] = new Map();
  for (const [k, e] of repo.plans) {
    const plan = { ...e.parsed.plan, header: { ...e.parsed.plan.header, status: 'in_review' } };
    out.set(k, { ...e, parsed: { ...e.parsed, plan } });
  }
  return out;
}

describe("What's Next counts each plan's lint errors with only the rules that can report in plans", () => {
  const roots = fixtureRoots();

  test('the fixtures cover the rules that report elsewhere', () => {
    const elsewhere = RULES.filter((r) => r.reportsInPlans === false).map((r) => r.id);
    expect(elsewhere.length).toBeGreaterThan(0);
    for (const id of elsewhere) expect(roots.some((r) => r.includes(`${id}/not-ok`))).toBe(true);
  });

  /** Every rule's own severity, and every rule raised to an error, and every rule lowered to a warning. */
  const settings: Array<[string, Record<string, Severity> | undefined]> = [
    ['default severities', undefined],
    ['every rule an error', Object.fromEntries(RULES.map((r) => [r.id, 'error' as const]))],
    ['every rule a warning', Object.fromEntries(RULES.map((r) => [r.id, 'warning' as const]))],
    // Findings of a review-gate rule are errors in a plan past draft.
    ['plans past draft', {}],
  ];
  for (const root of roots)
    for (const [name, rules] of settings) {
      test(`${path.relative(FIXTURES, root)}, ${name}`, () => {
        const loaded = loadRepo(root);
        const repo = rules ? { ...loaded, config: { ...loaded.config, lint: { ...loaded.config.lint, rules } } } : loaded;
        if (name === 'plans past draft') repo.plans = pastDraft(loaded);
        const all = lintRepo(repo).diagnostics;
        const planFiles = new Map([...repo.plans.values()].map((p) => [p.file, p.path]));
        // A rule declared to report outside plan documents never reports in one.
        const elsewhere = new Set(RULES.filter((r) => r.reportsInPlans === false).map((r) => r.id));
        expect(all.filter((d) => elsewhere.has(d.rule) && planFiles.has(d.file)).map((d) => `${d.file} ${d.rule}`)).toEqual([]);
        // The counts equal those of a lint with every rule.
        const want = new Map<string, number>();
        for (const d of all) {
          const plan = d.severity === 'error' ? planFiles.get(d.file) : undefined;
          if (plan) want.set(plan, (want.get(plan) ?? 0) + 1);
        }
        expect(planLintErrors(repo, [])).toEqual(want);
      });
    }
});
