import { hrefToFolder, resolveHref } from '../../model/paths.js';
import { PLANS_DIR } from '../../model/repository.js';
import { defineRule } from '../rule.js';

/**
 * An approved proposal that a plan names as its Source links forward to that plan; any proposal
 * Plan link resolves to an existing plan.
 */
export default defineRule({
  id: 'proposal/plan-link',
  description: 'An approved proposal that is the Source of a plan has a Plan link to it; a Plan link resolves to an existing plan.',
  defaultSeverity: 'error',
  reportsInPlans: false,
  fix: "Add `| Plan | [slug](../../../../plans/slug/) |` to the proposal's metadata table (scaffolding a plan from the proposal does it), or correct a link that leads to no plan.",
  check({ repo, facts, report }) {
    const sourcedBy = new Map<string, string[]>();
    for (const entry of repo.plans.values()) {
      for (const link of entry.parsed.sourceLinks) {
        const id = facts.proposalOfLink(entry.file, link.href);
        if (id !== null) (sourcedBy.get(id) ?? sourcedBy.set(id, []).get(id)!).push(entry.path);
      }
    }
    for (const p of repo.proposals.values()) {
      const fields = p.parsed.proposal.fields;
      const planField = fields.find((f) => f.name.toLowerCase() === 'plan');
      const at = { line: (planField ?? fields.find((f) => f.name.toLowerCase() === 'status'))?.line ?? 1, column: 1 };
      const link = p.parsed.proposal.plan;
      const target = link ? facts.planOfLink(p.file, link.href) : null;
      if (link && (target === null || !repo.plans.has(target))) {
        report(
          p.file,
          at,
          `Plan link "${link.href}" resolves to ${resolveHref(p.file, link.href) ?? 'no local path'}, which is not a plan; expected a link to a plan folder below ${PLANS_DIR}/`,
        );
        continue;
      }
      const plans = (sourcedBy.get(p.id) ?? []).sort();
      if (p.parsed.proposal.status !== 'approved' || plans.length === 0) continue;
      if (target !== null && plans.includes(target)) continue;
      const current = plans.filter((x) => repo.plans.get(x)!.parsed.plan.header.status !== 'superseded');
      const want = current[0] ?? plans[0]!;
      const href = hrefToFolder(p.file, `${PLANS_DIR}/${want}`);
      const found = link ? `links ${target}` : 'has no Plan link';
      report(
        p.file,
        at,
        `approved proposal is the Source of plan ${plans.join(', ')} but ${found}; expected a metadata row "| Plan | [${want.split('/').pop()}](${href}) |"`,
      );
    }
  },
});
