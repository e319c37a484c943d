// Building blocks of every page. All text from users or the server goes
// into the page through textContent (el() below), never innerHTML, so a
// listing titled "<script>" shows as those characters.
import { api } from './api.js';
import { t, lang, setLang } from './i18n.js';

/**
 * Creates an element. attrs: properties and attributes (class, for, aria-*,
 * data-*, on* handlers as functions); children: nodes or strings (as text).
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') node.addEventListener(k.slice(2), v);
    else if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k in node && !k.includes('-') && k !== 'list') node[k] = v;
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

/** Removes every child of `node` and appends `children`. */
export function fill(node, ...children) {
  node.replaceChildren();
  for (const c of children.flat(Infinity)) if (c) node.append(c instanceof Node ? c : String(c));
  return node;
}

/** A labelled form control: <label for=id>text</label> + the control (+ help). */
export function field(labelText, control, help) {
  if (!control.id) control.id = 'f-' + Math.random().toString(36).slice(2, 9);
  const parts = [el('label', { for: control.id }, labelText), control];
  if (help) {
    const helpId = control.id + '-help';
    control.setAttribute('aria-describedby', helpId);
    parts.push(el('p', { class: 'help', id: helpId }, help));
  }
  return el('div', { class: 'field' }, ...parts);
}

/** Local date and time of an RFC 3339 string, in the page's language. */
export function fmtTime(s) {
  if (!s) return '';
  const d = new Date(s);
  return d.toLocaleString(lang() === 'zh' ? 'zh-CN' : 'en-GB',
    { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
}

/** A status badge with the status explained in words. */
export function statusBadge(status) {
  return el('span', { class: 'badge st-' + status }, t('status.' + status));
}

/** A message box: kind 'error', 'ok' or 'info'; role=alert for errors. */
export function message(kind, text) {
  return el('div', { class: 'msg ' + kind, role: kind === 'error' ? 'alert' : 'status' }, text);
}

/** The sentence an API error shows: its message and the field at fault. */
export function errorText(e) {
  if (e && e.status === 401) return t('err.signin');
  const where = e && e.field ? ` (${t('err.field')}: ${e.field})` : '';
  return (e && e.message ? e.message : String(e)) + where;
}

/**
 * A text with the characters [start, end) of each span (Unicode code points,
 * as the detectors report them) wrapped in <mark>.
 */
export function highlighted(text, spans) {
  const cps = Array.from(text || '');
  const marks = new Array(cps.length).fill(false);
  for (const [a, b] of spans) for (let i = Math.max(0, a); i < Math.min(b, cps.length); i++) marks[i] = true;
  const out = el('span', { class: 'hl' });
  let i = 0;
  while (i < cps.length) {
    let j = i;
    while (j < cps.length && marks[j] === marks[i]) j++;
    const piece = cps.slice(i, j).join('');
    out.append(marks[i] ? el('mark', {}, piece) : document.createTextNode(piece));
    i = j;
  }
  return out;
}

/** Where each role starts. */
export const HOME = {
  holder: 'holder.html', agent: 'holder.html', seller: 'seller.html',
  reviewer: 'review.html', admin: 'admin.html',
};

const NAV = [
  ['holder.html', 'nav.holder', ['holder', 'agent']],
  ['review.html', 'nav.review', ['reviewer']],
  ['seller.html', 'nav.seller', ['seller']],
  ['admin.html', 'nav.admin', ['admin']],
  ['dashboard.html', 'nav.dashboard', ['reviewer', 'admin']],
];

/** Sets every [data-i18n] element's text to its translation. */
export function translateStatic() {
  document.documentElement.lang = lang() === 'zh' ? 'zh-CN' : 'en';
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
}

function langButton() {
  return el('button', {
    type: 'button', class: 'link', id: 'lang-switch', lang: lang() === 'zh' ? 'en' : 'zh-CN',
    onclick: () => { setLang(lang() === 'zh' ? 'en' : 'zh'); location.reload(); },
  }, t('lang.other'));
}

/**
 * Starts a signed-in page: the user (GET /me) or a redirect to sign-in; the
 * header with the navigation this role may use; a notice instead of the
 * page when the role may not use it. Resolves to the user, or null.
 */
export async function startPage(roles) {
  translateStatic();
  let me;
  try {
    me = await api('GET', '/me');
  } catch (e) {
    location.replace('index.html?next=' + encodeURIComponent(location.pathname.split('/').pop()));
    return null;
  }
  const header = document.getElementById('top');
  const links = NAV.filter(([, , r]) => r.includes(me.role)).map(([href, key]) => {
    const here = location.pathname.endsWith('/' + href);
    return el('a', { href, 'aria-current': here ? 'page' : null }, t(key));
  });
  const who = me.holder && me.holder.name ? `${me.name} · ${me.holder.name}` : me.name;
  fill(header,
    el('a', { class: 'brand', href: HOME[me.role] || 'index.html' }, t('app.name')),
    el('nav', { 'aria-label': t('nav.label') }, links),
    el('span', { class: 'who' }, who, ' ', el('span', { class: 'role' }, t('role.' + me.role))),
    langButton(),
    el('button', {
      type: 'button', class: 'link', id: 'sign-out',
      onclick: async () => { try { await api('DELETE', '/session'); } finally { location.href = 'index.html'; } },
    }, t('nav.signout')));
  if (!roles.includes(me.role)) {
    fill(document.getElementById('main'),
      message('error', t('err.role')),
      el('p', {}, el('a', { href: HOME[me.role] }, t('err.gohome'))));
    return null;
  }
  return me;
}

export { t, lang, langButton };
