/**
 * Preload for benchmark children (`node --import ./bench/peak-rss.mjs …`): when the process
 * exits, write its peak resident set size (KiB, from `process.resourceUsage().maxRSS`) and its
 * CPU time (user + system, ms) as JSON to the file named by BENCH_RSS_FILE. Works for any command, so the CLI itself can be measured.
 */
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ maxRssKb: u.maxRSS, cpuMs: Math.round((u.userCPUTime + u.systemCPUTime) / 1000) }));
  });
}
