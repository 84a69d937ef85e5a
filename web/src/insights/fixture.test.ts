// Shared by the insights', the two needs', the journey's, the reflections' and time of one's own's tests (no tests of
// its own): the real
// words of the catalog, and a bond's insights as the server sends them.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BondInsights, Catalog } from '../api';

// The real words, as the server serves them in the catalog.
const web = process.env.PILLARS_WEB_DIR ?? process.cwd();
const content = (name: string) => JSON.parse(readFileSync(path.join(web, '..', 'content', `${name}.json`), 'utf8'));
export const catalog = {
  insights: content('insights'),
  needs: content('needs'),
  journey: content('journey'),
  reflections: content('reflections'),
  own_time: content('own_time'),
} as unknown as Catalog;

/** A bond's insights as the server sends them: Ada (a) and Ben (b), in id order. */
export function bondInsights(change: (i: BondInsights) => void = () => {}): BondInsights {
  const member = (id: string) => ({ member_id: id });
  const i: BondInsights = {
    bond_id: 'bond1',
    days: 28,
    from: '2026-02-02',
    to: '2026-03-01',
    members: [
      { id: 'a', name: 'Ada' },
      { id: 'b', name: 'Ben' },
    ],
    highlight: 'closeness',
    closeness: {
      state: 'one_closer',
      who: 'b',
      days: 5,
      needed: 4,
      members: [
        { member_id: 'a', mean_now: 4, mean_wanted: 4.2, gap: 0.2, direction: 'balanced' },
        { member_id: 'b', mean_now: 3, mean_wanted: 5, gap: 2, direction: 'more_closeness' },
      ],
      pursue_withdraw: false,
      series: [
        { day: '2026-02-27', now: [4, 3], wanted: [4, 5] },
        { day: '2026-03-01', now: [5, 2], wanted: [5, 6] },
      ],
    },
    needs: {
      state: 'closeness',
      members: [
        { ...member('a'), space: 0, closeness: 0, comfort: 0, fine: 5, space_requests: 0, comfort_requests: 0 },
        { ...member('b'), space: 1, closeness: 3, comfort: 0, fine: 1, space_requests: 2, comfort_requests: 1 },
      ],
    },
    vulnerability: {
      state: 'quiet',
      members: [
        { ...member('a'), shared_vulnerable: 0, comfort_requests: 0, comfort_days: 0 },
        { ...member('b'), shared_vulnerable: 0, comfort_requests: 0, comfort_days: 0 },
      ],
    },
    appreciation: { state: 'some', members: [{ ...member('a'), sent: 2, days_since_love: 1 }, { ...member('b'), sent: 0, days_since_love: null }] },
    space: {
      state: 'told',
      members: [
        { ...member('a'), own_minutes: 300, together_minutes: 600, own_share: 0.33, weekly_own_minutes: 420 },
        { ...member('b'), own_minutes: 100, together_minutes: 600, own_share: 0.14, weekly_own_minutes: 140 },
      ],
    },
    responsiveness: { state: 'no_calls', calls: 0, answered: 0, median_wait_minutes: null },
  };
  change(i);
  return i;
}
