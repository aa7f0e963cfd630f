import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { renderRulesDoc } from '../../scripts/rules-doc.mjs';
import { RULES } from '../../src/lint/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DOC = path.join(ROOT, 'docs/rules.md');

describe('docs/rules.md is generated from the rule registry', () => {
  test('the committed file is what the generator writes for the current registry', () => {
    expect(readFileSync(DOC, 'utf8'), 'docs/rules.md is out of date: run "npm run docs:rules"').toBe(renderRulesDoc(RULES));
  });

  test('every rule has its section with severity, description and fix', () => {
    const text = renderRulesDoc(RULES);
    for (const rule of RULES) {
      const section = text.slice(text.indexOf(`### \`${rule.id}\``));
      expect(section, rule.id).toContain(`Default severity: **${rule.defaultSeverity}**.`);
      expect(section, rule.id).toContain(rule.description);
      if (rule.fix) expect(section, rule.id).toContain(`**Fix:** ${rule.fix}`);
      expect(text, rule.id).toContain(`| [\`${rule.id}\`](#`);
    }
  });

  test('a rule added to the registry changes the document: a stale file is detected', () => {
    const added = { id: 'plan/new-rule', description: 'A new requirement.', defaultSeverity: 'warning', check() {} };
    const text = renderRulesDoc([...RULES, added]);
    expect(text).not.toBe(renderRulesDoc(RULES));
    expect(text).toContain('### `plan/new-rule`\n\nDefault severity: **warning**.\n\nA new requirement.\n');
  });

  test('the script reads the TypeScript registry itself and --check fails on a stale file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rules-doc-'));
    try {
      for (const part of ['scripts', 'src', 'docs']) cpSync(path.join(ROOT, part), path.join(dir, part), { recursive: true });
      symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
      const run = (...args: string[]) =>
        execFileSync(process.execPath, ['scripts/rules-doc.mjs', ...args], {
          cwd: dir,
          encoding: 'utf8',
          env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') },
        });
      writeFileSync(path.join(dir, 'docs/rules.md'), '# Lint rules\n');
      expect(() => run('--check')).toThrow(/out of date/);
      expect(run()).toBe('wrote docs/rules.md\n');
      expect(readFileSync(path.join(dir, 'docs/rules.md'), 'utf8')).toBe(readFileSync(DOC, 'utf8'));
      expect(run('--check')).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
