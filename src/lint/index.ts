import type { Diagnostic, Severity } from '../model/common.js';
import { parsePlan } from '../parse/plan.js';
import type { PlanEntry, SpecRepo } from '../model/repository.js';
import { planFile } from '../model/repository.js';
import type { LintOptions, LintResult } from './api.js';
import { LintFacts } from './facts.js';
import type { LintRule, RuleContext } from './rule.js';
import { RULES } from './rules/index.js';
import type { PlanFormat } from '../model/plan-format.js';
import { planFormatOf } from '../parse/repo-format.js';

export type { LintResult } from './api.js';
export { RULES } from './rules/index.js';

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** Sort diagnostics by file, line, column, severity, rule, message: deterministic output. */
function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return ds.sort(
    (a, b) =>
      cmp(a.file, b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      cmp(a.rule, b.rule) ||
      cmp(a.message, b.message),
  );
}

function summarize(diagnostics: Diagnostic[]): LintResult {
  let errorCount = 0;
  let warningCount = 0;
  let infoCount = 0;
  for (const d of diagnostics) {
    if (d.severity === 'error') errorCount++;
    else if (d.severity === 'warning') warningCount++;
    else infoCount++;
  }
  return { diagnostics, errorCount, warningCount, infoCount };
}

/**
 * The repository as a rule of `formats` sees it: only the plans in those formats (the whole
 * repository when it covers both); the plans index only when the repository's own format is
 * one of them.
 */
function formatView(repo: SpecRepo, formats: readonly PlanFormat[]): SpecRepo {
  if (formats.includes('seed') && formats.includes('specscore')) return repo;
  const plans = new Map<string, PlanEntry>();
  for (const [k, e] of repo.plans) if (formats.includes(planFormatOf(e))) plans.set(k, e);
  const own = formats.includes(repo.format?.format ?? 'seed');
  if (plans.size === repo.plans.size && own) return repo;
  return { ...repo, plans, index: own ? repo.index : null };
}

/** Findings produced while reading documents, tied to their files. */
function readingFindings(repo: SpecRepo): Diagnostic[] {
  const out: Diagnostic[] = [...repo.findings];
  for (const p of repo.plans.values()) for (const f of p.parsed.findings) out.push({ file: p.file, ...f });
  for (const f of repo.features.values()) for (const x of f.parsed.findings) out.push({ file: f.file, ...x });
  for (const p of repo.proposals.values()) for (const x of p.parsed.findings) out.push({ file: p.file, ...x });
  return out;
}

/**
 * Lint a whole repository: every rule of the preset plus the findings made while reading the
 * documents, with severities from `planning.lint.rules` (`off` drops a rule). Keeps findings under
 * `opts.paths` when given. Pure over the loaded repository; linear in its size.
 */
export function lintRepo(repo: SpecRepo, opts: LintOptions = {}): LintResult {
  const overrides = repo.config.lint?.rules ?? {};
  const severityOf = (rule: string, fallback: Severity): Severity | 'off' => overrides[rule] ?? fallback;
  const rules: readonly LintRule[] = opts.rules ?? RULES;
  const adopted = new Set(rules.flatMap((r) => r.adopts ?? []));
  const out: Diagnostic[] = [];
  for (const f of [...readingFindings(repo), ...(opts.findings ?? [])]) {
    if (adopted.has(f.rule)) continue;
    const severity = severityOf(f.rule, f.severity);
    if (severity !== 'off') out.push({ ...f, severity });
  }
  const pastDraft = new Set(
    [...repo.plans.values()].filter((p) => (p.parsed.plan.header.status ?? 'draft').trim().toLowerCase() !== 'draft').map((p) => p.file),
  );
  const views = new Map<string, { repo: SpecRepo; facts: LintFacts }>();
  // Views that show the same repository share one set of facts (derived states, step graphs).
  const factsOf = new Map<SpecRepo, LintFacts>();
  const viewFor = (formats: readonly PlanFormat[]) => {
    const key = [...formats].sort().join(',');
    let v = views.get(key);
    if (!v) {
      const r = formatView(repo, formats);
      let facts = factsOf.get(r);
      if (!facts) factsOf.set(r, (facts = new LintFacts(r, opts.items)));
      v = { repo: r, facts };
      views.set(key, v);
    }
    return v;
  };
  for (const rule of rules) {
    const severity = severityOf(rule.id, rule.defaultSeverity);
    if (severity === 'off') continue;
    const gated = rule.reviewGate === true && overrides[rule.id] === undefined;
    if (opts.errorsOnly && severity !== 'error' && !gated && !rule.adopts?.length) continue;
    const view = viewFor(rule.formats ?? ['seed']);
    const ctx: RuleContext = {
      repo: view.repo,
      facts: view.facts,
      report(file, at, message) {
        const s = gated && pastDraft.has(file) ? 'error' : severity;
        out.push({ file, line: Math.max(1, at?.line ?? 1), column: Math.max(1, at?.column ?? 1), severity: s, rule: rule.id, message });
      },
    };
    rule.check(ctx);
  }
  const prefixes = (opts.paths ?? []).map((p) => p.replace(/^\.\/+/, '').replace(/\/+$/, '')).filter((p) => p !== '' && p !== '.');
  const wanted = opts.errorsOnly ? out.filter((d) => d.severity === 'error') : out;
  const keep = prefixes.length ? wanted.filter((d) => prefixes.some((p) => d.file === p || d.file.startsWith(`${p}/`))) : wanted;
  const seen = new Set<string>();
  const unique = keep.filter((d) => {
    const k = `${d.file}\0${d.line}\0${d.column}\0${d.rule}\0${d.message}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
  return summarize(sortDiagnostics(unique));
}

/**
 * Lint one plan document as if it were written at `spec/plans/<planPath>/README.md`, in the
 * context of the repository (links, other plans, the index). Used to validate LLM and MCP
 * output before anything is written. Only findings in that plan's file are reported; index and
 * back-reference drift (which writing the plan then fixes) is not.
 */
export function lintPlanText(repo: SpecRepo, planPath: string, text: string, opts: Omit<LintOptions, 'paths'> = {}): LintResult {
  const file = planFile(planPath);
  const parent = planPath.includes('/') ? planPath.slice(0, planPath.lastIndexOf('/')) : null;
  const entry: PlanEntry = { path: planPath, file, parent, children: [], text, parsed: parsePlan(text), extraFiles: [], acs: [], reports: [] };
  const plans = new Map(repo.plans);
  plans.set(planPath, { ...(repo.plans.get(planPath) ?? entry), text, parsed: entry.parsed });
  const virtual: SpecRepo = { ...repo, plans, findings: [] };
  const all = lintRepo(virtual, { ...opts, paths: [file] });
  return summarize(all.diagnostics.filter((d) => !d.rule.startsWith('index/') && !d.rule.startsWith('feature/')));
}
