import type { OperationOutcome } from '../app/unit-of-work.js';

// How a writing command reports: the headline, the files it wrote (or would write) and notes.
interface WriteReport {
  headline: string;
  outcome: Omit<OperationOutcome<unknown>, 'result'>;
  notes: readonly string[];
  dryRun: boolean;
}

/** Text output of a writing command, for stdout. */
export function writeReportText(r: WriteReport): string {
  const { outcome } = r;
  const lines = [r.headline];
  for (const f of outcome.recovered) lines.push(`  finished an interrupted earlier write: ${f}`);
  for (const f of outcome.recoverySkipped) lines.push(`  note: an interrupted earlier write was not finished for ${f}: it changed since; check it`);
  if (r.dryRun) for (const c of outcome.changes) lines.push(`  would ${c.before === null ? 'create' : 'update'} ${c.file}`);
  else for (const f of outcome.written) lines.push(`  wrote ${f}`);
  for (const n of r.notes) lines.push(`  note: ${n}`);
  return `${lines.join('\n')}\n`;
}

/** JSON fields shared by writing commands. */
export function writeReportJson(r: Omit<WriteReport, 'headline'>): {
  written: string[];
  changes: Array<{ file: string; created: boolean }>;
  recovered: string[];
  recoverySkipped: string[];
  notes: string[];
  dryRun: boolean;
} {
  const { outcome } = r;
  return {
    written: [...outcome.written],
    changes: outcome.changes.map((c) => ({ file: c.file, created: c.before === null })),
    recovered: [...outcome.recovered],
    recoverySkipped: [...outcome.recoverySkipped],
    notes: [...r.notes],
    dryRun: r.dryRun,
  };
}
