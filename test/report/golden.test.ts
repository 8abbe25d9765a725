import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compare } from '../../src/report/compare/compare.js';
import { renderHtml } from '../../src/report/html/render-html.js';
import { renderIndex } from '../../src/report/html/render-index.js';
import { renderMarkdown } from '../../src/report/markdown/render-markdown.js';
import type { Report } from '../../src/report/types.js';
import { withComparison } from '../../src/report/with-comparison.js';
import { checkGolden, normalise } from './golden.js';

const fixture = (name: string): Report => JSON.parse(readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8')) as Report;
const baseline = fixture('baseline.json');
const slow = fixture('candidate-slow.json');
const compared = withComparison(slow, 'reports/base/report.json', compare(baseline, slow));

const golden = (name: string, text: string): void => {
  const problem = checkGolden(name, text);
  if (problem) assert.unreachable(problem);
};

test('golden: report.html of a run without a baseline', () => golden('report.html', renderHtml(baseline)));
test('golden: report.html with a baseline comparison', () => golden('report-compared.html', renderHtml(compared, { baseline })));
test('golden: summary.md without and with a comparison', () => {
  golden('summary.md', renderMarkdown(baseline));
  golden('summary-compared.md', renderMarkdown(compared));
});
test('golden: index.html over three runs', () =>
  golden(
    'index.html',
    renderIndex([
      { path: 'base/report.html', report: baseline },
      { path: 'same/report.html', report: fixture('candidate-same.json') },
      { path: 'slow/report.html', report: compared },
    ]),
  ));

test('normalise: rounds to 3 significant digits, strips timestamps and the chart library', () => {
  const html = '<p>4.56789 at 2026-11-20T10:00:00.000Z</p><script id="chart-library">!function(){var a=1.23456}</script>';
  assert.is(normalise(html), '<p>4.57 at <timestamp></p><script id="chart-library">[chart library]</script>');
});

test('rendering is deterministic: same report in, same string out', () => {
  assert.is(renderHtml(compared, { baseline }), renderHtml(compared, { baseline }));
  assert.is(renderMarkdown(compared), renderMarkdown(compared));
});

test('summary.md lists only queries that lost something; a perfect run says so', () => {
  const perfect = fixture('baseline.json');
  for (const q of perfect.perQuery) {
    q.ok = true;
    q.recall = { '10': 1 };
    q.ndcg = { '10': 1 };
  }
  const md = renderMarkdown(perfect);
  assert.not.match(md, /### Worst queries/);
  assert.match(md, /Every query reached recall@10 = 1/);
});

test.run();
