import { readFileSync } from 'node:fs';
import { test } from 'vitest';
import { importExecPlan } from '../../src/interop/import-execplan.js';
import { importSpeckit } from '../../src/interop/import-speckit.js';
import { importExecutionPlan } from '../../src/interop/import-execution-plan.js';
import { planFromImport } from '../../src/interop/build-plan.js';
import { renderPlan } from '../../src/render/plan.js';
const f = process.env.F!;
test('scratch', () => {
  const text = readFileSync(f, 'utf8');
  const fmt = f.includes('/execplan/') ? importExecPlan : f.includes('/speckit/') ? importSpeckit : importExecutionPlan;
  const d = fmt(text);
  const plan = planFromImport(d, { features: [{ text: 'cli', href: '../../features/cli/README.md' }], sourceType: 'feature', source: '[CLI](../../features/cli/)', author: '@a', created: '2026-01-01' }, { fallbackTitle: 'X', sourceLabel: f, today: '2026-01-01' });
  console.log(renderPlan(plan));
  console.log(JSON.stringify({ progress: d.progress, unmapped: d.unmapped, notes: d.notes, date: d.progressDate }, null, 1));
});
