// Sign-in and self-registration (rights holders and sellers). Staff
// accounts (reviewer, admin, agent) are created by an admin.
import { api } from './api.js';
import { el, fill, field, message, errorText, HOME, t, translateStatic, langButton } from './ui.js';

const main = document.getElementById('main');
translateStatic();
document.title = t('app.name');

async function signIn(name, password) {
  const r = await api('POST', '/session', { name, password });
  const next = new URLSearchParams(location.search).get('next');
  // Only a page of this site, named plainly (no open redirect).
  const safe = next && /^[a-z]+\.html$/.test(next) ? next : HOME[r.user.role];
  location.href = safe || 'index.html';
}

function signInForm() {
  const name = el('input', { name: 'name', autocomplete: 'username', required: true });
  const password = el('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const out = el('div', { 'aria-live': 'polite' });
  const form = el('form', { id: 'signin-form', onsubmit: async (ev) => {
    ev.preventDefault();
    try { await signIn(name.value.trim(), password.value); }
    catch (e) { fill(out, message('error', errorText(e))); }
  } },
  field(t('login.name'), name), field(t('login.password'), password),
  el('button', { type: 'submit', class: 'primary' }, t('login.submit')), out);
  return el('section', { class: 'card', 'aria-labelledby': 'signin-h' },
    el('h2', { id: 'signin-h' }, t('login.title')), form);
}

function registerForm() {
  const role = el('select', { name: 'role' },
    el('option', { value: 'holder' }, t('role.holder')),
    el('option', { value: 'seller' }, t('role.seller')));
  const name = el('input', { name: 'name', autocomplete: 'username', required: true, maxLength: 64 });
  const password = el('input', { name: 'password', type: 'password', autocomplete: 'new-password', required: true, minLength: 8 });
  const holderName = el('input', { name: 'holder_name', maxLength: 200 });
  const holderField = field(t('reg.holder_name'), holderName, t('reg.holder_name.help'));
  role.addEventListener('change', () => { holderField.hidden = role.value !== 'holder'; });
  const out = el('div', { 'aria-live': 'polite' });
  const form = el('form', { id: 'register-form', onsubmit: async (ev) => {
    ev.preventDefault();
    const body = { name: name.value.trim(), password: password.value, role: role.value };
    if (role.value === 'holder') body.holder_name = holderName.value.trim();
    try {
      await api('POST', '/accounts', body);
      await signIn(body.name, body.password);
    } catch (e) { fill(out, message('error', errorText(e))); }
  } },
  el('p', { class: 'help' }, t('reg.why')),
  field(t('reg.role'), role, t('reg.role.help')),
  field(t('login.name'), name), field(t('login.password'), password, t('reg.password.help')),
  holderField,
  el('button', { type: 'submit' }, t('reg.submit')), out);
  return el('section', { class: 'card', 'aria-labelledby': 'reg-h' },
    el('h2', { id: 'reg-h' }, t('reg.title')), form);
}

fill(document.getElementById('top'), el('span', { class: 'brand' }, t('app.name')), langButton());
fill(main,
  el('h1', {}, t('login.welcome')),
  el('p', { class: 'lead' }, t('login.lead')),
  el('div', { id: 'already' }),
  el('div', { class: 'cols' }, signInForm(), registerForm()));

// Signed in already (e.g. back from another page): offer the way on.
try {
  const me = await api('GET', '/me');
  fill(document.getElementById('already'), message('info', t('login.already').replace('{name}', me.name)),
    el('p', {}, el('a', { href: HOME[me.role] || 'index.html' }, t('err.gohome'))));
} catch { /* not signed in */ }
