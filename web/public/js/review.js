// The reviewer console: the queue by due time with filters, one case with
// the listing as snapshotted beside the registered right (matched
// characters highlighted, images side by side with their distance,
// diversion contacts, gang links), keyboard shortcuts and batch decisions.
import { api } from './api.js';
import { el, fill, field, message, errorText, fmtTime, statusBadge, highlighted, startPage, t } from './ui.js';

const main = document.getElementById('main');
const S = { queue: [], shown: [], current: 0, selected: new Set() };

/** The sha256 inside an image reference (a blob path or a bare hash), or ''. */
function sha(ref) {
  const m = String(ref || '').match(/([0-9a-f]{64})$/);
  return m ? m[1] : '';
}

function img(ref, alt) {
  const h = sha(ref);
  return h ? el('img', { src: '/api/v1/files/' + h, alt, loading: 'lazy' }) : el('span', { class: 'muted' }, String(ref || ''));
}

const source = (c) => c.source || 'complaint';

// Rights holders' names by id (GET /api/v1/holders, when the server has it).
const HOLDERS = {};
const holderName = (id) => (HOLDERS[id] ? `${HOLDERS[id]} (${id})` : id);

function filtersBar() {
  const uniq = (f) => [...new Set(S.queue.flatMap(f))].sort();
  const sel = (id, label, values, textOf) => {
    const s = el('select', { id, onchange: render },
      el('option', { value: '' }, t('filter.all')), values.map((v) => el('option', { value: v }, textOf(v))));
    return field(label, s);
  };
  return el('form', { class: 'filters', id: 'filters', 'aria-label': t('filter.label'), onsubmit: (e) => e.preventDefault() },
    sel('f-reason', t('filter.type'), uniq((c) => [c.reason]), (v) => t('reason.' + v)),
    sel('f-holder', t('filter.holder'), uniq((c) => [c.holder]), holderName),
    sel('f-detector', t('filter.detector'), uniq((c) => (c.findings || []).map((f) => f.detector)), (v) => t('det.' + v)),
    sel('f-source', t('filter.source'), uniq((c) => [source(c)]), (v) => t('source.' + v)));
}

function applyFilters() {
  const v = (id) => (document.getElementById(id) || {}).value || '';
  const [r, h, d, s] = ['f-reason', 'f-holder', 'f-detector', 'f-source'].map(v);
  S.shown = S.queue.filter((c) => (!r || c.reason === r) && (!h || c.holder === h) &&
    (!d || (c.findings || []).some((f) => f.detector === d)) && (!s || source(c) === s));
  if (S.current >= S.shown.length) S.current = Math.max(0, S.shown.length - 1);
}

function queueList() {
  const list = el('ol', { class: 'queue', id: 'queue-list', 'aria-label': t('review.queue') });
  S.shown.forEach((c, i) => {
    const box = el('input', { type: 'checkbox', id: 'sel-' + c.id, checked: S.selected.has(c.id),
      onchange: (e) => { e.target.checked ? S.selected.add(c.id) : S.selected.delete(c.id); renderBatch(); } });
    list.append(el('li', { class: i === S.current ? 'current' : '', 'data-id': c.id },
      box, el('label', { for: 'sel-' + c.id, class: 'sr-only' }, t('review.select') + ' ' + c.id),
      el('button', { type: 'button', class: 'case-link', 'aria-current': i === S.current ? 'true' : null,
        onclick: () => { S.current = i; render(); } },
      el('span', { class: 'cid' }, '#' + c.id), ' ', t('reason.' + c.reason), ' · ', c.listing,
      el('span', { class: 'due' + (c.overdue ? ' overdue' : '') }, t('review.due'), ' ', fmtTime(c.due_at)),
      c.status === 'countered' ? el('span', { class: 'badge st-countered' }, t('status.countered')) : null)));
  });
  return list;
}

function spansFor(findings, fieldName) {
  return findings.filter((f) => f.evidence && f.evidence.field === fieldName && Array.isArray(f.evidence.span))
    .map((f) => f.evidence.span);
}

function snapshotCard(c) {
  const s = c.listing_snapshot || {};
  const fs = c.findings || [];
  return el('section', { class: 'card side', 'aria-labelledby': 'snap-h' },
    el('h3', { id: 'snap-h' }, t('review.snapshot')),
    el('dl', {},
      el('dt', {}, t('listing.id')), el('dd', {}, s.id || c.listing),
      el('dt', {}, t('listing.shop')), el('dd', {}, s.shop || c.shop),
      el('dt', {}, t('listing.title')), el('dd', { class: 'snap-title' }, highlighted(s.title || '', spansFor(fs, 'title'))),
      s.description ? [el('dt', {}, t('listing.description')), el('dd', {}, highlighted(s.description, spansFor(fs, 'description')))] : null,
      s.price !== undefined ? [el('dt', {}, t('listing.price')), el('dd', {}, `${s.price} ${s.currency || ''}`)] : null,
      s.brand ? [el('dt', {}, t('listing.brand')), el('dd', {}, s.brand)] : null,
      s.category ? [el('dt', {}, t('listing.category')), el('dd', {}, s.category)] : null),
    (s.images || []).length ? el('div', { class: 'thumbs' }, s.images.map((h) => img(h, t('listing.image')))) : null);
}

function rightCard(c) {
  const r = c.asset_record || {};
  const rows = [['asset.id', r.id || c.asset], ['asset.holder', holderName(c.holder)]];
  if (r.registration_number) rows.push(['asset.regno', r.registration_number]);
  if (r.names) rows.push(['right.names', r.names.join(' / ')]);
  if (r.aliases) rows.push(['asset.aliases', r.aliases.join(' / ')]);
  if (r.title) rows.push(['asset.title', r.title]);
  if (r.type) rows.push(['asset.worktype', t('work.' + r.type)]);
  if (r.classes) rows.push(['right.classes', r.classes.join(', ')]);
  if (r.authorized_shops) rows.push(['asset.authorized', r.authorized_shops.join(', ')]);
  if (r.price_floor) rows.push(['asset.floor', Object.entries(r.price_floor).map(([k, v]) => `${k} ≥ ${v}`).join(', ')]);
  const imgs = [r.path, ...(r.images || [])].filter(Boolean);
  return el('section', { class: 'card side', 'aria-labelledby': 'right-h' },
    el('h3', { id: 'right-h' }, t('review.right')),
    el('dl', {}, rows.map(([k, v]) => [el('dt', {}, t(k)), el('dd', {}, String(v))])),
    imgs.length ? el('div', { class: 'thumbs' }, imgs.map((p) => img(p, t('asset.image')))) : null,
    c.text ? [el('h4', {}, t('review.holdertext')), el('blockquote', {}, c.text)] : null);
}

function findingRow(f) {
  const e = f.evidence || {};
  const parts = [el('strong', {}, t('det.' + f.detector)), ' ',
    el('span', { class: 'score' }, t('review.score'), ' ', Number(f.score).toFixed(2)), ' ',
    el('span', { class: 'badge act-' + f.action }, t('action.' + f.action))];
  if (f.target) parts.push(' → ', el('code', {}, f.target));
  const detail = el('div', { class: 'evidence' });
  if (e.text) detail.append(el('p', {}, t('ev.text'), ' ', el('mark', {}, e.text),
    e.normalized ? [' → ', el('code', {}, e.normalized)] : null,
    e.variant && e.variant.length ? [' (', e.variant.join(', '), ')'] : null));
  if (e.channel) detail.append(el('p', { class: 'diversion' }, t('ev.contact'), ' ', t('channel.' + e.channel), ': ', el('code', {}, String(e.value || ''))));
  if (e.image || e.matched_image) {
    detail.append(el('div', { class: 'pair' },
      el('figure', {}, img(e.image, t('ev.listingimage')), el('figcaption', {}, t('ev.listingimage'))),
      el('figure', {}, img(e.matched_image || e.matched, t('ev.matched')), el('figcaption', {}, t('ev.matched'), ' ', String(e.matched || ''))),
      el('p', { class: 'distance' }, t('ev.distance'), ' ', String(e.distance ?? '?'))));
  }
  if (e.members) {
    detail.append(el('p', {}, t('ev.members'), ' ', e.members.join(', ')));
    if (e.links) detail.append(el('ul', {}, (Array.isArray(e.links) ? e.links : Object.entries(e.links)).map((l) =>
      el('li', {}, typeof l === 'string' ? l : JSON.stringify(l)))));
  }
  return el('li', {}, parts, detail);
}

function decisionBar(c) {
  const reason = el('input', { id: 'reject-reason', maxLength: 2000 });
  // Whether an upheld infringement was deliberate: weighs more in the strike
  // policy; by default the policy decides from the complaint's type.
  const malicious = el('select', { id: 'malicious' },
    el('option', { value: '' }, t('review.malicious.default')),
    el('option', { value: 'true' }, t('review.malicious.yes')),
    el('option', { value: 'false' }, t('review.malicious.no')));
  const out = el('div', { 'aria-live': 'polite', id: 'decision-out' });
  reason.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') { e.preventDefault(); decide('reject'); }
    if (e.key === 'Escape') reason.blur();
  });
  const decide = async (decision) => {
    try {
      const body = { decision };
      if (decision === 'reject') {
        if (!reason.value.trim()) { reason.focus(); throw new Error(t('review.needreason')); }
        body.reason = reason.value.trim();
      } else {
        if (reason.value.trim()) body.reason = reason.value.trim();
        if (malicious.value) body.malicious = malicious.value === 'true';
      }
      await api('POST', `/complaints/${c.id}/decision`, body);
      await load(t('review.decided').replace('{id}', c.id));
    } catch (e) { fill(out, message('error', errorText(e))); }
  };
  return el('div', { class: 'decide card' },
    el('h3', {}, c.status === 'countered' ? t('review.final') : t('review.decide')),
    el('div', { class: 'filters' }, field(t('review.reason'), reason, t('review.reason.help')),
      field(t('review.malicious'), malicious, t('review.malicious.help'))),
    el('div', { class: 'buttons' },
      el('button', { type: 'button', class: 'primary', id: 'uphold', onclick: () => decide('uphold') }, t('review.uphold'), el('kbd', {}, 'U')),
      el('button', { type: 'button', class: 'danger', id: 'reject', onclick: () => decide('reject') }, t('review.reject'), el('kbd', {}, 'R')),
      el('button', { type: 'button', id: 'next', onclick: () => move(1) }, t('review.next'), el('kbd', {}, 'J'))),
    out);
}

function caseView(c) {
  if (!c) return el('p', { class: 'muted', id: 'case' }, t('review.empty'));
  const notes = (c.counter_notes || []).map((n) => el('blockquote', {}, el('strong', {}, t('side.' + n.side)), ': ', n.text));
  return el('div', { id: 'case', 'data-id': c.id },
    el('h2', {}, t('review.case'), ' #', String(c.id), ' ', statusBadge(c.status)),
    el('p', { class: 'meta' }, t('reason.' + c.reason), ' · ', t('source.' + source(c)), ' · ', t('review.filed'), ' ', fmtTime(c.filed_at),
      ' · ', el('span', { class: c.overdue ? 'overdue' : '' }, t('review.due'), ' ', fmtTime(c.due_at))),
    el('div', { class: 'cols' }, snapshotCard(c), rightCard(c)),
    notes.length ? el('section', { class: 'card' }, el('h3', {}, t('review.counter')), notes) : null,
    el('section', { class: 'card', 'aria-labelledby': 'find-h' }, el('h3', { id: 'find-h' }, t('review.findings')),
      (c.findings || []).length ? el('ul', { class: 'findings' }, c.findings.map(findingRow)) : el('p', { class: 'muted' }, t('review.nofindings'))),
    decisionBar(c));
}

function renderBatch() {
  const box = document.getElementById('batch');
  if (!box) return;
  const n = S.selected.size;
  const reason = el('input', { id: 'batch-reason' });
  const out = el('div', { 'aria-live': 'polite' });
  const run = async (decision) => {
    if (decision === 'reject' && !reason.value.trim()) { fill(out, message('error', t('review.needreason'))); return; }
    let ok = 0; const failed = [];
    for (const id of [...S.selected]) {
      try {
        await api('POST', `/complaints/${id}/decision`, decision === 'reject' ? { decision, reason: reason.value.trim() } : { decision });
        ok++; S.selected.delete(id);
      } catch (e) { failed.push(`#${id}: ${errorText(e)}`); }
    }
    await load(t('review.batchdone').replace('{n}', ok) + (failed.length ? ' ' + failed.join('; ') : ''));
  };
  fill(box, el('h3', {}, t('review.batch'), ' (', String(n), ')'),
    n ? [field(t('review.reason'), reason),
      el('div', { class: 'buttons' },
        el('button', { type: 'button', id: 'batch-uphold', onclick: () => run('uphold') }, t('review.batchuphold')),
        el('button', { type: 'button', id: 'batch-reject', class: 'danger', onclick: () => run('reject') }, t('review.batchreject'))), out]
      : el('p', { class: 'help' }, t('review.batch.help')));
}

let flash = '';
function render() {
  applyFilters();
  const left = el('aside', { class: 'queue-pane' }, filtersBar(), el('p', { class: 'help' },
    t('review.count').replace('{n}', S.shown.length).replace('{all}', S.queue.length)), queueList(), el('div', { id: 'batch', class: 'card' }));
  // keep filter choices across re-render
  const keep = ['f-reason', 'f-holder', 'f-detector', 'f-source'].map((id) => (document.getElementById(id) || {}).value || '');
  fill(main, el('h1', {}, t('review.title')),
    el('p', { class: 'lead' }, t('review.lead')), el('p', { class: 'keys' }, t('review.keys')),
    flash ? message('ok', flash) : null,
    el('div', { class: 'console' }, left, caseView(S.shown[S.current])));
  ['f-reason', 'f-holder', 'f-detector', 'f-source'].forEach((id, i) => { document.getElementById(id).value = keep[i]; });
  renderBatch();
}

function move(d) {
  if (!S.shown.length) return;
  S.current = (S.current + d + S.shown.length) % S.shown.length;
  flash = '';
  render();
  document.querySelector('.queue li.current button')?.focus();
}

async function loadHolders() {
  try {
    const r = await api('GET', '/holders');
    for (const h of r.holders || []) HOLDERS[h.id] = h.name;
  } catch { /* an older server: ids only */ }
}

async function load(note) {
  flash = note || '';
  const r = await api('GET', '/queue?limit=200');
  S.queue = r.queue || [];
  render();
}

document.addEventListener('keydown', (e) => {
  const tag = (e.target.tagName || '').toLowerCase();
  if (['input', 'textarea', 'select'].includes(tag) || e.ctrlKey || e.metaKey || e.altKey) return;
  const key = e.key.toLowerCase();
  if (key === 'j') move(1);
  else if (key === 'k') move(-1);
  else if (key === 'u') document.getElementById('uphold')?.click();
  else if (key === 'r') { e.preventDefault(); document.getElementById('reject-reason')?.focus(); }
  else if (key === 'x') {
    const c = S.shown[S.current];
    if (c) { S.selected.has(c.id) ? S.selected.delete(c.id) : S.selected.add(c.id); render(); }
  } else return;
  e.preventDefault();
});

const me = await startPage(['reviewer']);
if (me) {
  document.title = t('review.title') + ' · ' + t('app.name');
  try { await loadHolders(); await load(); } catch (e) { fill(main, message('error', errorText(e))); }
}
