// "Download my messages": the header's button saves GET /api/me/export as a JSON file holding my
// conversations and their messages.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { apiSend, apiSignUp } from './support/api.js';
import { launch, openPage } from './support/browser.js';
import { newPerson } from './support/env.js';
import { assertNoProblems, signIn } from './support/flows.js';

describe('download my messages', () => {
  let b;
  before(async () => {
    b = await launch();
  });
  after(async () => {
    await b?.close();
  });

  it('saves my conversations and their messages as a JSON file', async () => {
    const erin = newPerson('Erin');
    const finn = newPerson('Finn');
    const token = await apiSignUp(erin);
    await apiSignUp(finn);
    await apiSend(token, { handle: finn.handle, message: 'exported hello' });

    const { page, problems, context } = await openPage(b.browser);
    await signIn(page, erin.handle, erin.password);
    await page.waitForURL('**/messages');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download my messages' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), `cruddur-messages-${erin.handle}.json`);
    const document = JSON.parse(await readFile(await download.path(), 'utf8'));
    assert.equal(document.user.handle, erin.handle);
    assert.equal(document.conversations.length, 1);
    assert.equal(document.conversations[0].conversation.handle, finn.handle);
    assert.deepEqual(
      document.conversations[0].messages.map((m) => m.message),
      ['exported hello'],
    );
    assertNoProblems(problems);
    await context.close();
  });
});
