import type { FileChange } from '../model/file-change.js';

/** How a writing command reports: the headline, the files it wrote (or would write) and notes. */
export interface WriteReport {
  headline: string;
  changes: readonly FileChange[];
  written: readonly string[];
  recovered: readonly string[];
  /** Files of an interrupted operation not finished because they changed since. */
  recoverySkipped?: readonly string[];
  notes: readonly string[];
  dryRun: boolean;
}

/** Text output of a writing command, for stdout. */
export function writeReportText(r: WriteReport): string {
  const lines = [r.headline];
  for (const f of r.recovered) lines.push(`  finished an interrupted earlier write: ${f}`);
  for (const f of r.recoverySkipped ?? []) lines.push(`  note: an interrupted earlier write was not finished for ${f}: it changed since; check it`);
  if (r.dryRun) for (const c of r.changes) lines.push(`  would ${c.before === null ? 'create' : 'update'} ${c.file}`);
  else for (const f of r.written) lines.push(`  wrote ${f}`);
  for (const n of r.notes) lines.push(`  note: ${n}`);
  return `${lines.join('\n')}\n`;
}

/** JSON fields shared by writing commands. */
export function writeReportJson(r: WriteReport): { written: string[]; changes: Array<{ file: string; created: boolean }>; recovered: string[]; recoverySkipped: string[]; notes: string[]; dryRun: boolean } {
  return {
    written: [...r.written],
    changes: r.changes.map((c) => ({ file: c.file, created: c.before === null })),
    recovered: [...r.recovered],
    recoverySkipped: [...(r.recoverySkipped ?? [])],
    notes: [...r.notes],
    dryRun: r.dryRun,
  };
}
