// Compares what people see on two running servers, item for item, through the HTTP API: for each handle,
// sign in on both (same password), then every page of the conversation list and every page of every
// conversation (limit 100, following X-Next-Cursor), each page's JSON compared as text. Prints one summary
// line; exits 1 at the first difference (naming the person, the page and what differs).
// Usage: node compare-through-api.mjs SOURCE_URL TARGET_URL PASSWORD HANDLE...
// Four people are compared at a time. Needs Node 18+ (fetch).
const [source, target, password, ...handles] = process.argv.slice(2);
if (!source || !target || !password || handles.length === 0) {
  console.error('usage: compare-through-api.mjs SOURCE_URL TARGET_URL PASSWORD HANDLE...');
  process.exit(2);
}

// Signs in; a 429/503 from the password-hashing queue (a few hashes per client address at once) is waited
// out as its Retry-After says, up to ten times.
async function signIn(base, handle) {
  for (let attempt = 0; ; attempt++) {
    const reply = await fetch(`${base}/api/auth/signin`, {
      method: 'POST', headers: {'Content-Type': 'application/json'},
      body: JSON.stringify({login: handle, password}),
    });
    if ((reply.status === 429 || reply.status === 503) && attempt < 10) {
      await reply.text();
      const seconds = Number(reply.headers.get('retry-after')) || 1;
      await new Promise(resolve => setTimeout(resolve, seconds * 1000));
      continue;
    }
    if (reply.status !== 200) throw new Error(`sign-in of @${handle} at ${base}: ${reply.status} ${await reply.text()}`);
    return (await reply.json()).access_token;
  }
}

async function page(base, token, path) {
  const reply = await fetch(`${base}${path}`, {headers: {Authorization: `Bearer ${token}`}});
  const text = await reply.text();
  if (reply.status !== 200) throw new Error(`${base}${path}: ${reply.status} ${text}`);
  return {text, next: reply.headers.get('x-next-cursor') || ''};
}

const totals = {people: 0, conversations: 0, messages: 0, pages: 0};

// Both servers' pages of one paged list, compared; calls onPage with each page's rows.
async function compareList(who, tokens, path, onPage) {
  let cursor = '';
  do {
    const sep = path.includes('?') ? '&' : '?';
    const url = path + (cursor ? `${sep}cursor=${encodeURIComponent(cursor)}` : '');
    const [a, b] = await Promise.all([page(source, tokens[0], url), page(target, tokens[1], url)]);
    if (a.text !== b.text || a.next !== b.next) {
      throw new Error(`@${who}: ${url} differs\n  source: ${a.text.slice(0, 300)} (next ${a.next})\n  target: ${b.text.slice(0, 300)} (next ${b.next})`);
    }
    totals.pages += 1;
    onPage(JSON.parse(a.text));
    cursor = a.next;
  } while (cursor);
}

async function comparePerson(handle) {
  const tokens = await Promise.all([signIn(source, handle), signIn(target, handle)]);
  const groups = [];
  await compareList(handle, tokens, '/api/message_groups?limit=100', rows => rows.forEach(r => groups.push(r.uuid)));
  for (const group of groups) {
    await compareList(handle, tokens, `/api/messages/${group}?limit=100`, rows => { totals.messages += rows.length; });
  }
  totals.people += 1;
  totals.conversations += groups.length;
}

const queue = [...handles];
async function worker() {
  while (queue.length) await comparePerson(queue.shift());
}
try {
  await Promise.all([worker(), worker(), worker(), worker()]);
} catch (error) {
  console.error(`compare-through-api: ${error.message}`);
  process.exit(1);
}
console.log(`compare-through-api: the same for ${totals.people} people: ${totals.conversations} conversation views, ` +
            `${totals.messages} message views, ${totals.pages} pages on each server`);
