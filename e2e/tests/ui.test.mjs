// The web interface in a real browser, over the demo corpus (the fixture
// articles: invented outlets reporting the same episodes with differing
// figures; one article with hostile text).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { startServer, stopServer, startBrowser, stopBrowser, screenshot, outlinesFile } from './harness.mjs';

let server;
let browser;
let page;
const dialogs = [];

before(async () => {
  server = await startServer();
  browser = await startBrowser();
  page = await browser.context.newPage();
  page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
});

after(async () => {
  await stopBrowser(browser);
  await stopServer(server);
});

const visit = async (path) => {
  const response = await page.goto(server.url + path, { waitUntil: 'load' });
  assert.ok(response, `no response for ${path}`);
  return response;
};

/**
 * From the stories page, open the Saraqib story that several outlets report
 * (the fixture episode told with differing figures): the card whose title
 * names سراقب and that lists at least two outlets.
 */
const openSaraqibStory = async () => {
  await visit('/');
  const card = page
    .locator('.story-card')
    .filter({ has: page.locator('h2', { hasText: 'سراقب' }) })
    .filter({ has: page.locator('bdi.outlet').nth(1) })
    .first();
  assert.equal(await card.count(), 1, 'a Saraqib story told by two outlets or more is listed');
  await card.locator('h2 a').click();
  await page.waitForURL(/\/story\/\d+$/);
};

test('the stories page lists the fixture story, in Arabic, right to left', async () => {
  const response = await visit('/');
  assert.equal(response.status(), 200);
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  assert.equal(await page.getAttribute('html', 'lang'), 'ar');
  const titles = await page.locator('.story-card h2').allTextContents();
  assert.ok(titles.some((t) => t.includes('سراقب')), `no Saraqib story among: ${titles.join(' | ')}`);
  assert.ok(await page.locator('svg.timeline rect.bar').count() >= 2, 'the timeline draws the stories');
  const csp = response.headers()['content-security-policy'] || '';
  assert.match(csp, /default-src 'self'/);
  await screenshot(page, 'stories');
});

test("a story's ledger shows two sources' differing figures", async () => {
  await openSaraqibStory();
  const columns = await page.locator('table.ledger thead th.source-col').allTextContents();
  assert.ok(columns.length >= 2, `expected at least two source columns, got ${columns}`);
  const rows = page.locator('table.ledger tbody tr.disagree');
  assert.ok(await rows.count() >= 1, 'a row is flagged: the sources disagree');
  const cells = rows.first().locator('td:not(.range)');
  const perSource = [];
  for (let i = 0; i < await cells.count(); i++) {
    const values = await cells.nth(i).locator('.claim').allTextContents();
    if (values.length) perSource.push(values.map((v) => v.trim()));
  }
  assert.ok(perSource.length >= 2, `claims from at least two sources: ${JSON.stringify(perSource)}`);
  const distinct = new Set(perSource.flat());
  assert.ok(distinct.size >= 2, `the sources' figures differ: ${JSON.stringify(perSource)}`);
  assert.ok(await page.locator('svg.chart circle.pt').count() >= 2, 'the chart draws the claims');
  assert.ok(await page.locator('svg.map circle.place-dot').count() >= 1, 'the map shows the places');
  if (existsSync(outlinesFile)) {
    assert.ok(await page.locator('svg.map path.outline').count() >= 14, 'the governorates are outlined');
  } else if (process.env.CI === 'true') {
    assert.fail(`CI=true but ${outlinesFile} is missing`);
  }
  await screenshot(page, 'story');
  await screenshot(page, 'story-top', false);
  await page.locator('section.charts').scrollIntoViewIfNeeded();
  await screenshot(page, 'story-charts', false);
  await page.locator('section.map-box').scrollIntoViewIfNeeded();
  await screenshot(page, 'story-map', false);
});

test('clicking a ledger cell lands on the highlighted sentence', async () => {
  await openSaraqibStory();
  const claim = page.locator('table.ledger tbody tr.disagree a.claim').first();
  const href = await claim.getAttribute('href');
  assert.match(href, /^\/article\/[^#]+#fig-\d+$/);
  await claim.click();
  await page.waitForURL(/\/article\/.+#fig-\d+$/);
  const anchor = decodeURIComponent(new URL(page.url()).hash.slice(1));
  const target = page.locator(`[id="${anchor}"]`);
  assert.equal(await target.count(), 1, `the figure ${anchor} exists`);
  assert.ok(await target.evaluate((el) => el.matches(':target')), 'the figure is the URL target');
  assert.ok(await target.evaluate((el) => el.classList.contains('hl') && el.classList.contains('fig')), 'it is highlighted as a figure');
  // The sentence around it is highlighted (CSS :has(:target)) and on screen.
  const sentence = target.locator('xpath=ancestor::span[contains(@class,"sent")][1]');
  assert.equal(await sentence.count(), 1, 'the figure sits in a sentence');
  const bg = await sentence.evaluate((el) => getComputedStyle(el).backgroundColor);
  assert.notEqual(bg, 'rgba(0, 0, 0, 0)', 'the sentence is highlighted');
  // The browser scrolls to the fragment once the page has loaded: wait for it.
  const inView = await page
    .waitForFunction((id) => {
      const el = document.getElementById(id);
      if (!el) return false;
      const r = el.getBoundingClientRect();
      return r.bottom > 0 && r.top < window.innerHeight;
    }, anchor, { timeout: 5_000 })
    .then(() => true, () => false);
  assert.ok(inView, 'the page scrolled to the figure');
  // Focus shows the tooltip with the normalized value.
  await target.focus();
  const tip = target.locator(':scope > .tip');
  assert.ok(await tip.isVisible(), 'the tooltip shows on focus');
  assert.match(await tip.innerText(), /\d/);
  await screenshot(page, 'article', false);
});

test('search finds a clitic form (جروح finds بجروح)', async () => {
  const response = await visit('/search?q=' + encodeURIComponent('جروح'));
  assert.equal(response.status(), 200);
  const marks = await page.locator('.hit .snippet mark').allTextContents();
  assert.ok(marks.some((m) => m.includes('بجروح')), `highlighted: ${marks.join(' | ')}`);
  await screenshot(page, 'search');
  // A place name with the article prefix: رستن finds الرستن.
  await visit('/search?q=' + encodeURIComponent('رستن'));
  const hits = await page.locator('.hit').count();
  assert.ok(hits >= 3, `رستن finds the Rastan reports (${hits} hits)`);
});

test('the language switch keeps the page and flips the direction', async () => {
  await visit('/search?q=' + encodeURIComponent('سراقب'));
  await page.locator('a.lang-switch').click();
  await page.waitForLoadState('load');
  assert.equal(await page.getAttribute('html', 'dir'), 'ltr');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.match(page.url(), /\/search\?q=/);
  assert.equal(await page.inputValue('.filters input[name=q]'), 'سراقب');
  await screenshot(page, 'search-en');
  await page.locator('a.lang-switch').click();
  await page.waitForLoadState('load');
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
});

test('a hostile article renders as inert text', async () => {
  const response = await visit('/article/hostile-001');
  assert.equal(response.status(), 200);
  assert.equal(await page.locator('script').count(), 0, 'no script element');
  assert.equal(await page.locator('main img').count(), 0, 'no injected image');
  assert.equal(await page.locator('main a[href^="javascript:"]').count(), 0, 'no javascript: link');
  const text = await page.locator('.report .body').innerText();
  assert.ok(text.includes('<script>'), 'the markup shows as text');
  assert.ok(text.includes('⟦RLO⟧'), 'the bidi override shows as a marker');
  await page.waitForTimeout(300);
  assert.deepEqual(dialogs, [], 'no alert ran');
  await screenshot(page, 'hostile', false);
});

test('pages are readable on a phone', async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  await visit('/');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `no horizontal scrolling of the page (${overflow}px)`);
  await screenshot(page, 'phone-stories');
  await openSaraqibStory();
  const storyOverflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(storyOverflow <= 1, `the story page does not scroll sideways (${storyOverflow}px)`);
  await screenshot(page, 'phone-story');
  await visit('/article/rasid-001');
  await screenshot(page, 'phone-article');
  await page.setViewportSize({ width: 1280, height: 900 });
});
