import { readdir } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { renderHtml, type RenderHtmlOptions } from './html/render-html.js';
import { renderIndex, type IndexEntry } from './html/render-index.js';
import { renderMarkdown } from './markdown/render-markdown.js';
import { readReport } from './read-report.js';
import type { Report } from './types.js';
import { writeFileAtomic } from './write-file-atomic.js';
import { formatTrecQrels, formatTrecRun } from '../bench/quality/document-ranking.js';

export interface WriteReportOptions extends RenderHtmlOptions {
  /** the folder holding every run's folder, whose index.html is refreshed; @default the parent of `dir` */
  reportsRoot?: string;
  /** which files to write; @default all three */
  json?: boolean;
  html?: boolean;
  md?: boolean;
  /** rebuild <reportsRoot>/index.html; @default true */
  refreshIndex?: boolean;
}

export interface WriteReportResult {
  files: string[];
  /** the refreshed index.html, or null when refreshIndex was false */
  index: string | null;
  /** report.json files under the root that could not be read, with why (left out of the index) */
  skipped: Array<{ path: string; reason: string }>;
}

/**
 * Writes <dir>/report.json, report.html and summary.md, each atomically (temp file + rename), then refreshes
 * <reportsRoot>/index.html from every <reportsRoot>/<run>/report.json.
 */
export async function writeReport(dir: string, report: Report, opts: WriteReportOptions = {}): Promise<WriteReportResult> {
  const files: string[] = [];
  const put = async (name: string, text: string): Promise<void> => {
    const path = join(dir, name);
    await writeFileAtomic(path, text);
    files.push(path);
  };
  if (opts.json ?? true) await put('report.json', `${JSON.stringify(report, null, 2)}\n`);
  if (opts.html ?? true) await put('report.html', renderHtml(report, opts));
  if (opts.md ?? true) await put('summary.md', renderMarkdown(report));
  // document-level measures come with the TREC files they were computed from, for `vecstage metrics` to check
  if (report.documents && (opts.json ?? true)) {
    await put('doc-run.trec', formatTrecRun(new Map(Object.entries(report.documents.rankings).map(([q, e]) => [q, e.map(([docno, score]) => ({ docno, score }))]))));
    await put('doc-qrels.trec', formatTrecQrels(new Map(Object.entries(report.documents.qrels).map(([q, d]) => [q, new Map(Object.entries(d))]))));
  }
  if (opts.refreshIndex === false) return { files, index: null, skipped: [] };
  const refreshed = await refreshIndex(opts.reportsRoot ?? dirname(resolve(dir)));
  return { files, ...refreshed };
}

/** Rebuilds <root>/index.html from the report.json in each direct subfolder of root. */
export async function refreshIndex(root: string): Promise<{ index: string; skipped: WriteReportResult['skipped'] }> {
  const entries: IndexEntry[] = [];
  const skipped: WriteReportResult['skipped'] = [];
  const dirs = (await readdir(root, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  for (const d of dirs) {
    const path = join(root, d, 'report.json');
    try {
      entries.push({ path: relative(root, join(root, d, 'report.html')).split(sep).join('/'), report: await readReport(path) });
    } catch (err) {
      if ((err as Error).message.includes('no such file')) continue;
      skipped.push({ path, reason: (err as Error).message });
    }
  }
  const index = join(root, 'index.html');
  await writeFileAtomic(index, renderIndex(entries));
  return { index, skipped };
}

