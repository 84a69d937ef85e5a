// Which live events can change insights: anything the two did together that the numbers count.
import type { LiveEvent } from '../live';

const counted = new Set<string>([
  'checkin_revealed',
  'appreciation_added',
  'comfort_requested',
  'comfort_answered',
  'space_requested',
  'space_answered',
  'entry_shared',
  'entry_withdrawn',
  'entry_updated',
  'response_added',
  'bond_ended',
]);

/** Whether `event` may change the insights of `bondId` (any bond when it is null). */
export function changesInsights(event: Pick<LiveEvent, 'type' | 'bond_id'>, bondId: string | null): boolean {
  if (event.type === 'resync') return true;
  return counted.has(event.type) && (bondId === null || event.bond_id === bondId);
}
