// Child process for embedded-server.test.ts: starts the embedded server on argv[2], prints {url, pid} as one
// JSON line, then idles until signalled (the test checks that SIGTERM stops the server and is re-raised).
import { startEmbeddedServer } from '../../../src/backends/chroma/index.js';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: hold-server.ts <dataDir>');
const server = await startEmbeddedServer({ dataDir });
process.stdout.write(`${JSON.stringify({ url: server.url, pid: server.pid })}\n`);
setInterval(() => undefined, 60_000);
