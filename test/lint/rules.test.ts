import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { lintRepo, RULES } from '../../src/lint/index.js';
import { loadRepo } from '../../src/repo/load-repo.js';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/rules');

/** Rule ids that have a fixture folder: `<area>/<name>` below test/lint/fixtures/rules/. */
function fixtureIds(): string[] {
  const out: string[] = [];
  for (const area of readdirSync(FIXTURES)) {
    for (const name of readdirSync(path.join(FIXTURES, area))) if (statSync(path.join(FIXTURES, area, name)).isDirectory()) out.push(`${area}/${name}`);
  }
  return out.sort();
}

function line(d: { file: string; line: number; column: number; severity: string; rule: string }): string {
  return `${d.file}:${d.line}:${d.column} ${d.severity} ${d.rule}`;
}

describe('every rule in the preset is proven by an ok and a not-ok fixture', () => {
  test('the preset has the rules the issue asks for, with unique ids', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(20);
  });

  test('no fixture folder is left without a rule', () => {
    const ids = new Set(RULES.map((r) => r.id));
    expect(fixtureIds().filter((id) => !ids.has(id))).toEqual([]);
  });

  for (const rule of RULES) {
    describe(rule.id, () => {
      const ok = path.join(FIXTURES, rule.id, 'ok');
      const notOk = path.join(FIXTURES, rule.id, 'not-ok');

      test('has both fixtures', () => {
        expect(existsSync(path.join(ok, 'spec')), `missing ${path.relative(process.cwd(), ok)}/spec`).toBe(true);
        expect(existsSync(path.join(notOk, 'spec')), `missing ${path.relative(process.cwd(), notOk)}/spec`).toBe(true);
      });

      test('ok fixture: no finding of this rule (nor of any other)', () => {
        const result = lintRepo(loadRepo(ok));
        expect(result.diagnostics.filter((d) => d.rule === rule.id)).toEqual([]);
        expect(result.diagnostics.map((d) => `${line(d)} ${d.message}`)).toEqual([]);
      });

      test('not-ok fixture: this rule reports, at the expected places', () => {
        const result = lintRepo(loadRepo(notOk));
        const own = result.diagnostics.filter((d) => d.rule === rule.id);
        expect(own.length).toBeGreaterThan(0);
        for (const d of own) {
          expect(d.severity).toBe(rule.defaultSeverity);
          expect(d.message).toMatch(/expected/);
        }
        const expectedFile = path.join(notOk, 'expected.txt');
        expect(existsSync(expectedFile)).toBe(true);
        const want = readFileSync(expectedFile, 'utf8').split('\n').filter(Boolean);
        expect(own.map(line)).toEqual(want);
      });
    });
  }
});
