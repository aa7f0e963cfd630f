#!/usr/bin/env node
import { reportError } from './main.js';

try {
  const modulePath = './commands/whats-next.js';
  const mod = (await import(modulePath)) as { runWhatsNext(argv: string[]): Promise<number> };
  process.exitCode = await mod.runWhatsNext(process.argv.slice(2));
} catch (e) {
  process.exitCode = reportError(e, 'whats-next');
}
