import type { Diagnostic, Severity } from '../model/common.js';
import { parsePlan } from '../parse/plan.js';
import type { PlanEntry, SpecRepo } from '../model/repository.js';
import { emptyRepo, planFile } from '../model/repository.js';
import type { LintOptions, LintResult } from './api.js';
import { LintFacts } from './facts.js';
import type { LintRule, RuleContext } from './rule.js';
import { RULES } from './rules/index.js';
import type { PlanFormat } from '../model/plan-format.js';
import { planFormatOf } from '../parse/repo-format.js';
import { DECODING_RULES } from '../parse/decode.js';
import { repositoryView } from './repository-view.js';

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

/** What a lint run is set to do: the rules to run and the severity of each finding. */
interface Settings {
  rules: readonly LintRule[];
  /** Rule ids whose reading findings a rule reports itself (not reported as read). */
  adopted: ReadonlySet<string>;
  severityOf(rule: string, fallback: Severity): Severity | 'off';
  /** Whether `rule` runs, and at what severity. */
  run(rule: LintRule): { severity: Severity; gated: boolean } | null;
}

function settingsOf(repo: SpecRepo, opts: LintOptions): Settings {
  const overrides = repo.config.lint?.rules ?? {};
  const severityOf = (rule: string, fallback: Severity): Severity | 'off' => overrides[rule] ?? fallback;
  const rules: readonly LintRule[] = opts.rules ?? RULES;
  return {
    rules,
    adopted: new Set(rules.flatMap((r) => r.adopts ?? [])),
    severityOf,
    run(rule) {
      const severity = severityOf(rule.id, rule.defaultSeverity);
      if (severity === 'off') return null;
      const gated = rule.reviewGate === true && overrides[rule.id] === undefined;
      if (opts.errorsOnly && severity !== 'error' && !gated && !rule.adopts?.length) return null;
      return { severity, gated };
    },
  };
}

/** Add findings made while reading files, at their configured severity (adopted ones are left to their rule). */
function pushReading(out: Diagnostic[], findings: Iterable<Diagnostic>, s: Settings): void {
  for (const f of findings) {
    if (s.adopted.has(f.rule)) continue;
    const severity = s.severityOf(f.rule, f.severity);
    if (severity !== 'off') out.push(severity === f.severity ? f : { ...f, severity });
  }
}

function isDraft(entry: PlanEntry): boolean {
  return (entry.parsed.plan.header.status ?? 'draft').trim().toLowerCase() === 'draft';
}

/**
 * The findings of a lint run kept apart by what they depend on, so that a run which finds only
 * some plans changed can redo just those plans (see the `scope` of a rule).
 */
export interface LintUnits {
  /**
   * By plan file: the findings made while reading the plan (parsing it, and decoding its bytes)
   * and those of the document rules. Each depends on that plan alone (and on the configuration).
   */
  documents: Map<string, Diagnostic[]>;
  /** Every other finding: the repository rules', and those made while reading every other file. */
  repository: Diagnostic[];
}

/**
 * The findings of one plan document: what reading it found (`decoding`: the findings made while
 * decoding its bytes) and what the document rules report, each rule run on a repository holding
 * only this plan. `repo` gives the configuration and the repository's format only.
 */
export function lintDocument(repo: SpecRepo, entry: PlanEntry, decoding: readonly Diagnostic[], opts: LintOptions = {}): Diagnostic[] {
  return documentFindings(settingsOf(repo, opts), repo, entry, decoding);
}

function documentFindings(s: Settings, repo: SpecRepo, entry: PlanEntry, decoding: readonly Diagnostic[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  pushReading(out, decoding, s);
  pushReading(
    out,
    entry.parsed.findings.map((f) => ({ file: entry.file, ...f })),
    s,
  );
  const alone: SpecRepo = { ...emptyRepo(repo.root, repo.config, repo.configFile, repo.format), plans: new Map([[entry.path, entry]]) };
  const format = planFormatOf(entry);
  const pastDraft = !isDraft(entry);
  // One context for every rule run on this plan: `rule` and `severity` say whose turn it is.
  let rule: LintRule | null = null;
  let severity: Severity = 'error';
  const ctx: RuleContext = {
    repo: alone,
    facts: new LintFacts(alone),
    report(file, at, message) {
      if (file !== entry.file) throw new Error(`lint rule ${rule?.id} judges one plan at a time but reported in ${file}, not in ${entry.file}`);
      out.push({ file, line: Math.max(1, at?.line ?? 1), column: Math.max(1, at?.column ?? 1), severity, rule: rule!.id, message });
    },
  };
  for (const r of s.rules) {
    if (r.scope !== 'document' || !(r.formats ?? ['seed']).includes(format)) continue;
    const how = s.run(r);
    if (!how) continue;
    rule = r;
    severity = how.gated && pastDraft ? 'error' : how.severity;
    r.check(ctx);
  }
  return out;
}

/** The loader's findings made while decoding each plan document, by plan file. */
export function decodingFindings(repo: SpecRepo): Map<string, Diagnostic[]> {
  const plans = new Set<string>();
  for (const e of repo.plans.values()) plans.add(e.file);
  const out = new Map<string, Diagnostic[]>();
  for (const f of repo.findings) {
    if (!plans.has(f.file) || !DECODING_RULES.has(f.rule)) continue;
    const list = out.get(f.file);
    if (list) list.push(f);
    else out.set(f.file, [f]);
  }
  return out;
}

/**
 * Lint a whole repository into its units: each plan's own findings (`lintDocument`) and the
 * repository rules' over `outline` (the `repositoryView` of `repo` for these rules, when the caller has it), with
 * the findings made while reading every other file (and `opts.findings`, the ledger's).
 */
export function lintUnits(repo: SpecRepo, opts: LintOptions = {}, outline: SpecRepo = repositoryView(repo, opts.rules)): LintUnits {
  const s = settingsOf(repo, opts);
  const decoding = decodingFindings(repo);
  const documents = new Map<string, Diagnostic[]>();
  for (const entry of repo.plans.values()) documents.set(entry.file, documentFindings(s, repo, entry, decoding.get(entry.file) ?? []));
  const repository: Diagnostic[] = [];
  pushReading(
    repository,
    repo.findings.filter((f) => !(DECODING_RULES.has(f.rule) && decoding.has(f.file))),
    s,
  );
  for (const f of repo.features.values())
    pushReading(
      repository,
      f.parsed.findings.map((x) => ({ file: f.file, ...x })),
      s,
    );
  for (const p of repo.proposals.values())
    pushReading(
      repository,
      p.parsed.findings.map((x) => ({ file: p.file, ...x })),
      s,
    );
  pushReading(repository, opts.findings ?? [], s);
  const pastDraft = new Set([...outline.plans.values()].filter((p) => !isDraft(p)).map((p) => p.file));
  const views = new Map<string, { repo: SpecRepo; facts: LintFacts }>();
  // Views that show the same repository share one set of facts (derived states, step graphs).
  const factsOf = new Map<SpecRepo, LintFacts>();
  const viewFor = (formats: readonly PlanFormat[]) => {
    const key = [...formats].sort().join(',');
    let v = views.get(key);
    if (!v) {
      const r = formatView(outline, formats);
      let facts = factsOf.get(r);
      if (!facts) factsOf.set(r, (facts = new LintFacts(r, opts.items)));
      v = { repo: r, facts };
      views.set(key, v);
    }
    return v;
  };
  for (const rule of s.rules) {
    if (rule.scope === 'document') continue;
    const how = s.run(rule);
    if (!how) continue;
    const view = viewFor(rule.formats ?? ['seed']);
    rule.check({
      repo: view.repo,
      facts: view.facts,
      report(file, at, message) {
        const severity = how.gated && pastDraft.has(file) ? 'error' : how.severity;
        repository.push({ file, line: Math.max(1, at?.line ?? 1), column: Math.max(1, at?.column ?? 1), severity, rule: rule.id, message });
      },
    });
  }
  return { documents, repository };
}

/**
 * The result of a lint run from its units: limited to `opts.paths` and to errors when asked,
 * each finding once (where the same finding was made at two severities, the more severe one),
 * sorted.
 */
export function lintResultOf(units: LintUnits, opts: Pick<LintOptions, 'paths' | 'errorsOnly'> = {}): LintResult {
  const prefixes = (opts.paths ?? []).map((p) => p.replace(/^\.\/+/, '').replace(/\/+$/, '')).filter((p) => p !== '' && p !== '.');
  const wanted = (d: Diagnostic) =>
    (!opts.errorsOnly || d.severity === 'error') && (prefixes.length === 0 || prefixes.some((p) => d.file === p || d.file.startsWith(`${p}/`)));
  const all: Diagnostic[] = units.repository.filter(wanted);
  for (const list of units.documents.values()) for (const d of list) if (wanted(d)) all.push(d);
  const seen = new Set<string>();
  const unique = sortDiagnostics(all).filter((d) => {
    const k = `${d.file}\0${d.line}\0${d.column}\0${d.rule}\0${d.message}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
  return summarize(unique);
}

/**
 * Lint a whole repository: every rule of the preset plus the findings produced while reading the
 * documents, with severities from `planning.lint.rules` (`off` drops a rule). Keeps findings under
 * `opts.paths` when given. Pure over the loaded repository; linear in its size.
 */
export function lintRepo(repo: SpecRepo, opts: LintOptions = {}): LintResult {
  return lintResultOf(lintUnits(repo, opts), opts);
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
