import type { Command } from 'commander';

/** One or two example command lines per command, shown at the end of its `--help`. */
const EXAMPLES: Record<string, readonly string[]> = {
  specplan: ['specplan lint', 'specplan status user-auth'],
  lint: ['specplan lint', 'specplan lint user-auth --format json'],
  index: ['specplan index', 'specplan index --check'],
  new: [
    'specplan new bulk-invite --title "Bulk invite" --author @ann --feature accounts',
    'specplan new invoice-pdf --title "Invoice PDF" --author @ann --proposal billing/pdf-invoices --parent billing-roadmap',
  ],
  submit: ['specplan submit user-auth'],
  approve: ['specplan approve user-auth --approver @jordan', 'specplan approve batch-mode --approver @jordan --comment "Initial approval by @jordan"'],
  revise: ['specplan revise user-auth'],
  reject: ['specplan reject batch-mode'],
  supersede: ['specplan supersede user-auth --by user-auth-v2'],
  withdraw: ['specplan withdraw batch-mode'],
  deprecate: ['specplan deprecate batch-mode'],
  snapshot: [
    'specplan snapshot batch-mode --comment "Added the streaming task"',
    'specplan snapshot batch-mode --action completed --comment "All tasks verified"',
  ],
  status: ['specplan status', 'specplan status billing-roadmap/invoice-pdf --format json'],
  graph: ['specplan graph billing-roadmap/invoice-pdf', 'specplan graph --format dot | dot -Tsvg > portfolio.svg'],
  draft: ['specplan draft --feature accounts --provider none --dry-run', 'specplan draft --proposal billing/pdf-invoices --slug invoice-pdf'],
  suggest: ['specplan suggest user-auth', 'specplan suggest user-auth --apply'],
  sync: ['specplan sync', 'specplan sync --dry-run'],
  'check-frozen': ['specplan check-frozen', 'specplan check-frozen --staged'],
  hooks: ['specplan hooks install', 'specplan hooks uninstall'],
  install: ['specplan hooks install'],
  uninstall: ['specplan hooks uninstall'],
  report: ['specplan report user-auth', 'specplan report user-auth --dry-run'],
  import: ['specplan import plan.md --from execution-plan --feature search --slug search-index', 'specplan import tasks.md --from speckit --feature search'],
  export: ['specplan export user-auth --to work-items', 'specplan export user-auth --to execution-plan --out plan.md'],
  mcp: ['specplan mcp', 'specplan mcp --http 8808'],
  'whats-next': ['whats-next --incremental --dry-run', 'whats-next --check'],
};

function helpText(name: string): string | null {
  const lines = EXAMPLES[name];
  return lines?.length ? `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n` : null;
}

/** End the `--help` of `cmd` and of every command below it with its examples. */
export function addExamples(cmd: Command): void {
  const text = helpText(cmd.name());
  if (text) cmd.addHelpText('after', text);
  for (const sub of cmd.commands) addExamples(sub);
}
