// The data dashboard: headline figures from GET /api/v1/stats and charts
// (Apache ECharts) computed from the complaints in the chosen date range
// and rights holder. Every chart has its numbers as a CSV download.
import * as echarts from '../vendor/echarts.js';
import { api } from './api.js';
import { el, fill, field, message, errorText, startPage, t } from './ui.js';

const main = document.getElementById('main');
const PROMISE_DAYS = 3;
const MAX_COMPLAINTS = 20000;
const S = { stats: null, all: [], charts: [], truncated: false };

/** The Beijing-time calendar day (YYYY-MM-DD) of an RFC 3339 time. */
export function dayOf(s) {
  return new Date(Date.parse(s) + 8 * 3600e3).toISOString().slice(0, 10);
}

function days(from, to) {
  const out = [];
  for (let d = new Date(from + 'T00:00:00Z'); d <= new Date(to + 'T00:00:00Z'); d = new Date(d.getTime() + 86400e3)) {
    out.push(d.toISOString().slice(0, 10));
  }
  return out.slice(-400);
}

/** RFC 4180 CSV of rows (the first is the header). */
export function toCsv(rows) {
  const cell = (v) => {
    const s = String(v ?? '');
    // A leading = + - @ would be a formula in a spreadsheet: quote it away.
    const safe = /^[=+\-@]/.test(s) ? "'" + s : s;
    return /[",\n\r]/.test(safe) ? '"' + safe.replace(/"/g, '""') + '"' : safe;
  };
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

function download(name, rows) {
  const blob = new Blob(['\ufeff' + toCsv(rows)], { type: 'text/csv;charset=utf-8' });
  const a = el('a', { href: URL.createObjectURL(blob), download: name + '.csv' });
  document.body.append(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
}

function chartCard(id, title, note, option, rows) {
  const box = el('div', { class: 'chart', id: 'chart-' + id, role: 'img', 'aria-label': title });
  const card = el('section', { class: 'card chart-card', 'aria-labelledby': 'h-' + id },
    el('div', { class: 'chart-head' }, el('h2', { id: 'h-' + id }, title),
      el('button', { type: 'button', class: 'csv', id: 'csv-' + id, onclick: () => download(id, rows) }, t('dash.csv'))),
    note ? el('p', { class: 'help' }, note) : null, box,
    // The same numbers as a table for screen readers.
    el('details', {}, el('summary', {}, t('dash.table')), el('table', {},
      el('thead', {}, el('tr', {}, rows[0].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, rows.slice(1, 60).map((r) => el('tr', {}, r.map((v) => el('td', {}, String(v)))))))));
  S.charts.push([box, option]);
  return card;
}

function kpi(label, value, id) {
  return el('div', { class: 'kpi', id: 'kpi-' + id }, el('div', { class: 'v' }, String(value)), el('div', { class: 'l' }, label));
}

const pct = (x) => (x === null || x === undefined || Number.isNaN(x) ? '—' : (x * 100).toFixed(1) + '%');

function render(from, to, holder) {
  for (const c of S.charts) echarts.getInstanceByDom(c[0])?.dispose();
  S.charts = [];
  const inRange = (s) => s && dayOf(s) >= from && dayOf(s) <= to;
  const cs = S.all.filter((c) => inRange(c.filed_at) && (!holder || c.holder === holder));
  const decided = cs.filter((c) => c.decided_at);
  const removed = cs.filter((c) => ['upheld', 'countered', 'closed_upheld'].includes(c.status));
  const range = days(from, to);

  // 1. complaints and decisions over time
  const count = (list, key) => { const m = {}; for (const c of list) if (c[key]) m[dayOf(c[key])] = (m[dayOf(c[key])] || 0) + 1; return m; };
  const filed = count(cs, 'filed_at'); const dec = count(decided, 'decided_at'); const up = count(removed, 'decided_at');
  const timeRows = [[t('dash.day'), t('dash.filed'), t('dash.decided'), t('dash.upheld')], ...range.map((d) => [d, filed[d] || 0, dec[d] || 0, up[d] || 0])];
  const timeline = { tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 40, right: 20, top: 36, bottom: 30 },
    xAxis: { type: 'category', data: range }, yAxis: { type: 'value', minInterval: 1 },
    series: [1, 2, 3].map((i) => ({ name: timeRows[0][i], type: i === 1 ? 'bar' : 'line', data: timeRows.slice(1).map((r) => r[i]) })) };

  // 2. handling time in working days against the promise
  const bins = [0, 0.5, 1, 1.5, 2, 2.5, 3, 4, 5, Infinity];
  const label = (i) => (bins[i + 1] === Infinity ? `≥${bins[i]}` : `${bins[i]}–${bins[i + 1]}`);
  const hist = new Array(bins.length - 1).fill(0);
  const hd = decided.map((c) => c.handling_working_days).filter((x) => typeof x === 'number');
  for (const x of hd) for (let i = 0; i < hist.length; i++) if (x >= bins[i] && x < bins[i + 1]) { hist[i]++; break; }
  const onTime = hd.filter((x) => x <= PROMISE_DAYS).length;
  const handRows = [[t('dash.workingdays'), t('dash.decided')], ...hist.map((n, i) => [label(i), n])];
  const handling = { tooltip: {}, grid: { left: 40, right: 20, bottom: 40 },
    xAxis: { type: 'category', data: hist.map((_, i) => label(i)), name: t('dash.workingdays'), nameLocation: 'middle', nameGap: 28 },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', name: t('dash.decided'), data: hist.map((n, i) => ({ value: n, itemStyle: { color: bins[i + 1] <= PROMISE_DAYS ? '#2e7d32' : '#c62828' } })),
      markLine: { symbol: 'none', lineStyle: { color: '#c62828', type: 'dashed', width: 2 }, label: { formatter: t('dash.promise') }, data: [{ xAxis: label(bins.indexOf(PROMISE_DAYS) - 1) }] } }] };

  // 3. listings removed and shops penalized
  const listings = new Set(removed.map((c) => c.listing)); const shops = new Set(removed.map((c) => c.shop));
  const remRows = [[t('dash.measure'), t('dash.count')], [t('dash.removed'), listings.size], [t('dash.penalized'), shops.size]];
  const removal = { tooltip: {}, grid: { left: 40, right: 20, bottom: 30 }, xAxis: { type: 'category', data: [remRows[1][0], remRows[2][0]] },
    yAxis: { type: 'value', minInterval: 1 }, series: [{ type: 'bar', data: [listings.size, shops.size], barMaxWidth: 60 }] };

  // 4. proactive vs complaint-driven
  const src = {}; for (const c of cs) { const s = c.source || 'complaint'; src[s] = (src[s] || 0) + 1; }
  const lanes = {}; for (const c of cs) lanes[c.lane] = (lanes[c.lane] || 0) + 1;
  const shareRows = [[t('dash.kind'), t('dash.count')], ...Object.entries(src).map(([k, v]) => [t('source.' + k), v]),
    ...Object.entries(lanes).map(([k, v]) => [t('lane.' + k), v])];
  const share = { tooltip: { trigger: 'item' }, legend: { top: 0 },
    series: [{ type: 'pie', center: ['50%', '55%'], radius: [0, '38%'], name: t('dash.source'), label: { position: 'inner' }, data: Object.entries(src).map(([k, v]) => ({ name: t('source.' + k), value: v })) },
      { type: 'pie', center: ['50%', '55%'], radius: ['52%', '68%'], name: t('dash.lane'), data: Object.entries(lanes).map(([k, v]) => ({ name: t('lane.' + k), value: v })) }] };

  // 5. top infringing shops (and gangs when the server reports them)
  const byShop = {}; for (const c of removed) byShop[c.shop] = (byShop[c.shop] || 0) + 1;
  const top = Object.entries(byShop).sort((a, b) => b[1] - a[1]).slice(0, 10);
  const gangs = (S.stats.top_gangs || []).slice(0, 10).map((g) => [g.gang || g.id, g.members ?? g.count ?? '']);
  const topRows = [[t('dash.shop'), t('dash.upheld')], ...top, ...(gangs.length ? [[t('dash.gang'), t('dash.members')], ...gangs] : [])];
  // The largest gangs in words under the chart: they are accounts and shops
  // tied together, not one bar each.
  const gangNote = gangs.length ? t('dash.c.top.gangs').replace('{g}', (S.stats.top_gangs || []).slice(0, 3)
    .map((g) => t('dash.gang.row').replace('{id}', g.gang).replace('{m}', g.members).replace('{s}', g.shops ?? 0)).join('; ')) : null;
  const topChart = { tooltip: {}, grid: { left: 120, right: 20, bottom: 30 }, xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: top.map((r) => r[0]).reverse() }, series: [{ type: 'bar', name: t('dash.upheld'), barMaxWidth: 28, data: top.map((r) => r[1]).reverse() }] };

  // 6. detector precision from review outcomes
  const p = S.stats.detector_precision || {};
  const byDet = S.stats.detector_precision_by_detector || p.by_detector;
  const per = byDet && Object.keys(byDet).length ? Object.entries(byDet) : [['all', p]];
  const precRows = [[t('dash.detector'), t('dash.confirmed'), t('dash.overturned'), t('dash.precision')],
    ...per.map(([d, v]) => [d === 'all' ? t('dash.alldet') : t('det.' + d), v.confirmed || 0, v.overturned || 0, v.precision ?? ''])];
  const prec = { tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 40, right: 20, top: 36, bottom: 30 },
    xAxis: { type: 'category', data: precRows.slice(1).map((r) => r[0]) }, yAxis: { type: 'value', minInterval: 1 },
    series: [{ name: t('dash.confirmed'), type: 'bar', stack: 'x', barMaxWidth: 60, data: precRows.slice(1).map((r) => r[1]), itemStyle: { color: '#2e7d32' } },
      { name: t('dash.overturned'), type: 'bar', stack: 'x', barMaxWidth: 60, data: precRows.slice(1).map((r) => r[2]), itemStyle: { color: '#c62828' } }] };

  const st = S.stats;
  fill(document.getElementById('dash'),
    S.truncated ? message('info', t('dash.truncated').replace('{n}', MAX_COMPLAINTS)) : null,
    el('div', { class: 'kpis' },
      kpi(t('dash.k.complaints'), cs.length, 'complaints'), kpi(t('dash.k.decided'), decided.length, 'decided'),
      kpi(t('dash.k.ontime'), pct(hd.length ? onTime / hd.length : NaN), 'ontime'),
      kpi(t('dash.k.removed'), listings.size, 'removed'), kpi(t('dash.k.shops'), shops.size, 'shops'),
      kpi(t('dash.k.overdue'), st.open_overdue ?? 0, 'overdue'),
      st.shops_with_strikes !== undefined ? kpi(t('dash.k.strikes'), st.shops_with_strikes, 'strikes') : null,
      st.proactive_share !== undefined ? kpi(t('dash.k.proactive'), pct(st.proactive_share), 'proactive') : null,
      kpi(t('dash.k.median'), st.handling_working_days ? Number(st.handling_working_days.median).toFixed(2) : '—', 'median'),
      kpi(t('dash.k.precision'), pct(p.precision), 'precision')),
    el('div', { class: 'charts' },
      chartCard('timeline', t('dash.c.timeline'), null, timeline, timeRows),
      chartCard('handling', t('dash.c.handling'), t('dash.c.handling.note').replace('{p}', pct(hd.length ? onTime / hd.length : NaN)), handling, handRows),
      chartCard('removed', t('dash.c.removed'), null, removal, remRows),
      chartCard('share', t('dash.c.share'), (S.all.some((c) => c.source) ? null : t('dash.c.share.note')), share, shareRows),
      chartCard('top', t('dash.c.top'), gangNote, topChart, topRows),
      chartCard('precision', t('dash.c.precision'), t('dash.c.precision.note').replace('{th}', p.threshold ?? '0.9'), prec, precRows)));
  for (const [box, option] of S.charts) echarts.init(box, null, { renderer: 'canvas' }).setOption({ animation: false, ...option });
}

async function load() {
  S.stats = await api('GET', '/stats');
  let after = 0;
  S.all = [];
  while (S.all.length < MAX_COMPLAINTS) {
    const r = await api('GET', `/complaints?after=${after}&limit=500`);
    S.all.push(...r.complaints);
    if (!r.next_after) break;
    after = r.next_after;
  }
  S.truncated = S.all.length >= MAX_COMPLAINTS;
  const today = dayOf(new Date().toISOString());
  const from = el('input', { type: 'date', id: 'd-from', value: dayOf(new Date(Date.now() - 29 * 86400e3).toISOString()) });
  const to = el('input', { type: 'date', id: 'd-to', value: today });
  const holders = [...new Set(S.all.map((c) => c.holder))].sort();
  const names = {};
  try { for (const h of (await api('GET', '/holders')).holders || []) names[h.id] = h.name; } catch { /* ids only */ }
  const holder = el('select', { id: 'd-holder' }, el('option', { value: '' }, t('filter.all')),
    holders.map((h) => el('option', { value: h }, names[h] ? `${names[h]} (${h})` : h)));
  const redraw = () => render(from.value || '2000-01-01', to.value || today, holder.value);
  for (const c of [from, to, holder]) c.addEventListener('change', redraw);
  fill(main, el('h1', {}, t('dash.title')), el('p', { class: 'lead' }, t('dash.lead')),
    el('form', { class: 'filters', 'aria-label': t('filter.label'), onsubmit: (e) => e.preventDefault() },
      field(t('dash.from'), from), field(t('dash.to'), to), field(t('filter.holder'), holder)),
    el('div', { id: 'dash' }));
  redraw();
}

window.addEventListener('resize', () => { for (const [box] of S.charts) echarts.getInstanceByDom(box)?.resize(); });

const me = await startPage(['reviewer', 'admin']);
if (me) {
  document.title = t('dash.title') + ' · ' + t('app.name');
  try { await load(); } catch (e) { fill(main, message('error', errorText(e))); }
}
