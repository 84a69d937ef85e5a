import assert from 'node:assert/strict';
import { test } from 'node:test';
import { changesInsights } from './live';

test('insights are fetched again for what they count, in their own bond, and after a reconnect', () => {
  assert.equal(changesInsights({ type: 'checkin_revealed', bond_id: 'b1' }, 'b1'), true);
  assert.equal(changesInsights({ type: 'checkin_revealed', bond_id: 'b2' }, 'b1'), false);
  assert.equal(changesInsights({ type: 'checkin_revealed', bond_id: 'b2' }, null), true);
  assert.equal(changesInsights({ type: 'checkin_added', bond_id: 'b1' }, 'b1'), false, 'an unrevealed check-in counts for nothing');
  assert.equal(changesInsights({ type: 'resync', bond_id: '' }, 'b1'), true);
});
