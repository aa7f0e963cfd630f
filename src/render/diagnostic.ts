import type { Diagnostic } from '../model/common.js';

/** `path:line:col severity rule message`, one finding per line (CONTRACTS.md). */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column} ${d.severity} ${d.rule} ${d.message}`;
}
