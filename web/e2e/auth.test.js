// Sign up, sign in, sign out, and being sent back to /signin, in a real browser against the real server.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launch, openPage, screenshot } from './support/browser.js';
import { newPerson } from './support/env.js';
import { assertNoProblems, signIn, signUp } from './support/flows.js';

describe('accounts', () => {
  let b;
  const dana = newPerson('Dana');

  before(async () => {
    b = await launch();
  });
  after(async () => {
    await b?.close();
  });

  it('sends a signed-out visitor to /signin and back where they were headed after signing in', async () => {
    const { page, problems, context } = await openPage(b.browser);
    await page.goto('/messages');
    await page.waitForURL('**/signin');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await screenshot(page, 'signin');
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.waitForURL('**/signup');
    await signUp(page, dana);
    await page.getByText(`@${dana.handle}`).first().waitFor();
    assertNoProblems(problems);
    await context.close();
  });

  it('shows each sign-up error from the API next to its field', async () => {
    const { page, problems, context } = await openPage(b.browser);
    await page.goto('/signup');
    await page.getByLabel('Handle', { exact: true }).fill('has space!');
    await page.getByLabel('Email').fill('not-an-email');
    await page.getByLabel('Password').fill('x');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.locator('#display_name-error').waitFor();
    assert.match(await page.locator('#display_name-error').innerText(), /name/i);
    assert.match(await page.locator('#handle-error').innerText(), /letters/i);
    assert.match(await page.locator('#email-error').innerText(), /email/i);
    assert.match(await page.locator('#password-error').innerText(), /short/i);
    assert.equal(await page.getByLabel('Name').getAttribute('aria-invalid'), 'true');
    // The first field with an error has the focus, so a keyboard user lands on it.
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'display_name');
    await screenshot(page, 'signup-errors');

    // A taken handle (409) shows under the handle field.
    const copy = newPerson('Dana');
    await page.getByLabel('Name').fill('Another Dana');
    await page.getByLabel('Handle', { exact: true }).fill(dana.handle);
    await page.getByLabel('Email').fill(copy.email);
    await page.getByLabel('Password').fill(copy.password);
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.locator('#handle-error', { hasText: /taken/i }).waitFor();
    assert.equal(await page.locator('#email-error').count(), 0);
    assert.ok(page.url().endsWith('/signup'));
    assertNoProblems(problems);
    await context.close();
  });

  it('shows wrong credentials as a form error and stays on /signin', async () => {
    const { page, problems, context } = await openPage(b.browser);
    await signIn(page, dana.handle, 'wrong-password-123');
    await page.getByRole('alert').filter({ hasText: /wrong/i }).waitFor();
    assert.ok(page.url().endsWith('/signin'));
    await page.getByLabel('Handle or email').fill('');
    await page.getByLabel('Password').fill('');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#login-error').waitFor();
    await page.locator('#password-error').waitFor();
    assertNoProblems(problems);
    await context.close();
  });

  it('signs in by email, signs out, and forgets the token', async () => {
    const { page, problems, context } = await openPage(b.browser);
    await signIn(page, dana.email, dana.password);
    await page.waitForURL('**/messages');
    assert.ok(await page.evaluate(() => localStorage.getItem('cruddur.session')));
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/signin');
    assert.equal(await page.evaluate(() => localStorage.getItem('cruddur.session')), null);
    await page.goto('/messages');
    await page.waitForURL('**/signin');
    assertNoProblems(problems);
    await context.close();
  });

  it('sends someone whose token the server rejects (401) back to /signin', async () => {
    const { page, context } = await openPage(b.browser);
    await signIn(page, dana.handle, dana.password);
    await page.waitForURL('**/messages');
    await page.evaluate(() => {
      const s = JSON.parse(localStorage.getItem('cruddur.session'));
      s.token = 'not-a-real-token';
      localStorage.setItem('cruddur.session', JSON.stringify(s));
    });
    await page.reload();
    await page.waitForURL('**/signin');
    assert.equal(await page.evaluate(() => localStorage.getItem('cruddur.session')), null);
    await context.close();
  });

  it('answers an unknown page with a not-found page, and serves no inline script or style', async () => {
    const { page, problems, context } = await openPage(b.browser);
    const res = await page.goto('/no/such/page');
    assert.equal(res.status(), 200);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    const inline = await page.evaluate(() => ({
      scripts: [...document.scripts].filter((s) => !s.src).length,
      styles: document.querySelectorAll('style').length,
      styleAttrs: document.querySelectorAll('[style]').length,
    }));
    assert.deepEqual(inline, { scripts: 0, styles: 0, styleAttrs: 0 });
    assertNoProblems(problems);
    await context.close();
  });
});
