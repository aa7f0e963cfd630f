import type { ImportPlanResult } from '../app/import.js';
import type { Unmapped } from './types.js';

/** The stderr report of an import: what was written, lint findings, notes, and everything not mapped. */
export function formatImportReport(r: Partial<ImportPlanResult> & { unmapped: Unmapped[]; notes: string[] }): string {
  const out: string[] = [];
  if (r.plan) {
    const how = r.mappedBy === 'structure' || r.mappedBy === undefined ? 'from its structure' : `drafted by ${r.mappedBy}${r.model ? ` (${r.model})` : ''}`;
    out.push(`${r.dryRun ? 'would import (dry run, nothing written)' : 'imported'} ${r.file}: ${r.steps} steps${r.subSteps ? ` (${r.subSteps} sub-steps)` : ''}, ${r.acceptanceCriteria} acceptance criteria, ${how}`);
    if (r.ledger?.length) out.push(`ledger: ${r.ledger.length} item${r.ledger.length === 1 ? '' : 's'} from the source's checkboxes ${r.dryRun ? 'would be merged' : 'merged'} into .specscore/work-items.yaml`);
    if (r.usage && r.usage.llmCalls) out.push(`llm: ${r.usage.llmCalls} calls, ${r.usage.inputTokens} input tokens, ${r.usage.outputTokens} output tokens`);
    if (r.lint && (r.lint.errorCount || r.lint.warningCount)) {
      out.push(`lint: ${r.lint.errorCount} errors, ${r.lint.warningCount} warnings`);
      for (const d of r.lint.diagnostics) out.push(`  ${d.file}:${d.line}:${d.column} ${d.severity} ${d.rule} ${d.message}`);
    }
  }
  if (r.notes.length) {
    out.push('notes:');
    for (const n of r.notes) out.push(`  - ${n}`);
  }
  if (r.unmapped.length) {
    out.push(`not mapped (${r.unmapped.length}), kept only in the source:`);
    for (const u of r.unmapped) out.push(`  line ${u.line}${u.section ? ` [${u.section}]` : ''} ${u.text}: ${u.reason}`);
  } else if (r.plan) out.push('everything in the source was mapped');
  return out.length ? `${out.join('\n')}\n` : '';
}
