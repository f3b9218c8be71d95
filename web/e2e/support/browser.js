// Debian's Chromium driven by playwright-core (never a browser download). Every page records console
// errors, uncaught exceptions and CSP violations; tests assert there were none. Every screenshot is also
// an axe-core accessibility scan (support/axe.js).
import path from 'node:path';
import { chromium } from 'playwright-core';
import { assertAccessible } from './axe.js';
import { BASE_URL, SCREENSHOTS } from './env.js';

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches headless Chromium; Playwright gives it a fresh temporary profile, removed on close. */
export async function launch() {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  return { browser, close: () => browser.close().catch(() => {}) };
}

/** A new, isolated browser context (its own localStorage) and page; `problems` collects errors. */
export async function openPage(browser, { width = 1280, height = 800, baseURL = BASE_URL } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, baseURL });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    const text = m.text();
    // A 4xx the app handles (401 on a bad sign-in, 404 for an unknown handle) is logged by Chromium as a
    // failed resource load; those are expected. Anything else, and any CSP report, is a problem.
    if (/Content Security Policy/i.test(text)) problems.push(`csp: ${text}`);
    else if (m.type() === 'error' && !/Failed to load resource: the server responded with a status of 4\d\d/.test(text))
      problems.push(`console: ${text}`);
  });
  page.setDefaultTimeout(15000);
  return { context, page, problems };
}

/**
 * A screenshot of the page as it is now, and an accessibility scan of it (axe-core: no serious or
 * critical violations). Every page and state the tests show is screenshotted, so every one is scanned.
 */
export async function screenshot(page, name) {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: false });
  await assertAccessible(page, name);
}
