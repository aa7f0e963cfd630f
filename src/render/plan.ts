import { CHILD_PLANS_COLUMNS, type Plan, type Step, type SubStep } from '../model/plan.js';
import { blocks, bulletList, table } from '../markdown/writer.js';

function headerLines(plan: Plan): string {
  const h = plan.header;
  const out: string[] = [];
  const field = (name: string, value: string | null) => {
    if (value !== null) out.push(value === '' ? `**${name}:**` : `**${name}:** ${value}`);
  };
  field('Status', h.status);
  out.push('**Features:**');
  for (const f of h.features) out.push(`  - [${f.text}](${f.href})`);
  field('Source type', h.sourceType);
  field('Source', h.source);
  field('Author', h.author);
  field('Approver', h.approver);
  field('Created', h.created);
  field('Approved', h.approved);
  field('Effort', h.effort);
  field('Impact', h.impact);
  for (const x of h.extra) field(x.name, x.value);
  if (h.supersededBy) field('Superseded by', `[${h.supersededBy.text}](${h.supersededBy.href})`);
  return out.join('\n');
}

function fieldList(name: string, items: readonly string[], indent: string): string {
  return `**${name}:**\n${bulletList(items, indent)}`;
}

function stepBlock(step: Step | SubStep, depth: 3 | 4): string {
  const fields: string[] = [];
  const first: string[] = [];
  if (step.dependsOn !== null) {
    first.push(`**Depends on:** ${step.dependsOn.length ? step.dependsOn.map((d) => (/^\d/.test(d) ? `Step ${d}` : d)).join(', ') : '(none)'}`);
  }
  if (step.produces.length) first.push(fieldList('Produces', step.produces, '  '));
  if (first.length) fields.push(first.join('\n'));
  if (step.acceptanceCriteria.length) fields.push(fieldList('Acceptance criteria', step.acceptanceCriteria, ''));
  for (const x of step.extraFields) fields.push(`**${x.name}:** ${x.value}`.trimEnd());
  const head = `${'#'.repeat(depth)} ${step.number}. ${step.title}`;
  const own = blocks([head, step.body, ...fields]).trimEnd();
  const subs = 'subSteps' in step ? step.subSteps.map((s) => stepBlock(s, 4)) : [];
  return [own, ...subs].join('\n\n');
}

function childPlansTable(plan: Plan): string {
  const rows = plan.childPlans ?? [];
  const withDeps = rows.some((r) => r.dependsOn !== null);
  const header = [...CHILD_PLANS_COLUMNS, ...(withDeps ? ['Depends on'] : [])];
  const body = rows.map((r) => [
    r.order,
    `[${r.plan.text}](${r.plan.href})`,
    r.status,
    r.effort,
    r.impact,
    ...(withDeps ? [r.dependsOn && r.dependsOn.length ? r.dependsOn.join(', ') : '—'] : []),
  ]);
  return table(header, body);
}

function section(title: string, body: string | null): string | null {
  if (body === null) return null;
  return body.trim() ? `## ${title}\n\n${body}` : `## ${title}`;
}

/**
 * Render a plan in the canonical layout of the seed. Pure and deterministic:
 * `parsePlan(renderPlan(p)).plan` deep-equals `p` for every valid model, and rendering a
 * canonical document reproduces it byte for byte.
 */
export function renderPlan(plan: Plan): string {
  const steps =
    plan.steps === null ? null : ['## Steps', plan.stepsPreamble, ...plan.steps.map((s) => stepBlock(s, 3))].filter((x) => x.trim() !== '').join('\n\n');
  const child = plan.childPlans === null ? null : ['## Child Plans', childPlansTable(plan), plan.childPlansNotes].filter((x) => x.trim() !== '').join('\n\n');
  return blocks([
    `# Plan: ${plan.title}`,
    plan.preamble,
    headerLines(plan),
    section('Context', plan.context),
    plan.acceptanceCriteria === null ? null : section('Acceptance criteria', bulletList(plan.acceptanceCriteria)),
    steps,
    child,
    section('Dependency graph', plan.dependencyGraph),
    section('Risks and open decisions', plan.risks),
    ...plan.extraSections.map((s) => section(s.title, s.body)),
    section('Outstanding Questions', plan.outstandingQuestions),
  ]);
}
