import type { ExtraField } from '../model/common.js';
import { PLAN_FORMAT_URL, SPECSCORE_PLAN_STATUSES } from '../model/plan-format.js';
import type { Plan, Step } from '../model/plan.js';
import { blocks, bulletList } from '../markdown/writer.js';

/*
 * The canonical layout of a plan in the current SpecScore format, rendered from the one plan
 * model in the shape its parser reads (`parseSpecscorePlan`): the header fields the format
 * defines (Source Feature, Date, Owner, Supersedes, Parent, …) are the model's extra header
 * fields, in their order; Summary is the context, Tasks the steps (Verifies, Status and the
 * other task fields as their extra fields), Open Questions the outstanding questions.
 */

/** The status as the format writes it: `in_review` → `In Review`; an unknown value as it is. */
export function writtenStatus(value: string): string {
  return SPECSCORE_PLAN_STATUSES.get(value) ?? value;
}

function field(name: string, value: string): string {
  return value === '' ? `**${name}:**` : `**${name}:** ${value}`;
}

function extraValue(extra: readonly ExtraField[], name: string): string | null {
  return extra.find((x) => x.name.toLowerCase() === name)?.value.trim() ?? null;
}

/** The model's named header values that the parser does not derive from the format's own fields. */
function ownHeaderLines(plan: Plan): string[] {
  const h = plan.header;
  const extra = h.extra;
  const out: string[] = [];
  const sourceFeature = extraValue(extra, 'source feature');
  const derivedFeature = sourceFeature !== null && h.features.length === 1 && h.features[0]!.text === sourceFeature.replace(/^`|`$/g, '');
  if (h.features.length && !derivedFeature) {
    out.push('**Features:**', ...h.features.map((f) => `  - [${f.text}](${f.href})`));
  }
  const sourceRef = h.source?.trim() ?? '';
  const derivedType =
    (h.sourceType === 'feature' && sourceFeature !== null) ||
    (h.sourceType === 'idea' && /^idea:/.test(sourceRef)) ||
    (h.sourceType === 'none' && /^none$/i.test(sourceRef));
  if (h.sourceType !== null && !derivedType) out.push(field('Source type', h.sourceType));
  if (h.author !== null && extraValue(extra, 'owner') !== h.author) out.push(field('Author', h.author));
  if (h.approver !== null) out.push(field('Approver', h.approver));
  if (h.created !== null && extraValue(extra, 'date') !== h.created) out.push(field('Created', h.created));
  if (h.approved !== null) out.push(field('Approved', h.approved));
  return out;
}

function headerBlock(plan: Plan): string {
  const h = plan.header;
  const lines: string[] = [];
  if (h.status !== null) lines.push(field('Status', writtenStatus(h.status)));
  if (h.source !== null) lines.push(field('Source', h.source));
  for (const x of h.extra) lines.push(field(x.name, x.value));
  lines.push(...ownHeaderLines(plan));
  if (h.effort !== null) lines.push(field('Effort', h.effort));
  if (h.impact !== null) lines.push(field('Impact', h.impact));
  if (h.supersededBy) lines.push(field('Superseded by', `[${h.supersededBy.text}](${h.supersededBy.href})`));
  return lines.join('\n');
}

/** `**Depends-On:**` as the format writes it: `—` for none, else the task labels. */
function dependsOnValue(deps: readonly string[]): string {
  return deps.length ? deps.join(', ') : '—';
}

/** `### Task N: Title`, its fields (Depends-On after Verifies), then its description. */
function taskBlock(step: Step): string {
  const fields: string[] = [];
  const verifiesAt = step.extraFields.findIndex((x) => x.name.toLowerCase() === 'verifies');
  const depends = step.dependsOn === null ? [] : [field('Depends-On', dependsOnValue(step.dependsOn))];
  if (verifiesAt < 0) fields.push(...depends);
  step.extraFields.forEach((x, i) => {
    fields.push(field(x.name, x.value.trim()));
    if (i === verifiesAt) fields.push(...depends);
  });
  return blocks([`### Task ${step.number}: ${step.title}`, fields.join('\n'), step.body]).trimEnd();
}

function section(title: string, body: string | null): string | null {
  if (body === null) return null;
  return body.trim() ? `## ${title}\n\n${body}` : `## ${title}`;
}

/**
 * Render a plan in the canonical layout of the current SpecScore format: front matter (`format:`
 * and the `status:` mirror), `# Plan: Title`, the header fields, Summary, Approach, Tasks, the
 * other sections in their order, Open Questions, and the adherence footer last. Pure and
 * deterministic; `parseSpecscorePlan(renderSpecscorePlan(p), file).plan` deep-equals `p` for a
 * model in the parser's shape (what the parser returns, or `specscorePlanFromDraft`).
 */
export function renderSpecscorePlan(plan: Plan): string {
  const approach = plan.extraSections.filter((s) => s.title.trim().toLowerCase() === 'approach').slice(0, 1);
  const others = plan.extraSections.filter((s) => !approach.includes(s));
  const tasks = plan.steps === null ? null : ['## Tasks', plan.stepsPreamble, ...plan.steps.map(taskBlock)].filter((x) => x.trim() !== '').join('\n\n');
  const frontMatter = ['---', `format: ${PLAN_FORMAT_URL}`, ...(plan.header.status !== null ? [`status: ${writtenStatus(plan.header.status)}`] : []), '---'];
  const body = blocks([
    frontMatter.join('\n'),
    `# Plan: ${plan.title}`,
    plan.preamble,
    headerBlock(plan),
    section('Summary', plan.context),
    ...approach.map((s) => section(s.title, s.body)),
    plan.acceptanceCriteria === null ? null : section('Acceptance criteria', bulletList(plan.acceptanceCriteria)),
    tasks,
    section('Dependency graph', plan.dependencyGraph),
    section('Risks and open decisions', plan.risks),
    ...others.map((s) => section(s.title, s.body)),
    section('Open Questions', plan.outstandingQuestions),
    `---\n*This document follows the ${PLAN_FORMAT_URL}*`,
  ]);
  return body;
}
