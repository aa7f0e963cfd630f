import { writeExportFile } from './export-file.js';
import { itemsByPlan } from '../analysis/progress.js';
import type { WorkItem } from '../model/execution.js';
import { isRoadmap } from '../model/plan.js';
import { act, ProblemError, UsageError } from '../model/errors.js';
import { loadExecution } from '../repo/execution.js';
import { loadRepo } from '../repo/load-repo.js';
import { checkSpecPath } from '../model/paths.js';
import type { SpecRepo } from '../model/repository.js';
import { exportExecutionPlan } from '../interop/export-execution-plan.js';
import { exportGithub, planLabel } from '../interop/export-github.js';
import { exportInput, type ExportInput } from '../interop/export-input.js';
import { exportTaskmaster } from '../interop/export-taskmaster.js';
import { exportWorkItems } from '../interop/export-work-items.js';
import type { ExportFormat } from '../model/interop-formats.js';
import type { GithubCreateResult } from '../llm/github-client.js';

/** An export as text, with its media type. */
interface RenderedExport {
  /** The export as written to a file or stdout. */
  content: string;
  /** `application/json` or `text/markdown`. */
  mediaType: 'application/json' | 'text/markdown';
  /** The export as data (parsed JSON), or null for markdown. */
  data: unknown;
}

/**
 * Find a plan and check that it can be exported: it exists, it is not a roadmap, it has steps.
 * Warnings (not approved, unknown dependencies) are returned, not thrown.
 */
function exportablePlan(repo: SpecRepo, plan: string): { planPath: string; warnings: string[] } {
  const planPath = checkSpecPath('plan', plan);
  const entry = repo.plans.get(planPath);
  if (!entry) {
    const near = [...repo.plans.keys()]
      .filter((k) => k.includes(planPath.split('/').at(-1)!) || planPath.includes(k.split('/').at(-1)!))
      .sort()
      .slice(0, 3);
    throw new UsageError(
      `plan ${planPath} does not exist (no spec/plans/${planPath}/README.md)`,
      near.length ? `did you mean ${near.join(', ')}?` : 'pass the plan path below spec/plans/, e.g. user-auth or billing-roadmap/invoice-pdf',
    );
  }
  const p = entry.parsed.plan;
  if (isRoadmap(p) || entry.children.length) {
    throw new UsageError(
      `plan ${planPath} is a roadmap: it orders child plans and has no steps to export`,
      entry.children.length ? `export a child plan: ${entry.children.join(', ')}` : 'export one of its child plans',
    );
  }
  if (!p.steps?.length)
    throw new ProblemError(`plan ${planPath} has no steps to export`, [
      'add "### 1. Title" steps under "## Steps" (see ',
      act({ do: 'lint', path: entry.file }),
      ')',
    ]);
  const warnings: string[] = [];
  if (p.header.status !== 'approved')
    warnings.push(
      `plan ${planPath} is ${p.header.status ?? 'without a status'}; work items are normally generated from approved plans (the plan can still change)`,
    );
  return { planPath, warnings };
}

/** Load the repository and execution state and build the export input of one plan. */
async function loadExportInput(root: string, plan: string, today: string): Promise<{ input: ExportInput; warnings: string[] }> {
  const repo = loadRepo(root);
  const { planPath, warnings } = exportablePlan(repo, plan);
  const execution = await loadExecution(repo.root);
  for (const f of execution.findings) warnings.push(`${f.file}:${f.line}: ${f.message}`);
  return { input: buildInput(repo, planPath, execution.items, today), warnings };
}

/** The export input of an existing plan, with its execution items. Pure. */
function buildInput(repo: SpecRepo, planPath: string, items: readonly WorkItem[], today: string): ExportInput {
  const entry = repo.plans.get(planPath)!;
  const input = exportInput({
    planPath,
    file: entry.file,
    text: entry.text,
    plan: entry.parsed.plan,
    positions: entry.parsed.positions,
    items: itemsByPlan(items).get(planPath) ?? [],
    today,
  });
  return input;
}

/** Dependency problems worth a warning: steps named in Depends on that do not exist. */
function inputWarnings(input: ExportInput): string[] {
  return input.graph.unknown.map((u) => `step ${u.step} depends on "${u.ref}", which names no step of ${input.planPath}; the dependency is left out`);
}

/** Render an export (pure). GitHub: the issue payloads; creating them is `createGithubIssues`. */
function renderExport(input: ExportInput, to: ExportFormat, opts: { repo?: string | undefined; ref?: string | undefined } = {}): RenderedExport {
  if (input.graph.cycles.length) {
    throw new ProblemError(
      `plan ${input.planPath} has a dependency cycle (${input.graph.cycles.map((c) => c.join(' → ')).join('; ')}); no execution order exists`,
      ['fix the Depends on fields (see ', act({ do: 'lint', path: input.file }), ') and export again'],
    );
  }
  const json = (data: unknown): RenderedExport => ({ content: `${JSON.stringify(data, null, 2)}\n`, mediaType: 'application/json', data });
  switch (to) {
    case 'work-items':
      return json(exportWorkItems(input));
    case 'taskmaster':
      return json(exportTaskmaster(input));
    case 'github':
      return json({ plan: input.planPath, issues: exportGithub(input, opts) });
    case 'execution-plan':
      return { content: exportExecutionPlan(input), mediaType: 'text/markdown', data: null };
  }
}

/** What to export and where. */
export interface ExportRequest {
  root: string;
  plan: string;
  to: ExportFormat;
  /** Write the export to this file (relative to `cwd`, inside the root) instead of returning it. */
  out?: string | undefined;
  cwd?: string | undefined;
  /** github: `owner/name` the links point at (and the issues are created in, with a token). */
  repo?: string | undefined;
  ref?: string | undefined;
  /** github: create the issues with this token; without one only the payloads are returned. */
  token?: string | undefined;
  apiUrl?: string | undefined;
  today: string;
}

/** The export: created issues, a written file, or the content itself. */
export type ExportOutcome = { plan: string; items: number; warnings: string[] } & (
  | { kind: 'issues'; issues: GithubCreateResult }
  | { kind: 'file'; file: string }
  | { kind: 'content'; rendered: RenderedExport }
);

/**
 * Export a plan's steps for execution tools. With a GitHub token the issues are created (issues
 * already there are found by their labels); with `out` the export is written as one operation of
 * the unit of work; otherwise it is returned.
 */
export async function exportPlan(req: ExportRequest): Promise<ExportOutcome> {
  const { input, warnings } = await loadExportInput(req.root, req.plan, req.today);
  const base = { plan: input.planPath, items: input.nodes.length, warnings: [...warnings, ...inputWarnings(input)] };
  if (req.to === 'github' && req.token) {
    const { checkRepoSlug, createGithubIssues } = await import('../llm/github-client.js');
    const repo = checkRepoSlug(req.repo ?? '');
    const set = {
      label: planLabel(input.planPath),
      issues: (issueNumbers: ReadonlyMap<string, number>) => exportGithub(input, { repo, ref: req.ref, issueNumbers }),
    };
    return { ...base, kind: 'issues', issues: await createGithubIssues(set, { repo, token: req.token, apiUrl: req.apiUrl }) };
  }
  const rendered = renderExport(input, req.to, { repo: req.repo, ref: req.ref });
  if (req.out === undefined) return { ...base, kind: 'content', rendered };
  const file = await writeExportFile(req.root, req.out, rendered.content, req.cwd);
  return { ...base, kind: 'file', file };
}

/** The issues a failed GitHub export created before it failed, or null for any other error. */
export function createdBeforeFailure(e: unknown): GithubCreateResult | null {
  return e instanceof Error && 'partial' in e ? (e as Error & { partial: GithubCreateResult }).partial : null;
}
