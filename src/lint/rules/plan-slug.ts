import { builtinKeyProblem, isSafeSlug } from '../../model/paths.js';
import { defineRule } from '../rule.js';

/** Plan folder names are URL- and path-safe slugs. */
export default defineRule({
  formats: ['seed', 'specscore'],
  id: 'plan/slug',
  scope: 'document',
  description: 'Every plan folder name is a path-safe slug: lower-case letters, digits and hyphens, starting with a letter or digit.',
  defaultSeverity: 'error',
  fix: 'Rename the plan folder to lower-case letters, digits and hyphens (the message suggests one), and update the links to it.',
  check({ repo, facts, report }) {
    for (const entry of repo.plans.values()) {
      const slug = entry.path.slice(entry.path.lastIndexOf('/') + 1);
      if (isSafeSlug(slug)) continue;
      const builtin = builtinKeyProblem(slug);
      if (builtin) {
        report(entry.file, facts.planPos(entry, 'title'), `plan folder ${builtin}; rename the folder`);
        continue;
      }
      const suggestion = slug
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '');
      report(
        entry.file,
        facts.planPos(entry, 'title'),
        `plan folder "${slug}" is not a path-safe slug; expected lower-case letters, digits and hyphens${suggestion && isSafeSlug(suggestion) ? `, e.g. "${suggestion}"` : ''}`,
      );
    }
  },
});
