// The people `make bench-quick` reads as: Ann and Bo, partners, Ann checked in for today; Ann and
// her friend Cy, who share 30 entries with two feelings and a sentence each (Cy 20, Ann 10), Ann
// answering half of Cy's — the same shapes bench/run.sh measures, made through the API.
//
//   node bench/lib/quick-world.mjs http://127.0.0.1:PORT
// prints one line: COOKIE TODAY_PATH ENTRIES_PATH BOND_PATH
const base = process.argv[2];
if (!base) {
  console.error('usage: quick-world.mjs BASE_URL');
  process.exit(2);
}

async function api(method, path, body, who) {
  const headers = { Origin: base };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (who) Object.assign(headers, { Cookie: who.cookie, 'X-CSRF-Token': who.csrf });
  const res = await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 200)}`);
  return { res, body: text ? JSON.parse(text) : null };
}

async function signUp(name) {
  const { res, body } = await api('POST', '/api/v1/auth/register',
    { email: `${name.toLowerCase()}@bench.example`, password: 'bench-Pillars-7q2x9', display_name: name });
  return { cookie: res.headers.get('set-cookie').split(';')[0], csrf: body.csrf };
}

async function bond(kind, from, to) {
  const invite = await api('POST', '/api/v1/invites', { kind }, from);
  return (await api('POST', `/api/v1/invites/${invite.body.code}/accept`, undefined, to)).body.bond.id;
}

const ann = await signUp('Ann');
const bo = await signUp('Bo');
const cy = await signUp('Cy');
const partners = await bond('partner', ann, bo);
const friends = await bond('friend', ann, cy);
const catalog = (await api('GET', '/api/v1/catalog')).body;
const word = (family) => catalog.feelings.families.find((f) => f.id === family).words[0].id;
const feelings = [{ word: word('calm'), intensity: 3 }, { word: word('hope'), intensity: 2 }];
const today = new Date().toISOString().slice(0, 10);
const todayPath = `/api/v1/bonds/${partners}/checkins/${today}`;
await api('PUT', todayPath, { feelings, closeness_now: 4, closeness_wanted: 5, need: 'fine', own_minutes: 60,
  together_minutes: 90, guess: { family: 'joy', closeness_now: 4 } }, ann);
const entry = { kind: 'feeling', feelings,
  body: 'Walked home the long way tonight. The air was cool and I thought about the weekend ahead of us.' };
for (let i = 1; i <= 30; i++) {
  const who = i > 20 ? ann : cy;
  const made = (await api('POST', '/api/v1/entries', entry, who)).body.entry.id;
  await api('POST', `/api/v1/entries/${made}/shares`, { bond_id: friends }, who);
  if (who === cy && i % 2 === 0)
    await api('POST', `/api/v1/entries/${made}/responses`, { kind: 'hear', body: 'I am glad you told me.' }, ann);
}
console.log(`${ann.cookie} ${todayPath} /api/v1/bonds/${friends}/entries /api/v1/bonds/${partners}`);
