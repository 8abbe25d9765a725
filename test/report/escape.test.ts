import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { escapeHtml, escapeMarkdown, jsonForScript } from '../../src/report/escape.js';
import { renderHtml } from '../../src/report/html/render-html.js';
import { html } from '../../src/report/html/html.js';
import { renderMarkdown } from '../../src/report/markdown/render-markdown.js';
import { makeReport } from '../helpers/report-fixture.js';

const EVIL = `<img src=x onerror=alert(1)> </script><script>alert(2)</script> "quoted" 'single' & | [link](javascript:x) *b*`;

test('escapeHtml: the five HTML-significant characters', () => {
  assert.is(escapeHtml(`<a href="x">'&'</a>`), '&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;');
});

test('jsonForScript: no "<" survives, and JSON.parse reads the value back unchanged', () => {
  const value = { text: EVIL, sep: 'a\u2028b' };
  const s = jsonForScript(value);
  assert.not.ok(s.includes('<'));
  assert.not.ok(s.includes('\u2028'));
  assert.equal(JSON.parse(s), value);
});

test('escapeMarkdown: one line, | and link syntax escaped, HTML as entities, cut to length', () => {
  assert.is(escapeMarkdown('a | b\nc'), 'a \\| b c');
  assert.is(escapeMarkdown('[x](y) *b* `c`'), '\\[x\\](y) \\*b\\* \\`c\\`');
  assert.is(escapeMarkdown('<img> & co'), '&lt;img&gt; &amp; co');
  assert.is(escapeMarkdown('abcdef', 4), 'abc…');
});

test('html tag: interpolations are escaped unless already safe markup', () => {
  assert.is(html`<p>${EVIL.slice(0, 31)}</p>`.value, `<p>&#60;img src=x onerror=alert(1)&#62; &#60;/</p>`);
  assert.is(html`<ul>${['a', 'b'].map((x) => html`<li>${x}</li>`)}</ul>`.value, '<ul><li>a</li><li>b</li></ul>');
  assert.is(html`${null}${undefined}${false}${0}`.value, '0');
});

test('renderHtml: data values never reach the page unescaped (text, ids, tags, index names, errors, stratum)', () => {
  const r = makeReport({ texts: { 0: EVIL } });
  r.perQuery[1]!.id = EVIL;
  r.perQuery[2]!.tags = [EVIL];
  r.perQuery[r.perQuery.length - 1]!.error = EVIL;
  r.fingerprint.index.name = EVIL;
  r.fingerprint.machine.hostname = EVIL;
  r.quality.byStratum[0]!.name = EVIL;
  const page = renderHtml(r);
  const withoutLibrary = page.replace(/<script id="chart-library">[\s\S]*?<\/script>/, '');
  const data = /<script type="application\/json" id="vecstage-data">([\s\S]*?)<\/script>/.exec(page)![1]!;
  const markup = withoutLibrary.replace(data, '');
  assert.not.ok(markup.includes('<img'), 'raw <img> in the markup');
  assert.not.ok(markup.includes('onerror=alert(1)>'), 'raw attribute in the markup');
  // the chart data holds the names as JSON, with no "<" that could end the block
  assert.not.ok(data.includes('<'));
  assert.ok((JSON.parse(data) as { charts: Array<{ data: { labels?: string[] } }> }).charts.some((c) => c.data.labels?.includes(EVIL)));
  // exactly the page's own three script elements open and close
  assert.is(withoutLibrary.match(/<script/g)?.length, 2);
  assert.is(page.match(/<\/script>/g)?.length, 3);
});

test('renderMarkdown: data cannot split table cells or inject links or HTML', () => {
  const r = makeReport({ texts: { 39: 'x', 31: EVIL } });
  const md = renderMarkdown(r);
  const row = md.split('\n').find((l) => l.includes('alert(2)'))!;
  assert.ok(row, 'the evil query is among the worst');
  assert.not.ok(row.includes('<img'));
  assert.is(row.split(/(?<!\\)\|/).length, 8, 'six cells');
});

test.run();
