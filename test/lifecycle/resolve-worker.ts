// Child process for the concurrent-readers tests: resolves the live index of each env in argv[3] (comma-separated)
// through the library's resolveIndex, in the project folder argv[2], until the file argv[4] exists. Prints
// "ready" once every env resolved once, then one JSON line: reads, errors (with the first messages) and the
// names seen per env.
import { existsSync } from 'node:fs';
import { resolveIndex } from '../../src/lifecycle/resolve-index.js';

const [cwd, envList, stopFile] = process.argv.slice(2);
if (!cwd || !envList || !stopFile) throw new Error('usage: resolve-worker.ts <project-dir> <env,env> <stop-file>');
const envs = envList.split(',');
const stats = Object.fromEntries(envs.map((e) => [e, { reads: 0, errors: 0, messages: [] as string[], seen: {} as Record<string, number> }]));
let ready = false;
// a stop file, not a deadline: the reader keeps reading for as long as the writer promotes
while (!existsSync(stopFile)) {
  for (const env of envs) {
    const s = stats[env]!;
    try {
      const name = await resolveIndex(env, { cwd });
      s.reads++;
      s.seen[name] = (s.seen[name] ?? 0) + 1;
    } catch (err) {
      s.errors++;
      if (s.messages.length < 3) s.messages.push(err instanceof Error ? err.message : String(err));
    }
  }
  if (!ready) {
    ready = true;
    process.stdout.write('ready\n');
  }
}
process.stdout.write(`${JSON.stringify(stats)}\n`);
