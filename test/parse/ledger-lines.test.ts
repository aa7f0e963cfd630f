import { describe, expect, test } from 'vitest';
import { readLedgerLines } from '../../src/parse/ledger-lines.js';
import { parseYamlText } from '../../src/repo/yaml-text.js';

/** The fast reader gives the YAML reader's value and item positions, or declines. */
function agrees(text: string): boolean {
  const fast = readLedgerLines(text);
  if (fast === null) return false;
  const yaml = parseYamlText(text);
  expect(yaml.ok).toBe(true);
  if (!yaml.ok) return false;
  expect(fast.value).toEqual(yaml.value);
  fast.value.items.forEach((_, i) => expect(fast.positionOf(['items', i])).toEqual(yaml.positionOf(['items', i])));
  return true;
}

describe('the one-item-per-line ledger is read without the YAML library, with the same result', () => {
  test('the shape the tools write', () => {
    const text = [
      'items:',
      '  - { id: SYN-1, plan: plan-00007, step: "1", status: done, updated: 2026-02-02 }',
      '  - { id: SYN-2, plan: roadmap/child, step: "1.2", status: in_progress }',
      '',
      '  # a comment',
      "  - { id: 'A 3', plan: x, status: blocked, updated: '2026-01-01' }",
      '  - {id: B-4, plan: "a, b: c", status: todo}',
      '',
    ].join('\n');
    expect(agrees(text)).toBe(true);
    expect(agrees('# ledger\n\nitems:\n- { id: A, plan: p, status: done }\n- { id: B, plan: q, status: todo }')).toBe(true);
  });

  test('whatever the shape does not cover is left to the YAML reader', () => {
    const declined = [
      'items:\n  - id: A\n    plan: p\n    status: done\n', // block mappings
      'items:\n  - { id: A, plan: p, step: 1, status: done }\n', // a number
      'items:\n  - { id: A, plan: p, step: 1.5, status: done }\n',
      'items:\n  - { id: true, plan: p, status: done }\n', // a boolean
      'items:\n  - { id: null, plan: p, status: done }\n', // null
      'items:\n  - { id: A, plan: p, plan: q, status: done }\n', // a duplicate key
      'items:\n  - { id: "A\\"B", plan: p, status: done }\n', // an escape
      "items:\n  - { id: 'it''s', plan: p, status: done }\n",
      'items:\n  - { id: &a A, plan: *a, status: done }\n', // anchors
      'items:\n  - { id: A, plan: p, status: done, }\n', // a trailing comma
      'items:\n  - { id: A, plan: p, status: done } # note\n',
      'items:\n  - { id: A, plan: p, status: done }\n    - { id: B, plan: p, status: done }\n', // another indent
      'items:\n  - {}\n',
      'items:\n',
      'items: []\n',
      'items:\r\n  - { id: A, plan: p, status: done }\r\n',
      '\uFEFFitems:\n  - { id: A, plan: p, status: done }\n',
      '---\nitems:\n  - { id: A, plan: p, status: done }\n',
      'version: 1\nitems:\n  - { id: A, plan: p, status: done }\n',
      'items:\n  - { id: A, plan: p, status: done }\nother: x\n',
      'items:\n  - { __proto__: A, plan: p, status: done }\n',
      'items:\n  - { id: A,\n      plan: p, status: done }\n',
    ];
    for (const text of declined) expect(readLedgerLines(text), text).toBeNull();
  });
});
