// The admin's page: rights waiting for approval (with their proof
// documents), approve or reject with a reason the holder will read.
import { api } from './api.js';
import { el, fill, field, message, errorText, fmtTime, startPage, t } from './ui.js';

const main = document.getElementById('main');

function pendingRow(a) {
  const r = a.record || {};
  const reason = el('input', { id: 'reason-' + a.id, maxLength: 2000 });
  const out = el('div', { 'aria-live': 'polite' });
  const decide = async (decision) => {
    try {
      if (decision === 'reject' && !reason.value.trim()) { reason.focus(); throw new Error(t('admin.needreason')); }
      await api('POST', `/assets/${a.id}/decision`, decision === 'reject' ? { decision, reason: reason.value.trim() } : { decision });
      await load(t('admin.done').replace('{id}', a.id));
    } catch (e) { fill(out, message('error', errorText(e))); }
  };
  return el('li', { class: 'card', 'data-id': a.id },
    el('h3', {}, t('kind.' + a.kind), ': ', (r.names || []).join(' / ') || r.title || a.id),
    el('p', { class: 'muted' }, a.id, ' · ', a.holder || r.holder || '', ' · ', fmtTime(a.created_at)),
    r.registration_number ? el('p', {}, t('asset.regno'), ': ', r.registration_number) : null,
    el('p', {}, t('admin.proofs'), ' ', (a.proofs || []).map((h, i) =>
      el('a', { href: '/api/v1/files/' + h, target: '_blank', rel: 'noopener' }, t('admin.proof') + ' ' + (i + 1))).flatMap((x) => [x, ' '])),
    field(t('admin.reason'), reason, t('admin.reason.help')),
    el('div', { class: 'buttons' },
      el('button', { type: 'button', class: 'primary approve', onclick: () => decide('approve') }, t('admin.approve')),
      el('button', { type: 'button', class: 'danger', onclick: () => decide('reject') }, t('admin.reject'))), out);
}

async function load(flash) {
  const pending = (await api('GET', '/assets?status=pending')).assets || [];
  fill(main, el('h1', {}, t('admin.title')), el('p', { class: 'lead' }, t('admin.lead')),
    flash ? message('ok', flash) : null,
    pending.length ? el('ul', { class: 'plain', id: 'pending' }, pending.map(pendingRow)) : el('p', { class: 'muted' }, t('admin.none')));
}

const me = await startPage(['admin']);
if (me) {
  document.title = t('admin.title') + ' · ' + t('app.name');
  try { await load(); } catch (e) { fill(main, message('error', errorText(e))); }
}
