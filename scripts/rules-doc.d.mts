/** Type declarations for scripts/rules-doc.mjs (plain JavaScript, run by node directly). */
export interface DocumentedRule {
  id: string;
  description: string;
  defaultSeverity: string;
  fix?: string;
  adopts?: readonly string[];
}

/** The text of docs/rules.md for `rules`. */
export function renderRulesDoc(rules: readonly DocumentedRule[]): string;
