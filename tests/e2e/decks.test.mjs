// End-to-end: Conversations, as both people, on a phone (390 x 844). Ada and Ben are partners (set
// up through the API). Then:
// - Ada opens Conversations from the bond page, sees the question of the day and the decks as paths
//   of three levels, opens today's question and answers it;
// - Ben's open screen says, by itself, that she answered, without her words;
// - Ben answers, and both see the two answers side by side with the invitation to talk;
// - a love-map choice goes from answer to reveal, and Ada's missed guess becomes "Ask Ben about this";
// - What’s new leads Ada to the answers she can read; once Ben ends the bond, each keeps only their
//   own answer and nothing new can be answered;
// - axe-core finds nothing serious on the screens; nothing scrolls sideways.
// Any console error or CSP violation fails the run.
//
// Run from the repository root after `make build`:
//   node --test tests/e2e/decks.test.mjs

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { TEST_TIMEOUT, assertAccessible, assertFitsWidth, callIn, createHarness, h1, liveRegion, localDay, assertFocus } from './lib/harness.mjs';

const h = createHarness();
const run = Date.now().toString(36);
const ada = { name: 'Ada Lindqvist', email: `ada.decks.${run}@example.test`, password: 'quiet harbour lantern 42' };
const ben = { name: 'Ben Okafor', email: `ben.decks.${run}@example.test`, password: 'orchard kettle meadow 17' };
const adaWords = 'The walk by the river on Sunday, when the light went gold.';
const benWords = 'Cooking together with the radio on.';

let catalog;
let bondId = '';
let today; // { prompt_id, deck, level }
const page = (who) => h.people[who].page;
const callAs = (who, method, path, data) => callIn(page(who), method, path, data);
const promptOf = (id) => catalog.decks.flatMap((d) => d.prompts).find((p) => p.id === id);

async function openPrompt(who, id) {
  const p = page(who);
  await p.goto(`/bonds/${bondId}/prompts/${id.replaceAll('.', '-')}`);
  await h1(p).filter({ hasText: promptOf(id).text }).waitFor();
  await p.waitForTimeout(500); // the live connection is open
  return p;
}

/** Answers the prompt open on `p`: words, or a love-map choice and guess (by index). */
async function answer(p, prompt, words, choice = 0, guess = 0) {
  if (prompt.choices) {
    await p.getByRole('group', { name: 'Your answer' }).getByRole('radio', { name: prompt.choices[choice], exact: true }).check();
    await p.getByRole('group', { name: /^Your guess for/ }).getByRole('radio', { name: prompt.choices[guess], exact: true }).check();
  } else {
    await p.getByRole('textbox', { name: 'Your answer' }).fill(words);
  }
  await p.getByRole('button', { name: 'Keep my answer' }).click();
}

before(async () => {
  await h.start();
  catalog = await (await fetch(`${h.server.url}/api/v1/catalog`)).json();
}, { timeout: 60_000 });
after(h.stop, { timeout: 30_000 });

test('Ada and Ben, partners', { timeout: TEST_TIMEOUT }, async () => {
  ({ bondId } = await h.partners('ada', ada, 'ben', ben));
  await page('ada').goto('/');
  await page('ben').goto('/');
  const decks = await callAs('ada', 'GET', `/api/v1/bonds/${bondId}/decks?day=${await localDay(page('ada'))}`);
  assert.equal(decks.status, 200, JSON.stringify(decks.body));
  today = decks.body.today;
  assert.ok(today, 'a question of the day');
});

test('Ada opens Conversations from the bond page: the question of the day, and the decks as paths', { timeout: TEST_TIMEOUT }, async () => {
  const p = page('ada');
  await p.goto(`/bonds/${bondId}`);
  await p.getByText(`Today: ${promptOf(today.prompt_id).text}`).waitFor();
  await p.getByRole('link', { name: /^Conversations/ }).click();
  await h1(p).filter({ hasText: 'Conversations' }).waitFor();
  const card = p.locator('.deck-today');
  await card.getByText(promptOf(today.prompt_id).text).waitFor();
  const deck = catalog.decks.find((d) => d.id === today.deck);
  await card.getByText(deck.title).waitFor();
  // Each deck: three levels, the first open, the next saying how far it is from opening.
  const first = p.locator('.deck').first();
  assert.equal(await first.locator('.deck-path__level').count(), 3);
  await first.getByText('Opens after 5 shared at the level before: 0 of 5').first().waitFor();
  assert.equal(await p.getByText(/score|points/i).count(), 0, 'no scores');
  await assertAccessible(p, 'Conversations');
  await assertFitsWidth(p, 'Conversations');
});

test('Ada answers today’s question; Ben’s open screen says she answered, without her words', { timeout: TEST_TIMEOUT }, async () => {
  const prompt = promptOf(today.prompt_id);
  const b = await openPrompt('ben', prompt.id);
  const a = page('ada');
  await a.getByRole('link', { name: 'Open today’s question' }).click();
  await h1(a).filter({ hasText: prompt.text }).waitFor();
  await a.getByRole('button', { name: 'Not now' }).waitFor();
  await a.getByText(/Only for you: Ben Okafor is never told/).waitFor();
  await assertAccessible(a, 'answering a question');
  await answer(a, prompt, adaWords, 1, 1);
  await a.getByText(/You answered\. Ben Okafor sees only that you answered, not your words, until they answer too/).waitFor();
  await liveRegion(a).filter({ hasText: 'Your answer is kept.' }).waitFor();
  await assertFocus(a, () => document.activeElement?.classList.contains('deck-standing'), true, 'focus on what happened');

  await b.getByText('Ada Lindqvist answered. Their answer opens to you once you answer too.').waitFor();
  await liveRegion(b).filter({ hasText: 'Ada Lindqvist answered a question; yours is waiting.' }).waitFor();
  assert.equal(await b.getByText(adaWords).count(), 0, 'her words stay hers until he answers');
  // On the deck, the prompt says whose turn it is.
  await b.goto(`/bonds/${bondId}/decks/${today.deck}`);
  await b.locator('.deck-prompt').filter({ hasText: prompt.text }).getByText('Ada Lindqvist answered — your turn').waitFor();
  await assertAccessible(b, 'a deck');
  await assertFitsWidth(b, 'a deck');
});

test('Ben answers: both see the two answers side by side, and an invitation to talk', { timeout: TEST_TIMEOUT }, async () => {
  const prompt = promptOf(today.prompt_id);
  const a = await openPrompt('ada', prompt.id);
  const b = await openPrompt('ben', prompt.id);
  await answer(b, prompt, benWords, 2 % (prompt.choices?.length ?? 3), 1);
  for (const p of [b, a]) {
    await p.getByRole('heading', { name: 'Your answers, side by side' }).waitFor();
    await p.getByRole('heading', { name: 'Talk about it' }).waitFor();
    await p.getByText('What surprised you? Ask each other one question about it.').waitFor();
    await p.locator('.pair__who').filter({ hasText: /^Ada Lindqvist/ }).waitFor();
    await p.locator('.pair__who').filter({ hasText: /^Ben Okafor/ }).waitFor();
    if (!prompt.choices) {
      await p.getByText(adaWords).waitFor();
      await p.getByText(benWords).waitFor();
    }
    assert.equal(await p.getByRole('button', { name: 'Keep my answer' }).count(), 0, 'answers are locked once read');
  }
  await liveRegion(a).filter({ hasText: 'You have both answered: read each other’s answers.' }).waitFor();
  await assertAccessible(a, 'the reveal');
  await assertFitsWidth(a, 'the reveal');
});

test('a love-map choice, from answer to reveal: a missed guess is something to ask about', { timeout: TEST_TIMEOUT }, async () => {
  const deck = catalog.decks.find((d) => d.id === 'love_map');
  const prompt = deck.prompts.find((p) => p.level === 1 && p.choices && p.id !== today.prompt_id);
  const a = await openPrompt('ada', prompt.id);
  await a.getByRole('group', { name: 'Your answer' }).waitFor();
  await a.getByRole('group', { name: 'Your guess for Ben Okafor' }).waitFor();
  await assertAccessible(a, 'a love-map choice');
  // Ada chooses the first and guesses Ben chooses the second; Ben chooses the third and guesses
  // Ada's first rightly.
  await answer(a, prompt, '', 0, 1);
  await a.getByText(/You answered\./).waitFor();
  const b = await openPrompt('ben', prompt.id);
  await answer(b, prompt, '', 2, 0);
  await b.getByRole('heading', { name: 'Your answers, side by side' }).waitFor();
  await b.getByText('You knew this about Ada Lindqvist.').waitFor();
  await b.getByText('Tell Ada Lindqvist about this.').waitFor();
  await a.getByText('Ask Ben Okafor about this.').waitFor();
  await a.getByText('Ben Okafor knew this about you.').waitFor();
  const adaSide = a.locator('.pair__side--mine');
  await adaSide.getByText(prompt.choices[0], { exact: true }).waitFor();
  await adaSide.getByText(prompt.choices[1], { exact: true }).waitFor();
  assert.equal(await a.getByText(/\d+\s*(%|points|of \d+ right)/).count(), 0, 'no score');
  await a.getByText('What surprised you? Ask each other one question about it.').waitFor();
  await assertAccessible(a, 'a love-map reveal');
});

test('What’s new leads Ada to the answers she can now read', { timeout: TEST_TIMEOUT }, async () => {
  const a = page('ada');
  await a.goto('/');
  const news = a.locator('section', { has: a.getByRole('heading', { name: 'What’s new' }) });
  const item = news.getByRole('link', { name: /You and Ben Okafor have both answered a question/ }).first();
  await item.waitFor();
  await item.click();
  await a.getByRole('heading', { name: 'Your answers, side by side' }).waitFor();
  assert.match(a.url(), /\/prompts\//);
});

test('after Ben ends the bond, each keeps only their own answer, and nothing can be answered', { timeout: TEST_TIMEOUT }, async () => {
  const ended = await callAs('ben', 'POST', `/api/v1/bonds/${bondId}/end`, {});
  assert.equal(ended.status, 200, JSON.stringify(ended.body));
  const prompt = promptOf(today.prompt_id);
  const a = await openPrompt('ada', prompt.id);
  await a.getByRole('heading', { name: 'Your answer', exact: true }).waitFor();
  await a.getByText(/This bond has ended\. Your own answer stays yours to read/).waitFor();
  await a.locator('.pair__who').filter({ hasText: /^Ada Lindqvist/ }).waitFor();
  assert.equal(await a.locator('.pair__who').filter({ hasText: /^Ben Okafor/ }).count(), 0, 'his side is gone');
  if (!prompt.choices) assert.equal(await a.getByText(benWords).count(), 0, 'his words are his alone now');
  assert.equal(await a.getByRole('heading', { name: 'Talk about it' }).count(), 0);
  const unanswered = catalog.decks.find((d) => d.id === 'journey').prompts.find((p) => p.level === 1 && !p.choices && p.id !== today.prompt_id);
  await openPrompt('ada', unanswered.id);
  await a.getByText('This bond has ended; nothing new can be answered.').waitFor();
  assert.equal(await a.getByRole('button', { name: 'Keep my answer' }).count(), 0);
  await assertAccessible(a, 'an ended bond’s answer');
});
