import { defineRule } from '../rule.js';

const REQUIRED = [
  ['status', 'Status', '**Status:** draft'],
  ['features', 'Features', '**Features:** followed by "- [feature](../../features/feature/README.md)" items'],
  ['sourceType', 'Source type', '**Source type:** feature'],
  ['source', 'Source', '**Source:** [feature spec](../../features/feature/)'],
  ['author', 'Author', '**Author:** @name'],
  ['created', 'Created', '**Created:** YYYY-MM-DD'],
] as const;

/** Every plan states Status, Features, Source type, Source, Author and Created. */
export default defineRule({
  id: 'plan/header-required',
  scope: 'document',
  description: 'A plan header has the required fields Status, Features, Source type, Source, Author and Created, each with a value.',
  defaultSeverity: 'error',
  fix: 'Add the missing `**Field:** value` lines to the header; the `new` command scaffolds a plan that has them all.',
  check({ repo, facts, report }) {
    for (const entry of repo.plans.values()) {
      const h = entry.parsed.plan.header;
      const missing: string[] = [];
      for (const [key, name, example] of REQUIRED) {
        const value = h[key];
        const empty = Array.isArray(value) ? value.length === 0 : value === null || value.trim() === '';
        if (!empty) continue;
        const at = entry.parsed.positions.get(`header.${key}`);
        if (at) report(entry.file, at, `header field "${name}" is empty; expected ${example}`);
        else missing.push(name);
      }
      if (missing.length) {
        report(
          entry.file,
          facts.planPos(entry, 'title'),
          `plan header lacks ${missing.map((m) => `"${m}"`).join(', ')}; expected the fields Status, Features, Source type, Source, Author and Created below the "# Plan:" title`,
        );
      }
    }
  },
});
