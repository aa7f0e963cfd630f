#!/usr/bin/env node
const argv = process.argv.slice(2);

// `--version` alone needs neither the argument parser nor any command: answer it directly.
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  const { packageVersion } = await import('../app/package-version.js');
  process.stdout.write(`${packageVersion()}\n`);
} else {
  const { runSpecplan } = await import('./main.js');
  process.exitCode = await runSpecplan(argv);
}
