import { cpSync, existsSync } from 'node:fs';
import { expect, it } from 'vitest';
import { corpus } from '../support/corpus.js';
import { cli, read, REPORT, tempDir } from '../support/whats-next-helpers.js';

const SYNCHESTRA = corpus('synchestra-spec');
const CORPUS = SYNCHESTRA.root;

SYNCHESTRA.describe('the real conformance corpus', () => {
  it('gets a complete report offline, and a second incremental run changes nothing', async () => {
    expect(existsSync(CORPUS)).toBe(true);
    const root = tempDir('wn-corpus-');
    cpSync(CORPUS, root, { recursive: true });
    const first = await cli(['--root', root, '--provider', 'none', '--incremental', '--json'], { SPECPLAN_TODAY: '2026-03-24' });
    expect(first.code).toBe(0);
    const r = JSON.parse(first.stdout);
    expect(r.mode).toBe('full');
    expect(r.recommended.map((e: { plan: string }) => e.plan)).toContain('chat-feature/chat-infrastructure');
    expect(r.recommended.map((e: { plan: string }) => e.plan)).not.toContain('chat-feature/chat-workflow-engine'); // waits for chat-infrastructure
    expect(r.questions.some((q: string) => q.startsWith('hero-scene has no Status field'))).toBe(true);
    const text = read(root, REPORT);
    const second = await cli(['--root', root, '--provider', 'none', '--incremental'], { SPECPLAN_TODAY: '2026-03-25' });
    expect(second.code).toBe(0);
    expect(second.stderr).toContain('up to date');
    expect(read(root, REPORT)).toBe(text);
  });
});
