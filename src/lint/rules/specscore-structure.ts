import { normalizeTitle } from '../../parse/plan.js';
import { defineRule } from '../rule.js';

const SECTIONS = ['Summary', 'Approach', 'Tasks', 'Open Questions'] as const;

/**
 * A current-format plan has its title, required header fields (Status, one source line, Date,
 * Owner, Supersedes) and required sections (Summary, Approach, Tasks, Open Questions): one
 * finding per plan naming everything that is missing.
 */
export default defineRule({
  id: 'specscore/structure',
  scope: 'document',
  description:
    'A plan has "# Plan: Title", the header fields Status, one of Source Feature / Source (idea:slug or none), Date, Owner, Supersedes, and the sections Summary, Approach, Tasks, Open Questions.',
  defaultSeverity: 'error',
  formats: ['specscore'],
  check({ repo, report }) {
    for (const entry of repo.plans.values()) {
      const s = entry.parsed.specscore;
      if (!s) continue;
      const header = entry.parsed.plan.header;
      const has = (name: string) => header.extra.some((f) => f.name.toLowerCase() === name);
      const missing: string[] = [];
      if (s.titleLine === null) missing.push('the "# Plan: Title" heading');
      if (s.writtenStatus === null) missing.push('**Status:**');
      const sources = (s.sourceFeature !== null ? 1 : 0) + (s.sourceRef !== null ? 1 : 0);
      if (sources === 0) missing.push('a source line (**Source Feature:** slug, or **Source:** idea:slug or none)');
      else if (s.sourceRef !== null && !/^(idea:\s*\S+|none)$/i.test(s.sourceRef))
        missing.push(`a recognised source (**Source:** is "${s.sourceRef}"; expected idea:slug or none)`);
      if (sources > 1) missing.push('a single source line (both **Source Feature:** and **Source:** are present)');
      if (!has('date')) missing.push('**Date:**');
      if (!has('owner')) missing.push('**Owner:**');
      if (!has('supersedes')) missing.push('**Supersedes:**');
      for (const sec of SECTIONS) if (s.sections[normalizeTitle(sec)] === undefined) missing.push(`## ${sec}`);
      if (missing.length)
        report(
          entry.file,
          { line: s.titleLine ?? 1, column: 1 },
          `plan lacks ${missing.join(', ')}; expected the header and sections of the plan specification`,
        );
    }
  },
});
