// Child: generates an export (argv: <out> <rows> <dim> <csv|jsonl>), or with `--raw <bytes>` writes that many
// bytes from one reused buffer (the disk floor the generator is compared with).
import { open, rm } from 'node:fs/promises';
import { generateExport, type ExportFormat } from '../../../src/synth/index.js';

const [out, rows, dim, format, raw] = process.argv.slice(2);
if (format === '--raw') {
  const total = Number(raw);
  const chunk = Buffer.alloc(4 << 20, 0x30);
  const fh = await open(out!, 'w');
  for (let done = 0; done < total; done += chunk.length) await fh.write(chunk, 0, Math.min(chunk.length, total - done));
  await fh.close();
  process.stdout.write(`${JSON.stringify({ bytes: total })}\n`);
} else {
  const r = await generateExport({ out: out!, rows: Number(rows), dim: Number(dim), format: format as ExportFormat });
  process.stdout.write(`${JSON.stringify({ bytes: r.bytes })}\n`);
}
await rm(out!, { force: true });
