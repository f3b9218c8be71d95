// "Load more" conversations and "load older" messages, with data made through the API.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { apiSend, apiSignUp } from './support/api.js';
import { launch, openPage, screenshot } from './support/browser.js';
import { newPerson } from './support/env.js';
import { assertNoProblems, messageTexts, signIn } from './support/flows.js';

const OTHERS = 21; // one more than the list's first page (20)
const MESSAGES = 56; // more than the conversation's first page (50)

describe('paging', () => {
  let b;
  let view;
  const paula = newPerson('Paula');
  const quinn = newPerson('Quinn');

  before(async () => {
    await apiSignUp(paula);
    for (let i = 0; i < OTHERS; i += 1) {
      const p = newPerson(`Sender${i}`);
      const token = await apiSignUp(p);
      await apiSend(token, { handle: paula.handle, message: `Hello from sender ${i}` });
    }
    const qt = await apiSignUp(quinn);
    const first = await apiSend(qt, { handle: paula.handle, message: 'Quinn 1' });
    for (let i = 2; i <= MESSAGES; i += 1) {
      await apiSend(qt, { message_group_uuid: first.message_group_uuid, message: `Quinn ${i}` });
    }
    b = await launch();
    view = await openPage(b.browser, { width: 1280, height: 700 });
    await signIn(view.page, paula.handle, paula.password);
    await view.page.waitForURL('**/messages');
  });
  after(async () => {
    await b?.close();
  });

  it('shows the newest conversations first and loads more on request', async () => {
    const { page } = view;
    const items = page.locator('.conversation-item');
    await items.first().waitFor();
    assert.equal(await items.count(), 20);
    assert.match(await items.first().innerText(), /Quinn 56/);
    await page.getByRole('button', { name: 'Load more' }).click();
    await page.locator('.conversation-item', { hasText: 'Hello from sender 0' }).waitFor();
    assert.equal(await items.count(), OTHERS + 1);
    assert.equal(await page.getByRole('button', { name: 'Load more' }).count(), 0);
    // A poll afterwards keeps the loaded pages.
    await page.waitForTimeout(3500);
    assert.equal(await items.count(), OTHERS + 1);
  });

  it('opens at the newest message and loads older ones without moving what the reader sees', async () => {
    const { page } = view;
    await page.locator('.conversation-item', { hasText: `@${quinn.handle}` }).click();
    await page.locator('.message__text', { hasText: `Quinn ${MESSAGES}` }).waitFor();
    let texts = await messageTexts(page);
    assert.equal(texts.length, 50);
    assert.equal(texts.at(-1), `Quinn ${MESSAGES}`);
    const scroller = page.locator('.messages');
    const atBottom = () => scroller.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight < 2);
    assert.ok(await atBottom(), 'scrolled to the newest');
    await screenshot(page, 'conversation-long');

    await scroller.evaluate((el) => {
      el.scrollTop = 0;
    });
    const oldestShown = page.locator('.message__text', { hasText: new RegExp(`^Quinn ${MESSAGES - 49}$`) });
    const before = (await oldestShown.boundingBox()).y;
    await page.getByRole('button', { name: 'Load older messages' }).click();
    await page.locator('.message__text', { hasText: /^Quinn 1$/ }).waitFor({ state: 'attached' });
    texts = await messageTexts(page);
    assert.equal(texts.length, MESSAGES);
    assert.deepEqual(
      texts.slice(0, 3),
      ['Quinn 1', 'Quinn 2', 'Quinn 3'],
    );
    const afterY = (await oldestShown.boundingBox()).y;
    assert.ok(Math.abs(afterY - before) <= 2, `the reader's place moved from ${before} to ${afterY}`);
    assert.equal(await page.getByRole('button', { name: 'Load older messages' }).count(), 0);
    assertNoProblems(view.problems);
  });
});
