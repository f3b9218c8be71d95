// Where the app under test is (scripts/web-test.sh starts `cruddur serve` and sets CRUDDUR_URL),
// where screenshots go, and unique test users.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BASE_URL = (process.env.CRUDDUR_URL || 'http://127.0.0.1:4567').replace(/\/$/, '');

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const SCREENSHOTS = process.env.SCREENSHOT_DIR || path.join(repo, 'test-output', 'screenshots');
mkdirSync(SCREENSHOTS, { recursive: true });

const run = Date.now().toString(36).slice(-5) + Math.random().toString(36).slice(2, 5);
let n = 0;

/** A fresh person for this run: {display_name, handle, email, password}. */
export function newPerson(name) {
  n += 1;
  const handle = `${name.toLowerCase()}_${run}${n}`;
  return { display_name: name, handle, email: `${handle}@example.test`, password: `pw-${run}-long-enough` };
}
