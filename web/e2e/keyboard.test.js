// The app with the keyboard alone: every control is reachable, labelled, and shows where the focus is.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launch, openPage } from './support/browser.js';
import { newPerson } from './support/env.js';
import { assertNoProblems } from './support/flows.js';

describe('keyboard', () => {
  let b;
  before(async () => {
    b = await launch();
  });
  after(async () => {
    await b?.close();
  });

  it('signs up and starts a conversation without a mouse, with a visible focus ring', async () => {
    const { page, problems, context } = await openPage(b.browser);
    const me = newPerson('Kim');
    const other = newPerson('Lee');
    // Lee exists so that Kim can write to them.
    await page.request.post('/api/auth/signup', { data: other });

    await page.goto('/signup');
    await page.getByLabel('Name').waitFor(); // the app renders once it has read /api/config
    await page.keyboard.press('Tab'); // Name
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.equal(outline, 'solid', 'the focused control shows a focus ring');
    await page.keyboard.type(me.display_name);
    await page.keyboard.press('Tab');
    await page.keyboard.type(me.handle);
    await page.keyboard.press('Tab');
    await page.keyboard.type(me.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(me.password);
    await page.keyboard.press('Enter');
    await page.waitForURL('**/messages');

    // Every control on the messages page has an accessible name.
    const unnamed = await page.evaluate(() =>
      [...document.querySelectorAll('input, textarea, button, select')]
        .filter((el) => !(el.labels?.length || el.getAttribute('aria-label') || el.textContent.trim()))
        .map((el) => el.outerHTML),
    );
    assert.deepEqual(unnamed, []);

    await page.getByRole('searchbox', { name: 'New conversation' }).focus();
    await page.keyboard.type(other.handle);
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/messages/new/${other.handle}`);
    // The message box has the focus: type and press Enter.
    await page.locator('.composer textarea:focus').waitFor();
    await page.keyboard.type('Typed with the keyboard');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/messages\/(?!new\/)[^/]+$/);
    await page.locator('.message__text', { hasText: 'Typed with the keyboard' }).waitFor();
    assertNoProblems(problems);
    await context.close();
  });
});
