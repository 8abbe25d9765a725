// Child process for the concurrency test: a writer promotes the given versions, a reader resolves until told to stop.
import { createFilePointerStore } from '../../src/pointer/index.js';

const [role, path, arg] = process.argv.slice(2);
const store = createFilePointerStore({ path: path!, env: 'dev' });
if (role === 'writer') {
  for (const v of arg!.split(',')) await store.promote(`docs-v${v}`);
} else {
  const until = Date.now() + Number(arg);
  let reads = 0;
  let errors = 0;
  while (Date.now() < until) {
    try {
      const s = await store.read();
      if (!s.current?.startsWith('docs-v')) errors++;
      reads++;
    } catch {
      errors++;
    }
  }
  process.stdout.write(JSON.stringify({ reads, errors }));
}
