import { describe, expect, it } from 'vitest';
import { importExecPlan } from '../../src/interop/import-execplan.js';
import { importExecutionPlan } from '../../src/interop/import-execution-plan.js';
import { importSpeckit } from '../../src/interop/import-speckit.js';
import type { ImportDraft } from '../../src/interop/types.js';
import { fixture } from '../support/interop-helpers.js';

const titles = (d: ImportDraft) => d.steps.map((s) => `${s.number} ${s.title}`);
const deps = (d: ImportDraft) => Object.fromEntries(d.steps.flatMap((s) => [[s.number, s.dependsOn], ...s.subSteps.map((x) => [x.number, x.dependsOn])]));

describe("ExecPlan importer (the seed guide's own examples)", () => {
  it('Dark Mode: numbered steps in sequence, nested checkboxes as sub-steps, progress from the boxes', () => {
    const d = importExecPlan(fixture('execplan/dark-mode.md'));
    expect(d.title).toBe('Dark Mode Feature');
    expect(d.acceptanceCriteria).toEqual([
      'Theme toggle in settings',
      'Persistent user preference',
      'All components support both themes',
      'No accessibility regressions',
    ]);
    expect(titles(d)).toEqual(['1 Create theme context', '2 Design color palette', '3 Update components', '4 Add toggle UI', '5 Test accessibility']);
    expect(d.steps[2]!.subSteps.map((s) => `${s.number} ${s.title}`)).toEqual(['3.1 Navigation', '3.2 Forms', '3.3 Tables']);
    expect(deps(d)).toEqual({ '1': [], '2': ['1'], '3': ['2'], '3.1': null, '3.2': null, '3.3': null, '4': ['3'], '5': ['4'] });
    expect(d.progress.map((p) => [p.step, p.status])).toEqual([
      ['1', 'done'],
      ['2', 'done'],
      ['3.1', 'done'],
      ['3.2', 'in_progress'],
    ]);
    expect(d.unmapped).toEqual([]);
  });

  it('Initiation + Execution + Decision + Blocker + Completion: context, risks, questions, progress date, results listed', () => {
    const d = importExecPlan(fixture('execplan/notification-system.md'));
    expect(d.title).toBe('Feature X');
    expect(d.context.join('\n')).toContain('Implement user notification system with email and SMS channels.');
    expect(d.context.join('\n')).toContain('- SLA: 99.9% delivery rate');
    expect(titles(d)).toEqual([
      '1 Design notification schema',
      '2 Implement email service',
      '3 Implement SMS service',
      '4 Add user preferences',
      '5 Update analytics',
    ]);
    expect(d.progress.map((p) => `${p.step}:${p.status}`)).toEqual(['1:done', '2:done', '3.1:done', '3.2:done', '3.3:in_progress']);
    expect(d.progressDate).toBe('2025-11-01');
    expect(d.risks[0]).toMatch(/^Decision \(2025-11-01 10:30\): Chose PostgreSQL over MySQL\n- Reason: Better JSON support/);
    expect(d.risks[1]).toBe('~~Which authentication provider?~~ → Resolved: Auth0');
    expect(d.questions).toEqual([
      'How to handle rate limiting? → **BLOCKER**\n- Option A: Client-side retry\n- Option B: Queue-based approach\n- Need: Performance requirements from product',
    ]);
    expect(d.unmapped.map((u) => [u.line, u.section])).toEqual([
      [1, ''],
      [42, 'Results'],
    ]);
    expect(d.unmapped[0]!.reason).toContain('HTML comment');
  });

  it('the format template: decisions and blockers of the log become risks, the rest of the log is listed', () => {
    const d = importExecPlan(fixture('execplan/basic-structure.md'));
    expect(d.title).toBe('PROJECT_NAME');
    expect(d.context.at(-1)).toBe('Technical approach: High-level strategy and key technical decisions.');
    expect(d.risks).toEqual(['Decision (YYYY-MM-DD HH:MM): Key choice made', 'Blocker (YYYY-MM-DD HH:MM): Issue encountered']);
    expect(d.questions).toEqual(['Question needing resolution', 'Another uncertainty']);
    expect(d.unmapped.map((u) => u.text)).toEqual(['Completed: What was done', 'Discovery: New information found', 'Results (1 blocks)']);
  });

  it('progressive elaboration: the refined steps win, the initial ones are listed as superseded', () => {
    const d = importExecPlan(fixture('execplan/progressive-elaboration.md'));
    expect(d.title).toBeNull();
    expect(d.steps.map((s) => s.subSteps.length)).toEqual([3, 3, 3]);
    expect(d.steps[1]!.subSteps[2]!.title).toBe('Add role-based access');
    expect(d.unmapped).toHaveLength(1);
    expect(d.unmapped[0]!.reason).toContain('superseded by the later "Execution Steps (Refined)"');
  });

  it('prose only (Memory Leak Investigation): no steps, every log line listed', () => {
    const d = importExecPlan(fixture('execplan/memory-leak.md'));
    expect(d.steps).toEqual([]);
    expect(d.context.join('\n')).toContain('Binary search through recent commits');
    expect(d.unmapped.map((u) => u.text)).toEqual([
      'Discovery: Leak correlates with WebSocket connections',
      'Test: Disabled WebSocket pooling',
      'Result: Leak stopped',
      'Root cause: Event listeners not removed on disconnect',
      'Fix: Added cleanup in connection handler',
      'Verification: Memory stable over 4 hours',
    ]);
  });

  it('front matter: title, slug and author are used, the other keys are listed', () => {
    const d = importExecPlan(
      '---\ntitle: Search revamp\nslug: search-revamp\nauthors: [dana]\ntags: [search]\n---\n\n## Execution Steps\n1. [ ] Index documents\n',
    );
    expect([d.title, d.slug, d.author]).toEqual(['Search revamp', 'search-revamp', '@dana']);
    expect(d.unmapped).toEqual([{ line: 1, section: 'front matter', text: 'tags', reason: expect.stringContaining('front matter') }]);
    expect(d.steps[0]!.title).toBe('Index documents');
  });
});

describe('spec-kit importer', () => {
  it('the seed template itself: concrete steps, criteria, NEEDS CLARIFICATION markers as questions (not mentions)', () => {
    const d = importSpeckit(fixture('speckit/template.md'));
    expect(d.title).toBe('[FEATURE_ID]');
    expect(titles(d)).toEqual([
      '1 [Step description referencing exact files under services/ or scripts/]',
      '2 [Another step tied to repo paths and owners]',
      '3 [Include checkpoints for updating docs/checklists or running validations]',
    ]);
    expect(deps(d)).toEqual({ '1': [], '2': ['1'], '3': ['2'] });
    expect(d.acceptanceCriteria).toHaveLength(4);
    // Nine Technical Context fields carry the marker (Storage does not); "resolve all NEEDS CLARIFICATION items" is a mention.
    expect(d.questions).toHaveLength(9);
    expect(d.questions.every((q) => q.startsWith('Technical Context: '))).toBe(true);
    expect(d.questions.some((q) => q.includes('Storage'))).toBe(false);
    expect(d.context.join('\n')).toContain('Plan of work:');
    expect(d.risks.filter((r) => r.startsWith('Constitution gate'))).toHaveLength(4);
    expect(d.risks.filter((r) => r.startsWith('Complexity:'))).toHaveLength(3);
    const sections = new Set(d.unmapped.map((u) => u.section));
    for (const s of ['Project Structure', 'Idempotence / Recovery', 'Checklist & Gate Integration']) expect(sections).toContain(s);
    expect(d.unmapped.filter((u) => u.reason.includes('header field')).map((u) => u.text.split('**')[1])).toEqual([
      'Branch',
      'Date',
      'Epic',
      'Feature Spec',
      'Spec Checklist',
      'Plan Checklist',
    ]);
  });

  it('a filled-in plan: sub-steps from nested items, gates needing review and complexity rows as risks', () => {
    const d = importSpeckit(fixture('speckit/export-csv.md'));
    expect(d.title).toBe('Export invoices as CSV');
    expect(titles(d)).toEqual([
      '1 Write the CSV column contract in `contracts/invoice-csv.md`',
      '2 Add `GET /invoices/export.csv` in `services/billing-service/src/export/route.ts`',
      '3 Add the "Export CSV" button in `web-app/src/invoices/Toolbar.tsx`',
      '4 Run `scripts/run_all_e2e_tests.sh` and record the result in the ExecPlan',
    ]);
    expect(d.steps[1]!.subSteps.map((s) => s.title)).toEqual(['Stream rows from the read replica with a cursor', 'Reuse the invoice permission middleware']);
    expect(d.questions).toEqual(['Technical Context: Constraints — NEEDS CLARIFICATION: may exports include customer tax ids?']);
    expect(d.risks).toEqual([
      'Constitution gate Safety / Security: NEEDS REVIEW – exports contain personal data; needs a retention decision',
      'Complexity: Streaming response instead of a file job; needed because exports must start within 2 s; simpler alternative rejected because background jobs need a queue we do not run',
    ]);
    expect(d.acceptanceCriteria).toHaveLength(3);
    const ctx = d.context.join('\n\n');
    expect(ctx).toContain('- Language/Version: TypeScript 5.x (Node 20)');
    expect(ctx).toContain('- **Phase 0 – Research**: settle the tax-id question with Finance.');
    expect(ctx).not.toContain('ACTION REQUIRED');
    expect(d.unmapped.filter((u) => u.reason.includes('passed constitution gate'))).toHaveLength(3);
  });

  it('without Concrete Steps the Plan of Work phases become the steps, each after the previous phase', () => {
    const d = importSpeckit(fixture('speckit/export-csv.md').replace(/## Concrete Steps[\s\S]*?(?=## Validation)/, ''));
    expect(titles(d)).toEqual(['1 Phase 0 – Research', '2 Phase 1 – Design & Contracts', '3 Phase 2 – Implementation']);
    expect(d.steps[1]!.body).toBe('CSV column contract in `contracts/invoice-csv.md`.');
    expect(deps(d)).toEqual({ '1': [], '2': ['1'], '3': ['2'] });
  });
});

describe('execution-plan importer', () => {
  it('the seed example: chunks → steps, phase barrier → dependencies, Outcome → criteria, Communication → Produces', () => {
    const d = importExecutionPlan(fixture('execution-plan/auth.md'));
    expect(titles(d)).toEqual(['1 User model + token model', '2 Auth utilities', '3 Login and register endpoints', '4 Token refresh endpoint']);
    expect(deps(d)).toEqual({ '1': [], '2': [], '3': ['1', '2'], '4': ['1', '2'] });
    expect(d.steps[0]!.acceptanceCriteria).toEqual(['User and RefreshToken tables exist with proper indexes.', 'Database tables exist with hashing']);
    expect(d.steps[1]!.produces).toEqual(['Model schemas (for api, After Phase 1)', 'utility function signatures (for api, After Phase 1)']);
    expect(d.steps[2]!.body).toBe(
      '- POST /auth/login and POST /auth/register\n- Return access + refresh token pair on success\n- Follow existing API patterns in the repo',
    );
    expect(d.unmapped.map((u) => u.section)).toEqual(['Work Streams', 'Phase 1']);
    expect(d.progress).toEqual([]);
  });

  it('chunk Depends On by phase and name, a sequential phase, a table-only chunk, tracker ids into progress', () => {
    const d = importExecutionPlan(fixture('execution-plan/checkout.md'));
    expect(d.title).toBe('Checkout redesign');
    expect(d.acceptanceCriteria).toEqual(['A guest can pay in under 60 seconds', 'Conversion does not drop in the A/B test']);
    expect(titles(d)).toEqual(['1 Payment intents', '2 Cart totals', '3 Feature flag', '4 Checkout API', '5 Receipt emails', '6 Checkout page']);
    expect(deps(d)).toEqual({ '1': [], '2': [], '3': [], '4': ['1', '2', '3'], '5': ['1', '2', '3', '4'], '6': ['3', '4'] });
    expect(d.steps[1]!.acceptanceCriteria).toEqual(['Totals include tax and shipping.']);
    expect(d.steps[2]!.acceptanceCriteria).toEqual(['Flag toggles the new page']);
    expect(d.progress.map((p) => [p.step, p.externalId])).toEqual([
      ['1', 'PAY-12'],
      ['2', 'PAY-13'],
    ]);
    // The hand-off goes to the chunk the ui stream waits for (Checkout API), not the last one.
    expect(d.steps[3]!.produces).toEqual(['Checkout API request and response shapes (for ui, After Phase 2)']);
    expect(d.steps[1]!.produces).toEqual(['Totals breakdown (for payments, After Phase 1)']);
  });

  it('an unresolvable dependency is listed, not guessed', () => {
    const d = importExecutionPlan(fixture('execution-plan/checkout.md').replace('checkout-api + feature-flag', 'checkout-api + billing-v2'));
    expect(deps(d)['6']).toEqual(['4']);
    expect(d.unmapped.find((u) => u.text === 'billing-v2')?.reason).toContain('names no phase or chunk');
  });
});

describe("imported free text cannot change the plan's structure", () => {
  it('headings and **Field:** lines inside items stay text: the plan reads back with the same steps', async () => {
    const { planFromImport } = await import('../../src/interop/build-plan.js');
    const { renderPlan } = await import('../../src/render/plan.js');
    const { parsePlan } = await import('../../src/parse/plan.js');
    const source = [
      '# Tricky ExecPlan',
      '## Context',
      '- Background',
      '  ## Not a section',
      '## Success Criteria',
      '- [ ] Works',
      '  ### Not a step',
      '## Execution Steps',
      '1. [ ] First',
      '',
      '   **Depends on:** Step 9',
      '',
      '   ### 7. Not a step either',
      '',
      '   ```',
      '   ### code stays as written',
      '   ```',
      '2. [ ] Second',
      '',
    ].join('\n');
    const d = importExecPlan(source);
    const header = {
      features: [{ text: 'cli', href: '../../features/cli/README.md' }],
      sourceType: 'feature' as const,
      source: '[CLI](../../features/cli/)',
      author: '@a',
      created: '2026-01-01',
    };
    const plan = planFromImport(d, header, { fallbackTitle: 'x', sourceLabel: 'x.md', today: '2026-01-01' });
    const text = renderPlan(plan);
    const back = parsePlan(text).plan;
    expect(back.steps!.map((s) => [s.number, s.title, s.dependsOn, s.subSteps.length])).toEqual([
      ['1', 'First', [], 0],
      ['2', 'Second', ['1'], 0],
    ]);
    expect(back.steps![0]!.body).toContain('\\### 7. Not a step either');
    expect(back.steps![0]!.body).toContain(' **Depends on:** Step 9');
    expect(back.steps![0]!.body).toContain('### code stays as written');
    expect(back.extraSections).toEqual([]);
    expect(back.acceptanceCriteria).toHaveLength(1);
    expect(back.context).toContain('\\## Not a section');
  });
});
