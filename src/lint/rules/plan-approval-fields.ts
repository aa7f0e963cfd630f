import { isIsoDate } from '../../model/common.js';
import { defineRule } from '../rule.js';

/** An approved plan records who approved it and when, not before it was created. */
export default defineRule({
  id: 'plan/approval-fields',
  scope: 'document',
  description: 'An approved plan has Approver and Approved (date); the approval is not dated before Created.',
  defaultSeverity: 'error',
  fix: 'Approve with the `approve` command (MCP: `set_plan_status`), which writes both fields; for a plan approved by hand, add `**Approver:**` after Author and `**Approved:** YYYY-MM-DD` (not before Created) after Created.',
  check({ repo, facts, report }) {
    for (const entry of repo.plans.values()) {
      const h = entry.parsed.plan.header;
      const statusAt = facts.planPos(entry, 'header.status');
      if (h.status === 'approved') {
        if (!h.approver?.trim()) report(entry.file, statusAt, 'plan is approved but has no Approver; expected "**Approver:** @name" after Author');
        if (!h.approved?.trim()) report(entry.file, statusAt, 'plan is approved but has no Approved date; expected "**Approved:** YYYY-MM-DD" after Created');
      }
      const created = h.created?.trim() ?? '';
      const approved = h.approved?.trim() ?? '';
      if (isIsoDate(created) && isIsoDate(approved) && approved < created) {
        report(
          entry.file,
          facts.planPos(entry, 'header.approved'),
          `Approved ${approved} is before Created ${created}; expected an approval on or after the creation date`,
        );
      }
    }
  },
});
