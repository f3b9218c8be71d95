// The outbox with a real network cut (context.setOffline): messages written offline stay queued in the
// browser, survive the page going away, and are stored once each, in order, with their original
// client_message_id when the network is back. Needs only the send API (runs against today's server).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { apiGet, apiSend, apiSignUp } from './support/api.js';
import { launch, openPage, screenshot } from './support/browser.js';
import { newPerson } from './support/env.js';
import { assertNoProblems, composer, messageTexts, signIn, waitForMessage } from './support/flows.js';

describe('outbox', () => {
  let b;
  const ola = newPerson('Ola');
  const pia = newPerson('Pia');
  let olaToken;
  let groupUuid;

  before(async () => {
    olaToken = await apiSignUp(ola);
    const piaToken = await apiSignUp(pia);
    groupUuid = (await apiSend(piaToken, { handle: ola.handle, message: 'Are you there?' })).message_group_uuid;
    b = await launch();
  });
  after(async () => {
    await b?.close();
  });

  it('keeps messages written offline across a reload and sends them once each, in order, when back online', async () => {
    const { context, page, problems } = await openPage(b.browser);
    await signIn(page, ola.handle, ola.password);
    await page.waitForURL('**/messages');
    await page.goto(`/messages/${groupUuid}`);
    await waitForMessage(page, 'Are you there?');

    await context.setOffline(true);
    await page.locator('.conn[data-online="no"]').waitFor({ state: 'attached' });
    for (const text of ['Written offline, first', 'Written offline, second']) {
      await composer(page).fill(text);
      await composer(page).press('Enter');
    }
    const pending = page.locator('.message--pending');
    await pending.nth(1).waitFor();
    assert.deepEqual(await pending.locator('.message__draft').allInnerTexts(), ['Written offline, first', 'Written offline, second']);
    assert.match(await pending.first().innerText(), /sending…/);
    await page.getByText(/^Offline/).waitFor();
    await screenshot(page, 'outbox-offline');
    const key = await page.evaluate(() => Object.keys(localStorage).find((k) => k.startsWith('cruddur.outbox.')));
    const stored = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), key));
    assert.deepEqual(stored.map((e) => e.text), ['Written offline, first', 'Written offline, second']);

    // The page goes away while offline (a reload cannot load a page without a network): a new page of the
    // same browser profile, once the network is back, finds the queue in storage and sends it.
    await page.close();
    await context.setOffline(false);
    const again = await context.newPage();
    const sentIds = [];
    again.on('request', (req) => {
      if (req.method() === 'POST' && new URL(req.url()).pathname === '/api/messages') {
        sentIds.push(JSON.parse(req.postData()).client_message_id);
      }
    });
    await again.goto(`/messages/${groupUuid}`);
    await waitForMessage(again, 'Written offline, second');
    await again.locator('.message--pending').first().waitFor({ state: 'detached' });
    assert.deepEqual(await messageTexts(again), ['Are you there?', 'Written offline, first', 'Written offline, second']);
    assert.deepEqual([...new Set(sentIds)], stored.map((e) => e.id), 'sent in order with their original ids');
    assert.equal(await again.evaluate((k) => localStorage.getItem(k), key), null, 'the outbox is empty');

    const { data } = await apiGet(olaToken, `/api/messages/${groupUuid}`);
    assert.deepEqual(data.map((m) => m.message), ['Are you there?', 'Written offline, first', 'Written offline, second']);
    assertNoProblems(problems.filter((p) => !/ERR_INTERNET_DISCONNECTED/.test(p)));
    await context.close();
  });
});
