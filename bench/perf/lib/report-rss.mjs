// Preloaded into measured child processes (`node --import <this>`): on exit, writes the child's own peak RSS and
// CPU time as one JSON line to fd 3, a pipe the parent opened for it. Works for any script, the CLI included.
import { writeSync } from 'node:fs';

process.on('exit', () => {
  const u = process.resourceUsage();
  try {
    writeSync(3, `${JSON.stringify({ maxRssKB: u.maxRSS, userMs: u.userCPUTime / 1000, systemMs: u.systemCPUTime / 1000 })}\n`);
  } catch {
    // fd 3 is not open: run by hand, nothing to report to
  }
});
