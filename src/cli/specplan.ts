#!/usr/bin/env node
import { QUICK_COMMANDS } from './quick-commands.js';

const argv = process.argv.slice(2);
const first = argv.find((a) => !a.startsWith('-'));

// `--version` alone needs neither the argument parser nor any command: answer it directly.
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  const { packageVersion } = await import('../app/package-version.js');
  process.stdout.write(`${packageVersion()}\n`);
} else if ((QUICK_COMMANDS as readonly (string | undefined)[]).includes(first)) {
  const { runQuick } = await import('./quick.js');
  process.exitCode = await runQuick(argv);
} else {
  const { runSpecplan } = await import('./main.js');
  process.exitCode = await runSpecplan(argv);
}
