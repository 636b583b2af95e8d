// node bench/lib/rss-wrap.mjs <script> [args...]
// Runs a Node script (bin/hotline or a reference script) in this very process, as `node <script>
// [args...]` would, and at exit writes what the kernel counted for the process to the file named
// by BENCH_USAGE_FILE: peak RSS and CPU time.
// Peak RSS is VmHWM of /proc/self/status on Linux: getrusage's maxrss (what process.resourceUsage()
// gives) is inherited across fork+exec, so a child of a big parent (the bench itself, after
// building a database) would report at least the parent's size. Elsewhere maxrss is the fallback.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [script, ...args] = process.argv.slice(2);
const file = path.resolve(script);
process.argv = [process.argv[0], file, ...args];
const out = process.env.BENCH_USAGE_FILE;
delete process.env.BENCH_USAGE_FILE;
function peakRssKB() {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]);
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS;
}

process.on('exit', (code) => {
  const u = process.resourceUsage();
  if (out) fs.writeFileSync(out, JSON.stringify({ maxRssKB: peakRssKB(), userMs: u.userCPUTime / 1000, systemMs: u.systemCPUTime / 1000, code }));
});
await import(pathToFileURL(file).href);
