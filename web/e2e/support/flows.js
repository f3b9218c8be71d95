// What a person does, step by step, through the UI.
import assert from 'node:assert/strict';

export async function signUp(page, person) {
  await page.goto('/signup');
  await page.getByLabel('Name').fill(person.display_name);
  await page.getByLabel('Handle', { exact: true }).fill(person.handle);
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await page.waitForURL('**/messages');
}

/** `loginLabel`: 'Username' when the server signs people in with Cognito. */
export async function signIn(page, login, password, { loginLabel = 'Handle or email' } = {}) {
  await page.goto('/signin');
  await page.getByLabel(loginLabel).fill(login);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function startConversation(page, handle) {
  await page.getByRole('searchbox', { name: 'New conversation' }).fill(`@${handle}`);
  await page.getByRole('button', { name: 'Start' }).click();
  await page.waitForURL(`**/messages/new/${handle}`);
}

export function composer(page) {
  return page.locator('.composer textarea');
}

/** The texts of the messages shown in the open conversation, oldest first. */
export async function messageTexts(page) {
  return page.locator('.messages__list .message__text').allInnerTexts();
}

/** Waits until a message with `text` is shown (polling brings it within a few seconds). */
export async function waitForMessage(page, text, { timeout = 15000 } = {}) {
  await page.locator('.messages__list .message__text', { hasText: text }).first().waitFor({ timeout });
}

export function assertNoProblems(problems) {
  assert.deepEqual(problems, [], `browser reported problems:\n${problems.join('\n')}`);
}
