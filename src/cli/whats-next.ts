#!/usr/bin/env node
import { reportError } from './program.js';

try {
  const { runWhatsNext } = await import('./commands/whats-next.js');
  process.exitCode = await runWhatsNext(process.argv.slice(2));
} catch (e) {
  process.exitCode = reportError(e, 'whats-next');
}
