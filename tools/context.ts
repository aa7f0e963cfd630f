import type { Logger, Session } from '../src/app/session.js';

/** What every tool, resource and prompt of the server is given: the session of this server process. */
export type ToolContext = Session;

const LEVELS = { debug: 0, info: 1, warn: 2, error: 3, silent: 4 } as const;
type Level = keyof typeof LEVELS;

/** A logger writing `specplan-mcp <level>: message` lines to stderr (stdout carries the protocol alone) at or above `level`. */
export function stderrLogger(level: Level = (process.env.SPECPLAN_LOG as Level | undefined) ?? 'info'): Logger {
  const min = LEVELS[level] ?? LEVELS.info;
  const at = (l: Exclude<Level, 'silent'>) => (message: string) => {
    if (LEVELS[l] >= min) process.stderr.write(`specplan-mcp ${l}: ${message}\n`);
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
