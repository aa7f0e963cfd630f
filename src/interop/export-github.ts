import { z } from 'zod';
import { digest } from '../model/digest.js';
import type { ExportInput } from './export-input.js';

/** GitHub label names are at most 50 characters. */
const LABEL_MAX = 50;

const GithubIssuePayloadSchema = z.object({
  id: z.string().describe('Work-item id of the step, `plan#2.1`'),
  step: z.string().describe('Step number'),
  title: z.string().describe('Issue title'),
  body: z.string().describe('Issue body (markdown) with the acceptance criteria as a task list'),
  labels: z.array(z.string()).describe('`plan:<plan>` and `step:<number>`'),
  dependsOn: z.array(z.string()).describe('Work-item ids this issue waits for (also named in the body)'),
});
export type GithubIssuePayload = z.infer<typeof GithubIssuePayloadSchema>;

/** `plan:<path>`, shortened with a hash suffix when GitHub's 50-character limit needs it. */
export function planLabel(planPath: string): string {
  const full = `plan:${planPath}`;
  if (full.length <= LABEL_MAX) return full;
  const hash = digest(planPath, 6);
  return `${full.slice(0, LABEL_MAX - 7)}~${hash}`;
}

function stepLabel(number: string): string {
  return `step:${number}`;
}

export interface GithubExportOptions {
  /** `owner/name`: links point at the plan on GitHub. */
  repo?: string | undefined;
  /** Branch, tag or commit for those links (default HEAD: the default branch). */
  ref?: string | undefined;
  /** Issue numbers of already created steps (by work-item id), for "Depends on" references. */
  issueNumbers?: ReadonlyMap<string, number>;
}

/**
 * Issue payloads for every step and sub-step (pure), in dependency order (the DAG's layers), so
 * issues created in this order can name the issues they depend on. Body: the plan and step link,
 * the description, dependencies, produced artifacts, acceptance criteria as a task list, and the
 * trailer that marks the step done.
 */
export function exportGithub(input: ExportInput, opts: GithubExportOptions = {}): GithubIssuePayload[] {
  const total = input.nodes.filter((n) => n.parent === null).length;
  const byNumber = new Map(input.nodes.map((n) => [n.number, n]));
  const base = opts.repo ? `https://github.com/${opts.repo}/blob/${opts.ref ?? 'HEAD'}/${input.file}` : input.file;
  const ordered = [...input.nodes].sort((a, b) => a.layer - b.layer || input.nodes.indexOf(a) - input.nodes.indexOf(b));
  return ordered.map((n) => {
    const link = `${base}${n.anchor ? `#${n.anchor}` : ''}`;
    const where = n.parent ? `sub-step **${n.number}** of step ${n.parent}` : `step **${n.number}** of ${total}`;
    const deps = n.after.map((d) => byNumber.get(d)!.id);
    const depText = deps.map((id) => {
      const num = opts.issueNumbers?.get(id);
      return num ? `#${num} (\`${id}\`)` : `\`${id}\``;
    });
    const lines = [
      `**Plan:** [${input.plan.title}](${link}) · ${where} · plan status: ${input.plan.header.status ?? 'unknown'}`,
      `**Work item:** \`${n.id}\``,
      n.step.body.trim(),
      deps.length ? `**Depends on:** ${depText.join(', ')}` : '**Depends on:** nothing; can start at once',
      n.step.produces.length ? `**Produces:**\n${n.step.produces.map((p) => `- ${p}`).join('\n')}` : '',
      n.step.acceptanceCriteria.length
        ? `**Acceptance criteria:**\n${n.step.acceptanceCriteria.map((c) => `- [ ] ${c.replace(/\n/g, '\n  ')}`).join('\n')}`
        : '',
      `---\nMark this step done with a commit trailer \`Plan-Step: ${n.id}\` (or a ledger item in \`.specscore/work-items.yaml\`), so the plan's progress updates.`,
    ];
    return {
      id: n.id,
      step: n.number,
      title: `${n.number}. ${n.step.title.replace(/\s+/g, ' ').trim()} (${input.planPath})`,
      body: `${lines.filter((l) => l !== '').join('\n\n')}\n`,
      labels: [planLabel(input.planPath), stepLabel(n.number)],
      dependsOn: deps,
    };
  });
}
