import { dirname, resolve } from 'node:path';
import { type CliCommand, stringFlag, writeJson } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { readReport } from '../../report/read-report.js';
import { writeReport } from '../../report/write-report.js';

export const command: CliCommand = {
  name: 'report',
  summary: 'render report.html and summary.md from a report.json; refresh reports/index.html',
  help: `usage: vecstage report <report.json> [--html] [--md] [--index <reports-root>] [--baseline <report.json>] [--json]

Re-renders the files next to <report.json> from it (both when neither --html nor --md is given):
  --html                   write report.html (self-contained, works offline)
  --md                     write summary.md (for CI step summaries and PR comments)
  --index <reports-root>   also rebuild <reports-root>/index.html from every <reports-root>/<run>/report.json
  --baseline <file>        overlay a baseline run's curves and compare with the default gates
                           (when the report holds no comparison of its own)
  --json                   print {"ok": true, "files": [...], "index": ...} on stdout
exit codes: 0 ok, 2 usage or input error (missing or invalid report file)`,
  options: {
    html: { type: 'boolean' },
    md: { type: 'boolean' },
    index: { type: 'string' },
    baseline: { type: 'string' },
  },
  positionals: [1, 1],
  async run({ values, positionals }, ctx) {
    const path = resolve(ctx.cwd, positionals[0] as string);
    const report = await readReport(path, positionals[0]);
    const baselinePath = stringFlag(values, 'baseline');
    const baseline = baselinePath ? await readReport(resolve(ctx.cwd, baselinePath), baselinePath) : undefined;
    const both = !values.html && !values.md;
    const dir = dirname(path);
    const indexRoot = stringFlag(values, 'index');
    const written = await writeReport(dir, report, {
      json: false,
      html: both || values.html === true,
      md: both || values.md === true,
      ...(baseline ? { baseline } : {}),
      ...(indexRoot ? { reportsRoot: resolve(ctx.cwd, indexRoot) } : {}),
      refreshIndex: indexRoot !== undefined,
    });
    const index = written.index;
    if (values.json) writeJson(ctx, { ok: true, files: written.files, index, skipped: written.skipped });
    else {
      for (const f of written.files) ctx.stdout.write(`wrote ${f}\n`);
      if (index) ctx.stdout.write(`wrote ${index}\n`);
      for (const s of written.skipped) ctx.stderr.write(`vecstage: left out of the index: ${s.reason}\n`);
    }
    return EXIT.ok;
  },
};

