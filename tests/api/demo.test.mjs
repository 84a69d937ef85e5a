// `pillars serve --demo`: Ada and Ben with ten weeks of history in every feature, made once per data
// folder, and the sign-in printed at start. Signed in as each, every feature's main read is filled
// with real content. Their history is long enough for every insight to speak, so this is also where
// the closeness means are checked against the series they come from, worked out here independently,
// and where the story shows: early on Ada reaches and Ben needs room; lately they are in balance.

import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { unzipSync, strFromU8 } from 'fflate';
import { signIn } from './lib/client.mjs';
import { assertExportSchema } from './lib/export-schema.mjs';
import { utcDay } from './lib/checkins.mjs';
import { startServer } from './lib/server.mjs';

const TIMEOUT = { timeout: 60_000 };
const PASSWORD = 'pillars-demo-2026';
const DAYS = 70;

let dataDir;
let server;
let ada;
let ben;
let bond;

before(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'pillars-demo-'));
  server = await startServer({ args: ['--demo'], dataDir });
  ada = await signIn(server, 'ada@example.com', PASSWORD);
  ben = await signIn(server, 'ben@example.com', PASSWORD);
  bond = (await ada.get('/api/v1/bonds')).body.bonds[0];
});
after(async () => {
  await server?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const round2 = (x) => Math.round(x * 100) / 100;
/** The read at `url` as `who`, asserted 200. */
async function read(who, url) {
  const res = await who.get(url);
  assert.equal(res.status, 200, `${url}: ${res.text}`);
  return res.body;
}

test('the start says on stdout how to sign in, with the public demo password', TIMEOUT, async () => {
  assert.equal(server.demoSignIn, `Demo: sign in as ada@example.com or ben@example.com with the password ${PASSWORD}`);
  assert.doesNotMatch(server.log, new RegExp(PASSWORD), 'the log itself never holds the password');
});

test('Ada and Ben share a partner bond with ten weeks of check-ins, and every insight speaks', TIMEOUT, async () => {
  const bonds = await read(ada, '/api/v1/bonds');
  assert.equal(bonds.bonds.length, 1);
  assert.equal(bond.kind, 'partner');
  assert.equal(bond.other.display_name, 'Ben');

  const res = await read(ada, `/api/v1/bonds/${bond.id}/insights`);
  const { closeness, members, affection, space, needs, vulnerability, responsiveness, appreciation } = res;
  // The history ends yesterday; the 28-day window ends tomorrow, so it holds 26 of its days.
  assert.equal(closeness.days, 26);
  assert.equal(closeness.series.at(-1).day, utcDay(-1));
  for (let i = 0; i < 2; i++) {
    const m = closeness.members[i];
    assert.equal(m.member_id, members[i].id);
    const now = mean(closeness.series.map((p) => p.now[i]));
    const wanted = mean(closeness.series.map((p) => p.wanted[i]));
    assert.equal(m.mean_now, round2(now), `${members[i].name}'s mean felt`);
    assert.equal(m.mean_wanted, round2(wanted), `${members[i].name}'s mean wanted`);
    assert.equal(m.gap, round2(wanted - now));
    // Lately both feel about as close as they would like.
    assert.equal(m.direction, 'balanced', `${members[i].name} lately`);
  }
  assert.equal(closeness.state, 'balanced');
  assert.ok(affection, 'both track affection');
  assert.ok(affection.with_affection > 0);
  assert.ok(affection.wishes.length > 0, 'the shared wishes they lived are named');
  const adaSpace = space.members.find((m) => m.member_id === members.find((x) => x.name === 'Ada').id);
  assert.equal(adaSpace.wish_per_week, 600, 'Ada shows her wish');
  // Every card has something to say from the last four weeks.
  assert.notEqual(needs.state, 'not_enough');
  assert.equal(vulnerability.state, 'both', 'lately both let the other see them when it is hard');
  assert.ok(responsiveness.calls > 0 && responsiveness.answered === responsiveness.calls, JSON.stringify(responsiveness));
  assert.equal(appreciation.state, 'some');
  assert.ok(appreciation.members.every((m) => m.sent > 0));

  // Over the whole ten weeks (the 91-day window), Ada's early reaching and Ben's early need for
  // room are both in the picture: the first four weeks alone lean apart, the last four do not.
  const quarter = await read(ada, `/api/v1/bonds/${bond.id}/insights?days=91`);
  assert.equal(quarter.closeness.days, DAYS);
  const adaIndex = members.findIndex((m) => m.name === 'Ada');
  const gap = (points, i) => mean(points.map((p) => p.wanted[i] - p.now[i]));
  const early = quarter.closeness.series.slice(0, 28);
  const late = quarter.closeness.series.slice(-28);
  assert.ok(gap(early, adaIndex) >= 0.75, 'early on Ada wanted more closeness');
  assert.ok(gap(early, 1 - adaIndex) <= -0.75, 'early on Ben wanted more room');
  for (const i of [0, 1]) assert.ok(Math.abs(gap(late, i)) < 0.75, `lately ${members[i].name} is in balance`);
  assert.ok(quarter.needs.members.find((m) => m.member_id !== members[adaIndex].id).space_requests >= 5);

  const mine = await read(ada, '/api/v1/me/insights?days=91');
  assert.equal(mine.mind_reading.state, 'told');
  assert.equal(mine.mind_reading.bonds[0].days, DAYS);
  assert.equal(mine.own_time.state, 'under_wish');
  assert.ok(mine.sharing_gap.families.length > 0);
});

test('yesterday is revealed to both, with guesses and a shared wish lived', TIMEOUT, async () => {
  for (const [who, other] of [[ada, 'Ben'], [ben, 'Ada']]) {
    const day = await read(who, `/api/v1/bonds/${bond.id}/checkins/${utcDay(-1)}`);
    assert.equal(day.revealed, true);
    assert.ok(day.mine.feelings.length > 0);
    assert.equal(day.partner.from.display_name, other);
  }
  const days = (await read(ada, `/api/v1/bonds/${bond.id}/checkins?from=${utcDay(-DAYS)}&to=${utcDay(-1)}`)).days;
  assert.equal(days.length, DAYS);
  assert.equal(days[0].day, utcDay(-DAYS), 'the history begins ten weeks ago');
  const wishes = days.flatMap((d) => [...(d.mine?.wishes ?? []), ...(d.partner?.wishes ?? [])]);
  assert.ok(wishes.length > 10, 'later check-ins name shared wishes');
  const { matches } = await read(ada, `/api/v1/bonds/${bond.id}/menus/matches`);
  const shared = new Set(matches.filter((m) => m.menu === 'affection').map((m) => m.item_id));
  assert.deepEqual(wishes.filter((w) => !shared.has(w)), [], 'only wishes both said yes or maybe to');
});

test('entries: each has some shared and some kept, answered with responses', TIMEOUT, async () => {
  for (const who of [ada, ben]) {
    const { entries } = await read(who, '/api/v1/entries?limit=100');
    const written = entries.filter((e) => !['reflection', 'own_time'].includes(e.kind));
    assert.ok(written.some((e) => e.shared_with.length > 0), 'some shared');
    assert.ok(written.some((e) => e.shared_with.length === 0), 'some private');
    assert.ok(written.every((e) => e.body.length > 10));
  }
  const shared = (await read(ben, `/api/v1/bonds/${bond.id}/entries?limit=50`)).entries;
  assert.ok(shared.length >= 20, `${shared.length} shared`);
  const got = shared.find((e) => e.body.includes('I got the job'));
  assert.ok(got, 'Ada shared her news');
  assert.equal(got.author.display_name, 'Ada');
  assert.ok(shared.some((e) => e.responses.length > 0 && e.responses[0].kind === 'comfort'));
  const appreciations = (await read(ada, `/api/v1/bonds/${bond.id}/appreciations`)).appreciations;
  assert.ok(appreciations.length > 40);
  for (const kind of ['comfort', 'space']) {
    const requests = (await read(ada, `/api/v1/bonds/${bond.id}/${kind}-requests`))[`${kind}_requests`];
    assert.ok(requests.length >= 3, kind);
    assert.ok(requests.every((r) => r.answered_at), `every call for ${kind} was answered`);
  }
});

test('the two needs: each took them twice and shows them; the dance names a difference', TIMEOUT, async () => {
  for (const who of [ada, ben]) {
    const mine = await read(who, '/api/v1/me/needs');
    assert.equal(mine.results.length, 2);
    assert.deepEqual(mine.shown_in, [bond.id]);
  }
  const adaNeeds = (await read(ada, '/api/v1/me/needs')).results;
  assert.ok(adaNeeds.at(-1).closeness > adaNeeds.at(-1).independence, 'Ada leaned towards closeness first');
  const together = await read(ben, `/api/v1/bonds/${bond.id}/needs`);
  assert.equal(together.members.length, 2);
  assert.ok(together.members.every((m) => m.shown && m.result.closeness >= 1));
  assert.ok(together.dance && together.dance.state !== 'alike', JSON.stringify(together.dance));
});

test('time of one\'s own: both logged pieces, with notes', TIMEOUT, async () => {
  for (const [who, note] of [[ada, 'Painting by the window.'], [ben, 'Long run by the river.']]) {
    const own = await read(who, `/api/v1/me/own-time?days=91`);
    assert.ok(own.entries.length >= 8, `${own.entries.length} pieces`);
    assert.ok(own.entries.some((e) => e.body === note), note);
    assert.ok(own.own_days.some((d) => d.logged > 0));
    assert.ok(own.last_week.minutes > 0);
  }
});

test('moments: highs and lows on their journey, with its milestones', TIMEOUT, async () => {
  const { moments, milestones } = await read(ben, `/api/v1/bonds/${bond.id}/moments`);
  assert.ok(moments.length >= 8);
  assert.ok(moments.some((m) => m.kind === 'low') && moments.some((m) => m.kind === 'high'));
  assert.ok(moments.some((m) => m.title === 'A day at the lake'));
  assert.ok(moments.every((m) => m.day <= utcDay(-1) && m.day >= utcDay(-DAYS)));
  assert.ok(milestones.some((m) => m.kind === 'first_reveal'));
  assert.equal(milestones.filter((m) => m.kind === 'deck_level').length, 3, 'three decks opened a deeper level');
});

test('reflections: answers kept, and Ben shared one with Ada', TIMEOUT, async () => {
  for (const who of [ada, ben]) {
    const body = await read(who, '/api/v1/reflections');
    assert.ok(body.offered, 'a question is offered');
    assert.ok(body.answers.length >= 3);
    assert.ok(body.answers.every((a) => a.prompt && a.body.length > 10));
  }
  const bens = (await read(ben, '/api/v1/reflections')).answers;
  assert.equal(bens.filter((a) => a.shared_with.length > 0).length, 1);
});

test('conversations: three decks opened their second level; one waits for each of them', TIMEOUT, async () => {
  const adaDecks = (await read(ada, `/api/v1/bonds/${bond.id}/decks`)).decks;
  const opened = adaDecks.filter((d) => d.unlocked >= 2).map((d) => d.id).sort();
  assert.deepEqual(opened, ['inner_world', 'love_map', 'own_space']);
  assert.ok(adaDecks.find((d) => d.id === 'own_space').levels[0].revealed >= 5);
  assert.ok(adaDecks.some((d) => d.waiting_for_you > 0), 'Ben answered one Ada has not');
  assert.ok(adaDecks.some((d) => d.waiting_for_other > 0), 'Ada answered one Ben has not');

  const prompt = await read(ada, `/api/v1/bonds/${bond.id}/prompts/own_space.2.asking_for_space`);
  assert.ok(prompt.revealed_at, 'revealed');
  assert.match(prompt.mine.body, /Guilty at first/);
  assert.match(prompt.other.body, /enjoy it, and mean it/);

  // The love map: Ada guessed Ben's free Saturday right; Ben guessed hers wrong.
  const guess = await read(ada, `/api/v1/bonds/${bond.id}/prompts/love_map.1.free_saturday`);
  assert.ok(guess.revealed_at);
  assert.equal(guess.mine.guess, guess.other.choice);
  assert.notEqual(guess.other.guess, guess.mine.choice);
});

test('menus: both opened the intimacy menu; eight shared affection wishes and a few intimate ones', TIMEOUT, async () => {
  for (const who of [ada, ben]) {
    const menus = await read(who, `/api/v1/bonds/${bond.id}/menus`);
    assert.equal(menus.adult_confirmed, true);
    assert.ok(menus.menus.every((m) => m.open), JSON.stringify(menus.menus));
    assert.equal(menus.suggestions.length, 2, 'one suggestion by each');
    assert.equal(menus.suggestions.filter((s) => s.mine).length, 1);
  }
  const { matches } = await read(ben, `/api/v1/bonds/${bond.id}/menus/matches`);
  const affection = matches.filter((m) => m.menu === 'affection');
  const intimacy = matches.filter((m) => m.menu === 'intimacy');
  assert.equal(affection.length, 8);
  assert.ok(affection.some((m) => m.item_id === 'affection.long_hug' && m.both_yes));
  assert.ok(intimacy.length >= 3 && intimacy.length <= 8, `${intimacy.length} intimate matches`);
  assert.ok(intimacy.filter((m) => m.ask_first).length >= 2, 'some "ask me first"');
  const mine = (await read(ada, `/api/v1/bonds/${bond.id}/menus/mine`)).answers;
  assert.ok(mine.length >= 15);
});

test('what is new: recent notices, some unread, none from the future', TIMEOUT, async () => {
  for (const who of [ada, ben]) {
    const { notices, unread } = await read(who, '/api/v1/notices');
    assert.ok(notices.length >= 10, `${notices.length} notices`);
    assert.ok(unread > 0, 'the last day is still unread');
    const kinds = new Set(notices.map((n) => n.kind));
    assert.ok(kinds.size >= 3, [...kinds].join(' '));
    const now = Date.now();
    assert.ok(notices.every((n) => Date.parse(n.created_at) < now));
  }
});

test("Ada's export follows the published schema and is filled in every feature, with the words she was shown", TIMEOUT, async () => {
  const res = await fetch(server.origin + '/api/v1/me/export', { headers: { cookie: [...ada.jar].map(([n, v]) => `${n}=${v}`).join('; ') } });
  assert.equal(res.status, 200);
  const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
  const doc = JSON.parse(strFromU8(files['pillars-export.json']));
  assertExportSchema(doc);
  assert.ok(doc.entries.length >= 20 && doc.responses_written.length > 0 && doc.needs.length > 0);
  const [part] = doc.bonds;
  for (const list of ['checkins', 'shared_with_me', 'appreciations', 'comfort_requests', 'space_requests', 'moments', 'conversations'])
    assert.ok(part[list].length > 0, `${list} is filled`);
  assert.equal(part.checkins.length, DAYS);
  assert.ok(part.wishes.mine.length > 0 && part.their_needs, 'wishes and the needs Ben showed');
  // Every conversation carries the prompt's words and every wish the item's, as the catalog has them.
  const catalog = await read(ada, '/api/v1/catalog');
  const prompts = new Map(catalog.decks.flatMap((d) => d.prompts).map((p) => [p.id, p]));
  for (const c of part.conversations) {
    const p = prompts.get(c.prompt_id);
    assert.ok(p, c.prompt_id);
    assert.equal(c.prompt, p.text);
    if (p.choices && c.mine.choice !== null) assert.equal(c.mine.choice_text, p.choices[c.mine.choice]);
  }
  assert.ok(part.conversations.some((c) => c.mine.choice_text), 'some answers were choices, named in words');
  const items = new Map(catalog.menus.flatMap((m) => m.items).map((i) => [i.id, i.text]));
  for (const w of part.wishes.mine) {
    if (items.has(w.item_id)) assert.equal(w.text, items.get(w.item_id));
    else assert.ok(w.text, `an item one of them added carries its words: ${w.item_id}`);
  }
  // The journal reads the same words.
  const journal = strFromU8(files['journal.md']);
  assert.ok(journal.includes(part.conversations[0].prompt), 'the journal quotes a prompt');
});

test('a second start with --demo adds nobody', TIMEOUT, async () => {
  await server.stop();
  server = await startServer({ args: ['--demo'], dataDir });
  assert.match(server.demoSignIn, /ben@example\.com/);
  const again = await signIn(server, 'ben@example.com', PASSWORD);
  const bonds = await again.get('/api/v1/bonds');
  assert.equal(bonds.body.bonds.length, 1);
  const { matches } = await read(again, `/api/v1/bonds/${bond.id}/menus/matches`);
  assert.equal(matches.filter((m) => m.menu === 'affection').length, 8, 'nothing was added twice');
});
