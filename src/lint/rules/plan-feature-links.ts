import { resolveHref } from '../../model/paths.js';
import { defineRule } from '../rule.js';

/** Every Features entry links to a feature README (or folder) that exists. */
export default defineRule({
  id: 'plan/feature-links',
  description: 'Each Features entry links to an existing feature below spec/features/.',
  defaultSeverity: 'error',
  fix: 'Link each feature by its folder below `spec/features/` relative to the plan, e.g. `[cli](../../features/cli/)`, or create the feature.',
  check({ repo, facts, report }) {
    for (const entry of repo.plans.values()) {
      const at = facts.planPos(entry, 'header.features');
      for (const link of entry.parsed.plan.header.features) {
        const feature = facts.featureOfLink(entry.file, link.href);
        if (feature !== null && repo.features.has(feature)) continue;
        const target = resolveHref(entry.file, link.href);
        const why =
          feature === null
            ? `${target ?? 'a non-local target'}, which is not below spec/features/`
            : `spec/features/${feature}/README.md, which does not exist`;
        report(
          entry.file,
          at,
          `Features link "[${link.text}](${link.href})" resolves to ${why}; expected a link to an existing feature README such as ../../features/<feature>/README.md`,
        );
      }
    }
  },
});
