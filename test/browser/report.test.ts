/**
 * report.html in a real browser: Debian's chromium driven by playwright-core (which never downloads a browser).
 * Checks the charts were drawn, the tables are filled, no console error, no network request beyond the file://
 * document itself, and that HTML in query text stays text. Skips with a message when chromium is absent.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { renderHtml } from '../../src/report/html/render-html.js';
import { renderIndex } from '../../src/report/html/render-index.js';
import { makeReport } from '../helpers/report-fixture.js';
import { withStrategy } from '../helpers/document-report-fixture.js';
import { compare } from '../../src/report/compare/compare.js';
import { selectivitySection } from '../../src/bench/filters/index.js';
import { frontierPoint, withFrontier } from '../helpers/frontier-fixture.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const XSS = '<img src=x onerror=alert(1)>';
const available = existsSync(CHROMIUM);
let browser: BrowserContext | undefined;
// uvu does not report errors thrown in hooks, so a failed launch is kept and thrown by each test
let launchError: unknown;
let tmp = '';

test.before(async () => {
  if (!available) {
    console.warn(`skipping browser tests: no chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
    return;
  }
  tmp = mkdtempSync(join(tmpdir(), 'vecstage-browser-'));
  // a fresh profile per run: playwright takes --user-data-dir as launchPersistentContext's first argument
  browser = await launch().catch((err: unknown) => {
    launchError = err;
    return undefined;
  });
});

function launch(): Promise<BrowserContext> {
  return chromium.launchPersistentContext(join(tmp, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

test.after(async () => {
  await browser?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

interface Opened {
  page: Page;
  requests: string[];
  consoleErrors: string[];
  dialogs: string[];
}

async function open(name: string, content: string): Promise<Opened> {
  const file = join(tmp, name);
  writeFileSync(file, content);
  const page = await browser!.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  const o: Opened = { page, requests: [], consoleErrors: [], dialogs: [] };
  page.on('request', (r) => o.requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error') o.consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => o.consoleErrors.push(e.message));
  page.on('dialog', (d) => {
    o.dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return o;
}

/** How many pixels of a canvas are not transparent: a drawn chart has thousands. (Runs in the page; a string because this project's tsconfig has no DOM lib.) */
function inkedPixels(page: Page, id: string): Promise<number> {
  return page.evaluate(`(() => {
    const c = document.getElementById(${JSON.stringify(id)});
    if (!c || !c.width || !c.height) return 0;
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
    return n;
  })()`);
}

const guard = (name: string, fn: () => Promise<void>): void =>
  test(name, async () => {
    if (!available) return;
    if (launchError) throw launchError;
    await fn();
  });

guard('report.html: charts drawn, tables filled, sorted worst first, no console error, no network', async () => {
  const base = makeReport({ seed: 'browser-base' });
  const report = makeReport({ seed: 'browser', latencyScale: 1.3 });
  const o = await open('report.html', renderHtml(report, { baseline: base }));
  const { page } = o;
  const ids = ['chart-cdf', 'chart-histogram', 'chart-sweep', 'chart-open-loop', 'chart-by-tag', 'chart-by-stratum'];
  assert.is(await page.evaluate('window.__vecstage.charts.length'), ids.length);
  for (const id of ids) assert.ok((await inkedPixels(page, id)) > 500, `${id} has no drawing`);
  const shot = join(tmp, 'report.png');
  await page.screenshot({ path: shot, fullPage: false, animations: 'disabled' });
  if (process.env.VECSTAGE_FULL_SCREENSHOT) await page.screenshot({ path: process.env.VECSTAGE_FULL_SCREENSHOT, fullPage: true });
  // the README's screenshot is refreshed on request (or when missing), so a test run leaves the tree clean
  const docs = fileURLToPath(new URL('../../docs/', import.meta.url));
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(join(docs, 'report-screenshot.png'))) {
    mkdirSync(docs, { recursive: true });
    copyFileSync(shot, join(docs, 'report-screenshot.png'));
  }
  assert.is(await page.locator('#queries tbody tr').count(), report.perQuery.length);
  assert.ok((await page.locator('#gates tbody tr').count()) >= 7, 'gate table filled');
  assert.is(await page.locator('#verdict strong').innerText(), 'REGRESSION');
  assert.match(await page.locator('#verdict li').first().innerText(), /^latency p50/);
  // opened on the worst query: the errored one, then the lowest recall
  assert.is(await page.locator('#queries tbody tr >> nth=0 >> td >> nth=1').innerText(), 'q-040');
  // clicking the id header sorts by id ascending
  await page.locator('#queries thead th', { hasText: 'id' }).first().click();
  assert.is(await page.locator('#queries tbody tr >> nth=0 >> td >> nth=1').innerText(), 'q-001');
  assert.equal(o.consoleErrors, []);
  assert.equal(o.requests, [page.url()], `unexpected requests: ${o.requests.join(', ')}`);
  await page.close();
});

guard('report.html: query text with HTML shows as text and runs nothing', async () => {
  const report = makeReport({ seed: 'xss', texts: { 0: XSS, 1: `</script><script>alert(2)</script>` } });
  report.fingerprint.index.name = `<b>idx</b>`;
  report.quality.byTag[0]!.name = XSS;
  const o = await open('xss.html', renderHtml(report));
  await o.page.waitForTimeout(200);
  assert.equal(o.dialogs, [], 'a dialog fired');
  assert.is(await o.page.locator('#queries img').count(), 0);
  assert.ok((await o.page.locator('#queries').innerText()).includes(XSS), 'the text is visible as typed');
  assert.ok((await o.page.locator('h1').innerText()).includes('<b>idx</b>'));
  assert.equal(o.consoleErrors, []);
  assert.equal(o.requests, [o.page.url()]);
  await o.page.close();
});

guard('index.html: trend chart drawn and every run listed', async () => {
  const runs = ['2026-11-20', '2026-11-21', '2026-11-22'].map((d, i) => ({
    path: `run-${i}/report.html`,
    report: makeReport({ seed: `idx-${i}`, createdAt: `${d}T10:00:00.000Z`, runId: `run-${i}`, latencyScale: 1 + i * 0.1 }),
  }));
  const o = await open('index.html', renderIndex(runs));
  assert.ok((await inkedPixels(o.page, 'chart-trend')) > 500);
  assert.is(await o.page.locator('#runs tbody tr').count(), 3);
  assert.equal(o.consoleErrors, []);
  assert.equal(o.requests, [o.page.url()]);
  await o.page.close();
});

guard('report.html of a pipeline run: document-level measures and the strategy comparison are shown', async () => {
  const base = withStrategy(makeReport({ seed: 'doc-a' }), 'whole-4k', (i) => (i % 2 ? 0.2 : 0.5));
  const cand = withStrategy(makeReport({ seed: 'doc-b', runId: 'doc-cand' }), 'sw-512', (i) => (i % 2 ? 0.9 : 0.5));
  const shown = { ...cand, baseline: { path: 'b.json', comparison: compare(base, cand) } };
  const o = await open('documents.html', renderHtml(shown));
  const { page } = o;
  assert.ok(await page.locator('#documents').isVisible(), 'the document section is visible');
  const measures = await page.locator('#documents-measures').innerText();
  const shownNdcg = Number(measures.match(/^nDCG\s+([\d.]+)/m)?.[1]);
  assert.ok(Math.abs(shownNdcg - cand.documents!.measures.ndcg_cut_10!) < 0.0005, `nDCG@10 ${cand.documents!.measures.ndcg_cut_10} shown: ${measures}`);
  const sides = await page.locator('#strategy-sides').innerText();
  assert.ok(sides.includes('whole-4k') && sides.includes('sw-512'), sides);
  assert.ok((await page.locator('#strategy-deltas tbody tr').count()) >= 1, 'paired deltas listed');
  assert.equal(o.consoleErrors, []);
  assert.equal(o.requests, [page.url()]);
  await page.close();
});


guard('report.html of a sweep: the frontier charts drawn, every point in the table, the pick marked', async () => {
  const points = [frontierPoint(16, 0.7, 1000), frontierPoint(32, 0.8, 500), frontierPoint(64, 0.9, 600), frontierPoint(128, 0.99, 150)];
  const report = withFrontier(makeReport({ seed: 'browser-sweep' }), points, 2, [XSS]);
  const o = await open('sweep.html', renderHtml(report));
  const { page } = o;
  for (const id of ['chart-frontier-qps', 'chart-frontier-p95']) assert.ok((await inkedPixels(page, id)) > 500, `${id} has no drawing`);
  assert.is(await page.locator('#frontier-table tbody tr').count(), 4);
  assert.is(await page.locator('#frontier-table tr.picked td >> nth=0').innerText(), '64');
  assert.is(await page.locator('#frontier-table tr[data-pareto-qps="true"]').count(), 3);
  assert.match(await page.locator('#frontier-pick').innerText(), /ef_search=64/);
  // the Pareto line's points, as Chart.js holds them
  const front = await page.evaluate(`window.__vecstage.charts.find((c) => c.canvas.id === 'chart-frontier-qps').data.datasets[0].data.map((p) => [p.x, p.y])`);
  assert.equal(front, [[0.7, 1000], [0.9, 600], [0.99, 150]]);
  assert.equal(o.dialogs, [], 'a note holding HTML stays text');
  assert.equal(o.consoleErrors, []);
  assert.equal(o.requests, [page.url()]);
  await page.close();
});

guard('report.html of a filtered run: the selectivity bands in order, short lists flagged, query ids as text', async () => {
  const base = makeReport({ seed: 'browser-bands' });
  // 1000 rows: g = a x10 (1%), c x90, d x400, e x500; every third query unfiltered
  const metadata = [...Array(10).fill('a'), ...Array(90).fill('c'), ...Array(400).fill('d'), ...Array(500).fill('e')].map((g) => ({ g }));
  const filters = [{ g: 'a' }, { g: { $in: ['a', 'c'] } }, { g: 'd' }, { g: { $ne: 'a' } }, null];
  const queries = base.perQuery.map((r, i) => ({ id: r.id, text: r.text, embedding: new Float32Array(0), relevant: {}, tags: r.tags, filter: filters[i % 5]!, line: i + 1 }));
  // the first query returns 3 of the 10 its filter allows: a short list
  const returned = new Map(base.perQuery.map((r, i) => [r.id, i === 0 ? 3 : 10]));
  const selectivity = selectivitySection({ queries, metadata, source: 'sample', perQuery: base.perQuery, returned, serialLatencies: queries.map((_, i) => [1 + i, 2 + i]), k: 10, cutoffs: base.settings.cutoffs })!;
  selectivity.queries[1]!.id = XSS;
  const o = await open('bands.html', renderHtml({ ...base, selectivity }));
  const { page } = o;
  assert.ok(await page.locator('#selectivity').isVisible(), 'the selectivity section is visible');
  const rows = page.locator('#selectivity-bands tbody tr');
  assert.is(await rows.count(), 5);
  assert.equal(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-band'))), ['<=1%', '1-10%', '10-50%', '>50%', 'unfiltered']);
  assert.match(await rows.nth(0).innerText(), /^≤1%\s+8\s+1\.00%/);
  assert.match(await rows.nth(1).innerText(), /^1-10%\s+8\s+10\.00%/);
  assert.match(await page.locator('#selectivity-short').innerText(), /^1 query returned fewer results than the filter allows/);
  await page.locator('#selectivity details summary').click();
  assert.is(await page.locator('#selectivity-queries tbody tr').count(), 32);
  assert.is(await page.locator('#selectivity-queries tr.bad').count(), 1);
  assert.ok((await page.locator('#selectivity-queries').innerText()).includes(XSS), 'the id is shown as typed');
  assert.is(await page.locator('#selectivity img').count(), 0);
  assert.equal(o.dialogs, []);
  assert.equal(o.consoleErrors, []);
  assert.equal(o.requests, [page.url()]);
  await page.close();
});

test.run();
