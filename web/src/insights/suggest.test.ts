import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Bond, BondInsights } from '../api';
import { homeSuggestion } from './suggest';
import { bondInsights, catalog } from './fixture.test';

const bond = (id: string, name: string, status: Bond['status'] = 'active'): Bond => ({
  id,
  kind: 'partner',
  status,
  created_at: '2026-01-01T00:00:00Z',
  ended_at: null,
  other: { id: `o-${id}`, display_name: name },
});
const of = (id: string, change: (i: BondInsights) => void) => bondInsights((i) => {
  i.bond_id = id;
  change(i);
});

test('Home offers the highlighted card’s suggestion, from the reader’s side', () => {
  const insights = of('b1', (i) => Object.assign(i, { highlight: 'vulnerability' }) && Object.assign(i.vulnerability, { state: 'one_sided', one_sided: 'a' }));
  const s = homeSuggestion([{ bond: bond('b1', 'Ben'), insights }], 'a', catalog)!;
  assert.equal(s.bondId, 'b1');
  assert.equal(s.name, 'Ben');
  assert.equal(s.title, 'Letting the other in');
  assert.equal(s.suggestion, catalog.insights.bond.vulnerability!.states.one_sided!.suggestion_open);
});

test('nothing to suggest while the highlighted card waits for more days, or without bonds', () => {
  const waiting = of('b1', (i) => (i.closeness = { state: 'not_enough', days: 1, needed: 4, pursue_withdraw: false, series: [] }));
  assert.equal(homeSuggestion([{ bond: bond('b1', 'Ben'), insights: waiting }], 'a', catalog), null);
  assert.equal(homeSuggestion([], 'a', catalog), null);
  const unknown = of('b1', (i) => (i.highlight = 'depth'));
  assert.equal(homeSuggestion([{ bond: bond('b1', 'Ben'), insights: unknown }], 'a', catalog), null);
});

test('across bonds, what needs care comes before what goes well; an ended bond suggests nothing', () => {
  const well = of('b1', (i) => Object.assign(i.closeness, { state: 'balanced', who: undefined }));
  const care = of('b2', (i) => Object.assign(i, { highlight: 'appreciation' }) && Object.assign(i.appreciation, { state: 'none' }));
  const both = [{ bond: bond('b1', 'Ben'), insights: well }, { bond: bond('b2', 'Cy'), insights: care }];
  assert.equal(homeSuggestion(both, 'a', catalog)?.bondId, 'b2');
  assert.equal(homeSuggestion([both[0]!], 'a', catalog)?.bondId, 'b1', 'what goes well is offered when it is all there is');
  assert.equal(homeSuggestion([{ bond: bond('b2', 'Cy', 'ended'), insights: care }], 'a', catalog), null);
});
