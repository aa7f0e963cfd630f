import { describe, expect, test } from 'vitest';
import { importExecutionPlan } from '../../src/interop/import-execution-plan.js';

const SOURCE = `# Spec: Search

## Execution Plan

### Phase 1: Index (parallel)

- [ ] **Tokenizer**

  Outcome: Text splits into terms.

- [ ] **Inverted index**

  Outcome: Terms map to documents.

### Phase 2: Query

| Chunk | Stream | Outcome | Depends On |
|-------|--------|---------|------------|
| Ranking | search | Results are ordered by relevance | Query parser |
| Query parser | search | Queries parse into terms | Phase 1 |

- [ ] **Query parser**

  Outcome: Queries parse into terms.

- [ ] **Ranking**

  Outcome: Results are ordered by relevance.
`;

describe('import --from execution-plan keeps the source order of chunks', () => {
  test('a phase whose table lists its chunks in another order than its chunk list follows the chunk list', () => {
    const draft = importExecutionPlan(SOURCE);
    expect(draft.steps.map((s) => `${s.number}. ${s.title} <- ${(s.dependsOn ?? []).join(',') || '-'}`)).toEqual([
      '1. Tokenizer <- -',
      '2. Inverted index <- -',
      '3. Query parser <- 1,2',
      '4. Ranking <- 3',
    ]);
  });

  test('no step depends on a step numbered after it', () => {
    const draft = importExecutionPlan(SOURCE);
    for (const s of draft.steps) for (const d of s.dependsOn ?? []) expect(Number(d)).toBeLessThan(Number(s.number));
  });
});
