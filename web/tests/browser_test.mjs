// Browser test of the web pages (docs/web.md) in Debian's headless
// Chromium, driven by playwright-core: a rights holder registers, registers
// a trademark with proof, an admin approves it, the holder files a
// complaint, a reviewer upholds it, the seller reads the notice and files a
// counter-notice, the holder answers, the reviewer closes it and the
// dashboard counts it. Also: a listing titled with <script> shows as text,
// writes without the CSRF header are refused, the security headers are
// sent, and no page logs an error (a CSP violation would). Screenshots of
// every page go to $IPGUARD_SCREENSHOTS.
//
// env: IPGUARD_BIN (the ipguard binary), IPGUARD_WEB_NPM (the folder where
// npm installed playwright-core), IPGUARD_SCREENSHOTS, CHROMIUM (default
// /usr/bin/chromium).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

const BIN = process.env.IPGUARD_BIN || 'build/src/cli/ipguard';
const NPM = process.env.IPGUARD_WEB_NPM || 'build/web-npm';
const SHOTS = process.env.IPGUARD_SCREENSHOTS || 'build/screenshots';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const require = createRequire(path.resolve(NPM, 'package.json'));
const { chromium } = require('playwright-core');

let passed = 0;
let failed = 0;
async function step(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    passed++;
    console.log(`ok   ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}\n${e.stack || e}`);
    throw e;
  }
}

// ---- the server ----
const work = mkdtempSync(path.join(tmpdir(), 'ipguard-web-'));
mkdirSync(SHOTS, { recursive: true });
const server = spawn(BIN, ['serve', '--data-dir', path.join(work, 'data'), '--port', '0',
  '--admin-password', 'admin-password', '--password-cost', 'minimum', '--rate-limit', '0'],
{ stdio: ['ignore', 'ignore', 'pipe'] });
let log = '';
const port = await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error('server did not start:\n' + log)), 30000);
  server.stderr.on('data', (d) => {
    log += d;
    const m = log.match(/listening on http:\/\/127\.0\.0\.1:(\d+)\/api\/v1/);
    if (m) { clearTimeout(timer); resolve(Number(m[1])); }
  });
  server.on('exit', (code) => reject(new Error(`server exited ${code}:\n${log}`)));
});
const BASE = `http://127.0.0.1:${port}`;
assert.match(log, /web pages on/, 'serve found the web pages beside the binary');

async function call(method, p, token, body) {
  const res = await fetch(BASE + '/api/v1' + p, {
    method, headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: 'Bearer ' + token } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await res.json();
  if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${JSON.stringify(data)}`);
  return data;
}

const browser = await chromium.launch({
  executablePath: CHROMIUM, headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--lang=zh-CN'],
});
const errors = [];
async function newPage(name) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true, locale: 'zh-CN' });
  const page = await ctx.newPage();
  page.setDefaultTimeout(60000);  // a loaded 2-core CI machine is slow
  page.on('pageerror', (e) => errors.push(`${name}: ${e.message}`));
  // A 4xx the test provokes (or /strikes absent) is logged as "Failed to
  // load resource"; anything else (script errors, CSP refusals) counts.
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(`${name}: ${m.text()}`);
  });
  return page;
}
// Saves a screenshot of the page, after checking that every form control on
// it has a label (a <label for>, a wrapping label or aria-label) and every
// button a name.
async function shot(page, name) {
  const unlabelled = await page.evaluate(() => [...document.querySelectorAll('input, select, textarea, button')]
    .filter((c) => c.type !== 'hidden' && !(c.labels && c.labels.length) && !c.getAttribute('aria-label') &&
      !(c.tagName === 'BUTTON' && c.textContent.trim()))
    .map((c) => c.outerHTML.slice(0, 80)));
  assert.deepEqual(unlabelled, [], `${name}: controls without a label`);
  await page.screenshot({ path: path.join(SHOTS, name + '.png'), fullPage: true });
}
async function signIn(page, name, password) {
  await page.goto(BASE + '/');
  await page.fill('#signin-form input[name=name]', name);
  await page.fill('#signin-form input[name=password]', password);
  await page.click('#signin-form button[type=submit]');
  await page.waitForURL(/\/(holder|review|seller|admin|dashboard)\.html/);
}
const pdf = (text) => ({ name: 'proof.pdf', mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4\n${text}\n%%EOF\n`) });

const TITLE = '正品 艾克美 ACMEX 跑鞋 <script>window.__xss=1</script> 工厂直销';
try {
  await step('setup: a reviewer (by the admin) and a seller with a listing, through the API', async () => {
    const admin = (await call('POST', '/login', null, { name: 'admin', password: 'admin-password' })).token;
    await call('POST', '/accounts', admin, { name: 'rev', password: 'reviewer-password', role: 'reviewer' });
    await call('POST', '/accounts', null, { name: 'shop-owner', password: 'seller-password', role: 'seller' });
    const seller = (await call('POST', '/login', null, { name: 'shop-owner', password: 'seller-password' })).token;
    await call('POST', '/shops', seller, { id: 'shop-7', name: 'Cheap Kicks' });
    await call('PUT', '/listings/l-42', seller, { shop: 'shop-7', title: TITLE, description: '加微信 acmex888 领券', price: 59, category: 'shoes' });
    await call('PUT', '/listings/l-43', seller, { shop: 'shop-7', title: '白色跑鞋 透气', price: 299, category: 'shoes' });
  });

  await step('security headers on pages and API replies', async () => {
    for (const p of ['/', '/holder.html', '/js/ui.js', '/api/v1/health']) {
      const res = await fetch(BASE + p);
      assert.equal(res.status, 200, p);
      const csp = res.headers.get('content-security-policy') || '';
      assert.match(csp, /script-src 'self'/, p);
      assert.doesNotMatch(csp.match(/script-src[^;]*/)[0], /unsafe-inline|unsafe-eval/, p);
      assert.match(csp, /frame-ancestors 'none'/, p);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff', p);
      assert.equal(res.headers.get('x-frame-options'), 'DENY', p);
      assert.equal(res.headers.get('referrer-policy'), 'no-referrer', p);
    }
  });

  const holder = await newPage('holder');
  await step('sign-in page, in Chinese by default', async () => {
    await holder.goto(BASE + '/');
    assert.equal(await holder.getAttribute('html', 'lang'), 'zh-CN');
    assert.match(await holder.textContent('h1'), /欢迎/);
    await shot(holder, '01-sign-in');
  });

  await step('a rights holder registers and lands on the guided portal', async () => {
    await holder.selectOption('#register-form select[name=role]', 'holder');
    await holder.fill('#register-form input[name=name]', 'acme');
    await holder.fill('#register-form input[name=password]', 'acme-password');
    await holder.fill('#register-form input[name=holder_name]', 'Acme Sports Ltd.');
    await holder.click('#register-form button[type=submit]');
    await holder.waitForURL(/holder\.html/);
    await holder.waitForSelector('#asset-form');
    assert.match(await holder.textContent('#step1'), /Acme Sports Ltd\./);
    assert.match(await holder.textContent('#step3'), /已批准的权利/); // step 3 says why it is locked
    await shot(holder, '02-holder-start');
  });

  await step('the holder registers a trademark with proof; it waits for approval', async () => {
    await holder.selectOption('#asset-kind', 'brand');
    await holder.fill('#asset-regno', '12345678');
    await holder.fill('#asset-names', 'ACMEX, 艾克美');
    await holder.fill('#asset-classes', '25');
    await holder.setInputFiles('#asset-proofs', pdf('Trademark registration certificate No. 12345678'));
    await holder.click('#asset-form button[type=submit]');
    await holder.waitForSelector('#asset-list .st-pending');
    await shot(holder, '03-holder-right-pending');
  });

  const admin = await newPage('admin');
  await step('the admin approves the right', async () => {
    await signIn(admin, 'admin', 'admin-password');
    await admin.waitForSelector('#pending li');
    await shot(admin, '04-admin-approval');
    await admin.click('#pending li button.approve');
    await admin.waitForSelector('text=没有待审批的权利');
  });

  await step('the holder files a complaint by pasting a listing id', async () => {
    // The engine is rebuilt in the background after an approval.
    for (let i = 0; i < 50; i++) {
      const h = await (await fetch(BASE + '/api/v1/health')).json();
      if (h.registry_records >= 1) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await holder.reload();
    await holder.waitForSelector('#complaint-form');
    // A batch file: a CSV with a header row; the first column holds the ids.
    await holder.setInputFiles('#complaint-file', { name: 'ids.csv', mimeType: 'text/csv', buffer: Buffer.from('listing_id,note\nl-42,fake shoes\n') });
    await holder.waitForFunction(() => document.querySelector('#complaint-listings').value === 'l-42');
    assert.match(await holder.textContent('#complaint-count'), /1/);
    await holder.fill('#complaint-text', 'Fake ACMEX shoes at a tenth of the price');
    await holder.click('#complaint-form button[type=submit]');
    await holder.waitForSelector('#complaint-table tr[data-id] .st-in_review');
    await shot(holder, '05-holder-complaint-filed');
  });

  const reviewer = await newPage('reviewer');
  await step('the reviewer sees the case side by side, with <script> shown as text', async () => {
    await signIn(reviewer, 'rev', 'reviewer-password');
    await reviewer.waitForSelector('#case[data-id]');
    const title = await reviewer.textContent('#case .snap-title');
    assert.ok(title.includes('<script>window.__xss=1</script>'), 'the title shows as text: ' + title);
    assert.equal(await reviewer.evaluate(() => window.__xss), undefined, 'no injected script ran');
    assert.ok(await reviewer.locator('#case .snap-title mark').count() >= 1, 'matched characters are highlighted');
    await shot(reviewer, '06-review-case');
  });

  await step('a write without the CSRF header is refused', async () => {
    const status = await reviewer.evaluate(async () => {
      const r = await fetch('/api/v1/complaints/1/decision', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"decision":"uphold"}' });
      return r.status;
    });
    assert.equal(status, 403);
  });

  await step('the reviewer upholds with the keyboard (U)', async () => {
    await reviewer.locator('body').focus();
    await reviewer.keyboard.press('u');
    await reviewer.waitForSelector('text=队列已清空');
    await shot(reviewer, '07-review-empty');
  });

  const seller = await newPage('seller');
  await step('the seller reads the notice and files a counter-notice with an invoice', async () => {
    await signIn(seller, 'shop-owner', 'seller-password');
    await seller.waitForSelector('article.notice');
    const text = await seller.textContent('article.notice');
    assert.match(text, /l-42/);
    assert.match(text, /下架/);
    assert.ok(text.includes('<script>'), 'the title shows as text on the notice too');
    await shot(seller, '08-seller-notice');
    await seller.fill('article.notice textarea', 'Bought from an authorized distributor');
    await seller.setInputFiles('article.notice input[type=file]', pdf('Invoice 2026-0042'));
    await seller.click('article.notice .counter-form button[type=submit]');
    await seller.waitForSelector('article.notice .st-countered');
    await shot(seller, '09-seller-countered');
  });

  await step('the holder sees the counter-notice and answers it', async () => {
    await holder.reload();
    await holder.waitForSelector('.answer-form');
    await holder.fill('.answer-form textarea', 'That distributor is not in our network');
    await holder.click('.answer-form button[type=submit]');
    await holder.waitForSelector('text=您已答复');
    assert.match(await holder.textContent('#complaint-table'), /等待审核员终审/);
    await shot(holder, '10-holder-answered');
  });

  await step('the reviewer makes the final decision', async () => {
    await reviewer.reload();
    await reviewer.waitForSelector('#case[data-id] .st-countered');
    await shot(reviewer, '11-review-final');
    await reviewer.fill('#reject-reason', 'the invoice is not from an authorized distributor');
    await reviewer.click('#uphold');
    await reviewer.waitForSelector('text=队列已清空');
  });

  await step('a second complaint is rejected as a batch of one (X selects, reason required)', async () => {
    await holder.fill('#complaint-listings', 'l-43');
    await holder.click('#complaint-form button[type=submit]');
    await holder.waitForSelector('#complaint-table tr[data-id="2"]');
    await reviewer.reload();
    await reviewer.waitForSelector('#case[data-id="2"]');
    await reviewer.keyboard.press('x');
    await reviewer.waitForSelector('#batch-reject');
    await reviewer.click('#batch-reject');
    await reviewer.waitForSelector('#batch .msg.error'); // no reason: refused before sending
    await reviewer.fill('#batch-reason', 'a plain white shoe; no ACMEX mark');
    await reviewer.click('#batch-reject');
    await reviewer.waitForSelector('text=队列已清空');
    await holder.reload();
    await holder.waitForSelector('#complaint-table tr[data-id="2"] .st-rejected');
    assert.match(await holder.textContent('#complaint-table tr[data-id="2"]'), /no ACMEX mark/);
  });

  await step('a gang found by `ipguard scan` is loaded for review (NDJSON)', async () => {
    const rev = (await call('POST', '/login', null, { name: 'rev', password: 'reviewer-password' })).token;
    const members = ['shop-7', 'shop-9', 'acct-31'];
    const ndjson = members.map((m) => JSON.stringify({
      item: m, detector: 'gang', target: 'gang-0007', score: 0.93, action: 'review',
      evidence: { members, seeded: true, links: [{ attr: 'phone:138****5678', members }] },
    })).join('\n') + '\n';
    const res = await fetch(BASE + '/api/v1/findings', {
      method: 'POST', body: ndjson,
      headers: { 'Content-Type': 'application/x-ndjson', Authorization: 'Bearer ' + rev },
    });
    assert.ok(res.ok, `POST /findings: ${res.status} ${await res.text()}`);
  });

  await step('the dashboard counts it, and each chart downloads as CSV', async () => {
    await reviewer.goto(BASE + '/dashboard.html');
    await reviewer.waitForSelector('#chart-timeline canvas');
    assert.equal((await reviewer.textContent('#kpi-complaints .v')).trim(), '2');
    assert.equal((await reviewer.textContent('#kpi-decided .v')).trim(), '2');
    assert.equal((await reviewer.textContent('#kpi-removed .v')).trim(), '1');
    assert.equal((await reviewer.textContent('#kpi-shops .v')).trim(), '1');
    const [download] = await Promise.all([reviewer.waitForEvent('download'), reviewer.click('#csv-top')]);
    const csv = readFileSync(await download.path(), 'utf8');
    assert.match(csv, /shop-7,1/);
    assert.match(csv, /gang-0007,3/, 'the loaded gang is listed with its members');
    // shop-9 is not a shop of this platform: one shop among the three members.
    assert.match(await reviewer.textContent('section[aria-labelledby="h-top"] .help'), /gang-0007：3 个成员、1 家店铺/);
    await shot(reviewer, '12-dashboard');
  });

  await step('English on request, kept across pages', async () => {
    await reviewer.click('#lang-switch');
    await reviewer.waitForFunction(() => document.documentElement.lang === 'en' && document.querySelector('#chart-timeline canvas'));
    assert.match(await reviewer.textContent('h1'), /Dashboard/);
    await shot(reviewer, '13-dashboard-en');
    await holder.evaluate(() => localStorage.setItem('ipg_lang', 'en'));
    await holder.reload();
    await holder.waitForSelector('#complaint-table');
    assert.match(await holder.textContent('h1'), /Rights holder portal/);
    await shot(holder, '14-holder-en');
  });

  await step('a role sees only its pages', async () => {
    await seller.goto(BASE + '/review.html');
    await seller.waitForSelector('.msg.error');
    assert.equal(await seller.locator('#case').count(), 0);
    const status = await seller.evaluate(async () => (await fetch('/api/v1/queue')).status);
    assert.equal(status, 403);
  });

  await step('no page logged an error', async () => {
    assert.deepEqual(errors, []);
  });
} finally {
  await browser.close();
  server.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
  console.log(`\nscreenshots in ${SHOTS}`);
  console.log(`${passed} passed, ${failed} failed`);
}
