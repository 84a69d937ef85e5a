import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bondInsights, catalog } from './fixture.test';
import { askAboutSaid, guessesSaid, ownTimeBar, affectionSaid, livedWishesSaid, answeredSaid, balanceWords, bondCardText, spaceSaid, wishShown, fillPeople, fillWho, needsSaid, peopleOf, perWeek, roughMinutes, selfCardText, waitSaid, type BondCard } from './words';

test('the reader comes first and is “you”; the order is otherwise the server’s', () => {
  const members = bondInsights().members;
  assert.deepEqual(peopleOf(members, 'b').map((p) => [p.name, p.you]), [['Ben', true], ['Ada', false]]);
  assert.deepEqual(peopleOf(members, 'a').map((p) => [p.name, p.you]), [['Ada', true], ['Ben', false]]);
});

test('{who} is the name, or a lower-case “you” for the reader', () => {
  const people = peopleOf(bondInsights().members, 'a');
  assert.equal(fillWho('Lately, {who} would have liked more.', 'b', people), 'Lately, Ben would have liked more.');
  assert.equal(fillWho('Lately, {who} would have liked more.', 'a', people), 'Lately, you would have liked more.');
  assert.equal(fillWho('No one named.', undefined, people), 'No one named.');
  assert.equal(fillWho('Lately, {who} wished.', 'zz', people), 'Lately, one of you wished.');
});

test('several members named in one sentence, each slot by its own name; unknown slots stay', () => {
  const people = peopleOf(bondInsights().members, 'b');
  assert.equal(
    fillPeople('Now {closer} would like more than {other} would, {closer} says; {x} stays.', { closer: 'a', other: 'b' }, people),
    'Now Ada would like more than you would, Ada says; {x} stays.',
  );
  assert.equal(fillPeople('Now {roomier} would like room.', { roomier: null }, people), 'Now one of you would like room.');
});

test('a card says its state’s words, with {who} filled in from the reader’s side', () => {
  const ada = bondCardText(catalog, bondInsights(), 'closeness', 'a')!;
  assert.equal(ada.title, 'Close and apart');
  assert.equal(ada.sentence, 'Lately, Ben would have liked to feel a little closer.');
  assert.equal(ada.waiting, false);
  assert.match(ada.suggestion, /\S/);
  const ben = bondCardText(catalog, bondInsights(), 'closeness', 'b')!;
  assert.equal(ben.sentence, 'Lately, you would have liked to feel a little closer.');
  const room = bondCardText(catalog, bondInsights((i) => Object.assign(i.space, { state: 'room_unmet', who: 'a' })), 'space', 'a')!;
  assert.equal(room.sentence, 'Lately, you had less time alone than wished for.');
});

test('one-sided vulnerability offers each side the suggestion meant for them', () => {
  const i = bondInsights((x) => Object.assign(x.vulnerability, { state: 'one_sided', one_sided: 'a' }));
  const words = catalog.insights.bond.vulnerability!.states.one_sided!;
  assert.equal(bondCardText(catalog, i, 'vulnerability', 'a')!.suggestion, words.suggestion_open);
  assert.equal(bondCardText(catalog, i, 'vulnerability', 'b')!.suggestion, words.suggestion_quiet);
  assert.equal(bondCardText(catalog, i, 'vulnerability', 'b')!.sentence, words.sentence);
});

test('a card that waits for more days says so; affection is absent when the server leaves it out', () => {
  const i = bondInsights((x) => {
    x.closeness = { state: 'not_enough', days: 2, needed: 4, pursue_withdraw: false, series: [] };
  });
  const text = bondCardText(catalog, i, 'closeness', 'a')!;
  assert.equal(text.waiting, true);
  assert.match(text.sentence, /few days/);
  assert.equal(bondCardText(catalog, i, 'affection', 'a'), null);
  const withAffection = bondInsights((x) => {
    x.affection = { state: 'some', with_affection: 3, with_lovemaking: 1, affection_without_lovemaking: 2 };
  });
  assert.equal(bondCardText(catalog, withAffection, 'affection', 'a')!.title, 'Affection');
});

test('every state of every card has words, and none leaves {who} or a blank behind', () => {
  const states: Record<BondCard, string[]> = {
    closeness: ['not_enough', 'balanced', 'both_closer', 'both_space', 'one_closer', 'one_space', 'pursue_withdraw'],
    needs: ['not_enough', 'comfort', 'space', 'closeness', 'fine'],
    vulnerability: ['quiet', 'both', 'one', 'one_sided'],
    appreciation: ['none', 'some'],
    space: ['not_enough', 'told', 'room_unmet'],
    affection: ['none', 'some'],
    responsiveness: ['no_calls', 'answered', 'some_unanswered'],
  };
  for (const [card, list] of Object.entries(states) as [BondCard, string[]][]) {
    for (const state of list) {
      for (const viewer of ['a', 'b']) {
        const i = bondInsights((x) => {
          x.affection = { state: 'none', with_affection: 0, with_lovemaking: 0, affection_without_lovemaking: 0 };
          Object.assign(x[card]!, { state, who: 'b' }, state === 'one_sided' ? { one_sided: 'b' } : {});
        });
        const text = bondCardText(catalog, i, card, viewer);
        assert.ok(text, `${card}.${state}`);
        assert.doesNotMatch(text.sentence, /\{who\}|undefined/, `${card}.${state}`);
        assert.match(text.suggestion, /\S/, `${card}.${state} has a suggestion for ${viewer}`);
      }
    }
  }
  for (const [card, list] of [['sharing_gap', ['not_enough', 'told']], ['own_time', ['not_enough', 'no_wish', 'under_wish', 'met_wish']], ['mind_reading', ['not_enough', 'told']]] as const)
    for (const state of list) assert.ok(selfCardText(catalog, card, state)?.suggestion, `${card}.${state}`);
});

test('needs are said plainly, one person at a time', () => {
  const [a, b] = bondInsights().needs.members;
  assert.deepEqual(needsSaid(a!), ['fine as things were']);
  assert.deepEqual(needsSaid(b!), ['closeness on 3 days', 'some space on 1 day', 'asked for time alone twice', 'asked for comfort once']);
  assert.deepEqual(needsSaid({ ...a!, fine: 0 }), ['nothing named yet']);
});

test('minutes are said roughly, waits in the unit that fits', () => {
  assert.equal(roughMinutes(0), 'none');
  assert.equal(roughMinutes(45), '45 minutes');
  assert.equal(roughMinutes(43), 'about 45 minutes');
  assert.equal(roughMinutes(60), '1 hour');
  assert.equal(roughMinutes(257), 'about 4 and a half hours');
  assert.equal(roughMinutes(75), '1 hour 15 minutes');
  assert.equal(roughMinutes(83), 'about 1 hour 30 minutes');
  assert.equal(roughMinutes(2), 'about 5 minutes');
  assert.equal(roughMinutes(600), '10 hours');
  assert.equal(waitSaid(1), 'within a minute or two');
  assert.equal(waitSaid(125), 'within about 2 hours');
  assert.equal(waitSaid(4320), 'within about 3 days');
  assert.equal(perWeek(300, 5), 420);
  assert.equal(perWeek(100, 3), 233);
  assert.equal(perWeek(100, 0), 0);
});

test('a member’s latest day is said in the scale’s own words', () => {
  assert.equal(balanceWords(4, 6), 'felt close, with room; wished for very close');
  assert.equal(balanceWords(5, 5), 'felt close, just as close as wished');
});

test('time alone and together are said a week at a time, with a wish only where it is shown', () => {
  const [a, b] = bondInsights().space.members;
  assert.deepEqual(spaceSaid(a!, 5), ['alone: 7 hours a week', 'together: 14 hours a week']);
  assert.equal(wishShown(b!), null);
  const shown = { ...b!, wish_per_week: 600, under_wish: true };
  assert.deepEqual(spaceSaid(shown, 5), ['alone: about 2 hours 15 minutes a week', 'together: 14 hours a week', 'wish for time alone: 10 hours a week']);
});

test('affection and answers are said for the two together', () => {
  assert.deepEqual(affectionSaid({ state: 'some', with_affection: 5, with_lovemaking: 1, affection_without_lovemaking: 4 }), [
    'affection on 5 days',
    'making love on 1 day',
    'affection without making love on 4 days',
  ]);
  const r = (calls: number, answered: number, median_wait_minutes: number | null) => answeredSaid({ state: 'x', calls, answered, median_wait_minutes });
  assert.equal(r(0, 0, null), null);
  assert.equal(r(4, 3, 125), '3 of the 4 times one of you reached out, the other answered, usually within about 2 hours.');
  assert.equal(r(1, 1, 30), 'The one time one of you reached out, the other answered, within 30 minutes.');
  assert.equal(r(1, 0, null), 'The one time one of you reached out has no answer yet.');
  assert.equal(r(3, 0, null), 'None of the 3 times one of you reached out has an answer yet.');
});

test('one’s guesses are told once there are enough days, in plain counts', () => {
  assert.match(guessesSaid({ name: 'Ben', days: 3, needed: 4, family_right: 2, closeness_right: 3 }), /After a few more days/);
  assert.equal(
    guessesSaid({ name: 'Ben', days: 20, needed: 4, family_right: 12, closeness_right: 15 }),
    'On 12 of the 20 days you both checked in, you guessed the kind of feeling Ben felt most; on 15, you came within a step of how close Ben felt.',
  );
});

test('time alone and the wish share one bar, the longer reaching 90', () => {
  assert.deepEqual(ownTimeBar(300, 600), { fill: 45, mark: 90 });
  assert.deepEqual(ownTimeBar(600, 300), { fill: 90, mark: 45 });
  assert.deepEqual(ownTimeBar(120, null), { fill: 90, mark: null });
  assert.deepEqual(ownTimeBar(0, 0), { fill: 0, mark: 0 });
  assert.deepEqual(ownTimeBar(0, null), { fill: 0, mark: null });
});

test('feelings to ask about are said as a plain list', () => {
  assert.equal(askAboutSaid('Ben', ['calm', 'anger']), 'Your guesses missed Ben’s calm and anger most often. When you sense one of these, ask rather than guess.');
  assert.equal(askAboutSaid('Ben', ['fear']), 'Your guesses missed Ben’s fear most often. When you sense it, ask rather than guess.');
});

test('the shared wishes lived are said in their own words, most first, with their days', () => {
  const words: Record<string, string> = { a: 'A long hug, without hurrying to let go', b: 'Cooking together', c: 'TV night in' };
  assert.deepEqual(livedWishesSaid([{ item_id: 'a', days: 3 }, { item_id: 'b', days: 1 }, { item_id: 'c', days: 2 }], (id) => words[id] ?? id), [
    'a long hug, without hurrying to let go (3 days)',
    'cooking together (1 day)',
    'TV night in (2 days)',
  ]);
});
