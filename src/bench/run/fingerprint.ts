/** The run fingerprint (DESIGN §5): enough to tell whether two runs are comparable. Never holds secrets. */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import type { BackendConfig } from '../../config/types.js';
import type { RunFingerprint } from '../../report/types.js';

const LIBRARIES = ['chromadb', '@pinecone-database/pinecone', 'apache-arrow', 'tinybench', 'csv-parse'] as const;

export function libraryVersions(): Record<string, string> {
  const require = createRequire(import.meta.url);
  const out: Record<string, string> = {};
  for (const name of LIBRARIES) {
    try {
      // package.json is not always an export; find it next to the resolved entry point
      const entry = require.resolve(name);
      const idx = entry.lastIndexOf(`node_modules/${name}/`);
      const pkgPath = `${entry.slice(0, idx)}node_modules/${name}/package.json`;
      out[name] = (JSON.parse(readFileSync(pkgPath, 'utf8')) as { version: string }).version;
    } catch {
      out[name] = 'not installed';
    }
  }
  return out;
}

export function machineFingerprint(): RunFingerprint['machine'] {
  const cpus = os.cpus();
  return {
    platform: `${os.type()} ${os.release()}`,
    arch: os.arch(),
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    hostname: os.hostname(),
  };
}

/** Where the backend is, without credentials (URLs are stripped of user info and query strings). */
export function backendEndpoint(b: BackendConfig): string {
  const clean = (u: string) => {
    try {
      const url = new URL(u);
      return `${url.protocol}//${url.host}${url.pathname === '/' ? '' : url.pathname}`;
    } catch {
      return '(invalid url)';
    }
  };
  switch (b.kind) {
    case 'memory':
      return 'in-process';
    case 'chroma':
      return b.url === 'embedded' ? `embedded (${b.path})` : clean(b.url);
    case 'pinecone':
      return b.controllerHostUrl ? clean(b.controllerHostUrl) : 'api.pinecone.io';
  }
}
