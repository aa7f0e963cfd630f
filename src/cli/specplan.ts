#!/usr/bin/env node
import { QUICK_COMMANDS } from './quick-commands.js';
import { WRITING_COMMANDS } from './writing-commands.js';
import { dropOutputOnceClosed } from './closed-output.js';

dropOutputOnceClosed(process.stdout);
dropOutputOnceClosed(process.stderr);

const argv = process.argv.slice(2);
const first = argv.find((a) => !a.startsWith('-'));

// `--version` alone needs neither the argument parser nor any command: answer it directly.
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  const { packageVersion } = await import('../app/package-version.js');
  process.stdout.write(`${packageVersion()}\n`);
} else if ((QUICK_COMMANDS as readonly (string | undefined)[]).includes(first)) {
  const { runQuick } = await import('./quick.js');
  const code = await runQuick(argv);
  // Their work is done and written: once the output is flushed, exit without waiting for the
  // engine's background compiler to finish code nobody will run.
  await Promise.all([process.stdout, process.stderr].map((s) => new Promise((flushed) => s.write('', () => flushed(undefined)))));
  process.exit(code);
} else if ((WRITING_COMMANDS as readonly (string | undefined)[]).includes(first)) {
  const { runWriting } = await import('./writing.js');
  process.exitCode = await runWriting(argv);
} else {
  const { runSpecplan } = await import('./main.js');
  process.exitCode = await runSpecplan(argv);
}
