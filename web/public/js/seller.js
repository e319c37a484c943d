// The seller's pages: each notice (what was reported, why, the evidence,
// the penalty and how strikes expire), the counter-notice with evidence
// upload, and the history of strikes.
import { api, uploadFiles } from './api.js';
import { el, fill, field, message, errorText, fmtTime, statusBadge, highlighted, startPage, t } from './ui.js';

const main = document.getElementById('main');

function evidenceList(c) {
  const snap = c.listing_snapshot || {};
  const items = (c.findings || []).filter((f) => f.evidence);
  if (!items.length) return el('p', { class: 'muted' }, t('seller.noevidence'));
  return el('ul', { class: 'findings' }, items.map((f) => {
    const e = f.evidence;
    const li = el('li', {}, el('strong', {}, t('det.' + f.detector)), ' · ', t('review.score'), ' ', Number(f.score).toFixed(2));
    if (e.field && Array.isArray(e.span) && snap[e.field]) {
      li.append(el('p', {}, t('listing.' + e.field), ': ', highlighted(snap[e.field], [e.span])));
    } else if (e.text) li.append(el('p', {}, el('mark', {}, e.text)));
    if (e.channel) li.append(el('p', {}, t('ev.contact'), ' ', t('channel.' + e.channel), ': ', String(e.value || '')));
    if (e.distance !== undefined) li.append(el('p', {}, t('ev.distance'), ' ', String(e.distance)));
    return li;
  }));
}

function counterForm(c) {
  const due = c.counter_notice_due_at;
  if (c.status !== 'upheld') return null;
  if (due && new Date(due) < new Date()) return message('info', t('seller.counter.late'));
  const text = el('textarea', { id: 'counter-text-' + c.id, rows: 4, required: true, maxLength: 4000 });
  const files = el('input', { type: 'file', id: 'counter-files-' + c.id, multiple: true, required: true,
    accept: 'application/pdf,image/png,image/jpeg,image/webp,text/plain' });
  const out = el('div', { 'aria-live': 'polite' });
  return el('section', { class: 'counter', 'aria-labelledby': 'counter-h-' + c.id },
    el('h4', { id: 'counter-h-' + c.id }, t('seller.counter.title')),
    el('p', { class: 'why' }, t('seller.counter.why').replace('{due}', fmtTime(due))),
    el('form', { class: 'counter-form', onsubmit: async (ev) => {
      ev.preventDefault();
      try {
        if (!files.files.length) throw new Error(t('seller.counter.needfile'));
        const evidence = await uploadFiles(files.files);
        await api('POST', `/complaints/${c.id}/counter-notice`, { text: text.value.trim(), evidence });
        await load(t('seller.counter.sent'));
      } catch (e) { fill(out, message('error', errorText(e))); }
    } },
    field(t('seller.counter.text'), text, t('seller.counter.text.help')),
    field(t('seller.counter.files'), files, t('seller.counter.files.help')),
    el('button', { type: 'submit', class: 'primary' }, t('seller.counter.submit')), out));
}

// The strike ledger per shop (GET /api/v1/shops/{id}/penalties), when the
// server offers it; null otherwise.
let ledger = null;

const PENALTY_KEYS = ['warn', 'remove_listings', 'restrict', 'close'];
const penaltyText = (a) => (PENALTY_KEYS.includes(a) ? t('penalty.' + a) : a || t('penalty.none'));

/** What this complaint's strike and penalty are, and when the strike expires. */
function ledgerLines(c) {
  const l = ledger && ledger[c.shop];
  if (!l) return el('p', { class: 'help' }, t('seller.strike.expiry'));
  const strike = (l.strikes || []).find((x) => x.complaint === c.id);
  const pen = (l.penalties || []).filter((x) => x.complaint === c.id && !x.shadow);
  return el('div', {},
    strike ? el('p', {}, t('strike.this').replace('{expires}', fmtTime(strike.expires_at)),
      strike.malicious ? [' ', el('span', { class: 'badge act-remove' }, t('strike.malicious'))] : null,
      strike.voided ? [' ', el('span', { class: 'badge' }, t('strike.voided'))] : null) : null,
    pen.map((p) => el('p', {}, t('strike.penalty'), ' ', el('strong', {}, penaltyText(p.action)),
      p.notice ? [' — ', p.notice] : null)),
    el('p', { class: 'help' }, t('strike.window').replace('{d}', l.window_days ?? '?').replace('{n}', l.active_points ?? 0)
      .replace('{level}', penaltyText(l.level))));
}

/** Loads the ledger of each shop; false when the server has no ledger. */
async function loadLedger(shops) {
  ledger = {};
  for (const shop of shops) {
    try {
      ledger[shop.id] = await api('GET', `/shops/${encodeURIComponent(shop.id)}/penalties`);
    } catch (e) {
      if (e.status === 404) { ledger = null; return false; }
      throw e;
    }
  }
  return true;
}

function notice(c) {
  const snap = c.listing_snapshot || {};
  const penalty = ['upheld', 'countered', 'closed_upheld'].includes(c.status);
  return el('article', { class: 'card notice', 'data-id': c.id, 'aria-labelledby': 'n-h-' + c.id },
    el('h2', { id: 'n-h-' + c.id }, t('seller.notice'), ' #', String(c.id), ' ', statusBadge(c.status)),
    el('h3', {}, t('seller.what')),
    el('p', {}, t('seller.what.text').replace('{listing}', c.listing).replace('{shop}', c.shop), ' ',
      el('q', { class: 'snap-title' }, snap.title || '')),
    el('h3', {}, t('seller.why')),
    el('p', {}, t('seller.why.text').replace('{holder}', c.holder).replace('{reason}', t('reason.' + c.reason))),
    c.text ? el('blockquote', {}, c.text) : null,
    c.decision_reason ? el('p', {}, t('explain.reason'), ' ', el('q', {}, c.decision_reason)) : null,
    el('h3', {}, t('seller.evidence')), evidenceList(c),
    el('h3', {}, t('seller.penalty')),
    el('p', {}, penalty ? t('seller.penalty.removed') : c.status === 'in_review' ? t('seller.penalty.pending')
      : t('seller.penalty.none')),
    penalty ? ledgerLines(c) : null,
    (c.counter_notes || []).length ? el('div', {}, el('h3', {}, t('review.counter')),
      c.counter_notes.map((n) => el('blockquote', {}, el('strong', {}, t('side.' + n.side)), ': ', n.text))) : null,
    counterForm(c));
}

async function strikes(complaints) {
  const box = el('section', { class: 'card', id: 'strikes', 'aria-labelledby': 'strikes-h' },
    el('h2', { id: 'strikes-h' }, t('seller.strikes')), el('p', { class: 'why' }, t('seller.strikes.why')));
  if (ledger) {
    for (const [shop, l] of Object.entries(ledger)) {
      const rows = l.strikes || [];
      box.append(el('h3', {}, t('col.shop'), ' ', shop, l.shop && l.shop.status && l.shop.status !== 'active'
        ? [' ', el('span', { class: 'badge act-remove' }, t('shop.' + l.shop.status))] : null),
      el('p', {}, t('strike.window').replace('{d}', l.window_days ?? '?').replace('{n}', l.active_points ?? 0)
        .replace('{level}', penaltyText(l.level))),
      rows.length ? el('table', { class: 'strikes' },
        el('thead', {}, el('tr', {}, ['col.complaint', 'col.reason', 'col.at', 'col.expires', 'col.status'].map((k) => el('th', { scope: 'col' }, t(k))))),
        el('tbody', {}, rows.map((x) => el('tr', {}, el('td', {}, '#' + String(x.complaint ?? '')),
          el('td', {}, t('reason.' + x.reason), x.malicious ? [' ', el('span', { class: 'badge act-remove' }, t('strike.malicious'))] : null),
          el('td', {}, fmtTime(x.at)), el('td', {}, fmtTime(x.expires_at)),
          el('td', {}, x.voided ? t('strike.voided') : x.active === false ? t('strike.expired') : t('strike.active'))))))
        : el('p', { class: 'muted' }, t('seller.strikes.none')),
      (l.penalties || []).filter((p) => !p.shadow).length
        ? el('ul', {}, l.penalties.filter((p) => !p.shadow).map((p) => el('li', {}, fmtTime(p.at), ' · ', el('strong', {}, penaltyText(p.action)), p.notice ? [' — ', p.notice] : null)))
        : null);
    }
    return box;
  }
  // No ledger on this server: the upheld complaints are the record.
  const upheld = complaints.filter((c) => ['upheld', 'countered', 'closed_upheld'].includes(c.status));
  box.append(el('p', { class: 'help' }, t('seller.strikes.fallback')),
    upheld.length ? el('ul', {}, upheld.map((c) => el('li', {}, '#', String(c.id), ' · ', c.shop, ' · ', c.listing, ' · ', fmtTime(c.decided_at))))
      : el('p', { class: 'muted' }, t('seller.strikes.none')));
  return box;
}

async function load(flash) {
  const list = [];
  let after = 0;
  for (let page = 0; page < 10; page++) {
    const r = await api('GET', `/complaints?after=${after}&limit=500`);
    list.push(...r.complaints);
    if (!r.next_after) break;
    after = r.next_after;
  }
  list.reverse();
  // Full views (snapshot, findings, counter-notes) of the 50 newest.
  const full = await Promise.all(list.slice(0, 50).map((c) => api('GET', '/complaints/' + c.id).catch(() => c)));
  const shops = (await api('GET', '/shops')).shops || [];
  await loadLedger(shops);
  fill(main, el('h1', {}, t('seller.title')), el('p', { class: 'lead' }, t('seller.lead')),
    flash ? message('ok', flash) : null,
    el('p', {}, t('seller.shops'), ' ', shops.map((s) => s.id + ' (' + s.name + ')').join(', ') || '—'),
    full.length ? full.map(notice) : el('p', { class: 'card muted' }, t('seller.none')),
    await strikes(list));
}

const me = await startPage(['seller']);
if (me) {
  document.title = t('seller.title') + ' · ' + t('app.name');
  try { await load(); } catch (e) { fill(main, message('error', errorText(e))); }
}
