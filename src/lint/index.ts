import type { Diagnostic } from '../model/common.js';
import { parsePlan } from '../parse/plan.js';
import type { PlanEntry, SpecRepo } from '../repo/types.js';
import { planFile } from '../repo/types.js';
import type { LintOptions, LintResult } from './api.js';

export type { LintOptions, LintResult } from './api.js';

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** Sort diagnostics by file, line, column, rule: deterministic output. */
export function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  return ds.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0)));
}

function summarize(diagnostics: Diagnostic[]): LintResult {
  return {
    diagnostics,
    errorCount: diagnostics.filter((d) => d.severity === 'error').length,
    warningCount: diagnostics.filter((d) => d.severity === 'warning').length,
  };
}

/** Lint a whole repository (all rules), keeping findings under `opts.paths` when given. */
export function lintRepo(repo: SpecRepo, opts: LintOptions = {}): LintResult {
  const out: Diagnostic[] = [...repo.findings];
  for (const p of repo.plans.values()) {
    for (const f of p.parsed.findings) out.push({ file: p.file, ...f });
    if (p.parsed.plan.header.status === null && p.parsed.plan.title !== '') {
      out.push({ file: p.file, line: 1, column: 1, severity: 'error', rule: 'plan/parse', message: 'no **Status:** field; expected the plan header after the title' });
    }
  }
  for (const f of repo.features.values()) for (const x of f.parsed.findings) out.push({ file: f.file, ...x });
  for (const p of repo.proposals.values()) for (const x of p.parsed.findings) out.push({ file: p.file, ...x });
  const keep = opts.paths?.length ? out.filter((d) => opts.paths!.some((p) => d.file === p || d.file.startsWith(p.replace(/\/?$/, '/')))) : out;
  return summarize(sortDiagnostics(keep));
}

/**
 * Lint one plan document as if it were written at `spec/plans/<planPath>/README.md`, in the
 * context of the repository (links, other plans, the index). Used to validate LLM and MCP
 * output before anything is written. Index-drift findings are not reported here.
 */
export function lintPlanText(repo: SpecRepo, planPath: string, text: string): LintResult {
  const file = planFile(planPath);
  const parent = planPath.includes('/') ? planPath.slice(0, planPath.lastIndexOf('/')) : null;
  const entry: PlanEntry = { path: planPath, file, parent, children: [], text, parsed: parsePlan(text), extraFiles: [], acs: [], reports: [] };
  const plans = new Map(repo.plans);
  plans.set(planPath, { ...(repo.plans.get(planPath) ?? entry), text, parsed: entry.parsed });
  const virtual: SpecRepo = { ...repo, plans, findings: [] };
  const all = lintRepo(virtual, { paths: [file] });
  return summarize(all.diagnostics.filter((d) => !d.rule.startsWith('index/')));
}
