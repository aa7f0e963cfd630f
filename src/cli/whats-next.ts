#!/usr/bin/env node
import { reportError } from './program.js';
import { dropOutputOnceClosed } from './closed-output.js';

dropOutputOnceClosed(process.stdout);
dropOutputOnceClosed(process.stderr);

try {
  const { runWhatsNext } = await import('./commands/whats-next.js');
  process.exitCode = await runWhatsNext(process.argv.slice(2));
} catch (e) {
  process.exitCode = reportError(e, 'whats-next');
}
