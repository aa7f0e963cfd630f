import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { runCli } from '../support/cli.js';

const ACME = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../examples/acme-spec');
let root = '';
afterEach(() => rmSync(root, { recursive: true, force: true }));

function withConfig(text: string): string {
  root = mkdtempSync(path.join(tmpdir(), 'specplan-config-'));
  cpSync(ACME, root, { recursive: true });
  writeFileSync(path.join(root, 'specscore.yaml'), text);
  return root;
}

describe('specplan lint reports the configuration', () => {
  test('a misspelt setting is a warning naming its line and the settings there are', async () => {
    withConfig('project: acme\nplanning:\n  whats_nxt: full\n  llm:\n    provder: none\n');
    const r = await runCli(['lint', '--root', root, 'specscore.yaml']);
    expect(r.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^specscore\.yaml:3:\d+ warning config\/unknown-key planning\.whats_nxt is not a setting and is ignored; expected one of auto_create, enforce_freeze, whats_next, /,
      ),
      expect.stringMatching(
        /^specscore\.yaml:5:\d+ warning config\/unknown-key planning\.llm\.provder is not a setting and is ignored; expected one of provider, model, max_attempts$/,
      ),
    ]);
  });

  test('keys outside planning: belong to other tools and are not reported', async () => {
    withConfig('project: acme\nspec:\n  anything: 1\nplanning:\n  whats_next: full\n');
    const r = await runCli(['lint', '--root', root, 'specscore.yaml']);
    expect(r.stdout).toBe('');
  });

  test('an invalid value stops every command with exit 2, naming the file and line', async () => {
    withConfig('project: acme\nplanning:\n  whats_next: full\n  enforce_freeze: sometimes\n');
    const r = await runCli(['lint', '--root', root]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('specscore.yaml:4: planning.enforce_freeze:');
  });
});
