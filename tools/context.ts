import type { Logger, Session } from '../src/app/session.js';

/** What every tool, resource and prompt of the server is given: the session of this server process. */
export type ToolContext = Session;

const LEVELS = { debug: 0, info: 1, warn: 2, error: 3, silent: 4 } as const;
type Level = keyof typeof LEVELS;

/** A level a log line is written at. */
type LogLevel = Exclude<Level, 'silent'>;

/** A logger that also hands every line to its listeners (each connected client's `notifications/message`). */
export interface SharedLogger extends Logger {
  listen(listener: (level: LogLevel, message: string) => void): () => void;
}

/**
 * A logger writing `specplan-mcp <level>: message` lines to stderr (stdout carries the protocol
 * alone) at or above `level`, and handing every line to its listeners.
 */
export function stderrLogger(level: Level = (process.env.SPECPLAN_LOG as Level | undefined) ?? 'info'): SharedLogger {
  const min = LEVELS[level] ?? LEVELS.info;
  const listeners = new Set<(level: LogLevel, message: string) => void>();
  const at = (l: LogLevel) => (message: string) => {
    if (LEVELS[l] >= min) process.stderr.write(`specplan-mcp ${l}: ${message}\n`);
    for (const f of listeners) f(l, message);
  };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    listen(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
