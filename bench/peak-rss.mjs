/**
 * Preload for benchmark children (`node --import ./bench/peak-rss.mjs …`): when the process
 * exits, write its peak resident set size (KiB, from `process.resourceUsage().maxRSS`) to the
 * file named by BENCH_RSS_FILE. Works for any command, so the CLI itself can be measured.
 */
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    writeFileSync(file, String(process.resourceUsage().maxRSS));
  });
}
