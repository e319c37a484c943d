// The rights-holder portal: four guided steps (account, rights with proof,
// complaints single or batch, following them up), each saying what is
// needed and why, with progress at the top.
import { api, uploadFiles } from './api.js';
import { el, fill, field, message, errorText, fmtTime, statusBadge, startPage, t } from './ui.js';

const main = document.getElementById('main');
const state = { me: null, assets: [], complaints: [] };

/** Listing ids from pasted text or a file: split on commas, spaces and lines; CSV first column. */
export function parseIds(text) {
  const ids = [];
  for (const line of text.split(/\r?\n/)) {
    const first = line.split(/[,\t;]/)[0].trim();
    for (const tok of (line.includes(',') || line.includes('\t') ? [first] : line.split(/\s+/))) {
      const id = tok.trim().replace(/^"|"$/g, '');
      if (id && !/^(listing|listing_id|id)$/i.test(id) && !ids.includes(id)) ids.push(id);
    }
  }
  return ids;
}

function stepper(active) {
  const approved = state.assets.some((a) => a.status === 'approved');
  const done = [true, approved, state.complaints.length > 0,
    state.complaints.some((c) => c.status !== 'in_review')];
  return el('ol', { class: 'stepper', 'aria-label': t('holder.progress') },
    ['holder.s1', 'holder.s2', 'holder.s3', 'holder.s4'].map((k, i) =>
      el('li', { class: (done[i] ? 'done ' : '') + (i === active ? 'active' : ''),
        'aria-current': i === active ? 'step' : null },
      el('a', { href: '#step' + (i + 1) }, el('span', { class: 'num' }, done[i] ? '✓' : String(i + 1)), t(k)))));
}

function explainAsset(a) {
  if (a.status === 'rejected') {
    return el('p', { class: 'why' }, t('holder.asset.rejected'), ' ', el('q', {}, a.decision_reason || a.reason || ''), ' ', t('holder.asset.rejected.next'));
  }
  if (a.status === 'pending') return el('p', { class: 'help' }, t('holder.asset.pending'));
  return el('p', { class: 'help' }, t('holder.asset.approved'));
}

function assetName(a) {
  const r = a.record || {};
  return (r.names && r.names.join(' / ')) || r.title || r.id || a.id;
}

function rightsStep() {
  const list = el('ul', { class: 'items', id: 'asset-list' },
    state.assets.map((a) => el('li', {}, el('strong', {}, assetName(a)), ' ',
      el('span', { class: 'muted' }, t('kind.' + a.kind), ' · ', a.id), ' ', statusBadge(a.status), explainAsset(a))));
  const kind = el('select', { name: 'kind', id: 'asset-kind' },
    ['brand', 'work', 'image', 'portrait'].map((k) => el('option', { value: k }, t('kind.' + k))));
  const regno = el('input', { name: 'registration_number', id: 'asset-regno' });
  const names = el('input', { name: 'names', id: 'asset-names' });
  const classes = el('input', { name: 'classes', id: 'asset-classes', inputMode: 'numeric' });
  const workType = el('select', { name: 'type', id: 'asset-worktype' },
    ['book', 'short_drama', 'film', 'music', 'course', 'software'].map((k) => el('option', { value: k }, t('work.' + k))));
  const title = el('input', { name: 'title', id: 'asset-title' });
  const image = el('input', { type: 'file', name: 'image', id: 'asset-image', accept: 'image/png,image/jpeg,image/webp' });
  const proofs = el('input', { type: 'file', name: 'proofs', id: 'asset-proofs', multiple: true, required: true,
    accept: 'application/pdf,image/png,image/jpeg,image/webp,text/plain' });
  const groups = {
    brand: [field(t('asset.regno'), regno, t('asset.regno.help')), field(t('asset.names'), names, t('asset.names.help')),
      field(t('asset.classes'), classes, t('asset.classes.help'))],
    work: [field(t('asset.worktype'), workType), field(t('asset.title'), title, t('asset.title.help'))],
    image: [field(t('asset.image'), image, t('asset.image.help'))],
    portrait: [],
  };
  const kindBox = el('div');
  const show = () => {
    const k = kind.value;
    const parts = [...groups[k]];
    if (k === 'portrait') parts.push(field(t('asset.names'), names, t('asset.pnames.help')));
    fill(kindBox, parts);
  };
  kind.addEventListener('change', show);
  show();
  const out = el('div', { 'aria-live': 'polite' });
  const form = el('form', { id: 'asset-form', onsubmit: async (ev) => {
    ev.preventDefault();
    const body = { kind: kind.value };
    const split = (s) => s.split(/[,，、]/).map((x) => x.trim()).filter(Boolean);
    try {
      if (!proofs.files.length) throw new Error(t('asset.proofs.missing'));
      if (kind.value === 'brand') {
        body.registration_number = regno.value.trim();
        body.names = split(names.value);
        const cls = split(classes.value).map(Number).filter((n) => n > 0);
        if (cls.length) body.classes = cls;
      } else if (kind.value === 'work') {
        body.type = workType.value; body.title = title.value.trim();
      } else if (kind.value === 'image') {
        if (!image.files.length) throw new Error(t('asset.image.missing'));
        body.image = (await uploadFiles(image.files))[0];
      } else {
        body.names = split(names.value);
      }
      body.proofs = await uploadFiles(proofs.files);
      const a = await api('POST', '/assets', body);
      await reload(2, t('asset.created').replace('{id}', a.id));
    } catch (e) { fill(out, message('error', errorText(e))); }
  } },
  field(t('asset.kind'), kind, t('asset.kind.help')), kindBox,
  field(t('asset.proofs'), proofs, t('asset.proofs.help')),
  el('button', { type: 'submit', class: 'primary' }, t('asset.submit')), out);
  return el('section', { class: 'card step', id: 'step2', 'aria-labelledby': 'step2-h' },
    el('h2', { id: 'step2-h' }, '2. ', t('holder.s2')),
    el('p', { class: 'why' }, t('holder.s2.why')),
    state.assets.length ? list : el('p', { class: 'muted' }, t('holder.noassets')),
    // With a right registered already, the form folds away until wanted.
    state.assets.length
      ? el('details', { class: 'add' }, el('summary', {}, t('asset.add')), form)
      : [el('h3', {}, t('asset.add')), form]);
}

function complaintStep() {
  const approved = state.assets.filter((a) => a.status === 'approved');
  const section = el('section', { class: 'card step', id: 'step3', 'aria-labelledby': 'step3-h' },
    el('h2', { id: 'step3-h' }, '3. ', t('holder.s3')), el('p', { class: 'why' }, t('holder.s3.why')));
  if (!approved.length) {
    section.append(message('info', t('holder.s3.locked')));
    return section;
  }
  const asset = el('select', { name: 'asset', id: 'complaint-asset' },
    approved.map((a) => el('option', { value: a.id }, assetName(a) + ' (' + a.id + ')')));
  const reason = el('select', { name: 'reason', id: 'complaint-reason' },
    ['counterfeit', 'trademark_misuse', 'image_theft', 'piracy', 'portrait_misuse'].map((r) => el('option', { value: r }, t('reason.' + r))));
  const ids = el('textarea', { name: 'listings', id: 'complaint-listings', rows: 4 });
  const idFile = el('input', { type: 'file', id: 'complaint-file', accept: '.txt,.csv,text/plain,text/csv' });
  const count = el('p', { class: 'help', id: 'complaint-count', 'aria-live': 'polite' });
  const recount = () => { count.textContent = t('complaint.count').replace('{n}', parseIds(ids.value).length); };
  ids.addEventListener('input', recount);
  idFile.addEventListener('change', async () => {
    if (!idFile.files.length) return;
    const text = await idFile.files[0].text();
    ids.value = parseIds((ids.value ? ids.value + '\n' : '') + text).join('\n');
    recount();
  });
  const text = el('textarea', { name: 'text', id: 'complaint-text', rows: 3, maxLength: 4000 });
  const evidence = el('input', { type: 'file', id: 'complaint-evidence', multiple: true,
    accept: 'application/pdf,image/png,image/jpeg,image/webp,text/plain' });
  const out = el('div', { 'aria-live': 'polite' });
  const form = el('form', { id: 'complaint-form', onsubmit: async (ev) => {
    ev.preventDefault();
    const list = parseIds(ids.value);
    try {
      if (!list.length) throw new Error(t('complaint.noids'));
      if (list.length > 300) throw new Error(t('complaint.toomany'));
      const body = { asset: asset.value, reason: reason.value, listings: list };
      if (text.value.trim()) body.text = text.value.trim();
      if (evidence.files.length) body.evidence = await uploadFiles(evidence.files);
      const key = 'web-' + crypto.randomUUID();
      const r = await api('POST', '/complaints', body, { headers: { 'Idempotency-Key': key } });
      const fast = r.complaints.filter((c) => c.lane === 'fast').length;
      await reload(4, t('complaint.filed').replace('{n}', r.complaints.length).replace('{fast}', fast));
    } catch (e) { fill(out, message('error', errorText(e))); }
  } },
  field(t('complaint.asset'), asset, t('complaint.asset.help')),
  field(t('complaint.reason'), reason),
  field(t('complaint.listings'), ids, t('complaint.listings.help')),
  field(t('complaint.file'), idFile, t('complaint.file.help')), count,
  field(t('complaint.text'), text, t('complaint.text.help')),
  field(t('complaint.evidence'), evidence, t('complaint.evidence.help')),
  el('button', { type: 'submit', class: 'primary' }, t('complaint.submit')), out);
  section.append(form);
  return section;
}

function explainComplaint(c) {
  switch (c.status) {
    case 'in_review': return t('explain.in_review').replace('{due}', fmtTime(c.due_at));
    case 'upheld': return t('explain.upheld');
    case 'rejected': return t('explain.rejected');
    case 'countered': return t('explain.countered');
    case 'closed_upheld': return t('explain.closed_upheld');
    case 'closed_reinstated': return t('explain.closed_reinstated');
    default: return '';
  }
}

function answerForm(c, detail) {
  const theirs = (detail.counter_notes || []).filter((n) => n.side === 'seller');
  const ours = (detail.counter_notes || []).filter((n) => n.side !== 'seller');
  const box = el('div', { class: 'counter' },
    el('h4', {}, t('answer.title')),
    theirs.map((n) => el('blockquote', {}, n.text, el('div', { class: 'muted' }, fmtTime(n.at), ' · ',
      t('answer.evidence').replace('{n}', (n.evidence || []).length)))));
  if (ours.length) {
    box.append(el('p', { class: 'help' }, t('answer.sent')), el('blockquote', {}, ours[0].text));
    return box;
  }
  const text = el('textarea', { rows: 3, id: 'answer-' + c.id, required: true });
  const ev = el('input', { type: 'file', multiple: true, id: 'answer-ev-' + c.id });
  const out = el('div', { 'aria-live': 'polite' });
  box.append(el('p', { class: 'why' }, t('answer.why')),
    el('form', { class: 'answer-form', onsubmit: async (e) => {
      e.preventDefault();
      try {
        const body = { text: text.value.trim() };
        if (ev.files.length) body.evidence = await uploadFiles(ev.files);
        await api('POST', `/complaints/${c.id}/answer`, body);
        await reload(4, t('answer.done'));
      } catch (err) { fill(out, message('error', errorText(err))); }
    } }, field(t('answer.text'), text), field(t('answer.files'), ev),
    el('button', { type: 'submit' }, t('answer.submit')), out));
  return box;
}

async function statusStep() {
  const section = el('section', { class: 'card step', id: 'step4', 'aria-labelledby': 'step4-h' },
    el('h2', { id: 'step4-h' }, '4. ', t('holder.s4')), el('p', { class: 'why' }, t('holder.s4.why')));
  if (!state.complaints.length) {
    section.append(el('p', { class: 'muted' }, t('holder.nocomplaints')));
    return section;
  }
  const table = el('table', { id: 'complaint-table' },
    el('caption', {}, t('holder.s4.caption')),
    el('thead', {}, el('tr', {}, ['col.id', 'col.listing', 'col.reason', 'col.filed', 'col.status', 'col.next']
      .map((k) => el('th', { scope: 'col' }, t(k))))));
  const body = el('tbody');
  for (const c of [...state.complaints].reverse()) {
    const next = el('td', {});
    let detail = null;
    if (c.status === 'countered') {
      try { detail = await api('GET', '/complaints/' + c.id); } catch (e) { next.append(message('error', errorText(e))); }
    }
    const answered = detail && (detail.counter_notes || []).some((n) => n.side !== 'seller');
    next.append(el('p', {}, answered ? t('explain.countered.answered') : explainComplaint(c)));
    if (c.decision_reason) next.append(el('p', { class: 'why' }, t('explain.reason'), ' ', el('q', {}, c.decision_reason)));
    if (detail) next.append(answerForm(c, detail));
    body.append(el('tr', { 'data-id': c.id },
      el('td', {}, String(c.id)), el('td', {}, c.listing), el('td', {}, t('reason.' + c.reason)),
      el('td', {}, fmtTime(c.filed_at)), el('td', {}, statusBadge(c.status),
        c.lane === 'fast' ? el('span', { class: 'badge fast' }, t('lane.fast')) : null), next));
  }
  table.append(body);
  section.append(table);
  return section;
}

async function loadAll() {
  state.assets = (await api('GET', '/assets')).assets || [];
  const out = [];
  let after = 0;
  for (let page = 0; page < 20; page++) {
    const r = await api('GET', `/complaints?after=${after}&limit=500`);
    out.push(...r.complaints);
    if (!r.next_after) break;
    after = r.next_after;
  }
  state.complaints = out;
}

/** Reloads everything and redraws; `flash` is shown under step `focusStep`'s heading. */
async function reload(focusStep, flash) {
  await loadAll();
  const approved = state.assets.some((a) => a.status === 'approved');
  const active = !state.assets.length ? 1 : !approved ? 1 : !state.complaints.length ? 2 : 3;
  const holder = state.me.holder || {};
  fill(main,
    el('h1', {}, t('holder.title')),
    el('p', { class: 'lead' }, t('holder.lead')),
    stepper(active),
    el('section', { class: 'card step', id: 'step1', 'aria-labelledby': 'step1-h' },
      el('h2', { id: 'step1-h' }, '1. ', t('holder.s1')),
      el('p', {}, t('holder.s1.done').replace('{name}', holder.name || state.me.name)),
      el('p', { class: 'help' }, holder.trusted ? t('holder.trusted') : t('holder.untrusted'))),
    rightsStep(), complaintStep(), await statusStep());
  if (focusStep) {
    const target = document.getElementById('step' + focusStep);
    if (target) {
      if (flash) target.querySelector('h2').after(message('ok', flash));
      target.scrollIntoView({ block: 'start' });
    }
  }
}

const me = await startPage(['holder', 'agent']);
if (me) {
  state.me = me;
  document.title = t('holder.title') + ' · ' + t('app.name');
  try { await reload(); } catch (e) { fill(main, message('error', errorText(e))); }
}
