/**
 * Deeply nested lists once made the fast outline scanner O(depth³) (1,000 levels / 1 MB took
 * 4.2 s, 2,000 levels 34 s): a hostile few-MB file stalled lint, the loader and the MCP server.
 * The cursor-based scanner is linear; the bound is remark's own worst measured rate on this
 * machine (0.5 MB/s, TECH-NOTES.md) for the 1 MB document.
 */
import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../src/parse/plan.js';

describe('deeply nested lists parse in time proportional to their size', () => {
  it('a list nested 1,000 levels by indentation (1 MB) parses within 2 s', () => {
    const text = `# Plan: Deep\n\n**Status:** draft\n\n## Steps\n\n### 1. Deep\n\n${Array.from({ length: 1_000 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n')}\n`;
    expect(text.length).toBeGreaterThan(1_000_000);
    const t0 = performance.now();
    parsePlan(text);
    const ms = performance.now() - t0;
    expect(ms, `parsePlan took ${ms.toFixed(0)} ms`).toBeLessThan(2_000);
  }, 60_000);
});
