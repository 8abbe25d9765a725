import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedServer } from '../../src/backends/chroma/index.js';

export interface ChromaTestServer {
  url: string;
  /** the temp data folder (removed by stop) */
  dir: string;
  /** the server's pid, to check that stop() left no process behind */
  pid: number | undefined;
  stop(): Promise<void>;
}

/**
 * An embedded Chroma server on a fresh temp folder and a free loopback port, for tests (load, bench, demo).
 * Start one per test file (about half a second) and reuse it; stop() ends the process and removes the folder.
 */
export async function startChroma(): Promise<ChromaTestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'vecstage-chroma-'));
  const server = await startEmbeddedServer({ dataDir: dir });
  return {
    url: server.url,
    dir,
    pid: server.pid,
    async stop() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
