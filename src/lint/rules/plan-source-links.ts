import { resolveHref } from '../../model/paths.js';
import { defineRule } from '../rule.js';

/**
 * Source links resolve to files or folders that exist; a change-request plan links its proposal.
 * External (http, mailto…) links are not checked.
 */
export default defineRule({
  id: 'plan/source-links',
  description: 'Local Source links resolve to existing files or folders; a change-request plan links to its proposal.',
  defaultSeverity: 'error',
  fix: "Point the Source link at an existing file or folder relative to the plan; a change-request plan links its proposal's folder.",
  check({ repo, facts, report }) {
    for (const entry of repo.plans.values()) {
      const h = entry.parsed.plan.header;
      if (h.source === null || h.source.trim() === '') continue;
      const at = facts.planPos(entry, 'header.source');
      const links = entry.parsed.sourceLinks;
      if (links.length === 0) {
        report(
          entry.file,
          at,
          `Source "${h.source}" has no link; expected a link to the originating feature spec or proposal, e.g. [feature spec](../../features/<feature>/)`,
        );
        continue;
      }
      for (const link of links) {
        const target = resolveHref(entry.file, link.href);
        if (target === null) continue; // external or anchor-only
        if (target === '..' || target.startsWith('../')) {
          report(entry.file, at, `Source link "${link.href}" leads outside the repository root; expected a path inside the repository`);
        } else if (!facts.exists(target)) {
          report(entry.file, at, `Source link "${link.href}" resolves to ${target}, which does not exist; expected an existing feature spec, proposal or file`);
        }
      }
      if (h.sourceType === 'change-request' && !links.some((l) => facts.proposalOfLink(entry.file, l.href) !== null)) {
        report(
          entry.file,
          at,
          'Source type is change-request but Source links no existing proposal; expected a link such as ../../features/<feature>/proposals/<proposal>/',
        );
      }
    }
  },
});
