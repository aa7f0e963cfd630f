import { featureAcSlugs } from '../../parse/feature-acs.js';
import { defineRule } from '../rule.js';

const REF = /^([a-z0-9][a-z0-9/-]*)#ac:([a-z0-9][a-z0-9-]*)$/;

/** Every `**Verifies:**` reference names an acceptance criterion that exists in its feature. */
export default defineRule({
  id: 'specscore/verifies',
  description: 'Every **Verifies:** reference "feature#ac:slug" names a feature of spec/features/ and one of its "### AC: slug" criteria.',
  defaultSeverity: 'error',
  formats: ['specscore'],
  check({ repo, report }) {
    const acsOf = new Map<string, Set<string>>();
    const acs = (feature: string): Set<string> | null => {
      const f = repo.features.get(feature);
      if (!f) return null;
      let set = acsOf.get(feature);
      if (!set) {
        set = new Set(featureAcSlugs(f.text));
        acsOf.set(feature, set);
      }
      return set;
    };
    for (const entry of repo.plans.values()) {
      for (const t of entry.parsed.specscore?.tasks ?? []) {
        for (const ref of t.verifies) {
          const at = { line: t.verifiesLine ?? t.line, column: 1 };
          const m = REF.exec(ref);
          if (!m) {
            report(entry.file, at, `task ${t.number} verifies "${ref}"; expected "feature-slug#ac:ac-slug"`);
            continue;
          }
          const set = acs(m[1]!);
          if (set === null)
            report(
              entry.file,
              at,
              `task ${t.number} verifies "${ref}", but there is no feature ${m[1]}; expected a folder spec/features/${m[1]}/ with a README.md`,
            );
          else if (!set.has(m[2]!))
            report(entry.file, at, `task ${t.number} verifies "${ref}", but feature ${m[1]} has no "### AC: ${m[2]}"; expected one of its acceptance criteria`);
        }
      }
    }
  },
});
