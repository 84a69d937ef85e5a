// Helpers for the two needs: answering the questionnaire the catalog serves.

import assert from 'node:assert/strict';

/** The questionnaire's statements as the catalog serves them. */
export async function needItems(client) {
  const res = await client.get('/api/v1/catalog');
  assert.equal(res.status, 200, res.text);
  return res.body.needs.items;
}

/**
 * Answers for every statement: `closeness` for the closeness statements and `independence` for
 * the others, as agreement the scoring reads straight (reverse-keyed ones get 8 - value), so the
 * scores come out exactly as given.
 */
export function answersFor(items, { closeness, independence }) {
  const answers = {};
  for (const item of items) {
    const want = item.need === 'closeness' ? closeness : independence;
    answers[item.id] = item.reverse ? 8 - want : want;
  }
  return answers;
}

/** Takes the questionnaire; resolves with the result as its owner sees it. */
export async function takeNeeds(person, items, scores) {
  const res = await person.post('/api/v1/me/needs', { answers: answersFor(items, scores) });
  assert.equal(res.status, 201, `take needs: ${res.status} ${res.text}`);
  return res.body.result;
}
