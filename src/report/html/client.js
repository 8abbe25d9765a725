// The page script of report.html and index.html (inlined at render time; runs offline, no network).
// Reads the chart specs from the JSON data block, draws them with the inlined Chart.js, and makes tables sortable.
(function () {
  'use strict';
  var state = { charts: [], sorted: 0 };
  window.__vecstage = state;
  var block = document.getElementById('vecstage-data');
  var data = block ? JSON.parse(block.textContent || '{}') : {};

  if (typeof Chart !== 'undefined') {
    Chart.defaults.animation = false;
    Chart.defaults.responsive = true;
    Chart.defaults.maintainAspectRatio = false;
    Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
    (data.charts || []).forEach(function (spec) {
      var canvas = document.getElementById(spec.id);
      if (!canvas) return;
      state.charts.push(new Chart(canvas, { type: spec.type, data: spec.data, options: spec.options }));
    });
  } else {
    document.querySelectorAll('canvas').forEach(function (c) {
      c.insertAdjacentText('afterend', 'chart library missing: charts are not drawn');
    });
  }

  function cellValue(row, col, numeric) {
    var cell = row.cells[col];
    if (!cell) return numeric ? Infinity : '';
    var raw = cell.getAttribute('data-v');
    if (raw === null) raw = cell.textContent || '';
    if (!numeric) return raw.toLowerCase();
    var n = parseFloat(raw);
    return isNaN(n) ? Infinity : n;
  }

  function sortTable(table, th, col) {
    var body = table.tBodies[0];
    if (!body) return;
    var numeric = th.getAttribute('data-type') === 'number';
    var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
    var rows = Array.prototype.slice.call(body.rows);
    rows.forEach(function (r, i) { r._i = i; });
    rows.sort(function (a, b) {
      var x = cellValue(a, col, numeric);
      var y = cellValue(b, col, numeric);
      if (x < y) return -dir;
      if (x > y) return dir;
      return a._i - b._i;
    });
    table.querySelectorAll('th').forEach(function (h) { h.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', dir > 0 ? 'ascending' : 'descending');
    rows.forEach(function (r) { body.appendChild(r); });
    state.sorted++;
  }

  document.querySelectorAll('table.sortable').forEach(function (table) {
    table.querySelectorAll('thead th').forEach(function (th, col) {
      th.tabIndex = 0;
      th.title = 'sort by this column';
      th.addEventListener('click', function () { sortTable(table, th, col); });
      th.addEventListener('keydown', function (e) { if (e.key === 'Enter') sortTable(table, th, col); });
    });
  });

  var filter = document.getElementById('query-filter');
  var queries = document.getElementById('queries');
  if (filter && queries) {
    filter.addEventListener('input', function () {
      var needle = filter.value.toLowerCase();
      Array.prototype.forEach.call(queries.tBodies[0].rows, function (r) {
        r.hidden = needle !== '' && (r.textContent || '').toLowerCase().indexOf(needle) < 0;
      });
    });
  }
})();
